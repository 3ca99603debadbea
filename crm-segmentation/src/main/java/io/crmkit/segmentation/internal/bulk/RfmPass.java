package io.crmkit.segmentation.internal.bulk;

import io.crmkit.core.TimeRange;
import java.time.Instant;
import java.util.Arrays;
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

    /**
     * The cut points of R, F and M in "higher is better" terms (recency negated): a member scores one
     * plus the number of cuts it beats ({@link #place}). Exactly reproduces the scores of this pass.
     */
    public final long[][] cutValue = new long[3][];
    /** For NTILE, the ordinal whose (value, id) each cut is; -1 where a cut has no tie-break. */
    public final int[][] cutOrdinal = new int[3][];

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
            long[][] cuts = fixedCuts(recencyThresholds, frequencyThresholds, monetaryThresholds);
            for (int d = 0; d < 3; d++) {
                p.cutValue[d] = cuts[d];
                p.cutOrdinal[d] = new int[k - 1];
                Arrays.fill(p.cutOrdinal[d], -1);
            }
            return p;
        }
        boolean ntile = strategy == Strategy.NTILE;
        for (int d = 0; d < 3; d++) {
            p.cutValue[d] = new long[k - 1];
            p.cutOrdinal[d] = new int[k - 1];
        }
        Future<?> fr = Scans.submit(() -> {
            score(rec, k, ntile, p.r, p.cutValue[0], p.cutOrdinal[0]);
            return null;
        });
        Future<?> ff = Scans.submit(() -> {
            score(p.frequency, k, ntile, p.f, p.cutValue[1], p.cutOrdinal[1]);
            return null;
        });
        score(p.monetary, k, ntile, p.m, p.cutValue[2], p.cutOrdinal[2]);
        Scans.join(fr);
        Scans.join(ff);
        for (int d = 0; d < 3; d++) {
            for (int c = 0; c < k - 1; c++) {
                int idx = p.cutOrdinal[d][c];
                p.cutOrdinal[d][c] = idx < 0 ? -1 : p.population[idx];
            }
        }
        return p;
    }

    /**
     * The fixed thresholds as cuts: F and M score one plus the thresholds reached ({@code v >= t},
     * that is {@code v > t - 1}); R scores k minus the thresholds its days exceed, which in negated
     * days is one plus the cuts {@code -t - 1} beaten.
     */
    static long[][] fixedCuts(long[] recency, long[] frequency, long[] monetary) {
        long[][] cuts = new long[3][];
        cuts[0] = new long[recency.length];
        cuts[1] = new long[frequency.length];
        cuts[2] = new long[monetary.length];
        for (int i = 0; i < recency.length; i++) {
            cuts[0][i] = recency[i] == Long.MAX_VALUE ? Long.MIN_VALUE : -recency[i] - 1;
        }
        for (int i = 0; i < frequency.length; i++) {
            cuts[1][i] = frequency[i] == Long.MIN_VALUE ? Long.MIN_VALUE : frequency[i] - 1;
        }
        for (int i = 0; i < monetary.length; i++) {
            cuts[2][i] = monetary[i] == Long.MIN_VALUE ? Long.MIN_VALUE : monetary[i] - 1;
        }
        return cuts;
    }

    /**
     * One value's score against cut points: one plus the cuts it beats. A cut is beaten by a higher
     * value, or, where the cut has a member id (NTILE), by the same value with a higher member id.
     *
     * @param value the value, higher is better (recency negated)
     * @param id the member, compared only on a tie with a cut that has one
     * @param cuts the cut values, ascending
     * @param cutIds the cuts' member ids, or null entries
     * @return the score, 1..cuts + 1
     */
    public static int place(long value, io.crmkit.core.MemberId id, long[] cuts, io.crmkit.core.MemberId[] cutIds) {
        int s = 1;
        for (int j = 0; j < cuts.length; j++) {
            long c = cuts[j];
            if (value > c) {
                s++;
            } else if (value == c && cutIds[j] != null && id.compareTo(cutIds[j]) > 0) {
                s++;
            }
        }
        return s;
    }

    /** Member measures needed to score one member from the order columns. */
    public interface ScoreTest {
        /**
         * @param r the R score
         * @param f the F score
         * @param m the M score
         * @return true if the member passes
         */
        boolean test(int r, int f, int m);
    }

    /**
     * Scores candidates against cut points of an earlier pass (a calibration) and keeps those that
     * pass: as {@link #place} does for one member.
     *
     * @param snap the snapshot
     * @param range the look-back range
     * @param asOf the as-of instant
     * @param purchaseDays frequency counts purchase days
     * @param average monetary is the average order value
     * @param cuts the cut values of R, F, M
     * @param cutIds their member ids
     * @param test which scores pass
     * @param candidates the members to test
     * @return the members with a purchase in the range whose scores pass
     */
    public static org.roaringbitmap.RoaringBitmap filter(
            ColumnarSnapshot snap,
            TimeRange range,
            Instant asOf,
            boolean purchaseDays,
            boolean average,
            long[][] cuts,
            io.crmkit.core.MemberId[][] cutIds,
            ScoreTest test,
            org.roaringbitmap.RoaringBitmap candidates) {
        BulkEvaluator.checkForeignOrders(snap, asOf);
        WindowStats ws = snap.windowStats(range, asOf);
        int today = (int) snap.brand.dateOf(asOf).toEpochDay();
        MemberColumns mc = snap.members;
        return Scans.filter(candidates, candidates.getLongCardinality(), () -> (ms, k, out) -> {
            for (int j = 0; j < k; j++) {
                int i = ms[j];
                int c = ws.count[i];
                if (c == 0) {
                    continue;
                }
                io.crmkit.core.MemberId id = mc.id(i);
                int r = place(-(long) (today - ws.last[i]), id, cuts[0], cutIds[0]);
                int f = place(purchaseDays ? ws.days[i] : c, id, cuts[1], cutIds[1]);
                int m = place(average ? BulkEvaluator.halfEven(ws.net[i], c) : ws.net[i], id, cuts[2], cutIds[2]);
                if (test.test(r, f, m)) {
                    out.add(i);
                }
            }
        });
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
        score(values, k, ntile, out, new long[k - 1], new int[k - 1]);
    }

    static void score(long[] values, int k, boolean ntile, byte[] out, long[] cutValue, int[] cutIndex) {
        int n = values.length;
        Arrays.fill(cutValue, Long.MAX_VALUE); // never beaten: the empty groups at the end
        Arrays.fill(cutIndex, -1);
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
                if (g < k - 1 && size > 0) {
                    int last = (int) (keys[p - 1] & mask);
                    cutValue[g] = values[last];
                    cutIndex[g] = last;
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
        System.arraycopy(cuts, 0, cutValue, 0, k - 1);
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
