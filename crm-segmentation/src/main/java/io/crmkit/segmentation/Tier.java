package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One level of a {@link TierProgram}: a name, what a member needs over the program's qualification
 * window (a minimum net spend, a minimum number of orders, or both; none for the base tier that
 * every member has) and the benefits it gives, as data. Immutable: each method returns a new tier.
 *
 * <pre>{@code
 * Tier member = Tier.named("member");                        // base tier: no requirement
 * Tier gold = Tier.named("gold")
 *         .minSpend(Money.of(10_000, twd))                   // NT$10,000 net of refunds
 *         .minOrders(2)
 *         .benefit("freeShipping", true)
 *         .benefit("pointsMultiplier", new BigDecimal("1.5"));
 * }</pre>
 *
 * <p>Benefits are not inherited: list every benefit a tier gives. Benefit keys are a letter, then
 * up to 63 letters, digits, {@code _}, {@code .} or {@code -}.
 */
public final class Tier {
    /** The longest tier name, in UTF-16 characters. */
    public static final int MAX_NAME_LENGTH = 64;

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private final String name;
    private final @Nullable Money minSpend;
    private final int minOrders;
    private final Map<String, Benefit> benefits;

    private Tier(String name, @Nullable Money minSpend, int minOrders, Map<String, Benefit> benefits) {
        this.name = name;
        this.minSpend = minSpend;
        this.minOrders = minOrders;
        this.benefits = benefits;
    }

    /**
     * A tier with no requirement and no benefits yet.
     *
     * @param name the tier's name, e.g. {@code "gold"} or {@code "金卡"}: not blank, no leading or
     *     trailing white space, no control characters, at most {@value #MAX_NAME_LENGTH} characters
     * @return the tier
     * @throws InvalidValueException if the name is not allowed
     */
    public static Tier named(String name) {
        checkName(name);
        return new Tier(name, null, 0, Map.of());
    }

    static void checkName(@Nullable String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidValueException("tier.name", "must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidValueException(
                    "tier.name",
                    "\"" + name + "\" is longer than " + MAX_NAME_LENGTH + " characters (" + name.length() + ")");
        }
        if (!name.strip().equals(name)) {
            throw new InvalidValueException("tier.name", "\"" + name + "\" has leading or trailing white space");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !wellFormedAt(name, i)) {
                throw new InvalidValueException(
                        "tier.name", "has a control character or an unpaired surrogate at index " + i);
            }
        }
    }

    private static boolean wellFormedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * @param amount the least net spend (gross minus refunds, as {@link io.crmkit.core.MemberStats}
     *     counts it) over the qualification window; positive, in the program's currency
     * @return a copy of this tier with that requirement
     * @throws InvalidValueException if the amount is not positive
     */
    public Tier minSpend(Money amount) {
        if (amount == null) {
            throw new InvalidValueException("tier \"" + name + "\" minSpend", "is required");
        }
        if (!amount.isPositive()) {
            throw new InvalidValueException(
                    "tier \"" + name + "\" minSpend",
                    amount + " must be positive; leave the requirement out for a tier without one");
        }
        return new Tier(name, amount, minOrders, benefits);
    }

    /**
     * @param orders the least number of orders that count as purchases over the qualification
     *     window, 1 or more
     * @return a copy of this tier with that requirement
     * @throws InvalidValueException if the number is less than 1
     */
    public Tier minOrders(int orders) {
        if (orders < 1) {
            throw new InvalidValueException(
                    "tier \"" + name + "\" minOrders",
                    "must be 1 or more, was " + orders + "; leave the requirement out for a tier without one");
        }
        return new Tier(name, minSpend, orders, benefits);
    }

    /**
     * @param key the benefit's key, e.g. {@code "freeShipping"}
     * @param value its value
     * @return a copy of this tier with that benefit (replacing one of the same key)
     * @throws InvalidValueException if the key is not allowed or the value is null
     */
    public Tier benefit(String key, Benefit value) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidValueException(
                    "tier \"" + name + "\" benefits",
                    (key == null ? "null" : "\"" + key + "\"")
                            + " is not a benefit key (a letter, then up to 63 letters, digits, _ . or -)");
        }
        if (value == null) {
            throw new InvalidValueException("tier \"" + name + "\" benefits." + key, "a value is required");
        }
        TreeMap<String, Benefit> copy = new TreeMap<>(benefits);
        copy.put(key, value);
        return new Tier(name, minSpend, minOrders, Collections.unmodifiableMap(copy));
    }

    /**
     * @param key the benefit's key
     * @param value a yes/no value
     * @return a copy of this tier with that benefit
     * @throws InvalidValueException if the key is not allowed
     */
    public Tier benefit(String key, boolean value) {
        return benefit(key, Benefit.flag(value));
    }

    /**
     * @param key the benefit's key
     * @param value a decimal value
     * @return a copy of this tier with that benefit
     * @throws InvalidValueException if the key is not allowed or the value out of range
     */
    public Tier benefit(String key, BigDecimal value) {
        return benefit(key, Benefit.decimal(value));
    }

    /**
     * @param key the benefit's key
     * @param value a text value
     * @return a copy of this tier with that benefit
     * @throws InvalidValueException if the key is not allowed or the text too long
     */
    public Tier benefit(String key, String value) {
        return benefit(key, Benefit.text(value));
    }

    /** @return the tier's name */
    public String name() {
        return name;
    }

    /** @return the least net spend over the qualification window, if the tier asks for one */
    public Optional<Money> minSpend() {
        return Optional.ofNullable(minSpend);
    }

    /** @return the least number of orders over the qualification window, if the tier asks for one */
    public OptionalInt minOrders() {
        return minOrders == 0 ? OptionalInt.empty() : OptionalInt.of(minOrders);
    }

    /** @return true if the tier asks for nothing: the base tier every member has */
    public boolean isBase() {
        return minSpend == null && minOrders == 0;
    }

    /** @return the benefits by key, sorted by key, unmodifiable */
    public Map<String, Benefit> benefits() {
        return benefits;
    }

    /**
     * @param key a benefit key
     * @return the benefit's value, if the tier gives it
     */
    public Optional<Benefit> benefit(String key) {
        return Optional.ofNullable(benefits.get(key));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tier t
                && t.name.equals(name)
                && Objects.equals(t.minSpend, minSpend)
                && t.minOrders == minOrders
                && t.benefits.equals(benefits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, minSpend, minOrders, benefits);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Tier[").append(name);
        if (minSpend != null) {
            b.append(", minSpend=").append(minSpend);
        }
        if (minOrders > 0) {
            b.append(", minOrders=").append(minOrders);
        }
        if (!benefits.isEmpty()) {
            b.append(", benefits=").append(benefits);
        }
        return b.append(']').toString();
    }
}
