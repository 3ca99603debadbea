package io.crmkit.analytics;

import io.crmkit.core.ContactChannel;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The costs that {@link MemberProfitability} charges to members: the cost of one message sent per
 * channel, a service cost per order (picking, packing, customer service), and the share of revenue
 * to assume as cost of goods for lines without a unit cost.
 *
 * <pre>{@code
 * ProfitSettings costs = ProfitSettings.custom(twd)
 *         .messageCost(ContactChannel.SMS, Money.parse("0.80", twd))
 *         .messageCost(ContactChannel.LINE, Money.parse("0.20", twd))
 *         .serviceCostPerOrder(Money.of(30, twd))
 *         .assumedCostOfGoodsRate(0.55)
 *         .build();
 * }</pre>
 */
public final class ProfitSettings {
    private final Currency currency;
    private final Map<ContactChannel, Money> messageCost;
    private final Money serviceCostPerOrder;
    private final @Nullable Double assumedCostOfGoodsRate;

    private ProfitSettings(Builder b) {
        this.currency = b.currency;
        this.messageCost = Map.copyOf(b.messageCost);
        this.serviceCostPerOrder = b.serviceCostPerOrder;
        this.assumedCostOfGoodsRate = b.assumedCostOfGoodsRate;
    }

    /**
     * @param currency the brand's currency; every cost must be in it
     * @return a builder with every cost zero and no assumed cost-of-goods rate
     */
    public static Builder custom(Currency currency) {
        return new Builder(currency);
    }

    /** @return the currency of all costs */
    public Currency currency() {
        return currency;
    }

    /**
     * @param channel a channel
     * @return the cost of one message sent on it (zero if not set)
     */
    public Money messageCost(ContactChannel channel) {
        return messageCost.getOrDefault(channel, Money.zero(currency));
    }

    /** @return the service cost charged per order */
    public Money serviceCostPerOrder() {
        return serviceCostPerOrder;
    }

    /** @return the share of a line's net amount taken as its cost of goods when the line has no unit cost */
    public Optional<Double> assumedCostOfGoodsRate() {
        return Optional.ofNullable(assumedCostOfGoodsRate);
    }

    @Override
    public String toString() {
        return "ProfitSettings[messageCost=" + messageCost + ", serviceCostPerOrder=" + serviceCostPerOrder
                + ", assumedCostOfGoodsRate=" + assumedCostOfGoodsRate + "]";
    }

    /** Builds {@link ProfitSettings}. */
    public static final class Builder {
        private final Currency currency;
        private final Map<ContactChannel, Money> messageCost = new EnumMap<>(ContactChannel.class);
        private Money serviceCostPerOrder;
        private @Nullable Double assumedCostOfGoodsRate;

        private Builder(Currency currency) {
            this.currency = Objects.requireNonNull(currency, "currency");
            this.serviceCostPerOrder = Money.zero(currency);
        }

        private Money check(String what, Money m) {
            Objects.requireNonNull(m, what);
            if (!m.currency().equals(currency)) {
                throw new CurrencyMismatchException(currency, m.currency(), what);
            }
            if (m.isNegative()) {
                throw new InvalidValueException(what, m + " is negative");
            }
            return m;
        }

        /**
         * @param channel a channel
         * @param cost the cost of one message sent on it, {@code >= 0}
         * @return this builder
         */
        public Builder messageCost(ContactChannel channel, Money cost) {
            messageCost.put(Objects.requireNonNull(channel, "channel"), check("messageCost." + channel, cost));
            return this;
        }

        /**
         * @param cost charged per order, {@code >= 0}
         * @return this builder
         */
        public Builder serviceCostPerOrder(Money cost) {
            this.serviceCostPerOrder = check("serviceCostPerOrder", cost);
            return this;
        }

        /**
         * @param rate share of net line amount, in [0, 1], for lines without a unit cost
         * @return this builder
         */
        public Builder assumedCostOfGoodsRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new InvalidValueException("assumedCostOfGoodsRate", rate + " is not in [0, 1]");
            }
            this.assumedCostOfGoodsRate = rate;
            return this;
        }

        /** @return the settings */
        public ProfitSettings build() {
            return new ProfitSettings(this);
        }
    }
}
