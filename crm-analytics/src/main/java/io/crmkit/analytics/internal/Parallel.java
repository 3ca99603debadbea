package io.crmkit.analytics.internal;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sums over row ranges on the library's own daemon pool, sized from {@code availableProcessors()}
 * (the common pool has parallelism 1 on a 2-core machine). Chunk boundaries depend only on the row
 * count and the core count, so a sum is reproducible on one machine.
 */
public final class Parallel {
    /** Below this many rows one thread sums. */
    static final int MIN_ROWS = 50_000;

    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "crmkit-analytics");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {}

    /** A sum over rows [from, to). */
    @FunctionalInterface
    public interface RangeSum {
        /**
         * @param from first row
         * @param to row after the last
         * @return the sum over the range
         */
        double sum(int from, int to);
    }

    /**
     * @param rows the number of rows
     * @param body the sum over a range
     * @return the sum over all rows
     */
    public static double sum(int rows, RangeSum body) {
        if (rows < MIN_ROWS || THREADS == 1) {
            return body.sum(0, rows);
        }
        int chunks = THREADS;
        @SuppressWarnings("unchecked")
        Future<Double>[] parts = new Future[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int from = (int) ((long) rows * c / chunks);
            int to = (int) ((long) rows * (c + 1) / chunks);
            parts[c - 1] = POOL.submit(() -> body.sum(from, to));
        }
        double total = body.sum(0, (int) ((long) rows / chunks));
        try {
            for (Future<Double> f : parts) {
                total += f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while summing a likelihood", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        }
        return total;
    }
}
