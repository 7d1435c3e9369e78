package org.icldynamics.train;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.model.Model;

/**
 * Gradient flow {@code d theta / dt = -grad L(theta)} on a fixed (full-batch) loss, integrated by the adaptive
 * Dormand-Prince 8(5,3) method (Hipparchus) from one requested output time to the next. At every output time
 * {@code t_k} the listener gets a snapshot and a {@link LogRecord} with {@code step = k}, {@code t = t_k}, the
 * training loss and (when an evaluation set is given) the evaluation loss. A non-finite loss, gradient or parameter
 * stops the run as DIVERGED with a message naming the time and the parameter block; everything before it has been
 * delivered.
 */
public final class GradientFlow {
    private final Model model;
    private final TrainingObjective train;
    private final PromptBatch evalSet;
    private final Spec spec;

    /**
     * Integrator settings: the error per step is kept under {@code absoluteTolerance + relativeTolerance * |theta_i|}
     * for every component.
     *
     * @param minStep smallest step allowed (the run fails with a message if the integrator needs a smaller one)
     * @param maxStep largest step allowed
     */
    public record Spec(double absoluteTolerance, double relativeTolerance, double minStep, double maxStep) {
        public Spec {
            if (!(absoluteTolerance > 0) || !(relativeTolerance >= 0) || !(minStep > 0) || !(maxStep >= minStep)) {
                throw new IllegalArgumentException("gradient flow needs absoluteTolerance > 0, relativeTolerance >= 0"
                        + " and 0 < minStep <= maxStep, got " + absoluteTolerance + ", " + relativeTolerance + ", "
                        + minStep + ", " + maxStep);
            }
        }

        /** Tolerances 1e-10 absolute and relative, steps in {@code [1e-12, 1e6]}. */
        public static Spec defaults() {
            return new Spec(1e-10, 1e-10, 1e-12, 1e6);
        }
    }

    /**
     * @param train the prompts of the full-batch loss, not modified
     * @param evalSet held-out prompts, not modified; null for none
     */
    public GradientFlow(Model model, PromptBatch train, PromptBatch evalSet, Spec spec) {
        this(model, TrainingObjective.fixed(model, train), evalSet, spec);
    }

    /**
     * The flow of {@code objective} (read at step 0; for example the exact population loss) instead of one batch.
     *
     * @param evalSet held-out prompts, not modified; null for none
     */
    public static GradientFlow of(Model model, TrainingObjective objective, PromptBatch evalSet, Spec spec) {
        return new GradientFlow(model, objective, evalSet, spec);
    }

    private GradientFlow(Model model, TrainingObjective objective, PromptBatch evalSet, Spec spec) {
        this.model = model;
        this.train = objective;
        this.evalSet = evalSet;
        this.spec = spec;
    }

    /** {@code count} times evenly spaced in {@code [0, tEnd]}, both ends included. */
    public static double[] linearTimes(double tEnd, int count) {
        if (!(tEnd > 0) || count < 2) {
            throw new IllegalArgumentException("need tEnd > 0 and count >= 2, got " + tEnd + ", " + count);
        }
        double[] t = new double[count];
        for (int k = 0; k < count; k++) {
            t[k] = tEnd * k / (count - 1);
        }
        return t;
    }

    /** 0 followed by {@code count} log-spaced times from {@code tFirst} to {@code tEnd}. */
    public static double[] logTimes(double tFirst, double tEnd, int count) {
        if (!(tFirst > 0) || !(tEnd > tFirst) || count < 2) {
            throw new IllegalArgumentException("need 0 < tFirst < tEnd and count >= 2, got " + tFirst + ", " + tEnd
                    + ", " + count);
        }
        double[] t = new double[count + 1];
        double r = Math.log(tEnd / tFirst);
        for (int k = 0; k < count; k++) {
            t[k + 1] = k == count - 1 ? tEnd : tFirst * Math.exp(r * k / (count - 1));
        }
        return t;
    }

    /**
     * Integrates from the model's current parameters at {@code t = outputTimes[0]} through every output time. On
     * return the model holds the parameters at the last time reached.
     *
     * @param outputTimes strictly increasing, {@code >= 0}; not modified
     */
    public TrainOutcome run(double[] outputTimes, TrainingListener listener) {
        return run(outputTimes, Double.POSITIVE_INFINITY, listener);
    }

    /**
     * Like {@link #run(double[], TrainingListener)}, also stopping as diverged when the training loss at an output
     * time exceeds {@code divergence} times the initial loss (the larger of the training and evaluation losses at
     * output 0).
     */
    public TrainOutcome run(double[] outputTimes, double divergence, TrainingListener listener) {
        double reference = Double.NaN;
        for (int k = 0; k < outputTimes.length; k++) {
            if (!(outputTimes[k] >= 0) || (k > 0 && !(outputTimes[k] > outputTimes[k - 1]))) {
                throw new IllegalArgumentException("output times must be >= 0 and strictly increasing; entry " + k
                        + " is " + outputTimes[k]);
            }
        }
        double[] p = model.parameters();
        double[] grad = new double[p.length];
        Flow flow = new Flow(p, grad);
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(spec.minStep(), spec.maxStep(),
                spec.absoluteTolerance(), spec.relativeTolerance());
        double[] theta = p.clone();
        double lastTrain = Double.NaN;
        double lastEval = Double.NaN;
        for (int k = 0; k < outputTimes.length; k++) {
            double t = outputTimes[k];
            try {
                if (k > 0) {
                    ODEStateAndDerivative end = integrator.integrate(flow,
                            new ODEState(outputTimes[k - 1], theta), t);
                    theta = end.getPrimaryState();
                }
                System.arraycopy(theta, 0, p, 0, p.length);
                String bad = NonFinite.parameters(model, p);
                if (bad != null) {
                    throw new DivergedException(bad);
                }
                listener.onSnapshot(k, t, model);
                lastTrain = train.loss(0);
                if (!Double.isFinite(lastTrain)) {
                    throw new DivergedException("the training loss is " + lastTrain);
                }
                if (k > 0 && lastTrain > divergence * reference) {
                    throw new DivergedException("the training loss " + lastTrain + " is above train.divergence = "
                            + divergence + " times the initial loss " + reference);
                }
                double ev = evalSet == null ? Double.NaN : model.loss(evalSet);
                if (k == 0) {
                    reference = Double.isNaN(ev) ? lastTrain : Math.max(lastTrain, ev);
                }
                lastEval = evalSet == null ? lastEval : ev;
                listener.onLog(new LogRecord(k, t, lastTrain, ev));
            } catch (DivergedException e) {
                return end(listener, RunStatus.DIVERGED, k, lastTrain, lastEval, "diverged between output " + (k - 1)
                        + " and output " + k + " (t in [" + (k > 0 ? outputTimes[k - 1] : t) + ", " + t + "], "
                        + "at t=" + (flow.lastTime) + "): " + e.getMessage());
            } catch (MathIllegalStateException e) {
                return end(listener, RunStatus.DIVERGED, k, lastTrain, lastEval, "integrator failed between output "
                        + (k - 1) + " and output " + k + " (t=" + flow.lastTime + "): " + e.getMessage());
            }
        }
        return end(listener, RunStatus.COMPLETED, outputTimes.length - 1L, lastTrain, lastEval, "completed");
    }

    private static TrainOutcome end(TrainingListener listener, RunStatus status, long k, double train, double eval,
                                    String message) {
        TrainOutcome o = new TrainOutcome(status, k, train, eval, message);
        listener.onEnd(o);
        return o;
    }

    /** The right-hand side {@code -grad L(theta)}, evaluated through the model's live parameter vector. */
    private final class Flow implements OrdinaryDifferentialEquation {
        private final double[] p;
        private final double[] grad;
        double lastTime;

        Flow(double[] p, double[] grad) {
            this.p = p;
            this.grad = grad;
        }

        @Override
        public int getDimension() {
            return p.length;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            lastTime = t;
            System.arraycopy(y, 0, p, 0, p.length);
            double loss = train.lossAndGradient(0, grad);
            String bad = NonFinite.check(model, p, grad, loss);
            if (bad != null) {
                throw new DivergedException(bad);
            }
            double[] dy = new double[p.length];
            for (int i = 0; i < dy.length; i++) { // [p]
                dy[i] = -grad[i];
            }
            return dy;
        }
    }

    private static final class DivergedException extends RuntimeException {
        DivergedException(String message) {
            super(message, null, false, false);
        }
    }
}
