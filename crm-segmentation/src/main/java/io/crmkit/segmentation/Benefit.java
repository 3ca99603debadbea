package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The value of one benefit of a membership {@link Tier}: a text, an exact decimal or a yes/no flag,
 * so that other modules (loyalty points, shipping, journeys) read a tier's benefits as data.
 *
 * <pre>{@code
 * Tier gold = Tier.named("gold")
 *         .minSpend(Money.of(10_000, twd))
 *         .benefit("pointsMultiplier", Benefit.decimal("1.5"))
 *         .benefit("freeShipping", Benefit.flag(true))
 *         .benefit("birthdayGift", Benefit.text("保溫杯"));
 * BigDecimal multiplier = program.benefit("gold", "pointsMultiplier")
 *         .flatMap(Benefit::asDecimal)
 *         .orElse(BigDecimal.ONE);
 * }</pre>
 */
public sealed interface Benefit permits Benefit.Text, Benefit.Decimal, Benefit.Flag {
    /** The longest text value, in UTF-16 characters. */
    int MAX_TEXT_LENGTH = 1_000;

    /** Decimal values have at most this many digits before and this many after the point. */
    int MAX_DECIMAL_DIGITS = 18;

    /**
     * @param value a text, at most {@value #MAX_TEXT_LENGTH} characters
     * @return the benefit value
     * @throws InvalidValueException if the text is null or too long
     */
    static Benefit text(String value) {
        return new Text(value);
    }

    /**
     * @param value an exact decimal; {@code 1.50} and {@code 1.5} are the same value
     * @return the benefit value
     * @throws InvalidValueException if the value is null or has more than {@value
     *     #MAX_DECIMAL_DIGITS} digits before or after the point
     */
    static Benefit decimal(BigDecimal value) {
        return new Decimal(value);
    }

    /**
     * @param value a plain decimal such as {@code "1.5"} or {@code "-20"}
     * @return the benefit value
     * @throws InvalidValueException if the text is not a plain decimal or is out of range
     */
    static Benefit decimal(String value) {
        if (value == null || !value.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
            throw new InvalidValueException(
                    "benefit",
                    (value == null ? "null" : "\"" + value + "\"") + " is not a plain decimal such as \"1.5\"");
        }
        return new Decimal(new BigDecimal(value));
    }

    /**
     * @param value yes or no
     * @return the benefit value
     */
    static Benefit flag(boolean value) {
        return new Flag(value);
    }

    /** @return the text, if this is a text value */
    default Optional<String> asText() {
        return this instanceof Text t ? Optional.of(t.value()) : Optional.empty();
    }

    /** @return the decimal, if this is a decimal value */
    default Optional<BigDecimal> asDecimal() {
        return this instanceof Decimal d ? Optional.of(d.value()) : Optional.empty();
    }

    /** @return the flag, if this is a flag value */
    default Optional<Boolean> asFlag() {
        return this instanceof Flag f ? Optional.of(f.value()) : Optional.empty();
    }

    /**
     * A text benefit, e.g. the birthday gift.
     *
     * @param value the text
     */
    record Text(String value) implements Benefit {
        /** @throws InvalidValueException if the text is null or too long */
        public Text {
            if (value == null) {
                throw new InvalidValueException("benefit", "a text value is required");
            }
            if (value.length() > MAX_TEXT_LENGTH) {
                throw new InvalidValueException(
                        "benefit",
                        "a text value has at most " + MAX_TEXT_LENGTH + " characters, this one " + value.length());
            }
        }
    }

    /**
     * A decimal benefit, e.g. a points multiplier or a discount rate; kept without trailing zeros,
     * so that equal numbers are equal values.
     *
     * @param value the decimal
     */
    record Decimal(BigDecimal value) implements Benefit {
        /** @throws InvalidValueException if the value is null or out of range */
        public Decimal {
            if (value == null) {
                throw new InvalidValueException("benefit", "a decimal value is required");
            }
            BigDecimal v = value.stripTrailingZeros();
            if (v.precision() - v.scale() > MAX_DECIMAL_DIGITS || v.scale() > MAX_DECIMAL_DIGITS) {
                throw new InvalidValueException(
                        "benefit",
                        v.toString() + " is out of range: at most " + MAX_DECIMAL_DIGITS
                                + " digits before and after the point");
            }
            value = v.scale() < 0 ? v.setScale(0) : v;
        }

        @Override
        public String toString() {
            return value.toPlainString();
        }
    }

    /**
     * A yes/no benefit, e.g. free shipping.
     *
     * @param value yes or no
     */
    record Flag(boolean value) implements Benefit {}
}
