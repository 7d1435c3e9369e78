package org.icldynamics.experiment.bench;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * One bench row timed in rounds, ours then PyTorch's in each round, so that both sides of every ratio see the same
 * moment of a shared machine: what is reported is the median of each side over the rounds, their ratio, and the range
 * of the per-round ratios. On a shared 2-core machine PyTorch's own W step moved from 19 to 29 ms between invocations
 * (README, Session 15), so one round's ratio says as much about the moment as about the code.
 *
 * @param oursMs per round, the median wall milliseconds of our step ({@link KernelBenchmark#timeJava})
 * @param oursCpuMs per round, our process CPU milliseconds per step
 * @param torchMs per round, PyTorch's median milliseconds per step; all NaN when PyTorch is not run
 */
public record SideBySide(double[] oursMs, double[] oursCpuMs, double[] torchMs) {
    public SideBySide {
        if (oursMs.length == 0 || oursCpuMs.length != oursMs.length || torchMs.length != oursMs.length) {
            throw new IllegalArgumentException("a row needs the same number (at least one) of rounds on each side");
        }
        oursMs = oursMs.clone();
        oursCpuMs = oursCpuMs.clone();
        torchMs = torchMs.clone();
    }

    /**
     * Times {@code rounds} rounds: in each, {@code ours} (returning {wall ms, CPU ms}) then {@code torch} when
     * {@code withTorch}.
     */
    public static SideBySide time(int rounds, Supplier<double[]> ours, DoubleSupplier torch, boolean withTorch) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        double[] ms = new double[rounds];
        double[] cpu = new double[rounds];
        double[] theirs = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double[] t = ours.get();
            ms[r] = t[0];
            cpu[r] = t[1];
            theirs[r] = withTorch ? torch.getAsDouble() : Double.NaN;
        }
        return new SideBySide(ms, cpu, theirs);
    }

    @Override
    public double[] oursMs() {
        return oursMs.clone();
    }

    @Override
    public double[] oursCpuMs() {
        return oursCpuMs.clone();
    }

    @Override
    public double[] torchMs() {
        return torchMs.clone();
    }

    public int rounds() {
        return oursMs.length;
    }

    /** The median over the rounds of our wall time per step. */
    public double ms() {
        return KernelBenchmark.median(oursMs);
    }

    /** The median over the rounds of our CPU time per step. */
    public double cpuMs() {
        return KernelBenchmark.median(oursCpuMs);
    }

    /** The median over the rounds of PyTorch's time per step; NaN when any round has none. */
    public double torchMedianMs() {
        for (double t : torchMs) {
            if (Double.isNaN(t)) {
                return Double.NaN;
            }
        }
        return KernelBenchmark.median(torchMs);
    }

    /** The lowest per-round ratio PyTorch / ours; NaN without PyTorch. */
    public double lowestRatio() {
        return ratioExtreme(false);
    }

    /** The highest per-round ratio PyTorch / ours; NaN without PyTorch. */
    public double highestRatio() {
        return ratioExtreme(true);
    }

    private double ratioExtreme(boolean highest) {
        if (Double.isNaN(torchMedianMs())) {
            return Double.NaN;
        }
        double e = torchMs[0] / oursMs[0];
        for (int r = 1; r < oursMs.length; r++) {
            double q = torchMs[r] / oursMs[r];
            e = highest ? Math.max(e, q) : Math.min(e, q);
        }
        return e;
    }
}
