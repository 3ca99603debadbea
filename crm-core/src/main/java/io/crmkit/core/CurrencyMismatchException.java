package io.crmkit.core;

import java.io.Serial;
import java.util.Currency;

/**
 * Two amounts in different currencies were combined, or an order is not in the brand's currency.
 * crmkit never converts currencies implicitly.
 */
public class CurrencyMismatchException extends CrmException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param expected the currency that was required
     * @param actual the currency that was found
     * @param where what was being computed, e.g. {@code "Money.plus"} or an order id
     */
    public CurrencyMismatchException(Currency expected, Currency actual, String where) {
        super(where + ": expected " + expected.getCurrencyCode() + " but got " + actual.getCurrencyCode());
    }
}
