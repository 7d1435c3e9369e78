package org.icldynamics.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.inspect.SparseProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code icl probe}: head importance, pruning and per-layer probes of finished transformer runs. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Probe finished transformer runs (one per noise level): head-importance heat-map, pruning "
                + "(all heads in layer 1, top head in later layers) vs full and single-head models, and per-layer "
                + "linear-probe excess risk. Writes CSV, JSON and figures.")
final class ProbeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN", description = "run directories of transformer runs")
    List<Path> runs;

    @Option(names = "--single-head", split = ",", paramLabel = "RUN",
            description = "matching runs trained with model.heads=1, same order as RUN")
    List<Path> single = new ArrayList<>();

    @Option(names = "--out", description = "output directory (default: RUN/probe of the first run)")
    Path out;

    @Option(names = "--rank-prompts", defaultValue = "2000", description = "prompts ranking heads (default ${DEFAULT-VALUE})")
    int rank;

    @Option(names = "--fit-prompts", defaultValue = "4000", description = "prompts fitting probes (default ${DEFAULT-VALUE})")
    int fit;

    @Option(names = "--eval-prompts", defaultValue = "4000", description = "prompts scoring (default ${DEFAULT-VALUE})")
    int eval;

    @Option(names = "--seed", defaultValue = "4242", description = "seed of the probe streams (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--ablation", defaultValue = "zero",
            description = "what replaces a masked head's output: zero, or mean (its mean output per token over "
                    + "--rank-prompts other prompts; default ${DEFAULT-VALUE})")
    SparseProbe.Ablation ablation;

    @Override
    public Integer call() throws Exception {
        String[] names = {"--rank-prompts", "--fit-prompts", "--eval-prompts"};
        int[] counts = {rank, fit, eval};
        for (int i = 0; i < names.length; i++) {
            if (counts[i] < 1) {
                throw new ConfigException(names[i] + " " + counts[i] + ": must be >= 1");
            }
        }
        if (out != null) {
            CommandLines.outputDirectory(out);
        }
        List<SparseProbe.Row> rows = SparseProbe.measure(runs, single,
                new SparseProbe.Settings(rank, fit, eval, seed, 1e-8, ablation, rank));
        Path dir = out != null ? out : runs.get(0).resolve("probe");
        SparseProbe.write(dir, rows);
        System.out.printf(Locale.ROOT, "%-8s %-10s %-10s %-12s %-8s %-24s %-24s %s%n", "noise", "full", "pruned",
                "single-head", "pruned/full-1", "top-head share by layer", "pruned only layer 2..L",
                "probe risk by depth");
        for (SparseProbe.Row r : rows) {
            StringBuilder share = new StringBuilder();
            for (double v : r.topShare()) {
                share.append(String.format(Locale.ROOT, "%.2f ", v));
            }
            StringBuilder probe = new StringBuilder();
            for (double v : r.probeRisk()) {
                probe.append(String.format(Locale.ROOT, "%.4f ", v));
            }
            StringBuilder only = new StringBuilder();
            for (int l = 1; l < r.prunedOnlyLayer().length; l++) {
                only.append(String.format(Locale.ROOT, "%.4f ", r.prunedOnlyLayer()[l]));
            }
            System.out.printf(Locale.ROOT, "%-8g %-10.4f %-10.4f %-12.4f %-13.3f %-24s %-24s %s%n", r.noise(),
                    r.pruning().fullRisk(), r.pruning().prunedRisk(), r.pruning().singleHeadRisk(),
                    r.pruning().relativeIncrease(), share.toString().trim(), only.toString().trim(),
                    probe.toString().trim());
        }
        System.out.println("wrote " + dir + " (masked heads: " + ablation.name().toLowerCase(Locale.ROOT)
                + "-ablation)");
        return Main.OK;
    }
}
