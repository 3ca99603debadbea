package io.crmkit.core;

import io.crmkit.core.internal.Check;
import io.crmkit.core.internal.Codes;

/**
 * How an order was paid.
 *
 * <p>An open set: the constants are the common values, and {@link #of(String)} accepts any other
 * code (letters of any script, digits and {@code _}; it is upper-cased, spaces and dashes become {@code _}), so that an importer can keep what a
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

    private static final java.util.Map<String, PaymentMethod> KNOWN = java.util.Map.ofEntries(
            java.util.Map.entry(CREDIT_CARD.code, CREDIT_CARD),
            java.util.Map.entry(LINE_PAY.code, LINE_PAY),
            java.util.Map.entry(JKO_PAY.code, JKO_PAY),
            java.util.Map.entry(APPLE_PAY.code, APPLE_PAY),
            java.util.Map.entry(CONVENIENCE_STORE_COD.code, CONVENIENCE_STORE_COD),
            java.util.Map.entry(CASH_ON_DELIVERY.code, CASH_ON_DELIVERY),
            java.util.Map.entry(BANK_TRANSFER.code, BANK_TRANSFER),
            java.util.Map.entry(CASH.code, CASH));

    /** @throws InvalidValueException if the code is not 1 to 40 upper-case letters, digits or _ */
    public PaymentMethod {
        Check.notNull(code, "paymentMethod");
        Check.that(
                Codes.isCode(code),
                "paymentMethod",
                Check.quote(code)
                        + " is not a code (1 to 40 upper-case letters, digits or _; letters may be any script)");
    }

    /**
     * @param code a code, any case; spaces and dashes become {@code _}
     * @return the value
     * @throws InvalidValueException if the code has other characters
     */
    public static PaymentMethod of(String code) {
        Check.notNull(code, "paymentMethod");
        String c = Codes.normalise(code);
        PaymentMethod known = KNOWN.get(c);
        return known != null ? known : new PaymentMethod(c);
    }

    @Override
    public String toString() {
        return code;
    }
}
