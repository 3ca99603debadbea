package io.crmkit.automation;

import io.crmkit.core.InvalidValueException;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * Whether a member who entered a journey before may enter again. Whatever the policy, one
 * occurrence of a trigger (one order, one birthday, one send) enters a member at most once.
 *
 * @param kind the policy
 * @param period for {@link Kind#ONCE_PER}: the shortest time between two entries
 */
public record Reentry(Kind kind, @Nullable Period period) {
    /** The policies. */
    public enum Kind {
        /** At most one entry ever. */
        ONCE,
        /** At most one entry within any {@code period} (e.g. {@code P1Y}), and never while in the journey. */
        ONCE_PER,
        /** Every trigger enters, also while an earlier entry is still in the journey. */
        ALWAYS
    }

    /** @throws InvalidValueException if the period does not fit the kind */
    public Reentry {
        if (kind == null) {
            throw new InvalidValueException("reentry.kind", "is required");
        }
        if ((kind == Kind.ONCE_PER) != (period != null)) {
            throw new InvalidValueException("reentry.period", "is required for once-per and only for it");
        }
        if (period != null && (period.isNegative() || period.isZero())) {
            throw new InvalidValueException("reentry.period", "must be positive");
        }
    }

    /** @return at most once ever */
    public static Reentry once() {
        return new Reentry(Kind.ONCE, null);
    }

    /**
     * @param period the shortest time between entries
     * @return at most once per period
     */
    public static Reentry oncePer(Period period) {
        return new Reentry(Kind.ONCE_PER, period);
    }

    /** @return every trigger enters */
    public static Reentry always() {
        return new Reentry(Kind.ALWAYS, null);
    }

    /**
     * The rule every {@link io.crmkit.automation.spi.JourneyStateStore} applies atomically when a
     * member enters.
     *
     * @param lastEntry when the member last entered this journey (any version), or null if never
     * @param inJourney whether an earlier entry is still in the journey (running or waiting)
     * @param now the new entry's instant
     * @param zone the brand's zone, for calendar periods
     * @return whether the member may enter
     */
    public boolean allows(@Nullable Instant lastEntry, boolean inJourney, Instant now, ZoneId zone) {
        return switch (kind) {
            case ALWAYS -> true;
            case ONCE -> lastEntry == null;
            case ONCE_PER ->
                !inJourney
                        && (lastEntry == null
                                || !lastEntry
                                        .atZone(zone)
                                        .plus(period)
                                        .toInstant()
                                        .isAfter(now));
        };
    }
}
