package io.crmkit.segmentation.internal.bulk;

import io.crmkit.core.TimeRange;
import java.time.Instant;
import java.util.concurrent.Future;

/**
 * One bulk RFM pass over a snapshot: the members with a counted order in the range (the
 * population), their recency, frequency and monetary values, and their 1..k scores. Values come
 * from the snapshot's per-member order statistics (one pass over the order columns on all cores);
 * the three rankings run concurrently, each a stable LSD radix sort of {@code value << bits |
 * index} keys, so ties keep member-id order as SQL's {@code ORDER BY value, member_id} does.
 */
public final class RfmPass {
    /** How values are turned into scores. */
    public enum Strategy {
        /** {@code NTILE(k) OVER (ORDER BY value, member_id)}. */
        NTILE,
        /** One plus the number of k-quantiles (nearest rank) strictly below the value. */
        QUANTILE,
        /** One plus the number of the brand's thresholds the value reaches. */
        FIXED
    }

    /** The ordinals of the scored members, ascending. */
    public final int[] population;
    /** Whole local days from the last counted purchase to the as-of date, per population index. */
    public final int[] recency;

    public final long[] frequency;
    /** Minor units. */
    public final long[] monetary;

    public final byte[] r;
    public final byte[] f;
    public final byte[] m;

    private RfmPass(int n) {
        population = new int[n];
        recency = new int[n];
        frequency = new long[n];
        monetary = new long[n];
        r = new byte[n];
        f = new byte[n];
        m = new byte[n];
    }

    /**
     * @param snap the snapshot
     * @param range the look-back range
     * @param asOf the as-of instant
     * @param k the number of scores, 2..9
     * @param purchaseDays frequency counts distinct purchase days instead of orders
     * @param average monetary is the average order value (half-even) instead of net spend
     * @param strategy how values become scores
     * @param recencyThresholds for {@link Strategy#FIXED}: k - 1 ascending day counts; a member
     *     gets {@code k} minus the number of thresholds its recency exceeds
     * @param frequencyThresholds for {@link Strategy#FIXED}: k - 1 ascending minimums
     * @param monetaryThresholds for {@link Strategy#FIXED}: k - 1 ascending minimums in minor units
     * @return the pass
     * @throws io.crmkit.core.CurrencyMismatchException if an order in another currency counts as of
     *     {@code asOf}
     */
    public static RfmPass run(
            ColumnarSnapshot snap,
            TimeRange range,
            Instant asOf,
            int k,
            boolean purchaseDays,
            boolean average,
            Strategy strategy,
            long[] recencyThresholds,
            long[] frequencyThresholds,
            long[] monetaryThresholds) {
        BulkEvaluator.checkForeignOrders(snap, asOf);
        WindowStats ws = snap.windowStats(range, asOf);
        int size = snap.size();
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (ws.count[i] > 0) {
                n++;
            }
        }
        RfmPass p = new RfmPass(n);
        int today = (int) snap.brand.dateOf(asOf).toEpochDay();
        int j = 0;
        for (int i = 0; i < size; i++) {
            int c = ws.count[i];
            if (c > 0) {
                p.population[j] = i;
                p.recency[j] = today - ws.last[i];
                p.frequency[j] = purchaseDays ? ws.days[i] : c;
                p.monetary[j] = average ? BulkEvaluator.halfEven(ws.net[i], c) : ws.net[i];
                j++;
            }
        }
        long[] rec = new long[n];
        for (int i = 0; i < n; i++) {
            rec[i] = -(long) p.recency[i]; // higher is better: more recent
        }
        if (strategy == Strategy.FIXED) {
            for (int i = 0; i < n; i++) {
                p.r[i] = (byte) (k - above(p.recency[i], recencyThresholds));
                p.f[i] = (byte) (1 + reached(p.frequency[i], frequencyThresholds));
                p.m[i] = (byte) (1 + reached(p.monetary[i], monetaryThresholds));
            }
            return p;
        }
        boolean ntile = strategy == Strategy.NTILE;
        Future<?> fr = Scans.submit(() -> {
            score(rec, k, ntile, p.r);
            return null;
        });
        Future<?> ff = Scans.submit(() -> {
            score(p.frequency, k, ntile, p.f);
            return null;
        });
        score(p.monetary, k, ntile, p.m);
        Scans.join(fr);
        Scans.join(ff);
        return p;
    }

    private static int above(long value, long[] thresholds) {
        int c = 0;
        for (long t : thresholds) {
            if (value > t) {
                c++;
            }
        }
        return c;
    }

    private static int reached(long value, long[] thresholds) {
        int c = 0;
        for (long t : thresholds) {
            if (value >= t) {
                c++;
            }
        }
        return c;
    }

    /**
     * Scores values (higher is better) into {@code out}, by {@code NTILE(k) OVER (ORDER BY value,
     * index)} or by k-quantiles.
     */
    static void score(long[] values, int k, boolean ntile, byte[] out) {
        int n = values.length;
        if (n == 0) {
            return;
        }
        long[] keys = sortedKeys(values);
        int bits = indexBits(n);
        long mask = (1L << bits) - 1;
        if (ntile) {
            int q = n / k;
            int rem = n % k;
            int p = 0;
            for (int g = 0; g < k; g++) {
                int size = g < rem ? q + 1 : q;
                byte s = (byte) (g + 1);
                for (int e = p + size; p < e; p++) {
                    out[(int) (keys[p] & mask)] = s;
                }
            }
            return;
        }
        // k-quantiles by nearest rank: q_j is the value at sorted position ceil(j n / k) - 1
        long[] cuts = new long[k - 1];
        for (int c = 1; c < k; c++) {
            int pos = (int) ((c * (long) n + k - 1) / k) - 1;
            cuts[c - 1] = values[(int) (keys[pos] & mask)];
        }
        int below = 0;
        for (int p = 0; p < n; p++) {
            int i = (int) (keys[p] & mask);
            long v = values[i];
            while (below < k - 1 && cuts[below] < v) {
                below++;
            }
            out[i] = (byte) (1 + below);
        }
    }

    static int indexBits(int n) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
    }

    /**
     * @param values the values
     * @return {@code rank << bits | index} for every index, sorted ascending: by value, then index
     */
    static long[] sortedKeys(long[] values) {
        int n = values.length;
        int bits = indexBits(n);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        long[] keys = new long[n];
        long span = max - min; // may overflow for extreme values: then ranks are used
        int valueBits = 64 - Long.numberOfLeadingZeros(span);
        if (span >= 0 && valueBits + bits <= 63) {
            for (int i = 0; i < n; i++) {
                keys[i] = (values[i] - min) << bits | i;
            }
        } else {
            long[] distinct = values.clone();
            java.util.Arrays.sort(distinct);
            int d = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || distinct[i] != distinct[d - 1]) {
                    distinct[d++] = distinct[i];
                }
            }
            for (int i = 0; i < n; i++) {
                long rank = java.util.Arrays.binarySearch(distinct, 0, d, values[i]);
                keys[i] = rank << bits | i;
            }
            valueBits = 64 - Long.numberOfLeadingZeros(d - 1L);
        }
        radix(keys, bits, valueBits);
        return keys;
    }

    private static final int DIGIT = 11;

    /** Stable LSD radix sort on bits {@code [from, from + width)}; keys arrive in index order. */
    private static void radix(long[] keys, int from, int width) {
        int n = keys.length;
        long[] a = keys;
        long[] b = new long[n];
        int[] count = new int[1 << DIGIT];
        for (int shift = from; shift < from + width; shift += DIGIT) {
            java.util.Arrays.fill(count, 0);
            int mask = (1 << DIGIT) - 1;
            for (int i = 0; i < n; i++) {
                count[(int) (a[i] >>> shift) & mask]++;
            }
            int sum = 0;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long key = a[i];
                b[count[(int) (key >>> shift) & mask]++] = key;
            }
            long[] t = a;
            a = b;
            b = t;
        }
        if (a != keys) {
            System.arraycopy(a, 0, keys, 0, n);
        }
    }
}
