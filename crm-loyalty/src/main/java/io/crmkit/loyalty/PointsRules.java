package io.crmkit.loyalty;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How points are earned, when they unlock and expire, and what a clawback may do to a balance.
 * Immutable; build with {@link #builder(Currency)}.
 *
 * <pre>{@code
 * PointsRules rules = PointsRules.builder(twd)
 *         .perAmount(Money.of(100, twd), 1)             // 1 point per NT$100 of goods
 *         .activity("review", 20)                       // 20 points for a product review
 *         .campaignMultiplier("double-11", from, until, new BigDecimal("2"))
 *         .pendingDays(7)                               // unlock after the 7-day return window
 *         .expiry(ExpiryPolicy.afterMonths(12))
 *         .negativeBalance(NegativeBalancePolicy.CLAMP_AT_ZERO)
 *         .build();
 * }</pre>
 */
public final class PointsRules {
    private final Currency currency;
    private final Money perAmount;
    private final long pointsPerAmount;
    private final Map<String, Long> activities;
    private final List<CampaignMultiplier> campaigns;
    private final int pendingDays;
    private final ExpiryPolicy expiry;
    private final NegativeBalancePolicy negativeBalance;
    private final String tierMultiplierKey;
    private final Optional<Money> pointValue;

    /**
     * A multiplier for orders placed inside a window, e.g. double points on 11/11.
     *
     * @param name the campaign's name
     * @param from the first instant it applies (inclusive)
     * @param until the instant it stops applying (exclusive)
     * @param factor greater than zero
     */
    public record CampaignMultiplier(String name, Instant from, Instant until, BigDecimal factor) {
        /** @throws InvalidValueException if a field is missing or out of range */
        public CampaignMultiplier {
            if (name == null || name.isBlank() || from == null || until == null || factor == null) {
                throw new InvalidValueException("campaignMultiplier", "name, from, until and factor are required");
            }
            if (!until.isAfter(from)) {
                throw new InvalidValueException(
                        "campaignMultiplier[" + name + "].until", until + " must be after from " + from);
            }
            if (factor.signum() <= 0 || factor.compareTo(BigDecimal.valueOf(1000)) > 0) {
                throw new InvalidValueException(
                        "campaignMultiplier[" + name + "].factor", "must be > 0 and ≤ 1000, was " + factor);
            }
        }
    }

    private PointsRules(Builder b) {
        this.currency = b.currency;
        this.perAmount = b.perAmount;
        this.pointsPerAmount = b.pointsPerAmount;
        this.activities = Map.copyOf(b.activities);
        this.campaigns = List.copyOf(b.campaigns);
        this.pendingDays = b.pendingDays;
        this.expiry = b.expiry;
        this.negativeBalance = b.negativeBalance;
        this.tierMultiplierKey = b.tierMultiplierKey;
        this.pointValue = Optional.ofNullable(b.pointValue);
    }

    /**
     * @param currency the currency of the amounts that earn points
     * @return a builder: no points per amount until {@link Builder#perAmount} is set, no pending
     *     days, no expiry, {@link NegativeBalancePolicy#CLAMP_AT_ZERO}
     */
    public static Builder builder(Currency currency) {
        return new Builder(currency);
    }

    /** @return the currency of the amounts that earn points */
    public Currency currency() {
        return currency;
    }

    /**
     * Base points for an amount: whole multiples of the earn unit times the points per unit.
     *
     * @param amount an amount in {@link #currency()}
     * @return the base points, never negative
     * @throws io.crmkit.core.CurrencyMismatchException if the amount is in another currency
     */
    public long basePoints(Money amount) {
        if (!amount.currency().equals(currency)) {
            throw new io.crmkit.core.CurrencyMismatchException(currency, amount.currency(), "points rules");
        }
        if (amount.minorUnits() <= 0 || pointsPerAmount == 0) {
            return 0;
        }
        return Math.multiplyExact(amount.minorUnits() / perAmount.minorUnits(), pointsPerAmount);
    }

    /**
     * @param activity an activity name
     * @return the points it earns, if it is one of the rules' activities
     */
    public Optional<Long> activityPoints(String activity) {
        return Optional.ofNullable(activities.get(activity));
    }

    /**
     * @param placedAt when the order was placed
     * @return the highest campaign multiplier in force then, 1 if none
     */
    public BigDecimal campaignMultiplier(Instant placedAt) {
        BigDecimal best = BigDecimal.ONE;
        boolean any = false;
        for (CampaignMultiplier c : campaigns) {
            if (!placedAt.isBefore(c.from()) && placedAt.isBefore(c.until())) {
                best = any ? best.max(c.factor()) : c.factor();
                any = true;
            }
        }
        return best;
    }

    /** @return what one point is worth as a discount (家樂福: points become cash), if set */
    public Optional<Money> pointValue() {
        return pointValue;
    }

    /**
     * @param discount a discount in the rules' currency
     * @return the points it costs: the discount divided by the point value, rounded up
     * @throws InvalidValueException if no point value is set or the discount is not positive
     */
    public long pointsForDiscount(Money discount) {
        Money value =
                pointValue.orElseThrow(() -> new InvalidValueException("pointValue", "is not set in the points rules"));
        if (discount == null || !discount.currency().equals(currency) || !discount.isPositive()) {
            throw new InvalidValueException("discount", "must be a positive amount in " + currency);
        }
        long v = value.minorUnits();
        return Math.addExact(discount.minorUnits() / v, discount.minorUnits() % v == 0 ? 0 : 1);
    }

    /**
     * @param points a number of points
     * @return their cash value
     * @throws InvalidValueException if no point value is set
     */
    public Money cashValue(long points) {
        return pointValue
                .orElseThrow(() -> new InvalidValueException("pointValue", "is not set in the points rules"))
                .times(points);
    }

    /** @return the earn unit (e.g. NT$100) */
    public Money perAmount() {
        return perAmount;
    }

    /** @return points per whole earn unit */
    public long pointsPerAmount() {
        return pointsPerAmount;
    }

    /** @return points per activity name */
    public Map<String, Long> activities() {
        return activities;
    }

    /** @return the campaign multipliers, in the order given */
    public List<CampaignMultiplier> campaignMultipliers() {
        return campaigns;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointsRules r
                && currency.equals(r.currency)
                && perAmount.equals(r.perAmount)
                && pointsPerAmount == r.pointsPerAmount
                && activities.equals(r.activities)
                && campaigns.equals(r.campaigns)
                && pendingDays == r.pendingDays
                && expiry.equals(r.expiry)
                && negativeBalance == r.negativeBalance
                && tierMultiplierKey.equals(r.tierMultiplierKey)
                && pointValue.equals(r.pointValue);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(
                currency,
                perAmount,
                pointsPerAmount,
                activities,
                campaigns,
                pendingDays,
                expiry,
                negativeBalance,
                tierMultiplierKey,
                pointValue);
    }

    @Override
    public String toString() {
        return "PointsRules[" + pointsPerAmount + " per " + perAmount + ", activities " + activities + ", campaigns "
                + campaigns + ", pendingDays " + pendingDays + ", " + expiry + ", " + negativeBalance + "]";
    }

    /** @return the days earned points stay pending (the return window), 0 for none */
    public int pendingDays() {
        return pendingDays;
    }

    /** @return when earned points expire */
    public ExpiryPolicy expiry() {
        return expiry;
    }

    /** @return what a clawback does when it cannot be covered */
    public NegativeBalancePolicy negativeBalance() {
        return negativeBalance;
    }

    /** @return the tier benefit key read as the points multiplier, {@value Benefits#POINTS_MULTIPLIER} by default */
    public String tierMultiplierKey() {
        return tierMultiplierKey;
    }

    /** Collects the rules; every bad value fails at once, naming the setting. */
    public static final class Builder {
        private final Currency currency;
        private Money perAmount;
        private long pointsPerAmount;
        private final Map<String, Long> activities = new LinkedHashMap<>();
        private final List<CampaignMultiplier> campaigns = new ArrayList<>();
        private int pendingDays;
        private ExpiryPolicy expiry = ExpiryPolicy.never();
        private NegativeBalancePolicy negativeBalance = NegativeBalancePolicy.CLAMP_AT_ZERO;
        private String tierMultiplierKey = Benefits.POINTS_MULTIPLIER;
        private Money pointValue;

        private Builder(Currency currency) {
            if (currency == null) {
                throw new InvalidValueException("currency", "is required");
            }
            this.currency = currency;
            this.perAmount = Money.ofMinor(1, currency);
        }

        /**
         * @param amount the earn unit, positive, in the rules' currency (e.g. NT$100)
         * @param points points per whole unit, 0 to 10^6
         * @return this builder
         */
        public Builder perAmount(Money amount, long points) {
            if (amount == null || !amount.currency().equals(currency) || !amount.isPositive()) {
                throw new InvalidValueException("perAmount", "must be a positive amount in " + currency);
            }
            if (points < 0 || points > 1_000_000) {
                throw new InvalidValueException("perAmount.points", "must be 0 to 1,000,000, was " + points);
            }
            this.perAmount = amount;
            this.pointsPerAmount = points;
            return this;
        }

        /**
         * @param name an activity, e.g. "review" or "check-in"
         * @param points 1 to 10^9
         * @return this builder
         */
        public Builder activity(String name, long points) {
            if (name == null || name.isBlank()) {
                throw new InvalidValueException("activity", "name must not be blank");
            }
            if (points < 1 || points > 1_000_000_000L) {
                throw new InvalidValueException("activity[" + name + "]", "points must be 1 to 10^9, was " + points);
            }
            activities.put(name, points);
            return this;
        }

        /**
         * @param name the campaign's name
         * @param from first instant (inclusive)
         * @param until end (exclusive)
         * @param factor the multiplier; when campaigns overlap the highest applies
         * @return this builder
         */
        public Builder campaignMultiplier(String name, Instant from, Instant until, BigDecimal factor) {
            campaigns.add(new CampaignMultiplier(name, from, until, factor));
            return this;
        }

        /**
         * @param days 0 to 365
         * @return this builder
         */
        public Builder pendingDays(int days) {
            if (days < 0 || days > 365) {
                throw new InvalidValueException("pendingDays", "must be 0 to 365, was " + days);
            }
            this.pendingDays = days;
            return this;
        }

        /**
         * @param policy when points expire
         * @return this builder
         */
        public Builder expiry(ExpiryPolicy policy) {
            if (policy == null) {
                throw new InvalidValueException("expiry", "is required");
            }
            this.expiry = policy;
            return this;
        }

        /**
         * @param policy what a clawback does when it cannot be covered
         * @return this builder
         */
        public Builder negativeBalance(NegativeBalancePolicy policy) {
            if (policy == null) {
                throw new InvalidValueException("negativeBalance", "is required");
            }
            this.negativeBalance = policy;
            return this;
        }

        /**
         * @param key the tier benefit key read as the points multiplier
         * @return this builder
         */
        public Builder tierMultiplierKey(String key) {
            if (key == null || key.isBlank()) {
                throw new InvalidValueException("tierMultiplierKey", "must not be blank");
            }
            this.tierMultiplierKey = key;
            return this;
        }

        /**
         * @param value what one point is worth as a discount, positive, in the rules' currency
         * @return this builder
         */
        public Builder pointValue(Money value) {
            if (value == null || !value.currency().equals(currency) || !value.isPositive()) {
                throw new InvalidValueException("pointValue", "must be a positive amount in " + currency);
            }
            this.pointValue = value;
            return this;
        }

        /** @return the rules */
        public PointsRules build() {
            return new PointsRules(this);
        }
    }
}
