package org.icldynamics.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a lost hand-off would hang the test thread
class BlockParallelTest {
    /** Block k writes (k + 1)^2 into its own slot; every call must fill every slot once, visible to the caller. */
    private static void assertEveryBlockRunsOnce(BlockParallel par, int blocks) {
        AtomicIntegerArray runs = new AtomicIntegerArray(blocks);
        long[] out = new long[blocks];
        par.forEach(blocks, k -> {
            runs.incrementAndGet(k);
            out[k] = (long) (k + 1) * (k + 1);
        });
        long sum = 0;
        for (int k = 0; k < blocks; k++) {
            assertEquals(1, runs.get(k), "block " + k + " of " + blocks);
            sum += out[k];
        }
        assertEquals((long) blocks * (blocks + 1) * (2L * blocks + 1) / 6, sum); // sum of squares 1..blocks
    }

    @Test
    void everyBlockRunsExactlyOnceOverManyBackToBackCalls() {
        for (int threads : new int[] {1, 2, 3}) {
            try (BlockParallel par = new BlockParallel(threads)) {
                for (int call = 0; call < 3000; call++) {
                    assertEveryBlockRunsOnce(par, call % 9); // 0 .. 8 blocks, fewer and more than threads
                }
            }
        }
    }

    /**
     * Block 0 waits until block 1 has started, which only another thread can then run: the call finishes only if
     * caller and helper each take a block. Repeated on fresh instances, whose first call may come before the helper
     * thread has run at all.
     */
    @Test
    void theCallerAndAHelperShareTheBlocksFromTheFirstCallOn() {
        for (int instance = 0; instance < 200; instance++) {
            try (BlockParallel par = new BlockParallel(2)) {
                CountDownLatch second = new CountDownLatch(1);
                ConcurrentHashMap<Integer, Thread> ranOn = new ConcurrentHashMap<>();
                par.forEach(2, k -> {
                    ranOn.put(k, Thread.currentThread());
                    if (k == 1) {
                        second.countDown();
                    } else {
                        awaitQuietly(second);
                    }
                });
                assertEquals(2, ranOn.size());
                assertTrue(ranOn.get(0) != ranOn.get(1));
                assertTrue(ranOn.containsValue(Thread.currentThread()));
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "no other thread took block 1");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBlocksExceptionReachesTheCallerAndTheInstanceStaysUsable() {
        try (BlockParallel par = new BlockParallel(2)) {
            IllegalArgumentException thrown = new IllegalArgumentException("block 5");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> par.forEach(8, k -> {
                if (k == 5) {
                    throw thrown;
                }
            }));
            assertSame(thrown, e);
            AssertionError err = new AssertionError("an error");
            assertSame(err, assertThrows(AssertionError.class, () -> par.forEach(4, k -> {
                if (k == 3) {
                    throw err;
                }
            })));
            assertEveryBlockRunsOnce(par, 7);
        }
    }

    @Test
    void aNestedCallOnTheSameInstanceRunsOnItsCaller() {
        try (BlockParallel par = new BlockParallel(2)) {
            AtomicIntegerArray inner = new AtomicIntegerArray(4 * 5);
            par.forEach(4, k -> par.forEach(5, j -> inner.incrementAndGet(k * 5 + j)));
            for (int i = 0; i < inner.length(); i++) {
                assertEquals(1, inner.get(i));
            }
        }
    }

    @Test
    void callsFromTwoThreadsAtOnceBothComplete() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (BlockParallel par = new BlockParallel(2)) {
            Future<?> a = callers.submit(() -> {
                for (int call = 0; call < 2000; call++) {
                    assertEveryBlockRunsOnce(par, 6);
                }
            });
            Future<?> b = callers.submit(() -> {
                for (int call = 0; call < 2000; call++) {
                    assertEveryBlockRunsOnce(par, 5);
                }
            });
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aClosedInstanceStillRunsEveryBlockOnItsCaller() {
        BlockParallel par = new BlockParallel(2);
        assertEveryBlockRunsOnce(par, 4);
        par.close();
        assertEveryBlockRunsOnce(par, 4);
    }
}
