package org.icldynamics.experiment;

import org.icldynamics.config.Doc;
import org.icldynamics.config.InvalidSettingException;
import org.icldynamics.config.Require;
import org.icldynamics.train.CurriculumBatches;

/**
 * Garg et al.'s (2022) training curriculum over the input dimension and the context length ({@code train.curriculum};
 * spec sparse-multilayer.md B.3): training runs in stages of {@code interval} steps; at step {@code t} the stage is
 * {@code k = t / interval} and the prompts have {@code min(d, dStart + k dStep)} active coordinates (the others of
 * every x and of the query are zero, and the sparse support lies in the active ones) and
 * {@code min(n, nStart + k nStep)} examples. A start of 0 switches that half off (the task's d or n throughout), so
 * the defaults change no run. Evaluation always uses the task's full d and n. The step alone fixes the stage, so a
 * resumed run and any thread count see the same prompts.
 */
public record CurriculumSection(
        @Doc(value = "curriculum: active input dimension of the first stage; 0 = no d curriculum (task.d throughout)",
                allowed = "0, or sparsity..task.d") int dStart,
        @Doc(value = "curriculum: active dimensions added per stage (capped at task.d)", allowed = ">= 1") int dStep,
        @Doc(value = "curriculum: context length of the first stage; 0 = no n curriculum (task.n throughout)",
                allowed = "0, or 1..task.n") int nStart,
        @Doc(value = "curriculum: examples added per stage (capped at task.n)", allowed = ">= 1") int nStep,
        @Doc(value = "curriculum: steps per stage", allowed = ">= 1") long interval) {

    public CurriculumSection {
        Require.atLeast("dStart", dStart, 0);
        Require.atLeast("dStep", dStep, 1);
        Require.atLeast("nStart", nStart, 0);
        Require.atLeast("nStep", nStep, 1);
        Require.atLeast("interval", interval, 1);
    }

    /** True when either half of the curriculum is on. */
    public boolean active() {
        return dStart > 0 || nStart > 0;
    }

    /** The stage of training step {@code step >= 0}. */
    public long stage(long step) {
        return step / interval;
    }

    /** Active input dimension at {@code step} for a task of dimension {@code d}. */
    public int d(long step, int d) {
        return dStart == 0 ? d : grow(dStart, dStep, stage(step), d);
    }

    /** Context length at {@code step} for a task of context length {@code n}. */
    public int n(long step, int n) {
        return nStart == 0 ? n : grow(nStart, nStep, stage(step), n);
    }

    /** The stages for a task of dimension {@code taskD} and context length {@code taskN}, as the batches read them. */
    public CurriculumBatches.Schedule schedule(int taskD, int taskN) {
        return new Stages(this, taskD, taskN);
    }

    /** The curriculum's stages applied to one task's d and n. */
    private record Stages(CurriculumSection curriculum, int taskD, int taskN) implements CurriculumBatches.Schedule {
        @Override
        public int d(long step) {
            return curriculum.d(step, taskD);
        }

        @Override
        public int n(long step) {
            return curriculum.n(step, taskN);
        }
    }

    private static int grow(int start, int step, long stage, int cap) {
        return (int) Math.min(cap, start + Math.min(stage, cap) * (long) step);
    }

    /**
     * The checks that need the task: starts within the task's sizes, the d start at least the sparsity (the support
     * lies in the active coordinates), and a sparse task (the only one whose sampler knows active coordinates).
     *
     * @throws InvalidSettingException naming the {@code train.curriculum} key
     */
    void checkAgainst(TaskSection task) {
        if (!active()) {
            return;
        }
        if (task.kind() != TaskSection.Kind.SPARSE) {
            throw new InvalidSettingException("train.curriculum.dStart", dStart > 0 ? dStart : nStart,
                    "0 with nStart 0 unless task.kind: sparse (the curriculum is implemented for the sparse task)");
        }
        if (dStart > 0 && (dStart < task.sparsity() || dStart > task.d())) {
            throw new InvalidSettingException("train.curriculum.dStart", dStart, "0, or sparsity = "
                    + task.sparsity() + " .. task.d = " + task.d() + " (the support lies in the active coordinates)");
        }
        if (nStart > task.n()) {
            throw new InvalidSettingException("train.curriculum.nStart", nStart, "0, or 1 .. task.n = " + task.n());
        }
    }
}
