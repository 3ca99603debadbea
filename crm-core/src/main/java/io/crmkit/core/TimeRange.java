package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.time.Instant;

/**
 * A half-open span of time {@code [from, to)}: it contains {@code from} and not {@code to}.
 *
 * <pre>{@code
 * TimeRange year2025 = TimeRange.of(Instant.parse("2024-12-31T16:00:00Z"), Instant.parse("2025-12-31T16:00:00Z"));
 * TimeRange ever = TimeRange.all();
 * }</pre>
 *
 * @param from the first instant in the range
 * @param to the first instant after the range
 */
public record TimeRange(Instant from, Instant to) {
    private static final TimeRange ALL = new TimeRange(Instant.MIN, Instant.MAX);

    /** @throws InvalidValueException if {@code to} is before {@code from} */
    public TimeRange {
        Check.notNull(from, "range.from");
        Check.notNull(to, "range.to");
        Check.that(!to.isBefore(from), "range", "ends at " + to + ", before it starts at " + from);
    }

    /**
     * @param from the first instant in the range
     * @param to the first instant after the range
     * @return the range
     */
    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(from, to);
    }

    /** @return all of time */
    public static TimeRange all() {
        return ALL;
    }

    /**
     * @param from the first instant
     * @return from that instant on
     */
    public static TimeRange since(Instant from) {
        return new TimeRange(from, Instant.MAX);
    }

    /**
     * @param to the first instant after the range
     * @return everything before that instant
     */
    public static TimeRange until(Instant to) {
        return new TimeRange(Instant.MIN, to);
    }

    /**
     * @param t an instant
     * @return true if {@code from <= t < to}
     */
    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
