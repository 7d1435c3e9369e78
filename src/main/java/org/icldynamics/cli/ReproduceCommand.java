package org.icldynamics.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.figure.FigureOutcome;
import org.icldynamics.experiment.figure.FigurePreset;
import org.icldynamics.experiment.figure.FigureRunner;
import org.icldynamics.experiment.figure.Paper;
import org.icldynamics.experiment.figure.Variant;
import org.icldynamics.report.Check;
import org.icldynamics.report.CheckCounts;
import org.icldynamics.report.ChecksCsv;
import org.icldynamics.report.HtmlReport;
import org.icldynamics.report.ReportEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code icl reproduce --all [--quick] [--out DIR]}: every preset, then one self-contained report.html; with
 * {@code --slurm} the runs not yet finished go to a Slurm job array, and the same command without it then draws.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Run every figure preset and write one self-contained HTML report (figures, checks, claims "
                + "per paper, run times) plus checks.csv.")
final class ReproduceCommand implements Callable<Integer> {
    private final Function<ExperimentSpec, ExperimentParts> factory;

    @Option(names = "--all", required = true, description = "every preset (required: there is no partial mode)")
    boolean all;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: reproduce)")
    Path out = Path.of("reproduce");

    @Mixin
    FigureRunOptions runOptions = new FigureRunOptions();

    @Mixin
    SlurmOptions slurmOptions = new SlurmOptions();

    @Spec
    CommandSpec spec;

    ReproduceCommand(Function<ExperimentSpec, ExperimentParts> factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() throws Exception {
        if (!all) {
            throw new ConfigException("reproduce needs --all");
        }
        Variant v = runOptions.variant();
        CommandLines.outputDirectory(out);
        if (slurmOptions.slurm) {
            return slurmOptions.submitFigures(FigurePreset.all(), v, out, spec);
        }
        FigureRunner runner = FigureCommand.runner(factory, runOptions.cores);
        long t0 = System.nanoTime();
        List<ReportEntry> entries = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        double total;
        try (StopSignal signal = new StopSignal()) {
            for (FigurePreset p : FigurePreset.all()) {
                if (signal.requested().getAsBoolean()) {
                    break; // Ctrl-C: report what is finished; the next run resumes the rest
                }
                entries.add(figure(runner, p, v, signal));
                checks.addAll(entries.get(entries.size() - 1).checks());
            }
            total = (System.nanoTime() - t0) * 1e-9;
            ChecksCsv.write(out.resolve("checks.csv"), checks);
            String env = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name")
                    + " " + Runtime.version() + (runOptions.quick ? ", quick variants" : ", full presets");
            HtmlReport.write(out.resolve("report.html"), "icl-dynamics: reproducing the papers", entries, total, env,
                    Paper.notReproduced());
        }
        CheckCounts counts = CheckCounts.of(checks);
        long missing = entries.stream().filter(e -> !e.error().isEmpty()).count();
        System.out.printf(Locale.ROOT, "%s: %d figures (%d failed to run), %d checks: %s; %.1f min%n",
                out.resolve("report.html"), entries.size(), missing, checks.size(), counts, total / 60);
        return counts.fail() == 0 && missing == 0 ? Main.OK : Main.FAILED;
    }

    /** One figure as a report entry; a figure that fails to run becomes an entry with its error. */
    private ReportEntry figure(FigureRunner runner, FigurePreset p, Variant v, StopSignal signal) {
        String cmd = "icl figure " + p.id() + (runOptions.quick ? " --quick" : "");
        long f0 = System.nanoTime();
        try {
            FigureOutcome o = runner.run(p, v, out, signal.requested());
            byte[] png = Files.readAllBytes(o.directory().resolve(p.id() + ".png"));
            return new ReportEntry(p.id(), p.paper().citation(), p.shows(), cmd, png, o.result().checks(),
                    o.seconds(), "");
        } catch (RuntimeException | java.io.IOException e) {
            System.err.println("icl: figure " + p.id() + " failed: " + e.getMessage());
            return new ReportEntry(p.id(), p.paper().citation(), p.shows(), cmd, new byte[0], List.of(),
                    (System.nanoTime() - f0) * 1e-9, String.valueOf(e.getMessage()));
        }
    }
}
