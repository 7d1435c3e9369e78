package org.icldynamics.experiment.bench;

import java.nio.file.Path;

/**
 * What {@link KernelBenchmark} times.
 *
 * @param b prompts per step
 * @param n context length
 * @param d input dimension
 * @param heads attention heads
 * @param warmup untimed Java steps before measuring (JIT warm-up)
 * @param steps timed Java steps (the median is reported)
 * @param threadCounts thread counts to time, e.g. {1, 2}
 * @param torch whether to run the PyTorch comparison
 * @param torchScript the PyTorch script (bench/torch_step.py)
 * @param python the Python interpreter that has torch (/usr/bin/python3 on Debian)
 * @param torchWarmup untimed PyTorch steps
 * @param torchSteps timed PyTorch steps
 * @param presets whether to add the rows of the two slow presets ({@link PresetBenchmark}) and at what size
 */
public record BenchmarkSettings(int b, int n, int d, int heads, int warmup, int steps, int[] threadCounts,
                                TorchComparison torch, Path torchScript, String python, int torchWarmup,
                                int torchSteps, PresetWorkloads presets) {
    /** Whether to time the equivalent PyTorch script next to each row. */
    public enum TorchComparison { RUN, SKIP }

    /**
     * The preset workloads: FULL at the presets' sizes (P = 80,000 fixed prompts; 10,000 fresh prompts per step),
     * SMALL with 1/100 of the prompts (a quick check that the rows run), or SKIP.
     */
    public enum PresetWorkloads { FULL, SMALL, SKIP }

    /** The original 12-setting form: without the preset rows. */
    public BenchmarkSettings(int b, int n, int d, int heads, int warmup, int steps, int[] threadCounts,
                             TorchComparison torch, Path torchScript, String python, int torchWarmup, int torchSteps) {
        this(b, n, d, heads, warmup, steps, threadCounts, torch, torchScript, python, torchWarmup, torchSteps,
                PresetWorkloads.SKIP);
    }

    public BenchmarkSettings {
        if (b < 1 || n < 0 || d < 1 || heads < 1 || warmup < 0 || steps < 1 || torchWarmup < 0 || torchSteps < 1) {
            throw new IllegalArgumentException("benchmark needs b, d, heads, steps >= 1 and n, warmup >= 0");
        }
        if (threadCounts.length == 0) {
            throw new IllegalArgumentException("benchmark needs at least one thread count");
        }
        for (int t : threadCounts) {
            if (t < 1) {
                throw new IllegalArgumentException("thread counts must be >= 1, got " + t);
            }
        }
        if (presets == null) {
            throw new IllegalArgumentException("benchmark presets must be FULL, SMALL or SKIP (found null)");
        }
        threadCounts = threadCounts.clone();
    }

    @Override
    public int[] threadCounts() {
        return threadCounts.clone();
    }

    /** The reference workload of issue 2: b=1024, n=32, d=8, h=8. */
    public static BenchmarkSettings reference(Path torchScript) {
        return new BenchmarkSettings(1024, 32, 8, 8, 300, 400, new int[] {1, 2}, TorchComparison.RUN, torchScript,
                "/usr/bin/python3", 5, 30, PresetWorkloads.FULL);
    }
}
