package io.crmkit.segmentation.internal.bulk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.RoaringBitmapWriter;

/**
 * Runs a per-member scan over a candidate set, in batches of ordinals, on all cores when the work
 * is large enough. The pool is the library's own, sized from {@code availableProcessors()} (the
 * common pool has parallelism 1 on a 2-core machine); its threads are daemons.
 */
final class Scans {
    /** Ordinals handed to a scan at a time. */
    static final int BATCH = 256;

    /** Below this estimated work (member-entries to look at) one thread is faster. */
    private static final long PARALLEL_WORK = 100_000;

    private static final int PARALLELISM = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static volatile ForkJoinPool pool;

    private Scans() {}

    /** A scan over ascending member ordinals; one instance per thread. */
    interface Scan {
        /**
         * @param members ascending ordinals of candidates
         * @param count how many of {@code members} to look at
         * @param out where to add the members that pass
         */
        void run(int[] members, int count, RoaringBitmapWriter<RoaringBitmap> out);
    }

    /** Makes one {@link Scan} per chunk, so that each thread has its own scratch state. */
    interface ScanFactory {
        Scan create();
    }

    /**
     * @param candidates the members to scan
     * @param work an estimate of the entries the scan looks at, to decide on threads
     * @param factory makes the scans
     * @return the members the scans passed
     */
    static RoaringBitmap filter(RoaringBitmap candidates, long work, ScanFactory factory) {
        int card = candidates.getCardinality();
        if (card == 0) {
            return new RoaringBitmap();
        }
        if (PARALLELISM == 1 || work < PARALLEL_WORK || card < 4 * BATCH) {
            return range(candidates, 0, Integer.MAX_VALUE, factory.create());
        }
        int chunks = PARALLELISM * 4;
        List<Callable<RoaringBitmap>> tasks = new ArrayList<>(chunks);
        int lo = candidates.first();
        for (int c = 1; c <= chunks; c++) {
            int hi = c == chunks ? Integer.MAX_VALUE : candidates.select((int) ((long) card * c / chunks));
            if (hi <= lo) {
                continue;
            }
            int from = lo;
            tasks.add(() -> range(candidates, from, hi, factory.create()));
            lo = hi;
        }
        List<RoaringBitmap> parts = invokeAll(tasks);
        return RoaringBitmap.or(parts.iterator());
    }

    private static RoaringBitmap range(RoaringBitmap candidates, int lo, int hi, Scan scan) {
        RoaringBitmapWriter<RoaringBitmap> out = RoaringBitmapWriter.writer().get();
        BatchIterator it = candidates.getBatchIterator();
        it.advanceIfNeeded(lo);
        int[] buf = new int[BATCH];
        while (it.hasNext()) {
            int k = it.nextBatch(buf);
            int use = k;
            if (k > 0 && buf[k - 1] >= hi) {
                use = 0;
                while (use < k && buf[use] < hi) {
                    use++;
                }
            }
            if (use > 0) {
                scan.run(buf, use, out);
            }
            if (use < k) {
                break;
            }
        }
        return out.get();
    }

    /**
     * @param task work for the library's pool, e.g. encoding one batch of orders while the next is read
     * @return its future; {@link #join} it
     */
    static <T> Future<T> submit(Callable<T> task) {
        return pool().submit(task);
    }

    /**
     * @param f a future of {@link #submit}
     * @return its value; a failure is rethrown as it was thrown
     */
    static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building a snapshot", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private static <T> List<T> invokeAll(List<Callable<T>> tasks) {
        List<Future<T>> futures = pool().invokeAll(tasks);
        List<T> out = new ArrayList<>(futures.size());
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while evaluating a segment", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
        return out;
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Scans.class) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(
                            PARALLELISM,
                            fj -> {
                                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(fj);
                                t.setName("crmkit-bulk-" + t.getPoolIndex());
                                t.setDaemon(true);
                                return t;
                            },
                            null,
                            false);
                    pool = p;
                }
            }
        }
        return p;
    }
}
