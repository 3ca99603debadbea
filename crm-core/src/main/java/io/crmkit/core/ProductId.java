package io.crmkit.core;

import io.crmkit.core.internal.Check;

/**
 * Identifies a product. Ids are opaque text of 1 to 128 characters with no leading or trailing white
 * space; they compare as text, which is the order stores iterate in.
 *
 * <pre>{@code
 * ProductId id = ProductId.of("P10042");
 * }</pre>
 *
 * @param value the id text
 */
public record ProductId(String value) implements Comparable<ProductId> {
    /** @throws InvalidValueException if the text is not a valid id */
    public ProductId {
        Check.id(value, "productId");
    }

    /**
     * @param value the id text
     * @return the id
     * @throws InvalidValueException if the text is empty, longer than 128 characters, has leading
     *     or trailing white space or control characters
     */
    public static ProductId of(String value) {
        return new ProductId(value);
    }

    @Override
    public int compareTo(ProductId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
