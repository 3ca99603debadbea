package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.util.Locale;

/**
 * Where an order was placed or a member came from: own web shop, app, physical store (POS), LINE, Facebook, or a marketplace (Shopee, momo, PChome).
 *
 * <p>An open set: the constants are the common values, and {@link #of(String)} accepts any other
 * code (letters, digits and {@code _}; it is upper-cased), so that an importer can keep what a
 * platform wrote.
 *
 * <pre>{@code
 * SalesChannel.of("SHOPEE").equals(SalesChannel.SHOPEE); // true
 * }</pre>
 *
 * @param code the upper-case code
 */
public record SalesChannel(String code) {

    /** The brand's own web shop. */
    public static final SalesChannel WEB = new SalesChannel("WEB");
    /** The brand's own app. */
    public static final SalesChannel APP = new SalesChannel("APP");
    /** A physical store's point of sale. */
    public static final SalesChannel POS = new SalesChannel("POS");
    /** A LINE official account or LINE shop. */
    public static final SalesChannel LINE = new SalesChannel("LINE");
    /** Facebook or Instagram. */
    public static final SalesChannel FACEBOOK = new SalesChannel("FACEBOOK");
    /** The Shopee marketplace. */
    public static final SalesChannel SHOPEE = new SalesChannel("SHOPEE");
    /** The momo marketplace. */
    public static final SalesChannel MOMO = new SalesChannel("MOMO");
    /** The PChome marketplace. */
    public static final SalesChannel PCHOME = new SalesChannel("PCHOME");
    /** Orders taken by phone or by customer service. */
    public static final SalesChannel PHONE = new SalesChannel("PHONE");

    /** @throws InvalidValueException if the code is not 1 to 40 upper-case letters, digits or _ */
    public SalesChannel {
        Check.notNull(code, "salesChannel");
        Check.that(
                code.matches("[A-Z0-9_]{1,40}"),
                "salesChannel",
                Check.quote(code) + " is not a code (1 to 40 letters, digits or _)");
    }

    /**
     * @param code a code, any case; spaces and dashes become {@code _}
     * @return the value
     * @throws InvalidValueException if the code has other characters
     */
    public static SalesChannel of(String code) {
        Check.notNull(code, "salesChannel");
        return new SalesChannel(
                code.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
    }

    @Override
    public String toString() {
        return code;
    }
}
