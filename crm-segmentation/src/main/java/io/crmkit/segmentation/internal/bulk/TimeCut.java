package io.crmkit.segmentation.internal.bulk;

import io.crmkit.core.TimeRange;

/**
 * A half-open {@link TimeRange} as seconds relative to a column's time base, so that a column of
 * {@code int} seconds plus a {@link SubSecond} side table is compared with it exactly. Only an
 * instant in the very second of a bound needs its nanoseconds.
 */
public final class TimeCut {
    /** First second that may be in the range. */
    final long loSec;

    private final int loNano;
    /** Last second that may be in the range. */
    final long hiSec;

    private final int hiNano;

    private TimeCut(long loSec, int loNano, long hiSec, int hiNano) {
        this.loSec = loSec;
        this.loNano = loNano;
        this.hiSec = hiSec;
        this.hiNano = hiNano;
    }

    /**
     * @param range a range of instants
     * @param base the epoch second that relative second 0 stands for
     * @return the range in relative seconds
     */
    public static TimeCut of(TimeRange range, long base) {
        return new TimeCut(
                range.from().getEpochSecond() - base,
                range.from().getNano(),
                range.to().getEpochSecond() - base,
                range.to().getNano());
    }

    /**
     * @param sec the relative second of an entry
     * @param nanos the column's sub-second table
     * @param i the entry's index
     * @return true if the entry's instant is in the range
     */
    boolean contains(long sec, SubSecond nanos, int i) {
        if (sec < loSec || sec > hiSec) {
            return false;
        }
        if (sec == loSec && loNano != 0 && nanos.get(i) < loNano) {
            return false;
        }
        return sec != hiSec || (hiNano != 0 && nanos.get(i) < hiNano);
    }

    /**
     * @param sec a relative second
     * @return true if it is neither before the first nor after the last second of the range (the
     *     fast test; {@link #contains} decides at the two boundary seconds)
     */
    boolean inner(long sec) {
        return sec > loSec && sec < hiSec;
    }
}
