package io.crmkit.loyalty;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs a task on threads that start together; fails if any failed or hung. */
final class Threads {
    interface Task {
        void run(int thread) throws Exception;
    }

    private Threads() {}

    static void run(int threads, Task task) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    task.run(n);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.setDaemon(true);
            t.start();
            all.add(t);
        }
        start.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Thread t : all) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) {
                throw new AssertionError("a thread did not finish within 60 s");
            }
        }
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError(failures.size() + " threads failed", failures.peek());
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }
}
