package io.crmkit.segmentation.internal.bulk;

import java.time.Instant;
import java.time.zone.ZoneRules;

/** Calendar arithmetic without allocation. */
final class Days {
    private Days() {}

    /**
     * The brand-zone date of an instant, as {@link java.time.LocalDate#ofInstant} computes it.
     *
     * @param t an instant
     * @param rules the brand zone's rules
     * @return the epoch day of its local date
     */
    static long epochDay(Instant t, ZoneRules rules) {
        long local = t.getEpochSecond() + rules.getOffset(t).getTotalSeconds();
        return Math.floorDiv(local, 86_400L);
    }
}
