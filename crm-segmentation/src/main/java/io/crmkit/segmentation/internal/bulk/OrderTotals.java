package io.crmkit.segmentation.internal.bulk;

import io.crmkit.core.TimeRange;
import java.time.Instant;

/** Brand-wide sums over the per-member order statistics. */
public final class OrderTotals {
    private OrderTotals() {}

    /**
     * @param snap the snapshot
     * @param range the placement range
     * @param asOf the as-of instant
     * @return {@code {net spend, counted orders}} over every member
     */
    public static long[] of(ColumnarSnapshot snap, TimeRange range, Instant asOf) {
        BulkEvaluator.checkForeignOrders(snap, asOf);
        WindowStats ws = snap.windowStats(range, asOf);
        long net = 0;
        long count = 0;
        for (int i = 0; i < ws.count.length; i++) {
            net = Math.addExact(net, ws.net[i]);
            count += ws.count[i];
        }
        return new long[] {net, count};
    }
}
