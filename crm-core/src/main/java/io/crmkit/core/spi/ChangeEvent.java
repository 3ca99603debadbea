package io.crmkit.core.spi;

import java.util.Optional;

/**
 * One change a store made: what was there before and what is there now.
 *
 * @param kind created, updated or deleted
 * @param before the value before the change; empty when created
 * @param after the value after the change; empty when deleted
 * @param <V> the stored type
 */
public record ChangeEvent<V>(Kind kind, Optional<V> before, Optional<V> after) {
    /** What kind of change. */
    public enum Kind {
        /** A new value. */
        CREATED,
        /** A value replaced another of the same id. */
        UPDATED,
        /** A value was removed. */
        DELETED
    }

    /**
     * @param before the old value, or null when created
     * @param after the new value, or null when deleted
     * @param <V> the stored type
     * @return the event of the right kind
     */
    public static <V> ChangeEvent<V> of(
            @org.jspecify.annotations.Nullable V before, @org.jspecify.annotations.Nullable V after) {
        if (before == null && after == null) {
            throw new io.crmkit.core.InvalidValueException("change", "needs a value before or after");
        }
        Kind k = before == null ? Kind.CREATED : after == null ? Kind.DELETED : Kind.UPDATED;
        return new ChangeEvent<>(k, Optional.ofNullable(before), Optional.ofNullable(after));
    }

    /** @return the value after the change, or before it when deleted */
    public V value() {
        return after.or(() -> before).orElseThrow();
    }
}
