package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs a task on several threads that start together, and fails if any of them failed or hung. */
final class Concurrently {
    private static final long TIMEOUT_SECONDS = 60;

    /** A task for one thread. */
    @FunctionalInterface
    interface Task {
        void run(int thread) throws Exception;
    }

    private Concurrently() {}

    static void run(int threads, Task task) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> started = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            int n = i;
            Thread t = new Thread(
                    () -> {
                        try {
                            start.await();
                            task.run(n);
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    },
                    "contract-writer-" + i);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        start.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        for (Thread t : started) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) {
                fail(t.getName() + " did not finish within " + TIMEOUT_SECONDS + " s (a deadlock?)");
            }
        }
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError(
                    failures.size() + " of " + threads + " threads failed; the first failure is the cause",
                    failures.peek());
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }
}
