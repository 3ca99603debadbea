package io.crmkit.core;

import io.crmkit.core.internal.Check;

/**
 * Identifies a order. Ids are opaque text of 1 to 128 characters with no leading or trailing white
 * space; they compare as text, which is the order stores iterate in.
 *
 * <pre>{@code
 * OrderId id = OrderId.of("O10042");
 * }</pre>
 *
 * @param value the id text
 */
public record OrderId(String value) implements Comparable<OrderId> {
    /** @throws InvalidValueException if the text is not a valid id */
    public OrderId {
        Check.id(value, "orderId");
    }

    /**
     * @param value the id text
     * @return the id
     * @throws InvalidValueException if the text is empty, longer than 128 characters, has leading
     *     or trailing white space or control characters
     */
    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public int compareTo(OrderId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
