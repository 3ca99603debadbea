package io.crmkit.segmentation.internal.tier;

import io.crmkit.core.TimeRange;
import io.crmkit.segmentation.TierProgram;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Calendar periods (year, half year, quarter, month) in a brand's zone, as instants. */
public final class Periods {
    private Periods() {}

    /**
     * @param d a date
     * @param p a period kind
     * @return the first date of the period that holds {@code d}
     */
    static LocalDate start(LocalDate d, TierProgram.Period p) {
        int months = months(p);
        int firstMonth = (d.getMonthValue() - 1) / months * months + 1;
        return LocalDate.of(d.getYear(), firstMonth, 1);
    }

    private static int months(TierProgram.Period p) {
        switch (p) {
            case YEAR:
                return 12;
            case HALF_YEAR:
                return 6;
            case QUARTER:
                return 3;
            case MONTH:
                return 1;
            default:
                throw new AssertionError(p);
        }
    }

    /**
     * The first period start strictly after an instant: the review that follows it.
     *
     * @param t an instant
     * @param p the period kind
     * @param zone the brand's zone
     * @return the first instant of the next period, or {@link Instant#MAX} if it is beyond the last
     *     date java.time knows
     * @throws java.time.DateTimeException if {@code t} itself has no date in the zone
     */
    public static Instant boundaryAfter(Instant t, TierProgram.Period p, ZoneId zone) {
        LocalDate s = start(LocalDate.ofInstant(t, zone), p);
        try {
            Instant b;
            do {
                s = s.plusMonths(months(p));
                b = s.atStartOfDay(zone).toInstant();
            } while (!b.isAfter(t));
            return b;
        } catch (DateTimeException | ArithmeticException e) {
            return Instant.MAX; // no period starts after t within the dates java.time knows
        }
    }

    /**
     * The current period so far: from its first instant up to and including {@code t}.
     *
     * @param t an instant
     * @param p the period kind
     * @param zone the brand's zone
     * @return the range
     */
    static TimeRange soFar(Instant t, TierProgram.Period p, ZoneId zone) {
        LocalDate s = start(LocalDate.ofInstant(t, zone), p);
        Instant from = s.atStartOfDay(zone).toInstant();
        // in zones whose dates went back (Alaska 1867) the period's midnight can follow t
        while (from.isAfter(t)) {
            s = s.minusMonths(months(p));
            from = s.atStartOfDay(zone).toInstant();
        }
        return TimeRange.of(from, t.plusNanos(1));
    }
}
