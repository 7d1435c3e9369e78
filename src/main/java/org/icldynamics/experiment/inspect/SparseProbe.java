package org.icldynamics.experiment.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.icldynamics.analysis.ExcessRisk;
import org.icldynamics.analysis.HeadImportance;
import org.icldynamics.analysis.LayerProbe;
import org.icldynamics.analysis.Pruning;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.Model;
import org.icldynamics.model.Transformer;
import org.icldynamics.report.AtomicFiles;
import org.icldynamics.report.AxisScale;
import org.icldynamics.report.HeadImportanceHeatmap;
import org.icldynamics.report.SeriesFigure;
import org.icldynamics.config.ConfigException;
import org.icldynamics.config.Require;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.run.RunDirectory;
import org.icldynamics.experiment.run.RunReader;

/**
 * The probing harness of spec sparse-multilayer.md B.5 on finished runs, one run per noise level: head importance by
 * masking one head at a time (heat-map), pruning (all heads of layer 1, the top head of each later layer) against the
 * full model and a separately trained single-head run, and per-layer linear probes of the query state. Prompts come
 * from each run's own task on streams {@code probe-rank} (ranking heads), {@code probe-fit} (fitting the probes) and
 * {@code probe-eval} (every reported risk), so the ranking and the probes never see the prompts they are scored on.
 */
public final class SparseProbe {
    /**
     * What replaces a masked head's output: ZERO (the head's output is zeroed) or MEAN (its mean output per token
     * over {@code meanPrompts} prompts of a fourth stream, {@code probe-mean}, so the residual stream keeps the offset
     * the later LayerNorms and MLPs were trained on).
     */
    public enum Ablation { ZERO, MEAN }

    /** Prompt counts, the seed of the probe streams and the ablation. */
    public record Settings(int rankPrompts, int fitPrompts, int evalPrompts, long seed, double probeRidge,
                           Ablation ablation, int meanPrompts) {
        /** Zero-ablation (the form before {@code ablation} existed). */
        public Settings(int rankPrompts, int fitPrompts, int evalPrompts, long seed, double probeRidge) {
            this(rankPrompts, fitPrompts, evalPrompts, seed, probeRidge, Ablation.ZERO, rankPrompts);
        }

        public Settings {
            Require.notNull("ablation", ablation);
            Require.atLeast("mean-prompts", meanPrompts, 1);
            Require.atLeast("rank-prompts", rankPrompts, 1);
            Require.atLeast("fit-prompts", fitPrompts, 1);
            Require.atLeast("eval-prompts", evalPrompts, 1);
            Require.nonNegative("probe-ridge", probeRidge);
        }
    }

    /**
     * What one run measured; risks are excess risks on the {@code probe-eval} prompts. {@code prunedOnlyLayer[l]} is
     * the risk with only layer {@code l} pruned to its top head (NaN for layer 0, which pruning keeps whole).
     */
    public record Row(String run, long step, double noise, HeadImportance.Result importance, double[] topShare,
                      Pruning.Result pruning, double[] prunedOnlyLayer, double[] probeRisk, Ablation ablation) {
    }

    private SparseProbe() {
    }

    /**
     * @param runs run directories of transformer runs (e.g. one per noise level)
     * @param singleHeadRuns the matching one-head-per-layer runs, same order, or empty
     */
    public static List<Row> measure(List<Path> runs, List<Path> singleHeadRuns, Settings s) throws IOException {
        if (!singleHeadRuns.isEmpty() && singleHeadRuns.size() != runs.size()) {
            throw new ConfigException("give one single-head run per run (" + runs.size() + "), or none; got "
                    + singleHeadRuns.size());
        }
        List<Row> rows = new ArrayList<>();
        try (BlockParallel par = new BlockParallel(2)) {
            for (int i = 0; i < runs.size(); i++) {
                Loaded full = load(runs.get(i), par);
                Loaded single = singleHeadRuns.isEmpty() ? null : load(singleHeadRuns.get(i), par);
                if (single != null && single.model.spec().heads() != 1) {
                    throw new ConfigException(singleHeadRuns.get(i) + " has " + single.model.spec().heads()
                            + " heads per layer; the single-head comparison needs model.heads: 1");
                }
                RandomStreams streams = new RandomStreams(s.seed());
                PromptBatch rank = new PromptSampler(full.task, streams, "probe-rank").sample(0, s.rankPrompts());
                PromptBatch fit = new PromptSampler(full.task, streams, "probe-fit").sample(0, s.fitPrompts());
                PromptBatch eval = new PromptSampler(full.task, streams, "probe-eval").sample(0, s.evalPrompts());
                double[][][] means = s.ablation() == Ablation.MEAN ? full.model.headOutputMeans(
                        new PromptSampler(full.task, streams, "probe-mean").sample(0, s.meanPrompts())) : null;
                HeadImportance.Result imp = HeadImportance.measure(full.model, rank,
                        HeadImportance.Normalisation.SHARE_OF_LAYER, means);
                double[] top = new double[full.model.layers()];
                for (int l = 0; l < top.length; l++) {
                    top[l] = imp.topShare(l);
                }
                Pruning.Result pr = Pruning.compare(full.model, single == null ? null : single.model, imp, eval,
                        means);
                double[] onlyLayer = new double[top.length];
                onlyLayer[0] = Double.NaN;
                for (int l = 1; l < top.length; l++) { // prune one later layer at a time
                    onlyLayer[l] = ExcessRisk.of(full.model.intervened(pr.prunedIn(l)).predict(eval), eval);
                }
                double[] probe = LayerProbe.measure(full.model, List.of(), fit, eval, LayerProbe.Target.LABEL,
                        s.probeRidge()).risk();
                rows.add(new Row(runs.get(i).toString(), full.step, full.noise, imp, top, pr, onlyLayer, probe,
                        s.ablation()));
            }
        }
        return rows;
    }

    private record Loaded(Transformer model, Task task, double noise, long step) {
    }

    /**
     * Name of row {@code i} in the figures: its noise level, or, when several runs share it (seeds of one setting),
     * its position and run name too, so every series is named once.
     */
    static String label(List<Row> rows, int i) {
        Row r = rows.get(i);
        String noise = "noise " + r.noise();
        boolean shared = rows.stream().filter(o -> o.noise() == r.noise()).count() > 1;
        return shared ? (i + 1) + ". " + r.run() + ", " + noise : noise;
    }

    private static Loaded load(Path root, BlockParallel par) throws IOException {
        RunReader run = new RunReader(root, ExperimentFactory::build);
        ExperimentSpec spec = run.spec();
        if (!(spec.model() instanceof Transformer.Spec)) {
            throw new ConfigException(root + " trained model.architecture: "
                    + spec.model().architecture() + "; probing needs a transformer");
        }
        Task task = run.task();
        Model m = spec.model().build(task.d(), task.outputs(), task.n(),
                new RandomStreams(spec.seed()), par);
        long step = run.loadFinal(m);
        return new Loaded((Transformer) m, task, spec.task().noise(), step);
    }

    /** Writes {@code probe.json}, three CSV tables and the figures into {@code out}. */
    public static void write(Path out, List<Row> rows) throws IOException {
        Files.createDirectories(out);
        StringBuilder heads = new StringBuilder("run,noise,layer,head,masked_risk,importance\n");
        StringBuilder prune = new StringBuilder("run,noise,step,full,pruned,single_head,pruned_over_full_minus_1,"
                + "top_share_by_layer,pruned_only_layer\n");
        StringBuilder probe = new StringBuilder("run,noise,depth,excess_risk\n");
        List<SeriesFigure.Series> probeSeries = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            HeadImportance.Result imp = r.importance();
            for (int l = 0; l < imp.importance().length; l++) {
                for (int h = 0; h < imp.importance()[l].length; h++) {
                    heads.append(String.format(Locale.ROOT, "%s,%g,%d,%d,%.6g,%.6g%n", r.run(), r.noise(), l + 1,
                            h + 1, imp.maskedRisk()[l][h], imp.importance()[l][h]));
                }
            }
            Pruning.Result p = r.pruning();
            prune.append(String.format(Locale.ROOT, "%s,%g,%d,%.6g,%.6g,%.6g,%.4f,%s,%s%n", r.run(), r.noise(),
                    r.step(), p.fullRisk(), p.prunedRisk(), p.singleHeadRisk(), p.relativeIncrease(),
                    join(r.topShare()), join(r.prunedOnlyLayer())));
            double[] depth = new double[r.probeRisk().length];
            for (int l = 0; l < depth.length; l++) {
                depth[l] = l;
                probe.append(String.format(Locale.ROOT, "%s,%g,%d,%.6g%n", r.run(), r.noise(), l, r.probeRisk()[l]));
            }
            String label = label(rows, i);
            probeSeries.add(new SeriesFigure.Series(label, depth, r.probeRisk()));
            HeadImportanceHeatmap.write(out.resolve("head-importance-" + (i + 1)), "head importance, " + label,
                    imp.importance());
        }
        AtomicFiles.writeString(out.resolve("head-importance.csv"), heads.toString());
        AtomicFiles.writeString(out.resolve("pruning.csv"), prune.toString());
        AtomicFiles.writeString(out.resolve("probe-risk.csv"), probe.toString());
        SeriesFigure.write(out.resolve("probe-risk"), "linear probe of the query state after each layer",
                "depth (0 = embedding)", "excess risk", AxisScale.LOG, probeSeries);
        List<JsonRow> json = new ArrayList<>();
        for (Row r : rows) {
            Pruning.Result p = r.pruning();
            json.add(new JsonRow(r.run(), r.step(), r.noise(), r.ablation().name().toLowerCase(Locale.ROOT),
                    r.importance().baseRisk(), r.importance().maskedRisk(),
                    r.importance().importance(), r.topShare(), p.fullRisk(), p.prunedRisk(), p.singleHeadRisk(),
                    p.relativeIncrease(), r.prunedOnlyLayer(), r.probeRisk()));
        }
        new RunDirectory(out).writeJson(out.resolve("probe.json"), json);
    }

    /** The JSON form of a {@link Row}. */
    record JsonRow(String run, long step, double noise, String ablation, double baseRisk, double[][] maskedRisk, double[][] importance,
                   double[] topShareByLayer, double fullRisk, double prunedRisk, double singleHeadRisk,
                   double prunedOverFullMinus1, double[] prunedOnlyLayer, double[] probeRiskByDepth) {
    }

    private static String join(double[] v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ";").append(String.format(Locale.ROOT, "%.4f", v[i]));
        }
        return b.toString();
    }
}
