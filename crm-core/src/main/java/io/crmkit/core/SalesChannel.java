package io.crmkit.core;

import io.crmkit.core.internal.Check;
import io.crmkit.core.internal.Codes;

/**
 * Where an order was placed or a member came from: own web shop, app, physical store (POS), LINE, Facebook, or a marketplace (Shopee, momo, PChome).
 *
 * <p>An open set: the constants are the common values, and {@link #of(String)} accepts any other
 * code (letters of any script, digits and {@code _}; it is upper-cased, spaces and dashes become {@code _}), so that an importer can keep what a
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

    private static final java.util.Map<String, SalesChannel> KNOWN = java.util.Map.ofEntries(
            java.util.Map.entry(WEB.code, WEB),
            java.util.Map.entry(APP.code, APP),
            java.util.Map.entry(POS.code, POS),
            java.util.Map.entry(LINE.code, LINE),
            java.util.Map.entry(FACEBOOK.code, FACEBOOK),
            java.util.Map.entry(SHOPEE.code, SHOPEE),
            java.util.Map.entry(MOMO.code, MOMO),
            java.util.Map.entry(PCHOME.code, PCHOME),
            java.util.Map.entry(PHONE.code, PHONE));

    /** @throws InvalidValueException if the code is not 1 to 40 upper-case letters, digits or _ */
    public SalesChannel {
        Check.notNull(code, "salesChannel");
        Check.that(
                Codes.isCode(code),
                "salesChannel",
                Check.quote(code)
                        + " is not a code (1 to 40 upper-case letters, digits or _; letters may be any script)");
    }

    /**
     * @param code a code, any case; spaces and dashes become {@code _}
     * @return the value
     * @throws InvalidValueException if the code has other characters
     */
    public static SalesChannel of(String code) {
        Check.notNull(code, "salesChannel");
        String c = Codes.normalise(code);
        SalesChannel known = KNOWN.get(c);
        return known != null ? known : new SalesChannel(c);
    }

    @Override
    public String toString() {
        return code;
    }
}
