package org.icldynamics.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.theory.ApproximateGradientFlow;
import org.icldynamics.theory.ApproximateSoftmaxLoss;
import org.icldynamics.theory.BayesRisk;
import org.icldynamics.theory.BestStructuredLoss;
import org.icldynamics.theory.LinearAttentionTheory;
import org.icldynamics.theory.OdeSolution;
import org.icldynamics.theory.OneStepGdRisk;
import org.icldynamics.theory.OptimalPreconditioner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code icl theory ...}: closed forms and ODEs of the {@code theory} package, printed as CSV. */
@Command(name = "theory", mixinStandardHelpOptions = true,
        description = "Closed-form theory: plateau losses, GD/DGD risks, Bayes risk, approximate gradient flow.",
        subcommands = {TheoryCommand.Plateaus.class, TheoryCommand.Dgd.class, TheoryCommand.Bayes.class,
            TheoryCommand.ApproxFlow.class, TheoryCommand.BestLoss.class, TheoryCommand.GammaStar.class,
            TheoryTimingCommands.MergedEscape.class, TheoryTimingCommands.MergedCourseCommand.class,
            TheoryTimingCommands.Escape.class, TheoryTimingCommands.Stages.class})
public final class TheoryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(CommandLines.kebabEnums(new CommandLine(new TheoryCommand())).execute(args));
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** One row of a {@code quantity,value} table. */
    record Quantity(String name, double value) {
    }

    /** Prints a {@code quantity,value} CSV table with the rows in order. */
    static void printQuantities(CommandSpec spec, List<Quantity> rows) {
        PrintWriter out = spec.commandLine().getOut();
        out.println("quantity,value");
        for (Quantity q : rows) {
            out.println(q.name() + "," + fmt(q.value()));
        }
        out.flush();
    }

    /** The values formatted and joined by commas: one CSV row. */
    static String csvRow(double... values) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            row.append(i == 0 ? "" : ",").append(fmt(values[i]));
        }
        return row.toString();
    }

    /** A usage error naming its cause (picocli prints it with the subcommand's usage). */
    static CommandLine.ParameterException invalid(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Command(name = "plateaus", mixinStandardHelpOptions = true,
            description = "Linear-attention fixed-point losses L(M_0..M_d) (linear-attention A.4 item 8).")
    static final class Plateaus implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @CommandLine.Mixin
        SpectrumOptions spectrum;
        @Option(names = "--n", required = true, description = "context length N")
        int n;

        @Override
        public Integer call() {
            double[] ev = spectrum.eigenvalues(spec);
            if (n < 1) {
                throw invalid(spec, "--n must be >= 1");
            }
            PrintWriter out = spec.commandLine().getOut();
            double[] losses = LinearAttentionTheory.plateauLosses(ev, n);
            double[] sorted = ev.clone();
            Arrays.sort(sorted);
            double tr = losses[0]; // L(M_0) = tr Lambda
            out.println("m,loss,lambda_m,v_star_paper,v_star_code");
            for (int m = 0; m < losses.length; m++) {
                if (m == 0) {
                    out.println("0," + fmt(losses[0]) + ",,,");
                } else {
                    double lam = sorted[sorted.length - m];
                    out.println(m + "," + fmt(losses[m]) + "," + fmt(lam) + "," + fmt(LinearAttentionTheory.valueFixedPoint(lam, tr, n))
                            + "," + fmt(LinearAttentionTheory.valueFixedPointCodeUnits(lam, tr, n)));
                }
            }
            out.flush();
            return 0;
        }
    }

    /** Options shared by the softmax-theory subcommands, with the subcommand they are mixed into. */
    static final class SoftmaxSetting {
        /** The subcommand's spec: its output stream and usage. */
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;
        @Option(names = "--d", defaultValue = "5", description = "input dimension (default ${DEFAULT-VALUE})")
        int d;
        @Option(names = "--l", defaultValue = "40", description = "context length L (default ${DEFAULT-VALUE})")
        int l;
        @Option(names = "--sigma2", defaultValue = "0.1", description = "noise variance (default ${DEFAULT-VALUE})")
        double sigma2;

        void check() {
            if (d < 1 || l < 2 || !(sigma2 >= 0)) {
                throw invalid(spec, "need --d >= 1, --l >= 2, --sigma2 >= 0");
            }
        }
    }

    @Command(name = "dgd", mixinStandardHelpOptions = true,
            description = "Exact one-step GD and debiased-GD risks and optimal steps (softmax-multihead A.4.2).")
    static final class Dgd implements Callable<Integer> {
        @CommandLine.Mixin
        SoftmaxSetting s;
        @Option(names = "--eta", description = "also print the risks at this step")
        Double eta;

        @Override
        public Integer call() {
            s.check();
            List<Quantity> rows = new ArrayList<>(List.of(
                    new Quantity("eta_star_dgd", OneStepGdRisk.optimalDebiasedStep(s.d, s.l, s.sigma2)),
                    new Quantity("risk_star_dgd", OneStepGdRisk.optimalDebiasedRisk(s.d, s.l, s.sigma2)),
                    new Quantity("eta_star_gd", OneStepGdRisk.optimalGdStep(s.d, s.l, s.sigma2)),
                    new Quantity("risk_star_gd", OneStepGdRisk.optimalGdRisk(s.d, s.l, s.sigma2))));
            if (eta != null) {
                rows.add(new Quantity("risk_dgd_at_eta", OneStepGdRisk.debiased(eta, s.d, s.l, s.sigma2)));
                rows.add(new Quantity("risk_gd_at_eta", OneStepGdRisk.gd(eta, s.d, s.l, s.sigma2)));
            }
            printQuantities(s.spec, rows);
            return 0;
        }
    }

    @Command(name = "bayes", mixinStandardHelpOptions = true,
            description = "Finite-d Bayes risk by Monte Carlo, proportional and multi-head limits (softmax-multihead A.4.3).")
    static final class Bayes implements Callable<Integer> {
        @CommandLine.Mixin
        SoftmaxSetting s;
        @Option(names = "--samples", defaultValue = "20000", description = "Monte Carlo samples (default ${DEFAULT-VALUE})")
        int samples;
        @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() {
            s.check();
            if (!(s.sigma2 > 0) || samples < 2) {
                throw invalid(s.spec, "Monte Carlo Bayes risk needs --sigma2 > 0 and --samples >= 2");
            }
            BayesRisk.Estimate e = BayesRisk.monteCarlo(s.d, s.l, 1.0 / s.d, s.sigma2, s.sigma2, samples, new RandomStreams(seed));
            double xi = (double) s.d / s.l;
            printQuantities(s.spec, List.of(
                    new Quantity("bayes_risk_mc", e.mean()),
                    new Quantity("bayes_risk_mc_se", e.standardError()),
                    new Quantity("bayes_risk_proportional", BayesRisk.proportionalLimit(xi, s.sigma2)),
                    new Quantity("multi_head_limit", BayesRisk.multiHeadLimit(xi, s.sigma2))));
            return 0;
        }
    }

    /** Integrators for the approximate flow. */
    enum Integrator { EULER, ADAPTIVE }

    @Command(name = "approx-flow", mixinStandardHelpOptions = true,
            description = "Gradient flow on the approximate softmax loss Ltilde/2 (softmax-multihead A.4.5); prints t, loss, omega_h, mu_h.")
    static final class ApproxFlow implements Callable<Integer> {
        @CommandLine.Mixin
        SoftmaxSetting s;
        @Option(names = "--heads", defaultValue = "2", description = "heads (default ${DEFAULT-VALUE})")
        int heads;
        @Option(names = "--times", split = ",", defaultValue = "0,3,5,6,7,8,10,100,1000,10000",
                description = "output times (default ${DEFAULT-VALUE})")
        double[] times;
        @Option(names = "--integrator", defaultValue = "euler", description = "euler (step --step) or adaptive")
        Integrator integrator;
        @Option(names = "--step", defaultValue = "0.01", description = "Euler step (default: the authors' ${DEFAULT-VALUE})")
        double step;
        @Option(names = "--init", defaultValue = "1e-3",
                description = "symmetric init: head h gets omega = mu = +-init, alternating signs (default ${DEFAULT-VALUE})")
        double init;
        @Option(names = "--random-init-std", description = "instead: omega, mu ~ N(0, std^2) from --seed")
        Double randomStd;
        @Option(names = "--seed", defaultValue = "1", description = "seed for --random-init-std")
        long seed;

        @Override
        public Integer call() {
            s.check();
            if (heads < 1 || !(step > 0)) {
                throw invalid(s.spec, "need --heads >= 1 and --step > 0");
            }
            for (double t : times) {
                if (!(t >= 0) || Double.isInfinite(t)) {
                    throw invalid(s.spec, "--times " + t + ": every output time must be finite and >= 0");
                }
            }
            ApproximateGradientFlow flow = new ApproximateGradientFlow(ApproximateSoftmaxLoss.singleTask(s.d, heads, s.l, s.sigma2));
            double[] theta = new double[2 * heads];
            SplittableRandom rng = new RandomStreams(seed).stream("approx-flow-init");
            for (int i = 0; i < theta.length; i++) {
                theta[i] = randomStd != null ? randomStd * rng.nextGaussian() : ((i % heads) % 2 == 0 ? init : -init);
            }
            double[] ts = times.clone();
            Arrays.sort(ts);
            OdeSolution sol;
            try {
                sol = integrator == Integrator.EULER ? flow.euler(theta, ts, step) : flow.adaptive(theta, ts, 1e-10);
            } catch (IllegalStateException e) { // the Euler step beyond the flow's stability limit: says what to do
                throw invalid(s.spec, e.getMessage());
            }
            double[] half = flow.halfLosses(sol);
            PrintWriter out = s.spec.commandLine().getOut();
            StringBuilder head = new StringBuilder("t,half_loss");
            for (int h = 0; h < heads; h++) {
                head.append(",omega_").append(h + 1);
            }
            for (int h = 0; h < heads; h++) {
                head.append(",mu_").append(h + 1);
            }
            out.println(head);
            for (int i = 0; i < ts.length; i++) {
                double[] state = sol.states()[i];
                double[] row = new double[2 + state.length];
                row[0] = ts[i];
                row[1] = half[i];
                System.arraycopy(state, 0, row, 2, state.length);
                out.println(csvRow(row));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "best-loss", mixinStandardHelpOptions = true,
            description = "Lowest approximate loss Ltilde of structured H-head softmax attention (softmax-multihead A.4.4).")
    static final class BestLoss implements Callable<Integer> {
        @CommandLine.Mixin
        SoftmaxSetting s;
        @Option(names = "--heads", defaultValue = "2", description = "heads (default ${DEFAULT-VALUE})")
        int heads;

        @Override
        public Integer call() {
            s.check();
            if (heads < 1) {
                throw invalid(s.spec, "need --heads >= 1");
            }
            ApproximateSoftmaxLoss loss = ApproximateSoftmaxLoss.singleTask(s.d, heads, s.l, s.sigma2);
            BestStructuredLoss.Result r = BestStructuredLoss.minimise(loss);
            printQuantities(s.spec, List.of(
                    new Quantity("best_ltilde", r.loss()),
                    new Quantity("single_head_optimum", ApproximateSoftmaxLoss.singleHeadOptimum(s.d, s.l, s.sigma2)),
                    new Quantity("multi_head_infimum", loss.multiHeadInfimum())));
            return 0;
        }
    }

    @Command(name = "gamma-star", mixinStandardHelpOptions = true,
            description = "Optimal debiased preconditioner for Sigma_ij = rho^|i-j| (softmax-multihead A.4.6); prints rows.")
    static final class GammaStar implements Callable<Integer> {
        @CommandLine.Mixin
        SoftmaxSetting s;
        @Option(names = "--rho", defaultValue = "0.5", description = "Toeplitz correlation (default ${DEFAULT-VALUE})")
        double rho;

        @Override
        public Integer call() {
            s.check();
            if (!(Math.abs(rho) < 1)) {
                throw invalid(s.spec, "--rho must be in (-1, 1)");
            }
            double[] g = OptimalPreconditioner.of(OptimalPreconditioner.toeplitz(s.d, rho), s.d, s.l, s.sigma2);
            PrintWriter out = s.spec.commandLine().getOut();
            for (int i = 0; i < s.d; i++) { // [d, d] row by row
                out.println(csvRow(Arrays.copyOfRange(g, i * s.d, (i + 1) * s.d)));
            }
            out.flush();
            return 0;
        }
    }
}
