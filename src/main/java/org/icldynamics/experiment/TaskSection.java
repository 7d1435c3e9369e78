package org.icldynamics.experiment;

import java.util.List;
import org.icldynamics.data.Eigenbasis;
import org.icldynamics.data.TraceNormalization;
import org.icldynamics.config.Doc;
import org.icldynamics.config.InvalidSettingException;
import org.icldynamics.config.Require;
import org.icldynamics.config.SelectedBy;

/**
 * In-context linear regression prompts: {@code x ~ N(0, Lambda)}, {@code w ~ N(0, tau2 I)},
 * {@code y = w^T x + eps}, {@code eps ~ N(0, noise)} on context labels and {@code N(0, queryNoise)} on the query.
 * With {@code kind: sparse}, {@code w} has {@code sparsity} non-zero coordinates on a uniformly random support, each
 * {@code N(0, tau2)}, and {@code x ~ N(0, I)} (spec sparse-multilayer.md B.1).
 * {@code Lambda} is {@code diagonal} (from {@code eigenvalues} and {@code basis}; identity when empty) or
 * {@code toeplitz} ({@code Lambda_ij = rho^|i-j|}, softmax-multihead A.1.1); {@code trace} applies to both.
 */
@SelectedBy("kind")
public record TaskSection(
        @Doc(value = "input dimension d", allowed = ">= 1") int d,
        @Doc(value = "context length n (tokens before the query)", allowed = ">= 1") int n,
        @Doc(value = "label noise variance sigma2 of context labels", allowed = ">= 0") double noise,
        @Doc(value = "noise variance of the query target", allowed = ">= 0") double queryNoise,
        @Doc(value = "variance tau2 of every task-vector entry", allowed = "> 0") double tau2,
        @Doc(value = "eigenvalues of Lambda; empty list = identity", allowed = "d numbers >= 0, or []", only = "dense")
        List<Double> eigenvalues,
        @Doc(value = "eigenbasis of Lambda: identity or a Haar-random rotation (stream 'covariance')", only = "dense") Eigenbasis basis,
        @Doc(value = "none, or divide Lambda by its trace (tr Lambda = 1)", only = "dense") TraceNormalization trace,
        @Doc(value = "diagonal (Lambda from eigenvalues and basis) or toeplitz (Lambda_ij = rho^|i-j|, softmax paper A.1.1; "
                + "needs eigenvalues: [])", only = "dense") CovarianceKind covariance,
        @Doc(value = "toeplitz: correlation rho of neighbouring coordinates (the softmax paper's helper uses 0.5); "
                + "must be 0 for diagonal", allowed = "(-1, 1)", only = "dense") double rho,
        @Doc(value = "number of regression tasks (label slots); > 1 splits the d coordinates into that many "
                + "contiguous blocks, one task each, with beta ~ N(0, tau2) on its block", allowed = "1..d", only = "dense")
        int tasks,
        @Doc(value = "tasks > 1: contiguous-blocks (task k on coordinates [floor(k d / tasks), floor((k+1) d / tasks))) or "
                + "overlapping-pair (softmax paper A.1.2: d = 6, tasks = 2, task 1 on coordinates 1..4 and task 2 on "
                + "3..6; the paper uses n = 48, noise 0.4, queryNoise 0, tau2 1)", only = "dense")
        Layout layout,
        @Doc("dense (w ~ N(0, tau2 I)) or sparse (s-sparse w, non-zeros N(0, tau2); isotropic x, one task, query "
                + "noise = noise)")
        Kind kind,
        @Doc(value = "sparse: number s of non-zero coordinates of w", allowed = "1..d", only = "sparse") int sparsity,
        @Doc(value = "none, or in-weight (linear paper A.1 --icl c: one fixed task w* of norm sqrt(d) for the training prompts "
                + "without their own task; train.data fixed or minibatch; metrics get eval_iw and eval_ic)", only = "dense")
        Mixture mixture,
        @Doc(value = "mixture: in-weight: fraction c of training prompts with their own task (c = 1 whitens them, "
                + "c = 0 gives pure-noise context labels)", allowed = "[0, 1]", only = "dense") double inContextFraction,
        @Doc(value = "task supports: one list of 0-based coordinates per task, overlapping or not (e.g. [[0, 1, 2], "
                + "[2, 3, 4], [4, 5, 0]]); replaces layout; needs tasks = the number of lists; [] = use layout",
                allowed = "[] or tasks lists of distinct integers in 0..d-1", only = "dense") List<List<Double>> supports) {

    /** The prompt distribution family. */
    public enum Kind { DENSE, SPARSE }

    /** Whether the training set mixes in-context tasks with one in-weight task. */
    public enum Mixture { NONE, IN_WEIGHT }

    /** How the input covariance {@code Lambda} is built. */
    public enum CovarianceKind { DIAGONAL, TOEPLITZ }

    /** How {@code tasks > 1} tasks read the input coordinates. */
    public enum Layout { CONTIGUOUS_BLOCKS, OVERLAPPING_PAIR }

    public TaskSection {
        Require.atLeast("d", d, 1);
        Require.atLeast("n", n, 1);
        Require.nonNegative("noise", noise);
        Require.nonNegative("queryNoise", queryNoise);
        Require.positive("tau2", tau2);
        Require.notNull("eigenvalues", eigenvalues);
        Require.notNull("basis", basis);
        Require.notNull("trace", trace);
        Require.notNull("covariance", covariance);
        if (!(Math.abs(rho) < 1)) {
            throw new InvalidSettingException("rho", rho, "in (-1, 1) (Lambda_ij = rho^|i-j| must be positive "
                    + "definite)");
        }
        if (covariance == CovarianceKind.DIAGONAL && rho != 0) {
            throw new InvalidSettingException("rho", rho, "0 unless covariance: toeplitz");
        }
        if (covariance == CovarianceKind.TOEPLITZ && !eigenvalues.isEmpty()) {
            throw new InvalidSettingException("covariance", "toeplitz", "used with eigenvalues: [] (Lambda is "
                    + "rho^|i-j|, not a spectrum)");
        }
        Require.atLeast("tasks", tasks, 1);
        Require.notNull("kind", kind);
        if (kind == Kind.SPARSE) {
            if (sparsity < 1 || sparsity > d) {
                throw new InvalidSettingException("sparsity", sparsity, "1..d = " + d + " for a sparse task");
            }
            if (tasks != 1 || !eigenvalues.isEmpty() || covariance != CovarianceKind.DIAGONAL) {
                throw new InvalidSettingException("kind", "sparse", "tasks: 1 and eigenvalues: [] (isotropic x)");
            }
            if (queryNoise != noise) {
                throw new InvalidSettingException("queryNoise", queryNoise, "equal to noise = " + noise
                        + " for a sparse task");
            }
        }
        Require.notNull("layout", layout);
        Require.notNull("mixture", mixture);
        if (!(inContextFraction >= 0 && inContextFraction <= 1)) {
            throw new InvalidSettingException("inContextFraction", inContextFraction, "in [0, 1]");
        }
        if (mixture == Mixture.IN_WEIGHT && (tasks != 1 || kind != Kind.DENSE)) {
            throw new InvalidSettingException("mixture", "in-weight", "used with tasks: 1 and kind: dense");
        }
        if (layout == Layout.OVERLAPPING_PAIR && (d != 6 || tasks != 2)) {
            throw new InvalidSettingException("layout", "overlapping-pair", "used with d: 6 and tasks: 2 (got d = "
                    + d + ", tasks = " + tasks + ")");
        }
        if (tasks > d) {
            throw new InvalidSettingException("tasks", tasks, "at most d = " + d);
        }
        if (tasks > 1 && queryNoise != 0 && queryNoise != noise) {
            throw new InvalidSettingException("queryNoise", queryNoise, "0 or equal to noise when tasks > 1");
        }
        supports = supports == null ? List.of() : supports.stream().map(List::copyOf).toList();
        if (!supports.isEmpty()) {
            supportCoordinates(supports, d);
            if (supports.size() != tasks) {
                throw new InvalidSettingException("supports", supports, "one list per task: tasks = " + tasks
                        + " but " + supports.size() + " lists (set tasks: " + supports.size() + ")");
            }
            if (layout != Layout.CONTIGUOUS_BLOCKS || kind != Kind.DENSE) {
                throw new InvalidSettingException("supports", supports, "used with kind: dense and the default "
                        + "layout (supports replace the layout)");
            }
        }
        eigenvalues = List.copyOf(eigenvalues);
        if (!eigenvalues.isEmpty() && eigenvalues.size() != d) {
            throw new InvalidSettingException("eigenvalues", eigenvalues, "empty or exactly d = " + d + " numbers");
        }
        for (double e : eigenvalues) {
            if (!(e >= 0) || Double.isInfinite(e)) {
                throw new InvalidSettingException("eigenvalues", eigenvalues, "finite numbers >= 0");
            }
        }
        if (!eigenvalues.isEmpty() && eigenvalues.stream().allMatch(e -> e == 0)) {
            throw new InvalidSettingException("eigenvalues", eigenvalues, "not all 0 (Lambda would be 0)");
        }
    }

    /**
     * The most input coordinates one task reads: d for one task (dense or sparse, whose support may be any of
     * them), the largest contiguous block, or 4 for the overlapping pair.
     */
    public int coordinatesPerTask() {
        if (layout == Layout.OVERLAPPING_PAIR && tasks > 1) {
            return 4;
        }
        return (d + tasks - 1) / tasks;
    }

    /** The supports as sorted coordinate arrays, {@code [tasks][]}; null when {@code supports} is empty. */
    public int[][] supportCoordinates() {
        return supports.isEmpty() ? null : supportCoordinates(supports, d);
    }

    private static int[][] supportCoordinates(List<List<Double>> supports, int d) {
        int[][] out = new int[supports.size()][];
        for (int k = 0; k < out.length; k++) {
            List<Double> s = supports.get(k);
            if (s.isEmpty()) {
                throw new InvalidSettingException("supports", supports, "non-empty lists (task " + k + " reads no "
                        + "coordinates)");
            }
            java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
            for (double c : s) {
                if (c != Math.rint(c) || c < 0 || c >= d) {
                    throw new InvalidSettingException("supports", supports, "integer coordinates in 0..d-1 = 0.."
                            + (d - 1) + " (task " + k + " has " + (c == Math.rint(c) ? String.valueOf((long) c) : String.valueOf(c))
                            + ")");
                }
                if (!set.add((int) c)) {
                    throw new InvalidSettingException("supports", supports, "distinct coordinates within a task "
                            + "(task " + k + " repeats " + (int) c + ")");
                }
            }
            out[k] = set.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** Whether {@code Lambda} is a multiple of the identity (diagonal covariance without eigenvalues). */
    public boolean isotropic() {
        return covariance == CovarianceKind.DIAGONAL && eigenvalues.isEmpty();
    }
}
