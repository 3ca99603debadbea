package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.util.Locale;

/**
 * How an order reached the member.
 *
 * <p>An open set: the constants are the common values, and {@link #of(String)} accepts any other
 * code (letters, digits and {@code _}; it is upper-cased), so that an importer can keep what a
 * platform wrote.
 *
 * <pre>{@code
 * ShippingMethod.of("STORE_PICKUP").equals(ShippingMethod.STORE_PICKUP); // true
 * }</pre>
 *
 * @param code the upper-case code
 */
public record ShippingMethod(String code) {

    /** Delivery to the member's address. */
    public static final ShippingMethod HOME_DELIVERY = new ShippingMethod("HOME_DELIVERY");
    /** Pick-up at a convenience store (7-ELEVEN, FamilyMart...). */
    public static final ShippingMethod CONVENIENCE_STORE_PICKUP = new ShippingMethod("CONVENIENCE_STORE_PICKUP");
    /** Pick-up at one of the brand's own stores. */
    public static final ShippingMethod STORE_PICKUP = new ShippingMethod("STORE_PICKUP");
    /** Bought and taken away in a store, nothing shipped. */
    public static final ShippingMethod IN_STORE = new ShippingMethod("IN_STORE");

    /** @throws InvalidValueException if the code is not 1 to 40 upper-case letters, digits or _ */
    public ShippingMethod {
        Check.notNull(code, "shippingMethod");
        Check.that(
                code.matches("[A-Z0-9_]{1,40}"),
                "shippingMethod",
                Check.quote(code) + " is not a code (1 to 40 letters, digits or _)");
    }

    /**
     * @param code a code, any case; spaces and dashes become {@code _}
     * @return the value
     * @throws InvalidValueException if the code has other characters
     */
    public static ShippingMethod of(String code) {
        Check.notNull(code, "shippingMethod");
        return new ShippingMethod(
                code.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
    }

    @Override
    public String toString() {
        return code;
    }
}
