package org.icldynamics.experiment.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.icldynamics.model.Model;
import org.icldynamics.report.LossFigure;
import org.icldynamics.report.ReferenceLine;
import org.icldynamics.train.CheckpointFile;
import org.icldynamics.train.GradientFlow;
import org.icldynamics.train.LogRecord;
import org.icldynamics.train.RunStatus;
import org.icldynamics.train.TrainOutcome;
import org.icldynamics.train.Trainer;
import org.icldynamics.train.TrainingListener;
import org.icldynamics.train.TrainingState;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.FlowSection;
import org.icldynamics.experiment.TheoryReferences;
import org.icldynamics.experiment.TrainSection;

/**
 * One run in its {@link RunDirectory}: starts fresh or resumes from the newest checkpoint, records metrics,
 * snapshots and checkpoints while training, then writes the summary and figures. A resumed run ends with the same
 * {@code metrics.csv} and snapshots, bit for bit, as an uninterrupted one: metrics are cut back to the checkpoint's
 * step and every batch is a pure function of its step.
 */
public final class ExperimentRun {
    private final RunDirectory dir;
    private final ExperimentSpec spec;
    private final TrainingState resumeFrom;
    private final ExperimentParts parts;
    private final double initialLoss;
    private final List<String> notes;
    private Provenance provenance;

    private ExperimentRun(RunDirectory dir, ExperimentSpec spec, TrainingState resumeFrom, Provenance provenance,
                          ExperimentParts parts, double initialLoss, List<String> notes) {
        this.dir = dir;
        this.spec = spec;
        this.resumeFrom = resumeFrom;
        this.provenance = provenance;
        this.parts = parts;
        this.initialLoss = initialLoss;
        this.notes = List.copyOf(notes);
    }

    /** Builds the parts; a combination of settings the builders reject is a config error. */
    private static ExperimentParts parts(Function<ExperimentSpec, ExperimentParts> factory, ExperimentSpec spec,
                                         String source) {
        MemoryEstimate.check(spec, Runtime.getRuntime().maxMemory(), source);
        try {
            return CubicEquivalence.startingPoint(factory.apply(spec), spec);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new ConfigException(source + ": these settings do not fit together: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new ConfigException(source + ": out of memory while building the run (estimate "
                    + MemoryEstimate.gb(MemoryEstimate.of(spec).totalBytes()) + ", heap "
                    + MemoryEstimate.gb(Runtime.getRuntime().maxMemory()) + "); lower the sizes or raise the heap, "
                    + "e.g. ICL_JAVA_OPTS=-Xmx" + (Runtime.getRuntime().maxMemory() / (1L << 30) * 2 + 2) + "g");
        }
    }

    /**
     * Prepares a fresh run in {@code root}, which must not exist yet or be an empty directory (finished work is never
     * overwritten). The run is built under a temporary name and appears under {@code root} with its first metrics
     * row ({@link RunDirectory#publish}).
     *
     * @param factory builds the parts, normally {@code ExperimentFactory::build}
     */
    public static ExperimentRun create(Path root, ExperimentSpec spec, String commandLine,
                                       Function<ExperimentSpec, ExperimentParts> factory) throws IOException {
        if (root.toString().isBlank()) {
            throw new ConfigException("--out is empty: give the run directory a name, e.g. --out runs/my-run");
        }
        RunDirectory dir = RunDirectory.building(root);
        if (Files.exists(new RunDirectory(root).config())) {
            throw new ConfigException(root + ": already holds a run; use 'icl resume " + root
                    + "' or choose another --out");
        }
        if (Files.exists(root) && !RunFiles.isEmptyDirectory(root)) {
            throw new ConfigException(root + ": exists and is not an empty directory; a run needs a new --out");
        }
        ExperimentParts parts = parts(factory, spec, root.toString());
        try {
            RunFiles.deleteTree(dir.root());
            dir.create();
            org.icldynamics.report.AtomicFiles.writeString(dir.config(), ConfigYaml.write(spec));
            Provenance p = new Provenance("icl-dynamics", CodeVersion.version(), CodeVersion.gitCommit(), spec.seed(),
                    System.getProperty("java.vm.name") + " " + Runtime.version(), spec.train().threads(), commandLine,
                    Instant.now().toString(), null, List.of(), ResumeCheck.sha256(dir.config()), List.of(),
                    spec.model().draws().streamVersion());
            dir.writeJson(dir.provenance(), p);
            return new ExperimentRun(dir, spec, null, p, parts, Double.NaN, List.of());
        } catch (IOException e) {
            parts.close();
            RunFiles.deleteTree(dir.root());
            throw new ConfigException(root + ": cannot create the run directory here ("
                    + RunFiles.describe(e) + "); choose another --out");
        }
    }

    /**
     * Refuses a finished run in {@code root} drawn with another data stream version (one line, exit 2): reusing it
     * would mix two samplers' results. Viewing such a run needs no check.
     */
    public static void requireCurrentDataStream(Path root) throws IOException {
        RunDirectory dir = new RunDirectory(root);
        Provenance p = ResumeCheck.readProvenance(dir);
        ResumeCheck.requireDataStream(dir, p, ConfigYaml.loadRun(dir.config(), List.of()));
    }

    /** Prepares to continue the run in {@code root} from its newest checkpoint (or from the start if none). */
    public static ExperimentRun resume(Path root, String commandLine,
                                       Function<ExperimentSpec, ExperimentParts> factory) throws IOException {
        return resume(root, commandLine, factory, false);
    }

    /**
     * Prepares to continue the run in {@code root} after the checks of {@link ResumeCheck}.
     *
     * @param acceptConfigChange continue even though {@code config.yaml} changed since the start (recorded)
     */
    public static ExperimentRun resume(Path root, String commandLine, Function<ExperimentSpec, ExperimentParts> factory,
                                       boolean acceptConfigChange) throws IOException {
        RunDirectory dir = new RunDirectory(root);
        if (!Files.exists(dir.config())) {
            throw new ConfigException(root + ": not a run directory (no config.yaml)");
        }
        List<String> notes = new ArrayList<>();
        String now = Instant.now().toString();
        Provenance checked = ResumeCheck.provenance(dir, acceptConfigChange, now, notes);
        ExperimentSpec spec = ConfigYaml.loadRun(dir.config(), List.of());
        ResumeCheck.requireDataStream(dir, checked, spec);
        if (spec.train().optimizer() == TrainSection.OptimizerKind.FLOW) {
            throw new ConfigException(root + ": a gradient-flow run (train.optimizer: flow) has no checkpoints and "
                    + "cannot be resumed; start it again with 'icl run' into a new --out");
        }
        ExperimentParts parts = parts(factory, spec, dir.config().toString());
        try {
            CheckpointFile.Contents ckpt = ResumeCheck.checkpoint(dir, parts.model().parameters().length, notes);
            TrainingState state = ckpt == null ? null : ckpt.state();
            long step = state == null ? 0 : state.step();
            String metrics = ResumeCheck.metrics(dir, MetricsLog.header(columns(parts)), step,
                    spec.train().logEvery(), ckpt == null ? null : ckpt.metrics(), notes);
            dir.create();
            org.icldynamics.report.AtomicFiles.writeString(dir.metrics(), metrics);
            Provenance p = checked.resumed(now, commandLine);
            dir.writeJson(dir.provenance(), p);
            Files.deleteIfExists(dir.summary());
            return new ExperimentRun(dir, spec, state, p, parts, initialLoss(metrics), notes);
        } catch (IOException | RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    private static List<String> columns(ExperimentParts parts) {
        return parts.extraEvals().stream().map(ExperimentParts.ExtraEvaluation::column).toList();
    }

    /** The divergence reference of a run whose metrics are {@code text}: its step-0 row (NaN when none). */
    private static double initialLoss(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 2 || !lines[1].startsWith("0,")) {
            return Double.NaN;
        }
        String[] f = lines[1].split(",", -1);
        double train = f[2].isEmpty() ? Double.NaN : Double.parseDouble(f[2]);
        return f[3].isEmpty() ? train : Math.max(train, Double.parseDouble(f[3]));
    }

    /** Notes about what resume found and repaired (one line each), for the terminal. */
    public List<String> notes() {
        return notes;
    }

    public ExperimentSpec spec() {
        return spec;
    }

    public RunDirectory directory() {
        return dir;
    }

    /** The step the run starts from (0 for a fresh run). */
    public long startStep() {
        return resumeFrom == null ? 0 : resumeFrom.step();
    }

    /** The last step the run reaches: {@code train.steps}, or the last output index for gradient flow. */
    public long lastStep() {
        return spec.train().optimizer() == TrainSection.OptimizerKind.FLOW ? spec.train().flow().outputs() - 1L
                : spec.train().steps();
    }

    /**
     * Trains to the end, to divergence, or until {@code stop} answers true (then checkpoints), and writes the
     * summary and figures. A run whose directory vanishes or cannot be written (full disk) stops at the next
     * metrics row with status {@code failed} and the cause, leaving no temporary files.
     *
     * @param progress also told of every logged step (for progress bars)
     */
    public RunSummary run(TrainingListener progress, BooleanSupplier stop) throws IOException {
        long t0 = System.nanoTime();
        TrainOutcome outcome;
        String failure = null;
        MetricsLog metrics = null;
        try (ExperimentParts ignored = parts) {
            metrics = MetricsLog.open(dir.metrics(), columns(parts));
            Recorder rec = new Recorder(metrics, progress);
            try {
                outcome = spec.train().optimizer() == TrainSection.OptimizerKind.FLOW ? flow(rec)
                        : new Trainer(parts.model(), parts.optimizer(), parts.objective(), parts.evalSet(),
                                parts.plan()).run(resumeFrom, initialLoss, rec, stop);
            } catch (UncheckedIOException e) {
                failure = RunFiles.failure(dir, e.getCause());
                outcome = new TrainOutcome(RunStatus.FAILED, rec.lastStep, Double.NaN, Double.NaN, failure);
            } catch (OutOfMemoryError e) {
                failure = "out of memory (heap " + MemoryEstimate.gb(Runtime.getRuntime().maxMemory())
                        + "); raise it, e.g. ICL_JAVA_OPTS=-Xmx" + (Runtime.getRuntime().maxMemory() / (1L << 30) * 2
                        + 2) + "g, and resume";
                outcome = new TrainOutcome(RunStatus.FAILED, rec.lastStep, Double.NaN, Double.NaN, failure);
            }
        } catch (IOException | RuntimeException e) {
            if (dir.unpublished()) {
                RunFiles.deleteTree(dir.root());
            }
            throw e;
        }
        if (dir.unpublished()) { // it failed before its first row: leave nothing behind
            RunFiles.deleteTree(dir.root());
        } else if (failure == null) {
            try {
                writeFigures(outcome.status() == org.icldynamics.train.RunStatus.DIVERGED ? outcome.steps() : -1);
            } catch (IOException e) {
                failure = RunFiles.failure(dir, e);
            } catch (UncheckedIOException e) {
                failure = RunFiles.failure(dir, e.getCause());
            }
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        RunSummary summary = RunSummary.of(outcome, failure, metrics == null ? "" : metrics.text(), wall);
        if (!dir.unpublished() && Files.isDirectory(dir.root())) {
            if (summary.status() == RunStatus.FAILED) {
                dir.removeTemporaryFiles(); // what a failed write left (on a full disk) makes room for the summary
            }
            try {
                dir.writeJson(dir.summary(), summary);
                provenance = provenance.ended(Instant.now().toString());
                dir.writeJson(dir.provenance(), provenance);
            } catch (IOException e) {
                summary = RunSummary.of(outcome, failure == null ? RunFiles.failure(dir, e) : failure, metrics.text(),
                        wall);
                dir.removeTemporaryFiles(); // what the failed summary or provenance write left
            }
        }
        return summary;
    }

    /**
     * Gradient flow on the full-batch (or population) loss ({@code train.optimizer: flow}): one metrics row and one snapshot per
     * output time, {@code step} = output index and {@code t} = continuous time. It runs to the end (Ctrl-C does not
     * checkpoint it; such runs cannot be resumed).
     */
    private TrainOutcome flow(Recorder rec) {
        FlowSection f = spec.train().flow();
        GradientFlow gf = GradientFlow.of(parts.model(), parts.objective(), parts.evalSet(),
                new GradientFlow.Spec(f.absoluteTolerance(), f.relativeTolerance(),
                        GradientFlow.Spec.defaults().minStep(), GradientFlow.Spec.defaults().maxStep()));
        return gf.run(f.outputTimes(), spec.train().divergence(), rec);
    }

    /**
     * Redraws {@code figures/loss.png} and {@code .svg} from {@code metrics.csv}; a run that diverged at
     * {@code divergenceStep} is drawn up to it, with the step marked ({@code -1}: found from the losses themselves).
     */
    private void writeFigures(long divergenceStep) throws IOException {
        List<LogRecord> rows = MetricsLog.read(dir.metrics());
        double[] step = new double[rows.size()];
        double[] train = new double[rows.size()];
        double[] eval = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            step[i] = rows.get(i).step();
            train[i] = rows.get(i).trainLoss();
            eval[i] = rows.get(i).evalLoss();
        }
        List<ReferenceLine> refs = new ArrayList<>();
        spec.report().references().forEach(r -> refs.add(new ReferenceLine(r.label(), r.value())));
        refs.addAll(theoryReferences(refs));
        new LossFigure(dir.root().getFileName().toString(), spec.report().xAxis(), spec.report().yAxis(), refs)
                .write(dir.figures().resolve("loss"), step, train, eval, divergenceStep);
    }

    /**
     * The theory lines that apply to the config ({@link TheoryReferences}), labelled {@code "theory: "} and
     * {@link TheoryReferences#label}, except
     * those within 0.5% of a line already drawn (presets often list the same values themselves).
     */
    private List<ReferenceLine> theoryReferences(List<ReferenceLine> drawn) {
        List<ReferenceLine> out = new ArrayList<>();
        for (org.icldynamics.theory.ReferenceLines.Line l : TheoryReferences.of(spec)) {
            boolean duplicate = drawn.stream().anyMatch(r -> Math.abs(r.value() - l.value()) <= 0.005 * Math.abs(l.value()));
            if (!duplicate && Double.isFinite(l.value())) {
                out.add(new ReferenceLine("theory: " + TheoryReferences.label(l), l.value()));
            }
        }
        return out;
    }

    /** Records metrics, snapshots and checkpoints, and forwards logs to the progress listener. */
    private final class Recorder implements TrainingListener {
        private final MetricsLog metrics;
        private final TrainingListener progress;
        long lastStep;

        Recorder(MetricsLog metrics, TrainingListener progress) {
            this.metrics = metrics;
            this.progress = progress;
            this.lastStep = startStep();
        }

        @Override
        public void onLog(LogRecord record) {
            List<ExperimentParts.ExtraEvaluation> extras = parts.extraEvals();
            double[] extra = new double[extras.size()];
            for (int i = 0; i < extra.length; i++) { // the model holds this step's parameters until onLog returns
                extra[i] = Double.isNaN(record.evalLoss()) ? Double.NaN
                        : parts.model().loss(extras.get(i).prompts());
            }
            try {
                metrics.append(record, extra);
                if (dir.unpublished()) {
                    dir.publish();
                    metrics.relocate(dir.metrics());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lastStep = record.step();
            progress.onLog(record);
        }

        @Override
        public void onSnapshot(long step, double t, Model model) {
            try {
                dir.writeSnapshot(step, model);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onCheckpoint(TrainingState state) {
            try {
                dir.writeCheckpoint(state, metrics.text());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onEnd(TrainOutcome outcome) {
            progress.onEnd(outcome);
        }
    }

    /** The exit code of a finished run: 0 completed, 1 diverged or failed, 130 interrupted. */
    public static int exitCode(RunSummary s) {
        return switch (s.status()) {
            case COMPLETED -> 0;
            case DIVERGED, FAILED -> 1;
            case INTERRUPTED -> 130;
        };
    }
}
