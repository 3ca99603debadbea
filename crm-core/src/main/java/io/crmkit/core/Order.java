package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A member's order: lines, where it was placed (channel, store), how it was paid and shipped, the
 * coupons used, its status and its refunds.
 *
 * <p>Amounts: {@link #subtotal()} is the sum of the lines' net amounts; {@link #total()} is the
 * subtotal minus the order-level discount plus the shipping fee, which is what the member paid;
 * {@link #refunded(Instant)} is what was given back by an instant. Every amount of an order is in
 * one currency.
 *
 * <pre>{@code
 * Order o = Order.builder(OrderId.of("O1"), MemberId.of("M1"), Instant.parse("2025-11-11T04:05:00Z"))
 *         .channel(SalesChannel.WEB)
 *         .line(OrderLine.of(ProductId.of("P42"), "Cocoa 500g", Category.of("Food > Drinks"), 2, Money.of(180, twd)))
 *         .paymentMethod(PaymentMethod.CONVENIENCE_STORE_COD)
 *         .shippingMethod(ShippingMethod.CONVENIENCE_STORE_PICKUP)
 *         .pickupStore(StoreId.of("7-11-台北車站"))
 *         .coupon("DOUBLE11")
 *         .shippingFee(Money.of(60, twd))
 *         .build();
 * o.total(); // TWD 420.00
 * }</pre>
 */
public final class Order {
    private final OrderId id;
    private final MemberId memberId;
    private final Instant placedAt;
    private final OrderStatus status;
    private final SalesChannel channel;
    private final @Nullable StoreId store;
    private final @Nullable StoreId pickupStore;
    private final @Nullable PaymentMethod paymentMethod;
    private final @Nullable ShippingMethod shippingMethod;
    private final @Nullable Instant deliveredAt;
    private final List<String> couponCodes;
    private final List<OrderLine> lines;
    private final Money shippingFee;
    private final Money orderDiscount;
    private final List<Refund> refunds;
    private final Money total;

    private Order(Builder b) {
        this.id = b.id;
        this.memberId = b.memberId;
        this.placedAt = b.placedAt;
        this.status = b.status;
        this.channel = b.channel;
        this.store = b.store;
        this.pickupStore = b.pickupStore;
        this.paymentMethod = b.paymentMethod;
        this.shippingMethod = b.shippingMethod;
        this.deliveredAt = b.deliveredAt;
        this.couponCodes = List.copyOf(b.couponCodes);
        this.lines = List.copyOf(b.lines);
        if (lines.isEmpty()) {
            throw new InvalidValueException("order " + id + " lines", "an order needs at least one line");
        }
        Currency currency = lines.get(0).unitPrice().currency();
        Money zero = Money.zero(currency);
        this.shippingFee = b.shippingFee == null ? zero : b.shippingFee;
        this.orderDiscount = b.orderDiscount == null ? zero : b.orderDiscount;
        this.refunds = List.copyOf(b.refunds);
        for (int i = 0; i < lines.size(); i++) {
            sameCurrency(lines.get(i).unitPrice(), currency, "lines", i);
        }
        sameCurrency(shippingFee, currency, "shippingFee");
        sameCurrency(orderDiscount, currency, "orderDiscount");
        if (shippingFee.isNegative()) {
            throw new InvalidValueException("order " + id + " shippingFee", "must not be negative");
        }
        if (orderDiscount.isNegative()) {
            throw new InvalidValueException("order " + id + " orderDiscount", "must not be negative");
        }
        Money sub = zero;
        try {
            for (OrderLine l : lines) {
                sub = sub.plus(l.netAmount());
            }
            sub.plus(shippingFee);
        } catch (ArithmeticException e) {
            throw new InvalidValueException(
                    "order " + id + " lines", "the amounts add up beyond what an amount can hold");
        }
        if (orderDiscount.isGreaterThan(sub)) {
            throw new InvalidValueException(
                    "order " + id + " orderDiscount", orderDiscount + " is more than the subtotal " + sub);
        }
        this.total = sub.minus(orderDiscount).plus(shippingFee);
        Money refunded = zero;
        for (int i = 0; i < refunds.size(); i++) {
            Refund r = refunds.get(i);
            sameCurrency(r.amount(), currency, "refunds", i);
            if (r.at().isBefore(placedAt)) {
                throw new InvalidValueException(
                        "order " + id + " refunds[" + i + "]",
                        "is at " + r.at() + ", before the order was placed at " + placedAt);
            }
            try {
                refunded = refunded.plus(r.amount());
            } catch (ArithmeticException e) {
                throw new InvalidValueException(
                        "order " + id + " refunds", "the refunds add up beyond what an amount can hold");
            }
        }
        if (refunded.isGreaterThan(total)) {
            throw new InvalidValueException(
                    "order " + id + " refunds",
                    "refunds add up to " + refunded + ", more than the order total " + total);
        }
        if (deliveredAt != null) {
            if (deliveredAt.isBefore(placedAt)) {
                throw new InvalidValueException(
                        "order " + id + " deliveredAt", deliveredAt + " is before the order was placed at " + placedAt);
            }
        }
    }

    private void sameCurrency(Money m, Currency currency, String field, int index) {
        if (!m.currency().equals(currency)) {
            throw new CurrencyMismatchException(
                    currency, m.currency(), "order " + id + " " + field + "[" + index + "]");
        }
    }

    private void sameCurrency(Money m, Currency currency, String field) {
        if (!m.currency().equals(currency)) {
            throw new CurrencyMismatchException(currency, m.currency(), "order " + id + " " + field);
        }
    }

    /**
     * @param id the order id
     * @param memberId the member who placed it
     * @param placedAt when it was placed
     * @return a builder; add at least one line
     */
    public static Builder builder(OrderId id, MemberId memberId, Instant placedAt) {
        return new Builder(
                Check.notNull(id, "order.id"),
                Check.notNull(memberId, "order.memberId"),
                Check.notNull(placedAt, "order.placedAt"));
    }

    /** @return a builder that starts from this order */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the order id */
    public OrderId id() {
        return id;
    }

    /** @return the member who placed the order */
    public MemberId memberId() {
        return memberId;
    }

    /** @return when the order was placed */
    public Instant placedAt() {
        return placedAt;
    }

    /** @return the status */
    public OrderStatus status() {
        return status;
    }

    /** @return where the order was placed */
    public SalesChannel channel() {
        return channel;
    }

    /** @return the physical store of a POS order, if any */
    public Optional<StoreId> store() {
        return Optional.ofNullable(store);
    }

    /** @return the store (own or convenience store) where the member picks the order up, if any */
    public Optional<StoreId> pickupStore() {
        return Optional.ofNullable(pickupStore);
    }

    /** @return how the order was paid, if known */
    public Optional<PaymentMethod> paymentMethod() {
        return Optional.ofNullable(paymentMethod);
    }

    /** @return how the order was shipped, if known */
    public Optional<ShippingMethod> shippingMethod() {
        return Optional.ofNullable(shippingMethod);
    }

    /** @return when the order was delivered or picked up, if known */
    public Optional<Instant> deliveredAt() {
        return Optional.ofNullable(deliveredAt);
    }

    /** @return the coupon codes used, in the order given */
    public List<String> couponCodes() {
        return couponCodes;
    }

    /** @return the lines */
    public List<OrderLine> lines() {
        return lines;
    }

    /** @return the shipping fee the member paid */
    public Money shippingFee() {
        return shippingFee;
    }

    /** @return the discount on the whole order (e.g. a coupon), on top of line discounts */
    public Money orderDiscount() {
        return orderDiscount;
    }

    /** @return the refunds, in the order given */
    public List<Refund> refunds() {
        return refunds;
    }

    /** @return the currency of every amount of the order */
    public Currency currency() {
        return total.currency();
    }

    /** @return the sum of the lines' net amounts */
    public Money subtotal() {
        return total.plus(orderDiscount).minus(shippingFee);
    }

    /** @return what the member paid: subtotal minus order discount plus shipping fee */
    public Money total() {
        return total;
    }

    /**
     * @param asOf an instant
     * @return the sum of the refunds made at or before that instant
     */
    public Money refunded(Instant asOf) {
        if (refunds.isEmpty()) {
            return Money.zero(currency());
        }
        Money sum = Money.zero(currency());
        for (Refund r : refunds) {
            if (!r.at().isAfter(asOf)) {
                sum = sum.plus(r.amount());
            }
        }
        return sum;
    }

    /**
     * @param asOf an instant
     * @return true if the refunds made by that instant add up to the whole total (a full return)
     */
    public boolean isFullyRefunded(Instant asOf) {
        return !refunds.isEmpty() && total.isPositive() && refunded(asOf).equals(total);
    }

    /** @return true if the order is cancelled */
    public boolean isCancelled() {
        return status == OrderStatus.CANCELLED;
    }

    /** @return true if any coupon was used */
    public boolean usedCoupon() {
        return !couponCodes.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Order x
                && id.equals(x.id)
                && memberId.equals(x.memberId)
                && placedAt.equals(x.placedAt)
                && status == x.status
                && channel.equals(x.channel)
                && Objects.equals(store, x.store)
                && Objects.equals(pickupStore, x.pickupStore)
                && Objects.equals(paymentMethod, x.paymentMethod)
                && Objects.equals(shippingMethod, x.shippingMethod)
                && Objects.equals(deliveredAt, x.deliveredAt)
                && couponCodes.equals(x.couponCodes)
                && lines.equals(x.lines)
                && shippingFee.equals(x.shippingFee)
                && orderDiscount.equals(x.orderDiscount)
                && refunds.equals(x.refunds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, memberId, placedAt, total);
    }

    @Override
    public String toString() {
        return "Order[" + id + " member=" + memberId + " at=" + placedAt + " " + status + " total=" + total + "]";
    }

    /** Builds an {@link Order}. Setting an optional field to {@code null} clears it. */
    public static final class Builder {
        private OrderId id;
        private MemberId memberId;
        private Instant placedAt;
        private OrderStatus status = OrderStatus.COMPLETED;
        private SalesChannel channel = SalesChannel.WEB;
        private @Nullable StoreId store;
        private @Nullable StoreId pickupStore;
        private @Nullable PaymentMethod paymentMethod;
        private @Nullable ShippingMethod shippingMethod;
        private @Nullable Instant deliveredAt;
        private final List<String> couponCodes = new ArrayList<>(1);
        private final List<OrderLine> lines = new ArrayList<>(2);
        private @Nullable Money shippingFee;
        private @Nullable Money orderDiscount;
        private final List<Refund> refunds = new ArrayList<>(0);

        private Builder(OrderId id, MemberId memberId, Instant placedAt) {
            this.id = id;
            this.memberId = memberId;
            this.placedAt = placedAt;
        }

        private Builder(Order o) {
            this(o.id, o.memberId, o.placedAt);
            status = o.status;
            channel = o.channel;
            store = o.store;
            pickupStore = o.pickupStore;
            paymentMethod = o.paymentMethod;
            shippingMethod = o.shippingMethod;
            deliveredAt = o.deliveredAt;
            couponCodes.addAll(o.couponCodes);
            lines.addAll(o.lines);
            shippingFee = o.shippingFee;
            orderDiscount = o.orderDiscount;
            refunds.addAll(o.refunds);
        }

        /**
         * @param memberId the member who placed it (identity resolution moves orders this way)
         * @return this builder
         */
        public Builder memberId(MemberId memberId) {
            this.memberId = Check.notNull(memberId, "order.memberId");
            return this;
        }

        /**
         * @param status the status; {@link OrderStatus#COMPLETED} if not set
         * @return this builder
         */
        public Builder status(OrderStatus status) {
            this.status = Check.notNull(status, "order.status");
            return this;
        }

        /**
         * @param channel where it was placed; {@link SalesChannel#WEB} if not set
         * @return this builder
         */
        public Builder channel(SalesChannel channel) {
            this.channel = Check.notNull(channel, "order.channel");
            return this;
        }

        /**
         * @param store the physical store of a POS order
         * @return this builder
         */
        public Builder store(@Nullable StoreId store) {
            this.store = store;
            return this;
        }

        /**
         * @param pickupStore where the member picks the order up
         * @return this builder
         */
        public Builder pickupStore(@Nullable StoreId pickupStore) {
            this.pickupStore = pickupStore;
            return this;
        }

        /**
         * @param method how it was paid
         * @return this builder
         */
        public Builder paymentMethod(@Nullable PaymentMethod method) {
            this.paymentMethod = method;
            return this;
        }

        /**
         * @param method how it was shipped
         * @return this builder
         */
        public Builder shippingMethod(@Nullable ShippingMethod method) {
            this.shippingMethod = method;
            return this;
        }

        /**
         * @param at when it was delivered or picked up
         * @return this builder
         */
        public Builder deliveredAt(@Nullable Instant at) {
            this.deliveredAt = at;
            return this;
        }

        /**
         * @param code a coupon code used on the order
         * @return this builder
         */
        public Builder coupon(String code) {
            couponCodes.add(Check.id(code, "order.couponCode"));
            return this;
        }

        /**
         * @param line a line to add
         * @return this builder
         */
        public Builder line(OrderLine line) {
            lines.add(Check.notNull(line, "order.line"));
            return this;
        }

        /**
         * @param newLines the lines, replacing those added before
         * @return this builder
         */
        public Builder lines(List<OrderLine> newLines) {
            Check.notNull(newLines, "order.lines");
            lines.clear();
            newLines.forEach(this::line);
            return this;
        }

        /**
         * @param fee the shipping fee; zero if not set
         * @return this builder
         */
        public Builder shippingFee(Money fee) {
            this.shippingFee = Check.notNull(fee, "order.shippingFee");
            return this;
        }

        /**
         * @param discount a discount on the whole order; zero if not set
         * @return this builder
         */
        public Builder orderDiscount(Money discount) {
            this.orderDiscount = Check.notNull(discount, "order.orderDiscount");
            return this;
        }

        /**
         * @param refund a refund to add
         * @return this builder
         */
        public Builder refund(Refund refund) {
            refunds.add(Check.notNull(refund, "order.refund"));
            return this;
        }

        /**
         * @return the order
         * @throws InvalidValueException if there is no line, a discount or the refunds exceed what
         *     they apply to, or a refund or the delivery is before the order was placed
         * @throws CurrencyMismatchException if the amounts are not all in one currency
         */
        public Order build() {
            return new Order(this);
        }
    }
}
