package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.icldynamics.analysis.AllocationResult.Mode;
import org.icldynamics.analysis.AllocationResult.Role;
import org.icldynamics.model.HeadCircuit;
import org.junit.jupiter.api.Test;

class HeadTaskAllocationTest {
    private static final TaskCoordinates DISJOINT = TaskCoordinates.of(new int[] {0, 1, 2}, new int[] {3, 4, 5});

    /** x-block {@code sum_n omega_n P_{S_n}}, {@code OV[n, d + n] = mu_n}, everything else 0. */
    static HeadCircuit head(int index, int d, TaskCoordinates tc, double[] omega, double[] mu) {
        int tasks = tc.tasks();
        int wD = d + tasks;
        double[] kq = new double[wD * wD];
        for (int n = 0; n < tasks; n++) {
            for (int i : tc.block(n)) {
                kq[i * wD + i] += omega[n];
            }
        }
        double[] ov = new double[tasks * wD];
        for (int n = 0; n < tasks; n++) {
            ov[n * wD + d + n] = mu[n];
        }
        return new HeadCircuit(index, wD, tasks, kq, ov);
    }

    private static HeadCircuit h(int i, double w0, double w1, double u0, double u1) {
        return head(i, 6, DISJOINT, new double[] {w0, w1}, new double[] {u0, u1});
    }

    @Test
    void fourHeadsWithOppositeSignPairsPerTaskAreSplitUp() {
        List<HeadCircuit> c = List.of(h(0, 0.2, 0, 3, 0), h(1, -0.2, 0, -3, 0), h(2, 0, 0.25, 0, 2),
                h(3, 0, -0.25, 0, -2));
        AllocationResult r = new HeadTaskAllocation(DISJOINT, AllocationSettings.defaults()).allocate(c);
        assertEquals(Mode.SPLIT_UP, r.mode());
        assertArrayEquals(new double[] {0.2, -0.2, 0, 0}, r.lambdaW()[0], 1e-15);
        assertArrayEquals(new double[] {0, 0, 2, -2}, r.lambdaU()[1], 0);
        int[] expectedTask = {0, 0, 1, 1};
        for (int k = 0; k < 4; k++) {
            assertEquals(Role.DEDICATED, r.roles().get(k).role());
            assertEquals(List.of(expectedTask[k]), r.roles().get(k).tasks());
        }
        assertArrayEquals(new double[] {1.2, 1.0}, r.taskEta(), 1e-15);
        assertArrayEquals(new double[] {0, 0}, r.taskZeroSum(), 0);
        assertTrue(r.tasksWithoutHead().isEmpty());
        assertEquals(0.0, r.minOffTaskLambdaU(), 0);
        assertEquals(1, r.roles().get(2).primaryTask());
    }

    @Test
    void offTaskWeightOfOppositeSignIsReported() {
        // head 0 serves task 0 with mu = +3 and weights task 1's label with -0.5 (multitask spec B.4 item 6)
        List<HeadCircuit> c = List.of(h(0, 0.2, 0.01, 3, -0.5), h(1, 0, -0.25, 0, -2));
        AllocationResult r = new HeadTaskAllocation(DISJOINT, AllocationSettings.defaults()).allocate(c);
        assertEquals(-0.5, r.minOffTaskLambdaU(), 0);
        assertEquals(Role.DEDICATED, r.roles().get(0).role()); // share 0.6 / (0.6 + 0.005) > 0.9
    }

    @Test
    void threeHeadsWithOneServingBothTasksAreSuperposed() {
        List<HeadCircuit> c = List.of(h(0, 0.2, 0.2, 3, 3), h(1, -0.2, 0, -3, 0), h(2, 0, -0.2, 0, -3));
        AllocationResult r = new HeadTaskAllocation(DISJOINT, AllocationSettings.defaults()).allocate(c);
        assertEquals(Mode.SUPERPOSITION, r.mode());
        assertEquals(Role.SUPERPOSED, r.roles().get(0).role());
        assertEquals(List.of(0, 1), r.roles().get(0).tasks());
        assertArrayEquals(new double[] {0.5, 0.5}, r.roles().get(0).shares(), 1e-15);
        assertEquals(Role.DEDICATED, r.roles().get(2).role());
    }

    @Test
    void overlappingSupportsAverageTheDiagonalOverEachTasksCoordinates() {
        // softmax spec A.1.2: task 1 reads coordinates 0..3, task 2 reads 2..5
        TaskCoordinates overlap = TaskCoordinates.of(new int[] {0, 1, 2, 3}, new int[] {2, 3, 4, 5});
        HeadCircuit a = head(0, 6, overlap, new double[] {0.3, 0}, new double[] {2, 0});
        HeadCircuit dummy = head(1, 6, overlap, new double[] {1e-6, 1e-6}, new double[] {1e-4, 1e-4});
        AllocationResult r = new HeadTaskAllocation(overlap, AllocationSettings.defaults()).allocate(5, List.of(a, dummy));
        assertEquals(0.3, r.lambdaW()[0][0], 1e-15);
        assertEquals(0.15, r.lambdaW()[1][0], 1e-15);
        assertEquals(Role.DUMMY, r.roles().get(1).role());
        assertEquals(List.of(1), r.tasksWithoutHead());
        assertEquals(5, r.step());
    }

    @Test
    void contiguousBlocksFollowTheAuthorsFloorBoundaries() {
        TaskCoordinates t = TaskCoordinates.contiguous(50, 3);
        assertEquals(16, t.block(0).length);
        assertEquals(17, t.block(1).length);
        assertEquals(17, t.block(2).length);
        assertEquals(16, t.block(1)[0]);
    }

    @Test
    void coordinateOutsideTheInputIsRejected() {
        TaskCoordinates bad = TaskCoordinates.of(new int[] {0, 9}, new int[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HeadTaskAllocation(bad, AllocationSettings.defaults()).allocate(List.of(h(0, 1, 1, 1, 1))));
        assertTrue(e.getMessage().contains("coordinate 9"), e.getMessage());
    }

    @Test
    void authorsRuleSplitsUpFromTwoHeadsPerTask() {
        assertEquals(Mode.SUPERPOSITION, HeadTaskAllocation.authorsRule(3, 2));
        assertEquals(Mode.SPLIT_UP, HeadTaskAllocation.authorsRule(4, 2));
        assertEquals(Mode.SPLIT_UP, HeadTaskAllocation.authorsRule(6, 3));
        assertEquals(Mode.SUPERPOSITION, HeadTaskAllocation.authorsRule(5, 3));
    }
}
