package io.crmkit.loyalty;

import io.crmkit.core.InvalidValueException;

/**
 * The id of a prepaid voucher.
 *
 * <pre>{@code
 * VoucherId id = VoucherId.of("V-7KQ2M9XWPH");
 * }</pre>
 *
 * @param value 1 to 100 characters, not blank
 */
public record VoucherId(String value) implements Comparable<VoucherId> {
    /** @throws InvalidValueException if the value is null, blank or too long */
    public VoucherId {
        if (value == null || value.isBlank() || value.length() > 100) {
            throw new InvalidValueException("voucherId", "must be 1 to 100 characters and not blank");
        }
    }

    /**
     * @param value the id
     * @return the typed id
     */
    public static VoucherId of(String value) {
        return new VoucherId(value);
    }

    @Override
    public int compareTo(VoucherId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
