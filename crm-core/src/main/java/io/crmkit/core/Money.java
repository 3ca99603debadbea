package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money: a whole number of the currency's minor units (cents for USD, and for
 * TWD too, whose ISO 4217 minor unit is 1/100) and a {@link Currency}. No floating point is ever
 * involved; arithmetic that would overflow a {@code long} throws {@link ArithmeticException}, and
 * combining two currencies throws {@link CurrencyMismatchException}.
 *
 * <pre>{@code
 * Currency twd = Currency.getInstance("TWD");
 * Money price = Money.of(1280, twd);           // NT$1,280.00
 * Money line = price.times(3).minus(Money.parse("100.50", twd));
 * line.toString();                              // "TWD 3739.50"
 * }</pre>
 */
public final class Money implements Comparable<Money> {
    private static final java.util.concurrent.ConcurrentHashMap<Currency, Money> ZEROS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final long minor;
    private final Currency currency;

    private Money(long minor, Currency currency) {
        this.minor = minor;
        this.currency = currency;
    }

    /**
     * An amount given in minor units.
     *
     * @param minorUnits the amount in minor units, e.g. 128000 for NT$1,280.00
     * @param currency the currency
     * @return the amount
     */
    public static Money ofMinor(long minorUnits, Currency currency) {
        Check.notNull(currency, "currency");
        return minorUnits == 0 ? zero(currency) : new Money(minorUnits, currency);
    }

    /**
     * A whole amount of major units (dollars).
     *
     * @param major whole units, e.g. 1280 for NT$1,280
     * @param currency the currency
     * @return the amount
     * @throws ArithmeticException if the amount does not fit in a {@code long} of minor units
     */
    public static Money of(long major, Currency currency) {
        Check.notNull(currency, "currency");
        return ofMinor(Math.multiplyExact(major, factor(currency)), currency);
    }

    /**
     * An exact decimal amount.
     *
     * @param amount the amount; it must not have more decimals than the currency's minor unit
     * @param currency the currency
     * @return the amount
     * @throws InvalidValueException if the amount has more decimals than the currency allows, or is
     *     too large
     */
    public static Money of(BigDecimal amount, Currency currency) {
        Check.notNull(amount, "amount");
        Check.notNull(currency, "currency");
        int digits = fractionDigits(currency);
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new InvalidValueException(
                    "amount",
                    amount.toPlainString() + " has more than " + digits + " decimals, the minor unit of "
                            + currency.getCurrencyCode());
        }
        try {
            return ofMinor(amount.movePointRight(digits).longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new InvalidValueException("amount", amount.toPlainString() + " is too large");
        }
    }

    /**
     * Parses a plain decimal such as {@code "1280"}, {@code "-3.5"} or {@code "1280.00"}. Group
     * separators, currency symbols and exponents are not accepted: an importer strips them first.
     *
     * @param text the decimal text
     * @param currency the currency
     * @return the amount
     * @throws InvalidValueException if the text is not a plain decimal, or has more decimals than
     *     the currency allows
     */
    public static Money parse(String text, Currency currency) {
        Check.notNull(text, "amount");
        String t = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)
                .strip();
        if (!t.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            throw new InvalidValueException("amount", Check.quote(text) + " is not a decimal number");
        }
        return of(new BigDecimal(t), currency);
    }

    /**
     * @param currency the currency
     * @return zero in that currency
     */
    public static Money zero(Currency currency) {
        Check.notNull(currency, "currency");
        return ZEROS.computeIfAbsent(currency, c -> new Money(0, c));
    }

    /** @return the amount in minor units */
    public long minorUnits() {
        return minor;
    }

    /** @return the currency */
    public Currency currency() {
        return currency;
    }

    /** @return the exact amount as a decimal with the currency's number of decimals */
    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(minor, fractionDigits(currency));
    }

    /**
     * @param other an amount in the same currency
     * @return the sum
     * @throws CurrencyMismatchException if the currencies differ
     * @throws ArithmeticException on overflow
     */
    public Money plus(Money other) {
        sameCurrency(other, "Money.plus");
        return ofMinor(Math.addExact(minor, other.minor), currency);
    }

    /**
     * @param other an amount in the same currency
     * @return the difference
     * @throws CurrencyMismatchException if the currencies differ
     * @throws ArithmeticException on overflow
     */
    public Money minus(Money other) {
        sameCurrency(other, "Money.minus");
        return ofMinor(Math.subtractExact(minor, other.minor), currency);
    }

    /**
     * @param factor a whole multiplier, e.g. a quantity
     * @return this amount times the factor
     * @throws ArithmeticException on overflow
     */
    public Money times(long factor) {
        return ofMinor(Math.multiplyExact(minor, factor), currency);
    }

    /**
     * Divides, rounding to the nearest minor unit.
     *
     * @param divisor a non-zero whole divisor, e.g. an order count
     * @param rounding how to round to a whole minor unit
     * @return the quotient
     * @throws ArithmeticException if the divisor is zero, or if rounding is {@link
     *     RoundingMode#UNNECESSARY} and the division is not exact
     */
    public Money dividedBy(long divisor, RoundingMode rounding) {
        if (divisor == 0) {
            throw new ArithmeticException("Money.dividedBy: division by zero");
        }
        long q = BigDecimal.valueOf(minor)
                .divide(BigDecimal.valueOf(divisor), 0, rounding)
                .longValueExact();
        return ofMinor(q, currency);
    }

    /** @return the amount with the opposite sign */
    public Money negate() {
        return ofMinor(Math.negateExact(minor), currency);
    }

    /** @return true if the amount is zero */
    public boolean isZero() {
        return minor == 0;
    }

    /** @return true if the amount is below zero */
    public boolean isNegative() {
        return minor < 0;
    }

    /** @return true if the amount is above zero */
    public boolean isPositive() {
        return minor > 0;
    }

    /**
     * @param other an amount in the same currency
     * @return true if this amount is greater than the other
     */
    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    /**
     * @param other an amount in the same currency
     * @return true if this amount is less than the other
     */
    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    /**
     * Orders amounts of the same currency.
     *
     * @throws CurrencyMismatchException if the currencies differ
     */
    @Override
    public int compareTo(Money other) {
        sameCurrency(other, "Money.compareTo");
        return Long.compare(minor, other.minor);
    }

    private void sameCurrency(Money other, String where) {
        Check.notNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency, where);
        }
    }

    private static int fractionDigits(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    private static long factor(Currency currency) {
        long f = 1;
        for (int i = fractionDigits(currency); i > 0; i--) {
            f *= 10;
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && m.minor == minor && m.currency.equals(currency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minor, currency);
    }

    /** @return the currency code and the plain decimal amount, e.g. {@code "TWD 1280.00"} */
    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + toBigDecimal().toPlainString();
    }
}
