package org.icldynamics.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.icldynamics.analysis.DropTiming;
import org.icldynamics.analysis.TimingResult;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.inspect.DropTimePredictions;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.run.RunReader;
import org.icldynamics.theory.EscapeTimes;
import org.icldynamics.theory.LinearAttentionPopulation;
import org.icldynamics.theory.MergedAttentionTimeCourse;
import org.icldynamics.theory.MergedCourse;
import org.icldynamics.theory.SoftmaxStages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The timing subcommands of {@code icl theory}: merged linear attention's escape time and time course
 * (linear-attention A.4 items 5, 6), drop times from a run's own initial weights (items 5, 9, any rank, by the exact
 * population flow) and the softmax approximate flow's stage boundaries (softmax-multihead A.4.5). Linear-attention
 * numbers are in the authors' code units (no 1/N, MSE without 1/2, GD step {@code --eta}; time = step).
 */
final class TheoryTimingCommands {
    private TheoryTimingCommands() {
    }

    /** A diagonal {@code Lambda} from its eigenvalues, or a linear / white spectrum of trace 1. */
    static final class Setting {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;
        @CommandLine.Mixin
        SpectrumOptions spectrum;
        @Option(names = "--n", defaultValue = "31", description = "context length N (default ${DEFAULT-VALUE})")
        int n;
        @Option(names = "--eta", defaultValue = "0.001", description = "GD step (default ${DEFAULT-VALUE})")
        double eta;

        double[] eigenvalues() {
            double[] ev = spectrum.eigenvalues(spec);
            if (n < 1 || !(eta > 0)) {
                throw TheoryCommand.invalid(spec, "need --n >= 1 and --eta > 0");
            }
            return ev;
        }

        LinearAttentionPopulation population() {
            double[] ev = eigenvalues();
            double[] lambda = new double[ev.length * ev.length];
            for (int i = 0; i < ev.length; i++) {
                lambda[i * ev.length + i] = ev[i];
            }
            return LinearAttentionPopulation.codeUnits(lambda, ev.length, n);
        }

        boolean white() {
            double[] ev = eigenvalues();
            for (double e : ev) {
                if (e != ev[0]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The initial overlap {@code u_0}: given, or the spec's estimate {@code sqrt(H) init^2}. */
    static final class Overlap {
        @Option(names = "--u0", description = "initial product along Lambda^2 (A.4 item 5)")
        Double u0;
        @Option(names = "--init", defaultValue = "1e-6", description = "without --u0: init std, u0 = sqrt(H) init^2 (default ${DEFAULT-VALUE})")
        double init;
        @Option(names = "--heads", defaultValue = "8", description = "without --u0: heads H (default ${DEFAULT-VALUE})")
        int heads;

        double value(CommandSpec spec) {
            double u = u0 != null ? u0 : Math.sqrt(heads) * init * init;
            if (!(u > 0) || heads < 1) {
                throw TheoryCommand.invalid(spec, "need --u0 > 0 (or --init > 0 and --heads >= 1)");
            }
            return u;
        }
    }

    /**
     * The population flow for the command line's numbers; one it refuses or cannot integrate (eigenvalues or a step
     * so large that the loss overflows) is a usage error naming why, not a stack trace.
     */
    static MergedCourse finite(CommandSpec spec, java.util.function.Supplier<MergedCourse> flow) {
        try {
            return flow.get();
        } catch (IllegalArgumentException | IllegalStateException
                 | org.hipparchus.exception.MathRuntimeException e) {
            throw TheoryCommand.invalid(spec, "no finite flow for these settings (" + e.getMessage()
                    + "); smaller eigenvalues or --eta keep it finite");
        }
    }

    @Command(name = "merged-escape", mixinStandardHelpOptions = true,
            description = "Merged linear attention: escape (half-way) step ln(s/(alpha u0))/(4 eta s) (linear-attention "
                    + "A.4 item 5) and the half-way step of the population flow from an aligned init.")
    static final class MergedEscape implements Callable<Integer> {
        @CommandLine.Mixin
        Setting s;
        @CommandLine.Mixin
        Overlap o;

        @Override
        public Integer call() {
            LinearAttentionPopulation p = s.population();
            double u0 = o.value(s.spec);
            double formula = EscapeTimes.mergedFromOverlap(p, 1, u0) / s.eta;
            MergedCourse c = finite(s.spec, () -> MergedCourse.of(p, 1, u0, s.eta, 4 * formula, 4001));
            List<TheoryCommand.Quantity> rows = new ArrayList<>(List.of(
                    new TheoryCommand.Quantity("s", EscapeTimes.growthRate(p)),
                    new TheoryCommand.Quantity("alpha", EscapeTimes.curvature(p)),
                    new TheoryCommand.Quantity("u0", u0),
                    new TheoryCommand.Quantity("escape_step_formula", formula),
                    new TheoryCommand.Quantity("halfway_step_flow", c.halfWayStep()),
                    new TheoryCommand.Quantity("initial_loss", c.start()),
                    new TheoryCommand.Quantity("minimum_loss", c.minimum())));
            if (s.white()) {
                double lam = s.eigenvalues()[0];
                rows.add(new TheoryCommand.Quantity("halfway_step_eq10_product",
                        MergedAttentionTimeCourse.halfwayStepCodeUnits(s.eta, s.eigenvalues().length, s.n, lam, u0)));
            }
            TheoryCommand.printQuantities(s.spec, rows);
            return 0;
        }
    }

    @Command(name = "merged-course", mixinStandardHelpOptions = true,
            description = "Merged linear attention: population loss against GD step from an aligned init, by the exact "
                    + "flow (any Lambda); white Lambda adds eq. 10's sigma_c and loss (linear-attention A.4 item 6).")
    static final class MergedCourseCommand implements Callable<Integer> {
        @CommandLine.Mixin
        Setting s;
        @CommandLine.Mixin
        Overlap o;
        @Option(names = "--steps", defaultValue = "6000", description = "last step (default ${DEFAULT-VALUE})")
        double steps;
        @Option(names = "--points", defaultValue = "61", description = "rows, evenly spaced from 0 (default ${DEFAULT-VALUE})")
        int points;

        @Override
        public Integer call() {
            if (!(steps > 0) || points < 2) {
                throw TheoryCommand.invalid(s.spec, "need --steps > 0 and --points >= 2");
            }
            LinearAttentionPopulation p = s.population();
            double u0 = o.value(s.spec);
            MergedCourse c = finite(s.spec, () -> MergedCourse.of(p, 1, u0, s.eta, steps, points));
            boolean white = s.white();
            int d = s.eigenvalues().length;
            double lam = s.eigenvalues()[0];
            PrintWriter out = s.spec.commandLine().getOut();
            out.println(white ? "step,loss_flow,sigma_c_eq10,loss_eq10" : "step,loss_flow");
            for (int i = 0; i < points; i++) {
                if (white) {
                    double sig = MergedAttentionTimeCourse.sigmaCodeUnits(c.steps()[i], s.eta, d, s.n, lam, u0);
                    out.println(TheoryCommand.csvRow(c.steps()[i], c.losses()[i], sig,
                            MergedAttentionTimeCourse.lossCodeUnits(sig, d, s.n, lam)));
                } else {
                    out.println(TheoryCommand.csvRow(c.steps()[i], c.losses()[i]));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "escape", mixinStandardHelpOptions = true,
            description = "Drop times of a linear-attention run (merged, or separate of any rank) from its own step-0 "
                    + "weights: the exact population flow and the escape formulas (linear-attention A.4 items 5, 9), "
                    + "beside the measured ones.")
    static final class Escape implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @CommandLine.Parameters(paramLabel = "RUN", description = "the run directory")
        Path run;
        @Option(names = "--curve", description = "print the predicted loss curve (step,loss) instead")
        boolean curve;

        @Override
        public Integer call() throws java.io.IOException {
            TimingResult t = DropTimePredictions.of(new RunReader(run, ExperimentFactory::build));
            if (t == null) {
                throw new ConfigException(run + ": no drop-time theory applies (needs one-layer linear attention, "
                        + "merged value-output, one task, optimizer gd or sgd, a step-0 snapshot)");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (curve) {
                out.println("step,loss");
                for (int i = 0; i < t.curveSteps().length; i++) {
                    out.println(TheoryCommand.csvRow(t.curveSteps()[i], t.curveLosses()[i]));
                }
            } else {
                out.println("drop,level_before,level_after,measured_step,predicted_step,ratio,formula_step");
                for (DropTiming d : t.drops()) {
                    out.println(d.drop() + "," + TheoryCommand.csvRow(d.levelBefore(), d.levelAfter(), d.measured(),
                            d.predicted(), d.ratio(), d.formula()));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "stages", mixinStandardHelpOptions = true,
            description = "Softmax approximate flow from the symmetric init +-eps: warm-up end and emergence end "
                    + "(10%% and 90%% of the drop; softmax-multihead A.4.5), in flow time.")
    static final class Stages implements Callable<Integer> {
        @CommandLine.Mixin
        TheoryCommand.SoftmaxSetting s;
        @Option(names = "--heads", defaultValue = "2", description = "heads (default ${DEFAULT-VALUE})")
        int heads;
        @Option(names = "--init", defaultValue = "1e-3", description = "init scale eps (default ${DEFAULT-VALUE})")
        double init;
        @Option(names = "--end", defaultValue = "1000", description = "end time; the limit is read there (default ${DEFAULT-VALUE})")
        double end;

        @Override
        public Integer call() {
            s.check();
            if (!(init > 0 && init < 1) || heads < 1 || !(end >= Math.log(1 / init) + 10)) {
                throw TheoryCommand.invalid(s.spec, "need 0 < --init < 1, --heads >= 1, --end >= ln(1/init) + 10");
            }
            SoftmaxStages st = SoftmaxStages.predict(s.d, s.l, s.sigma2, heads, init, end);
            TheoryCommand.printQuantities(s.spec, List.of(
                    new TheoryCommand.Quantity("warm_up_end", st.stages().warmUpEnd()),
                    new TheoryCommand.Quantity("emergence_end", st.stages().emergenceEnd()),
                    new TheoryCommand.Quantity("warm_up_estimate_ln_0.25_over_eps", st.warmUpEstimate()),
                    new TheoryCommand.Quantity("final_half_loss", st.finalHalfLoss())));
            return 0;
        }
    }
}
