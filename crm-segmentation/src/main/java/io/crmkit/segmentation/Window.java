package io.crmkit.segmentation;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Which part of a member's history a condition looks at, in calendar days of the brand's zone.
 *
 * <ul>
 *   <li>{@link #allTime()}: everything up to the as-of instant;
 *   <li>{@link #lastDays(int) lastDays(n)}: the as-of date and the {@code n - 1} dates before it,
 *       up to the as-of instant. {@code lastDays(1)} is "today so far"; a purchase {@code d} days
 *       ago (see {@link io.crmkit.core.MemberStats#daysSinceLastPurchase()}) is inside {@code
 *       lastDays(n)} exactly when {@code d < n};
 *   <li>{@link #between(LocalDate, LocalDate) between(from, to)}: the dates {@code from} to {@code
 *       to} exclusive, and never after the as-of instant.
 * </ul>
 *
 * <pre>{@code
 * Window.lastDays(365);
 * Window.between(LocalDate.of(2025, 11, 11), LocalDate.of(2025, 11, 12)); // last year's 11/11
 * }</pre>
 *
 * @param days for {@code lastDays}, the number of days; 0 otherwise
 * @param from for {@code between}, the first date; null otherwise
 * @param to for {@code between}, the first date after the window; null otherwise
 */
public record Window(
        int days, @Nullable LocalDate from, @Nullable LocalDate to) {
    private static final Window ALL = new Window(0, null, null);

    /** The longest {@code lastDays} window, about 100 years. */
    public static final int MAX_DAYS = 36_600;

    /** @throws InvalidValueException if the fields do not describe one of the three kinds */
    public Window {
        if (from != null || to != null) {
            if (from == null || to == null) {
                throw new InvalidValueException("window", "needs both from and to");
            }
            if (days != 0) {
                throw new InvalidValueException("window", "is either lastDays or between, not both");
            }
            if (!to.isAfter(from)) {
                throw new InvalidValueException("window", "to " + to + " must be after from " + from);
            }
        } else if (days < 0 || days > MAX_DAYS) {
            throw new InvalidValueException("window.lastDays", "must be 1.." + MAX_DAYS + ", was " + days);
        }
    }

    /** @return the whole history */
    public static Window allTime() {
        return ALL;
    }

    /**
     * @param days how many calendar days, counting the as-of date, 1 to {@value #MAX_DAYS}
     * @return the window
     * @throws InvalidValueException if days is out of range
     */
    public static Window lastDays(int days) {
        if (days < 1) {
            throw new InvalidValueException("window.lastDays", "must be 1.." + MAX_DAYS + ", was " + days);
        }
        return new Window(days, null, null);
    }

    /**
     * @param from the first date
     * @param to the first date after the window
     * @return the window
     * @throws InvalidValueException if {@code to} is not after {@code from}
     */
    public static Window between(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            throw new InvalidValueException("window", "needs both from and to");
        }
        return new Window(0, from, to);
    }

    /** @return true for {@link #allTime()} */
    public boolean isAllTime() {
        return days == 0 && from == null;
    }

    /**
     * The instants this window covers as of an instant: a half-open range that never reaches past
     * {@code asOf}.
     *
     * @param asOf the as-of instant
     * @param brand the brand's zone
     * @return the range
     */
    public TimeRange range(Instant asOf, BrandSettings brand) {
        Instant end = asOf.plusNanos(1);
        if (isAllTime()) {
            return TimeRange.until(end);
        }
        if (from != null && to != null) {
            Instant a = from.atStartOfDay(brand.zone()).toInstant();
            Instant b = to.atStartOfDay(brand.zone()).toInstant();
            if (b.isAfter(end)) {
                b = end;
            }
            return a.isBefore(b) ? TimeRange.of(a, b) : TimeRange.of(a, a);
        }
        LocalDate first = brand.dateOf(asOf).minusDays(days - 1L);
        return TimeRange.of(first.atStartOfDay(brand.zone()).toInstant(), end);
    }

    @Override
    public String toString() {
        return isAllTime() ? "all time" : from != null ? "[" + from + ", " + to + ")" : "last " + days + " days";
    }
}
