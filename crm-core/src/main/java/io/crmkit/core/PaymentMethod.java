package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.util.Locale;

/**
 * How an order was paid.
 *
 * <p>An open set: the constants are the common values, and {@link #of(String)} accepts any other
 * code (letters, digits and {@code _}; it is upper-cased), so that an importer can keep what a
 * platform wrote.
 *
 * <pre>{@code
 * PaymentMethod.of("LINE_PAY").equals(PaymentMethod.LINE_PAY); // true
 * }</pre>
 *
 * @param code the upper-case code
 */
public record PaymentMethod(String code) {

    /** Credit or debit card. */
    public static final PaymentMethod CREDIT_CARD = new PaymentMethod("CREDIT_CARD");
    /** LINE Pay. */
    public static final PaymentMethod LINE_PAY = new PaymentMethod("LINE_PAY");
    /** JKO Pay (街口支付). */
    public static final PaymentMethod JKO_PAY = new PaymentMethod("JKO_PAY");
    /** Apple Pay. */
    public static final PaymentMethod APPLE_PAY = new PaymentMethod("APPLE_PAY");
    /** Cash paid on pick-up at a convenience store (超商取貨付款). */
    public static final PaymentMethod CONVENIENCE_STORE_COD = new PaymentMethod("CONVENIENCE_STORE_COD");
    /** Cash on home delivery (貨到付款). */
    public static final PaymentMethod CASH_ON_DELIVERY = new PaymentMethod("CASH_ON_DELIVERY");
    /** ATM or bank transfer. */
    public static final PaymentMethod BANK_TRANSFER = new PaymentMethod("BANK_TRANSFER");
    /** Cash at a store counter. */
    public static final PaymentMethod CASH = new PaymentMethod("CASH");

    /** @throws InvalidValueException if the code is not 1 to 40 upper-case letters, digits or _ */
    public PaymentMethod {
        Check.notNull(code, "paymentMethod");
        Check.that(
                code.matches("[A-Z0-9_]{1,40}"),
                "paymentMethod",
                Check.quote(code) + " is not a code (1 to 40 letters, digits or _)");
    }

    /**
     * @param code a code, any case; spaces and dashes become {@code _}
     * @return the value
     * @throws InvalidValueException if the code has other characters
     */
    public static PaymentMethod of(String code) {
        Check.notNull(code, "paymentMethod");
        return new PaymentMethod(
                code.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
    }

    @Override
    public String toString() {
        return code;
    }
}
