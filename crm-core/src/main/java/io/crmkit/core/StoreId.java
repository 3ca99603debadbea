package io.crmkit.core;

import io.crmkit.core.internal.Check;

/**
 * Identifies a store. Ids are opaque text of 1 to 128 characters with no leading or trailing white
 * space; they compare as text, which is the order stores iterate in.
 *
 * <pre>{@code
 * StoreId id = StoreId.of("S10042");
 * }</pre>
 *
 * @param value the id text
 */
public record StoreId(String value) implements Comparable<StoreId> {
    /** @throws InvalidValueException if the text is not a valid id */
    public StoreId {
        Check.id(value, "storeId");
    }

    /**
     * @param value the id text
     * @return the id
     * @throws InvalidValueException if the text is empty, longer than 128 characters, has leading
     *     or trailing white space or control characters
     */
    public static StoreId of(String value) {
        return new StoreId(value);
    }

    @Override
    public int compareTo(StoreId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
