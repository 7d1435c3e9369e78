package org.icldynamics.experiment.inspect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.icldynamics.analysis.Ablation;
import org.icldynamics.analysis.AblationResult;
import org.icldynamics.analysis.AlgorithmIdentification;
import org.icldynamics.analysis.AlignmentResult;
import org.icldynamics.analysis.AlignmentSettings;
import org.icldynamics.analysis.AllocationResult;
import org.icldynamics.analysis.AllocationSettings;
import org.icldynamics.analysis.AnalysisResult;
import org.icldynamics.analysis.HeadTaskAllocation;
import org.icldynamics.analysis.IdentificationResult;
import org.icldynamics.analysis.KeyAlignment;
import org.icldynamics.analysis.PatternMetrics;
import org.icldynamics.analysis.PatternResult;
import org.icldynamics.analysis.PatternSettings;
import org.icldynamics.analysis.PhaseBoundaries;
import org.icldynamics.analysis.PhaseResult;
import org.icldynamics.analysis.PhaseSettings;
import org.icldynamics.analysis.PlateauDetector;
import org.icldynamics.analysis.PlateauResult;
import org.icldynamics.analysis.PlateauSettings;
import org.icldynamics.analysis.PreconditionerFit;
import org.icldynamics.analysis.PreconditionerFitResult;
import org.icldynamics.analysis.TaskCoordinates;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.MultiTaskRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.model.HeadCircuit;
import org.icldynamics.model.Model;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.train.LogRecord;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.TheoryReferences;
import org.icldynamics.experiment.run.RunReader;

/**
 * Everything {@code icl analyze} states about one finished run, as numbers ({@link AnalysisResult}): plateaus and
 * drops of the training loss against the linear-attention fixed-point levels, phase boundaries, softmax pattern
 * metrics at every snapshot, multi-task head allocation, key/query alignment and value weights against the scalar ODE
 * for separate-key-query linear runs, the algorithm identified at the final weights and on every plateau, and head
 * ablations. Fresh prompts come from stream {@code "analyze"} of the run's seed (never used in training).
 */
public final class RunAnalysis {
    /**
     * Default shortest plateau, as a fraction of the run: 1% (the rank-one staircase's second-to-last plateau can
     * last 2.5% of a 10000-step run; the detector's own default of 4% misses it).
     */
    public static final double MIN_PLATEAU = 0.01;

    private final RunReader run;
    private final int prompts;
    private final double minPlateau;

    /** @param prompts fresh prompts for identification and ablation (at least 64) */
    public RunAnalysis(RunReader run, int prompts) {
        this(run, prompts, MIN_PLATEAU);
    }

    /** @param minPlateau shortest plateau detected, as a fraction of the run's steps, in (0, 1) */
    public RunAnalysis(RunReader run, int prompts, double minPlateau) {
        if (prompts < 64) {
            throw new ConfigException("--prompts must be at least 64, got " + prompts);
        }
        if (!(minPlateau > 0 && minPlateau < 1)) {
            throw new ConfigException("--min-plateau must be a fraction in (0, 1), got " + minPlateau);
        }
        this.run = run;
        this.prompts = prompts;
        this.minPlateau = minPlateau;
    }

    /** The analysis of the run. */
    public AnalysisResult analyze() throws IOException {
        ExperimentSpec spec = run.spec();
        Task task = run.task();
        long[] steps = run.snapshotSteps();
        List<LogRecord> metrics = run.metrics();
        double[] t = new double[metrics.size()];
        double[] loss = new double[metrics.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = metrics.get(i).step();
            loss[i] = metrics.get(i).trainLoss();
        }
        PlateauResult plateaus = null;
        PhaseResult phases = null;
        if (t.length >= 20 && allFinite(loss)) {
            plateaus = new PlateauDetector(PlateauSettings.linearTime().withMinPlateauLength(minPlateau)
                    .withSlopeHalfWidth(minPlateau / 2)).detect(t, loss,
                    TheoryReferences.plateauLevels(spec));
            phases = new PhaseBoundaries(PhaseSettings.defaults()).detect(t, loss);
        }
        List<List<HeadCircuit>> circuits = new ArrayList<>();
        for (long s : steps) {
            circuits.add(run.circuits(s));
        }
        boolean attention = spec.model() instanceof OneLayerAttention.Spec;
        boolean softmax = attention && spec.model().scores() == OneLayerAttention.Scores.SOFTMAX;
        boolean separateLinear = attention && !softmax
                && ((OneLayerAttention.Spec) spec.model()).keyQuery() == OneLayerAttention.KeyQuery.SEPARATE;
        List<PatternResult> patterns = softmax && !circuits.isEmpty() && !circuits.get(0).isEmpty()
                ? new PatternMetrics(PatternSettings.defaults()).trajectory(steps, circuits) : List.of();
        List<AllocationResult> allocations = task instanceof MultiTaskRegressionTask mt && !circuits.isEmpty()
                && !circuits.get(0).isEmpty()
                ? new HeadTaskAllocation(TaskCoordinates.of(mt.coordinates()), AllocationSettings.defaults())
                        .trajectory(steps, circuits)
                : List.of();
        try (ExperimentParts parts = run.parts()) {
            Model model = parts.model();
            List<AlignmentResult> alignments = List.of();
            List<AnalysisResult.HeadValueComparison> values = List.of();
            if (separateLinear && steps.length > 0) {
                Covariance cov = covariance(task);
                KeyAlignment ka = new KeyAlignment(cov.eigenvectors(), task.d(), AlignmentSettings.defaults());
                List<double[]> params = new ArrayList<>();
                for (long s : steps) {
                    run.load(s, model);
                    params.add(model.parameters().clone());
                }
                alignments = ka.trajectory(steps, params, model.blocks());
                values = ValueTrajectories.compare(alignments, steps, cov, spec);
            }
            PromptBatch fresh = new PromptSampler(task, new RandomStreams(spec.seed()), "analyze").sample(0, prompts,
                    task.n(), parts.parallel());
            List<AnalysisResult.StepIdentification> ids = new ArrayList<>();
            for (long s : identificationSteps(plateaus, steps)) {
                run.load(s, model);
                if (task instanceof MultiTaskRegressionTask mt) {
                    ids.addAll(identifyPerTask(s, model, fresh, mt));
                    continue;
                }
                IdentificationResult id = identify(model, fresh, task);
                if (id != null) {
                    ids.add(new AnalysisResult.StepIdentification(s, id, preconditioner(model, fresh, id.best())));
                }
            }
            List<AblationResult> ablations = new ArrayList<>();
            if (model instanceof OneLayerAttention && steps.length > 0) {
                run.load(steps[steps.length - 1], model);
                List<Ablation.Case> sets = softmax && !patterns.isEmpty()
                        ? Ablation.standardSet(patterns.get(patterns.size() - 1))
                        : keepAligned(model.heads(), alignments);
                ablations.add(Ablation.evaluate(model, fresh, sets));
            }
            return new AnalysisResult(run.name(), plateaus, phases, patterns, allocations, alignments, values, ids,
                    ablations, timing(run));
        }
    }

    /** The final snapshot and the snapshot nearest each plateau's middle, increasing, without repeats. */
    static long[] identificationSteps(PlateauResult plateaus, long[] steps) {
        if (steps.length == 0) {
            return new long[0];
        }
        java.util.TreeSet<Long> s = new java.util.TreeSet<>();
        s.add(steps[steps.length - 1]);
        if (plateaus != null && !plateaus.plateaus().isEmpty()) {
            for (int i : plateaus.nearestSnapshots(steps)) {
                s.add(steps[i]);
            }
        }
        return s.stream().mapToLong(Long::longValue).toArray();
    }

    private IdentificationResult identify(Model model, PromptBatch fresh, Task task) {
        Covariance cov = task instanceof LinearRegressionTask lt ? lt.covariance() : null;
        try {
            return AlgorithmIdentification.defaults().identify(model, fresh,
                    CandidateFamilies.forRun(task.d(), task.n(), cov));
        } catch (IllegalArgumentException e) {
            return null; // a model that predicts 0 everywhere (e.g. at initialisation with zero weights)
        }
    }

    /** Each task's output against the families run on that task's coordinates and labels alone. */
    private static List<AnalysisResult.StepIdentification> identifyPerTask(long step, Model model, PromptBatch fresh,
                                                                           MultiTaskRegressionTask task) {
        double[] all = model.predict(fresh); // [b, tasks]
        List<AnalysisResult.StepIdentification> out = new ArrayList<>();
        int[][] coords = task.coordinates();
        for (int t = 0; t < coords.length; t++) {
            PromptBatch view = AlgorithmIdentification.taskView(fresh, coords[t], t);
            try {
                IdentificationResult id = AlgorithmIdentification.defaults().identify(model.name() + " task " + t,
                        AlgorithmIdentification.output(all, fresh.outputs, t), view,
                        CandidateFamilies.forRun(coords[t].length, task.n(), null));
                out.add(new AnalysisResult.StepIdentification(step, t, id, null));
            } catch (IllegalArgumentException e) {
                // this output predicts 0 everywhere (untrained): nothing to identify
            }
        }
        return out;
    }

    /** The effective preconditioner, centred like the best family (debiased GD: centred; others: plain). */
    private static PreconditionerFitResult preconditioner(Model model, PromptBatch fresh, String best) {
        if (fresh.outputs != 1 || fresh.b < fresh.d * fresh.d) {
            return null;
        }
        return PreconditionerFit.fit(model, fresh, best.equals(EstimatorChoice.Kind.DEBIASED_GD.word())
                ? PreconditionerFit.Centring.DEBIASED : PreconditionerFit.Centring.PLAIN);
    }

    /** Each head zeroed, then (when some heads aligned at the end) only the aligned heads kept. */
    private static List<Ablation.Case> keepAligned(int heads, List<AlignmentResult> alignments) {
        List<Ablation.Case> out = new ArrayList<>(Ablation.eachHeadZeroed(heads));
        if (!alignments.isEmpty()) {
            List<Integer> keep = new ArrayList<>();
            for (AlignmentResult.PairAlignment p : alignments.get(alignments.size() - 1).pairs()) {
                if (p.aligned() && !keep.contains(p.head())) {
                    keep.add(p.head());
                }
            }
            if (!keep.isEmpty() && keep.size() < heads) {
                out.add(Ablation.Case.keep(keep, heads));
            }
        }
        return out;
    }

    /** Drop times of a linear-attention run, or stage boundaries of a multi-task softmax run; null for others. */
    private static org.icldynamics.analysis.TimingResult timing(RunReader run) throws java.io.IOException {
        org.icldynamics.analysis.TimingResult drops = DropTimePredictions.of(run);
        return drops != null ? drops : StageTimePredictions.of(run);
    }

    static Covariance covariance(Task task) {
        return switch (task) {
            case LinearRegressionTask t -> t.covariance();
            case MultiTaskRegressionTask t -> t.covariance();
            case org.icldynamics.data.SparseRegressionTask t -> Covariance.isotropic(t.d(), 1.0); // x ~ N(0, I)
            default -> throw new IllegalArgumentException("no covariance for task " + task);
        };
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
