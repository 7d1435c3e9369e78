package org.icldynamics.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    /**
     * Hand trace, lr 0.1, betas (0.9, 0.999), eps 1e-8, theta0 = (1, -2), g1 = (0.5, -1), g2 = (0.1, 2).
     * Step 1: m = 0.1 g1 = (0.05, -0.1), v = 0.001 g1^2 = (0.00025, 0.001); mhat = g1, vhat = g1^2, so
     * theta1 = theta0 - 0.1 g1 / (|g1| + 1e-8) = (1 - 0.05/0.50000001, -2 + 0.1/1.00000001) = (0.900000002, -1.900000001).
     * Step 2: m = 0.9 m + 0.1 g2 = (0.055, 0.11), v = 0.999 v + 0.001 g2^2 = (0.00025975, 0.004999);
     * mhat = m / 0.19, vhat = v / 0.001999; theta2 = theta1 - 0.1 mhat / (sqrt(vhat) + 1e-8).
     */
    @Test
    void adamMatchesHandComputedTwoStepTrace() {
        Adam adam = new Adam(2, new LearningRateSchedule.Constant(0.1));
        double[] theta = {1.0, -2.0};
        adam.step(theta, new double[] {0.5, -1.0});
        assertArrayEquals(new double[] {1 - 0.05 / 0.50000001, -2 + 0.1 / 1.00000001}, theta, 1e-15);
        assertArrayEquals(new double[] {0.900000002, -1.900000001}, theta, 1e-15);
        double[] st = adam.state();
        assertArrayEquals(new double[] {1, 0.05, -0.1, 0.00025, 0.001}, st, 1e-16); // rounding of (1 - 0.9) etc.
        adam.step(theta, new double[] {0.1, 2.0});
        double t0 = 0.900000002 - 0.1 * (0.055 / 0.19) / (Math.sqrt(0.00025975 / 0.001999) + 1e-8);
        double t1 = -1.900000001 - 0.1 * (0.11 / 0.19) / (Math.sqrt(0.004999 / 0.001999) + 1e-8);
        assertArrayEquals(new double[] {t0, t1}, theta, 1e-14);
        assertArrayEquals(new double[] {0.8196959063846518, -1.9366103534720749}, theta, 1e-14);
    }

    /** torch.optim.Adam's weight decay adds {@code wd * theta} to the gradient before the moments. */
    @Test
    void adamWeightDecayIsAnL2TermInTheGradient() {
        Adam adam = new Adam(2, new LearningRateSchedule.Constant(0.1), 0.9, 0.999, 1e-8, 0.01);
        double[] theta = {1.0, -2.0};
        adam.step(theta, new double[] {0.5, -1.0});
        double g0 = 0.5 + 0.01;
        double g1 = -1.0 - 0.02;
        assertArrayEquals(new double[] {1 - 0.1 * g0 / (g0 + 1e-8), -2 - 0.1 * g1 / (-g1 + 1e-8)}, theta, 1e-15);
    }

    /** GD on {@code L = (1/2) theta^T A theta} with diagonal A: {@code theta_k = (1 - eta a_i)^k theta_0}. */
    @Test
    void gradientDescentOnAQuadraticFollowsTheClosedForm() {
        double[] a = {2, 0, 0, 0, 0.5, 0, 0, 0, 0.1};
        QuadraticModel model = new QuadraticModel(a, new double[] {1, -3, 2});
        GradientDescent gd = new GradientDescent(0.3);
        double[] grad = new double[3];
        for (int k = 1; k <= 40; k++) {
            model.lossAndGradient(null, grad);
            gd.step(model.parameters(), grad);
            double[] expect = {Math.pow(1 - 0.6, k), -3 * Math.pow(1 - 0.15, k), 2 * Math.pow(1 - 0.03, k)};
            for (int i = 0; i < 3; i++) {
                assertEquals(expect[i], model.parameters()[i], 1e-14 + 1e-12 * Math.abs(expect[i]), "k=" + k);
            }
        }
    }

    /**
     * Heavy-ball SGD on {@code L = a theta^2 / 2}: {@code (theta, buf)} follows the linear map
     * {@code buf' = mu buf + a theta}, {@code theta' = theta - eta buf'}.
     */
    @Test
    void sgdMomentumFollowsTheHeavyBallRecurrence() {
        double a = 0.8;
        double mu = 0.9;
        double eta = 0.05;
        QuadraticModel model = new QuadraticModel(new double[] {a}, new double[] {1.5});
        Sgd sgd = new Sgd(1, new LearningRateSchedule.Constant(eta), mu);
        double theta = 1.5;
        double buf = 0;
        double[] grad = new double[1];
        for (int k = 0; k < 30; k++) {
            buf = mu * buf + a * theta;
            theta = theta - eta * buf;
            model.lossAndGradient(null, grad);
            sgd.step(model.parameters(), grad);
            assertEquals(theta, model.parameters()[0], 1e-14, "step " + k);
        }
    }

    @Test
    void stateRoundTripContinuesBitForBit() {
        for (Supplier<Optimizer> make : java.util.List.<Supplier<Optimizer>>of(
                () -> new GradientDescent(new LearningRateSchedule.LinearWarmup(0.1, 3)),
                () -> new Sgd(4, new LearningRateSchedule.LinearWarmup(0.1, 5), 0.9),
                () -> new Adam(4, new LearningRateSchedule.LinearWarmup(0.05, 2), 0.9, 0.99, 1e-8, 0.01))) {
            double[] a = {1, 0.2, 0, 0, 0.2, 2, 0, 0, 0, 0, 0.5, 0.1, 0, 0, 0.1, 3};
            QuadraticModel m1 = new QuadraticModel(a, new double[] {1, 2, -1, 0.5});
            Optimizer o1 = make.get();
            double[] grad = new double[4];
            for (int k = 0; k < 7; k++) {
                m1.lossAndGradient(null, grad);
                o1.step(m1.parameters(), grad);
            }
            QuadraticModel m2 = new QuadraticModel(a, m1.parameters());
            Optimizer o2 = make.get();
            o2.restore(o1.state());
            for (int k = 0; k < 9; k++) {
                m1.lossAndGradient(null, grad);
                o1.step(m1.parameters(), grad);
                m2.lossAndGradient(null, grad);
                o2.step(m2.parameters(), grad);
            }
            assertArrayEquals(m1.parameters(), m2.parameters(), o1.getClass().getSimpleName());
            assertArrayEquals(o1.state(), o2.state());
        }
    }

    @Test
    void restoringAStateOfTheWrongSizeSaysWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(3, new LearningRateSchedule.Constant(0.1)).restore(new double[4]));
        assertTrue(e.getMessage().contains("expected 7"), e.getMessage());
    }

    @Test
    void schedulesHaveTheirDocumentedValues() {
        LearningRateSchedule w = new LearningRateSchedule.LinearWarmup(0.1, 4);
        assertEquals(0.025, w.at(0), 1e-16);
        assertEquals(0.075, w.at(2), 1e-16);
        assertEquals(0.1, w.at(3));
        assertEquals(0.1, w.at(1000));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule.LinearWarmup(0.1, 0));
    }
}
