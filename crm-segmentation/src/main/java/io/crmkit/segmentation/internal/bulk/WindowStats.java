package io.crmkit.segmentation.internal.bulk;

/**
 * Per-member order statistics over one time range as of one instant, for every member: the cached
 * value columns behind {@code Compare} conditions on order measures. Follows {@link
 * io.crmkit.core.MemberStats} exactly.
 */
final class WindowStats {
    final int[] count;
    final int[] days;
    final long[] net;
    /** Epoch day of the first counted order (unset when count is 0). */
    final int[] first;
    /** Epoch day of the last counted order (unset when count is 0). */
    final int[] last;

    WindowStats(int n) {
        count = new int[n];
        days = new int[n];
        net = new long[n];
        first = new int[n];
        last = new int[n];
    }

    long bytes() {
        return count.length * 24L;
    }

    /**
     * The statistics of one member at a time, without allocation; one instance per thread.
     */
    static final class Acc {
        private final OrderColumns o;
        private final TimeCut cut;
        private final long asSec;
        private final int asNano;
        private int[] scratch = new int[16];

        int count;
        int days;
        long net;
        int first;
        int last;

        Acc(OrderColumns o, TimeCut cut, long asSec, int asNano) {
            this.o = o;
            this.cut = cut;
            this.asSec = asSec;
            this.asNano = asNano;
        }

        void compute(int m) {
            int c = 0;
            int d = 0;
            long sum = 0;
            int firstDay = 0;
            int lastDay = 0;
            int prev = Integer.MIN_VALUE;
            boolean monotonic = true;
            int[] placed = o.placed;
            byte[] flags = o.flags;
            char[] day = o.day;
            for (int i = o.memberStart[m], e = o.memberStart[m + 1]; i < e; i++) {
                long t = placed[i];
                if (t < cut.loSec) {
                    continue;
                }
                if (t > cut.hiSec) {
                    break;
                }
                if (!cut.inner(t) && !cut.contains(t, o.placedNanos, i)) {
                    continue;
                }
                int f = flags[i];
                long value = o.total(i);
                if (f != 0) {
                    if ((f & OrderColumns.CANCELLED) != 0) {
                        continue;
                    }
                    if ((f & OrderColumns.REFUNDED) != 0) {
                        int slot = o.refundSlot(i);
                        if (o.fullyRefunded(slot, asSec, asNano)) {
                            continue;
                        }
                        value -= o.refundedBy(slot, asSec, asNano);
                    }
                }
                int dd = day[i];
                if (c == 0) {
                    firstDay = dd;
                }
                lastDay = dd;
                c++;
                sum = Math.addExact(sum, value);
                if (dd != prev) {
                    if (dd < prev) {
                        monotonic = false;
                    }
                    d++;
                    prev = dd;
                }
            }
            if (!monotonic) {
                d = distinctDays(m);
            }
            count = c;
            days = d;
            net = sum;
            first = firstDay + o.dayBase;
            last = lastDay + o.dayBase;
        }

        /** Exact distinct purchase dates for the rare member whose dates go back (a zone's midnight change). */
        private int distinctDays(int m) {
            int k = 0;
            for (int i = o.memberStart[m], e = o.memberStart[m + 1]; i < e; i++) {
                long t = o.placed[i];
                if (!cut.contains(t, o.placedNanos, i)) {
                    continue;
                }
                int f = o.flags[i];
                if ((f & OrderColumns.CANCELLED) != 0) {
                    continue;
                }
                if ((f & OrderColumns.REFUNDED) != 0 && o.fullyRefunded(o.refundSlot(i), asSec, asNano)) {
                    continue;
                }
                if (k == scratch.length) {
                    scratch = java.util.Arrays.copyOf(scratch, k * 2);
                }
                scratch[k++] = o.day[i];
            }
            java.util.Arrays.sort(scratch, 0, k);
            int d = 0;
            for (int i = 0; i < k; i++) {
                if (i == 0 || scratch[i] != scratch[i - 1]) {
                    d++;
                }
            }
            return d;
        }
    }
}
