package io.crmkit.core.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Rules of the open code types ({@code SalesChannel}, {@code PaymentMethod}, {@code ShippingMethod}). */
public final class Codes {
    private static final Pattern CODE = Pattern.compile("[\\p{Lu}\\p{Lo}\\p{N}_]{1,40}");

    private Codes() {}

    /** @return true if the text is a normalised code */
    public static boolean isCode(String code) {
        return CODE.matcher(code).matches();
    }

    /** Upper-cases a code and turns spaces and dashes into {@code _}. */
    public static String normalise(String code) {
        return code.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }
}
