package io.crmkit.loyalty;

import java.time.Instant;

/**
 * How many paid terms ending in a period were renewed (Costco's renewal rate).
 *
 * <pre>{@code
 * RenewalReport r = memberships.renewalReport("plus", jan1, dec31, now);
 * r.rate(); // renewed / decided, e.g. 0.88
 * }</pre>
 *
 * @param planId the plan
 * @param from first end instant counted (inclusive)
 * @param to last end instant counted (exclusive)
 * @param asOf the instant the report is made
 * @param due terms ending in the period
 * @param renewed of those, renewed (a renewal term was paid by {@code asOf})
 * @param lapsed of those, not renewed and past the renewal grace at {@code asOf}
 * @param undecided of those, not renewed yet but still inside the grace
 */
public record RenewalReport(
        String planId, Instant from, Instant to, Instant asOf, long due, long renewed, long lapsed, long undecided) {
    /** @return renewed / (renewed + lapsed), 0 when nothing is decided */
    public double rate() {
        long decided = renewed + lapsed;
        return decided == 0 ? 0 : (double) renewed / decided;
    }
}
