package io.crmkit.segmentation.internal.bulk;

import io.crmkit.core.TimeRange;
import java.time.Instant;
import java.util.Arrays;

/**
 * Lifecycle stages of every member from the all-time order statistics (one pass over the order
 * columns, shared through the snapshot's cache with RFM over all time). Stages are returned as
 * codes that the caller maps to its enum.
 */
public final class LifecyclePass {
    /** Stage codes, as the public {@code LifecycleStage} ordinals. */
    public static final byte POTENTIAL = 0;

    public static final byte FIRST_TIME = 1;
    public static final byte REPEAT = 2;
    public static final byte LAPSED = 3;
    public static final byte NEW = 4;
    public static final byte ACTIVE = 5;
    public static final byte DORMANT = 6;
    public static final byte LOST = 7;
    public static final byte SLEEP = 8;
    public static final byte DEEP_SLEEP = 9;

    /** The scheme. */
    public enum Kind {
        ORDERLY,
        NAPL,
        NASLD
    }

    /** The stage code of every ordinal. */
    public final byte[] stage;
    /** ORDERLY: the brand's median repurchase cycle in days that one-purchase-day members use. */
    public final double medianCycle;

    private LifecyclePass(byte[] stage, double medianCycle) {
        this.stage = stage;
        this.medianCycle = medianCycle;
    }

    /**
     * @param snap the snapshot
     * @param allTime every order up to the as-of instant
     * @param asOf the as-of instant
     * @param kind the scheme
     * @param windowStartDay NAPL / NASLD: the first epoch day inside the window
     * @param deepStartDay NASLD: the first epoch day inside the deep-sleep period
     * @param lapseFactor ORDERLY: cycles without purchase before lapsing
     * @param defaultCycle ORDERLY: the cycle when no member has two purchase days
     * @return the stages
     */
    public static LifecyclePass run(
            ColumnarSnapshot snap,
            TimeRange allTime,
            Instant asOf,
            Kind kind,
            int windowStartDay,
            int deepStartDay,
            double lapseFactor,
            double defaultCycle) {
        BulkEvaluator.checkForeignOrders(snap, asOf);
        WindowStats ws = snap.windowStats(allTime, asOf);
        int n = snap.size();
        byte[] stage = new byte[n];
        int today = (int) snap.brand.dateOf(asOf).toEpochDay();
        double median = Double.NaN;
        if (kind == Kind.ORDERLY) {
            median = medianCycle(ws, defaultCycle);
        }
        for (int i = 0; i < n; i++) {
            stage[i] = stageOf(kind, ws, i, today, windowStartDay, deepStartDay, lapseFactor, median);
        }
        return new LifecyclePass(stage, median);
    }

    /**
     * One member's stage: the single definition both evaluation paths use.
     *
     * @param kind the scheme
     * @param count orders that count, all time
     * @param days distinct purchase dates
     * @param first epoch day of the first purchase
     * @param last epoch day of the last purchase
     * @param today the as-of epoch day
     * @param windowStartDay the first day inside the window
     * @param deepStartDay the first day inside the deep-sleep period
     * @param lapseFactor ORDERLY: cycles before lapsing
     * @param medianCycle ORDERLY: the brand's median cycle
     * @return the stage code
     */
    public static byte stageOf(
            Kind kind,
            int count,
            int days,
            int first,
            int last,
            int today,
            int windowStartDay,
            int deepStartDay,
            double lapseFactor,
            double medianCycle) {
        if (count == 0) {
            return POTENTIAL;
        }
        switch (kind) {
            case ORDERLY: {
                double cycle = days >= 2 ? (double) ((long) last - first) / (days - 1) : medianCycle;
                if (today - last > lapseFactor * cycle) {
                    return LAPSED;
                }
                return count == 1 ? FIRST_TIME : REPEAT;
            }
            case NAPL:
                if (first >= windowStartDay) {
                    return NEW;
                }
                if (count >= 2) {
                    return last >= windowStartDay ? ACTIVE : DORMANT;
                }
                return LOST;
            default: // NASLD
                if (first >= windowStartDay) {
                    return NEW;
                }
                if (last >= windowStartDay) {
                    return ACTIVE;
                }
                if (last < deepStartDay) {
                    return DEEP_SLEEP;
                }
                return count >= 2 ? SLEEP : LOST;
        }
    }

    private static byte stageOf(
            Kind kind,
            WindowStats ws,
            int i,
            int today,
            int windowStartDay,
            int deepStartDay,
            double lapseFactor,
            double medianCycle) {
        return stageOf(
                kind,
                ws.count[i],
                ws.days[i],
                ws.first[i],
                ws.last[i],
                today,
                windowStartDay,
                deepStartDay,
                lapseFactor,
                medianCycle);
    }

    /**
     * The members of the candidates whose stage is one of {@code want}, with a given median cycle
     * (a calibration's), as {@link #stageOf} gives it for each.
     *
     * @param snap the snapshot
     * @param allTime every order up to the as-of instant
     * @param asOf the as-of instant
     * @param kind the scheme
     * @param windowStartDay the first day inside the window
     * @param deepStartDay the first day inside the deep-sleep period
     * @param lapseFactor ORDERLY: cycles before lapsing
     * @param medianCycle ORDERLY: the median cycle to use
     * @param want the stage codes that pass, as a bit set
     * @param candidates the members to test
     * @return those that pass
     */
    public static org.roaringbitmap.RoaringBitmap filter(
            ColumnarSnapshot snap,
            TimeRange allTime,
            Instant asOf,
            Kind kind,
            int windowStartDay,
            int deepStartDay,
            double lapseFactor,
            double medianCycle,
            int want,
            org.roaringbitmap.RoaringBitmap candidates) {
        BulkEvaluator.checkForeignOrders(snap, asOf);
        WindowStats ws = snap.windowStats(allTime, asOf);
        int today = (int) snap.brand.dateOf(asOf).toEpochDay();
        return Scans.filter(candidates, candidates.getLongCardinality(), () -> (ms, k, out) -> {
            for (int j = 0; j < k; j++) {
                int i = ms[j];
                byte s = stageOf(kind, ws, i, today, windowStartDay, deepStartDay, lapseFactor, medianCycle);
                if ((want & (1 << s)) != 0) {
                    out.add(i);
                }
            }
        });
    }

    /** The median personal cycle over members with two or more purchase days (mean of the middle two). */
    private static double medianCycle(WindowStats ws, double defaultCycle) {
        int n = ws.count.length;
        int k = 0;
        double[] cycles = new double[Math.min(n, 1 << 16)];
        for (int i = 0; i < n; i++) {
            int days = ws.days[i];
            if (days >= 2) {
                if (k == cycles.length) {
                    cycles = Arrays.copyOf(cycles, Math.min(n, k * 2));
                }
                cycles[k++] = (double) ((long) ws.last[i] - ws.first[i]) / (days - 1);
            }
        }
        if (k == 0) {
            return defaultCycle;
        }
        Arrays.sort(cycles, 0, k);
        return k % 2 == 1 ? cycles[k / 2] : (cycles[k / 2 - 1] + cycles[k / 2]) / 2;
    }
}
