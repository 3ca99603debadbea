package io.crmkit.analytics;

/**
 * The unit in which a summary gives recency, T and holdout durations. Purchases are always merged
 * per calendar day first; the unit only scales the day counts ({@code WEEKS} divides by 7, as the
 * published CDNOW summary does).
 *
 * <pre>{@code
 * SummaryOptions.custom(LocalDate.parse("1997-09-30")).unit(PeriodUnit.WEEKS).build();
 * }</pre>
 */
public enum PeriodUnit {
    /** Days. */
    DAYS(1),
    /** Weeks of 7 days. */
    WEEKS(7);

    private final int days;

    PeriodUnit(int days) {
        this.days = days;
    }

    /** @return the number of days in one unit */
    public int days() {
        return days;
    }
}
