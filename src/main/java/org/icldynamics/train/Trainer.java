package org.icldynamics.train;

import java.util.function.BooleanSupplier;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.model.Model;

/**
 * The training loop. It knows a loss and a gradient, never the model's internals. Logs every {@code logEvery}
 * steps, evaluates on a fixed held-out set, snapshots and checkpoints through the listener, and stops at the first
 * non-finite parameter, gradient entry or loss with a message naming the step and the parameter block (or saying
 * that only the loss is non-finite), or at the first training loss above {@code plan.divergence()} times the initial
 * loss (the larger of the step-0 training and evaluation losses). Every record logged before that step has been delivered; the bad step itself
 * is logged with its loss, then {@code onEnd} reports DIVERGED.
 *
 * <p>Resuming from a {@link TrainingState} taken at step {@code s} (by {@code onCheckpoint}) continues bit for bit:
 * batches are pure functions of the step and the optimizer state carries its step counter.
 */
public final class Trainer {
    private final Model model;
    private final Optimizer optimizer;
    private final TrainingObjective train;
    private final PromptBatch evalSet;
    private final TrainPlan plan;

    public Trainer(Model model, Optimizer optimizer, BatchSource train, PromptBatch evalSet, TrainPlan plan) {
        this(model, optimizer, TrainingObjective.of(model, train), evalSet, plan);
    }

    /** A trainer descending {@code objective} (for example the exact population loss) instead of batches. */
    public Trainer(Model model, Optimizer optimizer, TrainingObjective objective, PromptBatch evalSet, TrainPlan plan) {
        this.model = model;
        this.optimizer = optimizer;
        this.train = objective;
        this.evalSet = evalSet;
        this.plan = plan;
    }

    /**
     * Runs from {@code resume} (or from step 0 when null) to {@code plan.steps()}.
     *
     * @param stop polled every step; when it answers true the run checkpoints and ends INTERRUPTED
     */
    public TrainOutcome run(TrainingState resume, TrainingListener listener, BooleanSupplier stop) {
        return run(resume, Double.NaN, listener, stop);
    }

    /**
     * Like {@link #run(TrainingState, TrainingListener, BooleanSupplier)}; {@code initialLoss} is the divergence
     * reference of a resumed run (measured at step 0 of a fresh one; NaN: none known, only non-finite values count).
     */
    public TrainOutcome run(TrainingState resume, double initialLoss, TrainingListener listener,
                            BooleanSupplier stop) {
        double reference = initialLoss;
        double[] p = model.parameters();
        long start = 0;
        if (resume != null) {
            System.arraycopy(resume.parameters(), 0, p, 0, p.length);
            optimizer.restore(resume.optimizerState());
            start = resume.step();
        }
        double[] grad = new double[p.length];
        long[] snaps = plan.snapshotSteps();
        int nextSnap = 0;
        while (nextSnap < snaps.length && snaps[nextSnap] < start) {
            nextSnap++;
        }
        double lastTrain = Double.NaN;
        double lastEval = Double.NaN;
        for (long step = start; step <= plan.steps(); step++) {
            double t = plan.time(step);
            if (nextSnap < snaps.length && snaps[nextSnap] == step) {
                listener.onSnapshot(step, t, model);
                nextSnap++;
            }
            double loss = train.lossAndGradient(step, grad);
            String bad = NonFinite.check(model, p, grad, loss);
            if (bad == null && step > 0 && loss > plan.divergence() * reference) {
                bad = "the training loss " + loss + " is above train.divergence = " + plan.divergence()
                        + " times the initial loss " + reference;
            }
            boolean last = step == plan.steps();
            if (bad != null) {
                listener.onLog(new LogRecord(step, t, loss, Double.NaN));
                TrainOutcome o = new TrainOutcome(RunStatus.DIVERGED, step, lastTrain, lastEval,
                        "diverged at step " + step + ": " + bad);
                listener.onEnd(o);
                return o;
            }
            lastTrain = loss;
            if (step % plan.logEvery() == 0 || last) {
                double ev = Double.NaN;
                if (evalSet != null && (step % plan.evalEvery() == 0 || last)) {
                    ev = model.loss(evalSet);
                    lastEval = ev;
                }
                if (step == 0) {
                    reference = Double.isNaN(ev) ? loss : Math.max(loss, ev);
                }
                listener.onLog(new LogRecord(step, t, loss, ev));
            }
            if (last) {
                break;
            }
            optimizer.step(p, grad);
            long done = step + 1;
            if (plan.checkpointEvery() > 0 && done % plan.checkpointEvery() == 0) {
                listener.onCheckpoint(new TrainingState(done, plan.time(done), p.clone(), optimizer.state()));
            }
            if (stop.getAsBoolean()) {
                listener.onCheckpoint(new TrainingState(done, plan.time(done), p.clone(), optimizer.state()));
                TrainOutcome o = new TrainOutcome(RunStatus.INTERRUPTED, done, lastTrain, lastEval, "interrupted");
                listener.onEnd(o);
                return o;
            }
        }
        TrainOutcome o = new TrainOutcome(RunStatus.COMPLETED, plan.steps(), lastTrain, lastEval, "completed");
        listener.onEnd(o);
        return o;
    }
}
