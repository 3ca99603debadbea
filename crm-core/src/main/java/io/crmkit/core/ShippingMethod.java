package io.crmkit.core;

import io.crmkit.core.internal.Check;
import io.crmkit.core.internal.Codes;

/**
 * How an order reached the member.
 *
 * <p>An open set: the constants are the common values, and {@link #of(String)} accepts any other
 * code (letters of any script, digits and {@code _}; it is upper-cased, spaces and dashes become {@code _}), so that an importer can keep what a
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

    private static final java.util.Map<String, ShippingMethod> KNOWN = java.util.Map.ofEntries(
            java.util.Map.entry(HOME_DELIVERY.code, HOME_DELIVERY),
            java.util.Map.entry(CONVENIENCE_STORE_PICKUP.code, CONVENIENCE_STORE_PICKUP),
            java.util.Map.entry(STORE_PICKUP.code, STORE_PICKUP),
            java.util.Map.entry(IN_STORE.code, IN_STORE));

    /** @throws InvalidValueException if the code is not 1 to 40 upper-case letters, digits or _ */
    public ShippingMethod {
        Check.notNull(code, "shippingMethod");
        Check.that(
                Codes.isCode(code),
                "shippingMethod",
                Check.quote(code)
                        + " is not a code (1 to 40 upper-case letters, digits or _; letters may be any script)");
    }

    /**
     * @param code a code, any case; spaces and dashes become {@code _}
     * @return the value
     * @throws InvalidValueException if the code has other characters
     */
    public static ShippingMethod of(String code) {
        Check.notNull(code, "shippingMethod");
        String c = Codes.normalise(code);
        ShippingMethod known = KNOWN.get(c);
        return known != null ? known : new ShippingMethod(c);
    }

    @Override
    public String toString() {
        return code;
    }
}
