package org.icldynamics.analysis;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.analysis.AllocationResult.HeadRole;
import org.icldynamics.analysis.AllocationResult.Mode;
import org.icldynamics.analysis.AllocationResult.Role;
import org.icldynamics.model.HeadCircuit;

/**
 * Head-by-task matrices {@code lambda_W}, {@code lambda_U} and the resulting allocation of heads to tasks. Rule (see
 * {@link AllocationSettings}): a head is a dummy when its total strength is tiny; otherwise it is dedicated to its
 * strongest task when that task holds at least {@code dedicationShare} of its strength, and superposed over every task
 * holding at least {@code involvementShare} otherwise.
 */
public final class HeadTaskAllocation {
    private final TaskCoordinates taskCoordinates;
    private final AllocationSettings settings;

    public HeadTaskAllocation(TaskCoordinates taskCoordinates, AllocationSettings settings) {
        this.taskCoordinates = taskCoordinates;
        this.settings = settings;
    }

    /** Allocation of one snapshot. */
    public AllocationResult allocate(List<HeadCircuit> circuits) {
        return allocate(-1, circuits);
    }

    /** Allocation of one snapshot taken at {@code step}. */
    public AllocationResult allocate(long step, List<HeadCircuit> circuits) {
        int tasks = taskCoordinates.tasks();
        int h = circuits.size();
        if (h == 0) {
            throw new IllegalArgumentException("no heads to allocate");
        }
        double[][] lw = new double[tasks][h];
        double[][] lu = new double[tasks][h];
        for (int k = 0; k < h; k++) {
            HeadCircuit c = circuits.get(k);
            int d = c.tokenWidth() - c.outputs();
            if (c.outputs() != tasks) {
                throw new IllegalArgumentException("head " + c.head() + " has " + c.outputs() + " outputs but the "
                        + "task map has " + tasks + " tasks");
            }
            for (int n = 0; n < tasks; n++) {
                int[] block = taskCoordinates.block(n);
                double s = 0;
                for (int i : block) {
                    if (i >= d) {
                        throw new IllegalArgumentException("task " + n + " reads coordinate " + i + " but d = " + d);
                    }
                    s += c.kq(i, i);
                }
                lw[n][k] = s / block.length;
                lu[n][k] = c.ov(n, d + n);
            }
        }
        double[] total = new double[h];
        double max = 0;
        for (int k = 0; k < h; k++) {
            for (int n = 0; n < tasks; n++) {
                total[k] += Math.abs(lw[n][k] * lu[n][k]);
            }
            max = Math.max(max, total[k]);
        }
        List<HeadRole> roles = new ArrayList<>();
        boolean[] served = new boolean[tasks];
        int active = 0;
        boolean superposed = false;
        for (int k = 0; k < h; k++) {
            double[] shares = new double[tasks];
            if (total[k] <= settings.tinyContribution() * max || total[k] == 0) {
                roles.add(new HeadRole(circuits.get(k).head(), Role.DUMMY, -1, List.of(), shares));
                continue;
            }
            active++;
            int best = 0;
            for (int n = 0; n < tasks; n++) {
                shares[n] = Math.abs(lw[n][k] * lu[n][k]) / total[k];
                if (shares[n] > shares[best]) {
                    best = n;
                }
            }
            List<Integer> serves = new ArrayList<>();
            Role role;
            if (shares[best] >= settings.dedicationShare()) {
                role = Role.DEDICATED;
                serves.add(best);
            } else {
                role = Role.SUPERPOSED;
                superposed = true;
                for (int n = 0; n < tasks; n++) {
                    if (shares[n] >= settings.involvementShare()) {
                        serves.add(n);
                    }
                }
            }
            for (int n : serves) {
                served[n] = true;
            }
            roles.add(new HeadRole(circuits.get(k).head(), role, best, serves, shares));
        }
        double[] eta = new double[tasks];
        double[] zeroSum = new double[tasks];
        List<Integer> uncovered = new ArrayList<>();
        for (int n = 0; n < tasks; n++) {
            double sum = 0;
            double abs = 0;
            for (int k = 0; k < h; k++) {
                eta[n] += lu[n][k] * lw[n][k];
                sum += lu[n][k];
                abs += Math.abs(lu[n][k]);
            }
            zeroSum[n] = abs > 0 ? Math.abs(sum) / abs : Double.NaN;
            if (!served[n]) {
                uncovered.add(n);
            }
        }
        double offTask = Double.NaN;
        for (int k = 0; k < h; k++) {
            int own = roles.get(k).primaryTask();
            if (own < 0) {
                continue;
            }
            double sign = Math.signum(lu[own][k]);
            for (int n = 0; n < tasks; n++) {
                if (n != own) {
                    double v = lu[n][k] * sign;
                    offTask = Double.isNaN(offTask) ? v : Math.min(offTask, v);
                }
            }
        }
        Mode mode = active == 0 ? Mode.NONE : superposed ? Mode.SUPERPOSITION : Mode.SPLIT_UP;
        return new AllocationResult(step, lw, lu, roles, mode, eta, zeroSum, uncovered, offTask);
    }

    /**
     * Allocation of every snapshot of a run.
     *
     * @param steps {@code [s]} snapshot steps, not modified
     * @param snapshots {@code s} lists of circuits
     */
    public List<AllocationResult> trajectory(long[] steps, List<List<HeadCircuit>> snapshots) {
        if (steps.length != snapshots.size()) {
            throw new IllegalArgumentException(steps.length + " steps for " + snapshots.size() + " snapshots");
        }
        List<AllocationResult> out = new ArrayList<>();
        for (int s = 0; s < steps.length; s++) {
            out.add(allocate(steps[s], snapshots.get(s)));
        }
        return out;
    }

    /**
     * The softmax paper's stated rule (spec A.4.7) for {@code heads} heads and {@code tasks} tasks: each active head
     * learns one task when {@code heads >= 2 tasks} (a positive and a negative head per task), superposition when
     * {@code 2 < heads < 2 tasks}. With {@code heads <= 2} and several tasks the heads must also superpose. The spec
     * warns that seeds can break this rule, so compare function (loss, per-task eta and zero-sum) first.
     */
    public static Mode authorsRule(int heads, int tasks) {
        if (heads < 1 || tasks < 1) {
            throw new IllegalArgumentException("need heads >= 1 and tasks >= 1, got " + heads + ", " + tasks);
        }
        return heads >= 2 * tasks || tasks == 1 ? Mode.SPLIT_UP : Mode.SUPERPOSITION;
    }
}
