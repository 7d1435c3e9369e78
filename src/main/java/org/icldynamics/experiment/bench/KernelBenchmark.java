package org.icldynamics.experiment.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.Normals;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.AttentionKernel;
import org.icldynamics.model.AttentionKernels;
import org.icldynamics.model.KernelShape;
import org.icldynamics.model.ReferenceAttentionKernel;
import org.icldynamics.model.OneLayerAttention.Normalisation;
import org.icldynamics.model.OneLayerAttention.Precision;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;

/**
 * Times one full training step (sample a fresh batch, forward, backward, Adam update) of one attention layer with
 * merged key-query on the fast kernels, per workload (softmax; linear with 1/n), precision and thread count, and the
 * same step in PyTorch eager ({@code bench/torch_step.py}) side by side. The softmax paper's data: x ~ N(0, I),
 * w ~ N(0, I/d), label noise 0.1, query excluded from the keys. Then the rows of the two slow presets
 * ({@link PresetBenchmark}).
 */
public final class KernelBenchmark {
    private static final String TORCH_PREFIX = "TORCH_MEDIAN_MS ";

    private KernelBenchmark() {
    }

    public static BenchmarkResult run(BenchmarkSettings s) {
        return run(s, 1);
    }

    /** As {@link #run(BenchmarkSettings)} with the W rows timed in {@code rounds} rounds ({@link SideBySide}). */
    public static BenchmarkResult run(BenchmarkSettings s, int rounds) {
        try (HeapPeak heap = HeapPeak.start()) {
            return run(s, rounds, heap);
        }
    }

    private static BenchmarkResult run(BenchmarkSettings s, int rounds, HeapPeak heap) {
        String torchStatus = s.torch() == BenchmarkSettings.TorchComparison.SKIP ? "skipped" : torchAvailable(s);
        boolean torch = torchStatus.equals("ok");
        List<BenchmarkResult.Row> rows = new ArrayList<>();
        for (Scores scores : new Scores[] {Scores.SOFTMAX, Scores.LINEAR}) {
            for (Precision precision : Precision.values()) {
                for (int threads : s.threadCounts()) {
                    SideBySide t = SideBySide.time(rounds, () -> timeJava(s, scores, precision, threads, false),
                            () -> timeTorch(s, scores, precision, threads), torch);
                    rows.add(BenchmarkResult.Row.of(scores.name().toLowerCase(), precision.name().toLowerCase(),
                            threads, t));
                }
            }
        }
        rows.addAll(PresetBenchmark.run(s, torch));
        if (s.presets() != BenchmarkSettings.PresetWorkloads.SKIP) { // the multi-layer transformer
            rows.addAll(TransformerBenchmark.rows(s, s.presets() == BenchmarkSettings.PresetWorkloads.SMALL, torch));
        }
        return new BenchmarkResult(rows, heap.bytes(), torchStatus);
    }

    /**
     * One workload's double-precision step on the factory's kernel and on the plain reference kernel.
     *
     * @param workload "softmax" or "linear"
     * @param kernel the factory's kernel class (simple name)
     * @param fastMs median wall milliseconds per step, factory kernel; {@code fastCpuMs} its process CPU per step
     * @param referenceMs the same on {@link org.icldynamics.model.ReferenceAttentionKernel}; {@code referenceCpuMs}
     */
    public record VersusReference(String workload, int threads, String kernel, double fastMs, double fastCpuMs,
                                  double referenceMs, double referenceCpuMs) {
        /** How many times faster a step is on the factory's kernel (wall time). */
        public double speedup() {
            return referenceMs / fastMs;
        }
    }

    /**
     * The double rows timed back to back on the factory's kernel and on the reference kernel, per workload and thread
     * count, so each ratio comes from one invocation under one load (the reference kernel is the oracle of the fast
     * ones and what a machine without usable vectors runs).
     */
    public static List<VersusReference> versusReference(BenchmarkSettings s) {
        List<VersusReference> out = new ArrayList<>();
        for (Scores scores : new Scores[] {Scores.SOFTMAX, Scores.LINEAR}) {
            for (int threads : s.threadCounts()) {
                double[] fast = timeJava(s, scores, Precision.DOUBLE, threads, false);
                double[] ref = timeJava(s, scores, Precision.DOUBLE, threads, true);
                String kernel = AttentionKernels.create(shape(s, scores), Precision.DOUBLE, BlockParallel.serial())
                        .getClass().getSimpleName();
                out.add(new VersusReference(scores.name().toLowerCase(), threads, kernel, fast[0], fast[1], ref[0],
                        ref[1]));
            }
        }
        return out;
    }

    private static KernelShape shape(BenchmarkSettings s, Scores scores) {
        return new KernelShape(s.heads(), s.d(), 1, scores,
                scores == Scores.LINEAR ? Normalisation.BY_CONTEXT_LENGTH : Normalisation.NONE,
                QueryAttention.EXCLUDED);
    }

    /**
     * Median wall milliseconds of one full Java step, and mean process-CPU milliseconds per timed step.
     *
     * @param reference true: the plain {@link ReferenceAttentionKernel} (double); false: the factory's kernel
     */
    static double[] timeJava(BenchmarkSettings s, Scores scores, Precision precision, int threads,
                             boolean reference) {
        KernelShape shape = shape(s, scores);
        LinearRegressionTask task = new LinearRegressionTask(s.n(), Covariance.isotropic(s.d(), 1.0), 1.0 / s.d(),
                0.1, 0.1, precision.draws()); // as a run's
        RandomStreams streams = new RandomStreams(2026);
        PromptSampler sampler = new PromptSampler(task, streams, "bench");
        int dd = s.d() + 1;
        int nkq = s.heads() * dd * dd;
        double[] params = new double[nkq + s.heads() * dd];   // [h, D, D] then [h, 1, D]
        Normals.fill(streams.stream("init"), params, 0, params.length);
        for (int i = 0; i < params.length; i++) {
            params[i] *= 0.1;
        }
        double[] grad = new double[params.length];
        double[] kq = new double[nkq];
        double[] ov = new double[params.length - nkq];
        double[] gkq = new double[nkq];
        double[] gov = new double[ov.length];
        InlineAdam adam = new InlineAdam(params.length, 1e-3);
        PromptBatch storage = new PromptBatch(s.b(), s.n(), s.d(), 1);
        double[] times = new double[s.steps()];
        long cpuStart = 0;
        try (BlockParallel parallel = new BlockParallel(threads)) {
            AttentionKernel kernel = reference ? new ReferenceAttentionKernel(shape, parallel)
                    : AttentionKernels.create(shape, precision, parallel);
            for (int step = 0; step < s.warmup() + s.steps(); step++) {
                if (step == s.warmup()) {
                    cpuStart = processCpuNanos();
                }
                long t0 = System.nanoTime();
                // as in training: one storage, each block drawn inside the kernel's pass right before its compute
                PromptBatch batch = sampler.pendingInto(step, storage);
                System.arraycopy(params, 0, kq, 0, nkq);
                System.arraycopy(params, nkq, ov, 0, ov.length);
                double sse = kernel.sumSquaredErrorAndGradient(batch, kq, ov, gkq, gov);
                double scale = 1.0 / s.b();                    // MSE: mean over prompts
                for (int i = 0; i < nkq; i++) {
                    grad[i] = gkq[i] * scale;
                }
                for (int i = 0; i < ov.length; i++) {
                    grad[nkq + i] = gov[i] * scale;
                }
                adam.step(params, grad);
                long t1 = System.nanoTime();
                if (!Double.isFinite(sse)) {
                    throw new IllegalStateException("benchmark loss is not finite at step " + step);
                }
                if (step >= s.warmup()) {
                    times[step - s.warmup()] = (t1 - t0) / 1e6;
                }
            }
        }
        double cpuPerStep = (processCpuNanos() - cpuStart) / 1e6 / s.steps();
        return new double[] {median(times), cpuPerStep};
    }

    static double median(double[] v) {
        double[] t = v.clone();
        Arrays.sort(t);
        int m = t.length;
        return m % 2 == 1 ? t[m / 2] : 0.5 * (t[m / 2 - 1] + t[m / 2]);
    }

    /** CPU time of the whole process (all threads, including GC and JIT), 0 where unsupported. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** "ok" when the interpreter imports torch and the script exists, else the reason. */
    static String torchAvailable(BenchmarkSettings s) {
        return torchAvailable(s.python(), s.torchScript());
    }

    /** "ok" when {@code python} imports torch and {@code script} exists, else the reason. */
    static String torchAvailable(String python, java.nio.file.Path script) {
        if (!Files.isRegularFile(script)) {
            return "script not found: " + script;
        }
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return python + " -c \"import torch\" failed";
            }
            return "ok";
        } catch (IOException e) {
            return "cannot run " + python + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Median milliseconds of the PyTorch step, NaN if the script fails. */
    static double timeTorch(BenchmarkSettings s, Scores scores, Precision precision, int threads) {
        return timeTorch(s, List.of("--b", "" + s.b(), "--n", "" + s.n(),
                "--d", "" + s.d(), "--heads", "" + s.heads(), "--scores", scores.name().toLowerCase(),
                "--dtype", precision == Precision.DOUBLE ? "float64" : "float32", "--threads", "" + threads,
                "--warmup", "" + s.torchWarmup(), "--steps", "" + s.torchSteps()));
    }

    /** Median milliseconds of the PyTorch script run with {@code args}, NaN if it fails. */
    static double timeTorch(BenchmarkSettings s, List<String> args) {
        return timeTorch(s.python(), s.torchScript(), args);
    }

    /** Median milliseconds of {@code script} run by {@code python} with {@code args}, NaN if it fails. */
    static double timeTorch(String python, java.nio.file.Path script, List<String> args) {
        if (!Files.isRegularFile(script)) {
            return Double.NaN;
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            double ms = Double.NaN;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith(TORCH_PREFIX)) {
                        ms = Double.parseDouble(line.substring(TORCH_PREFIX.length()).trim());
                    }
                }
            }
            p.waitFor(600, TimeUnit.SECONDS);
            return ms;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** Adam as in PyTorch (spec Part C), inline because the benchmark must not depend on the trainer's choices. */
    private static final class InlineAdam {
        private final double[] m;
        private final double[] v;
        private final double lr;
        private long t;

        InlineAdam(int size, double lr) {
            this.m = new double[size];
            this.v = new double[size];
            this.lr = lr;
        }

        /** @param params updated in place; @param grad not modified */
        void step(double[] params, double[] grad) {
            t++;
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.999, t);
            for (int i = 0; i < params.length; i++) {
                m[i] = 0.9 * m[i] + 0.1 * grad[i];
                v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
                params[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
            }
        }
    }
}
