package io.crmkit.loyalty;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.loyalty.internal.InMemorySubscriptionStore;
import io.crmkit.loyalty.spi.SubscriptionStore;
import io.crmkit.loyalty.spi.VoucherStore.ApplyResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Product subscriptions (monthly coffee beans): subscribe, cancel from a date, and the expected
 * orders and reminders of any date range. Idempotent by key.
 *
 * <pre>{@code
 * SubscriptionService subs = SubscriptionService.builder(brand).build();
 * Subscription s = subs.subscribe(member, beans, LocalDate.of(2026, 1, 31), "web-5521", now);
 * subs.expectedOrders(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 1)); // 31 Jan, 28 Feb, 31 Mar
 * subs.reminders(today, today);                                            // what to send today
 * subs.cancel(s.id(), member, LocalDate.of(2026, 3, 1), "web-5522", now);
 * }</pre>
 */
public final class SubscriptionService {
    private static final int MAX_DELIVERIES = 100_000;

    private final BrandSettings brand;
    private final SubscriptionStore store;

    private SubscriptionService(BrandSettings brand, SubscriptionStore store) {
        this.brand = brand;
        this.store = store;
    }

    /**
     * @param brand the brand's settings
     * @return a builder with the in-memory store
     */
    public static Builder builder(BrandSettings brand) {
        if (brand == null) {
            throw new InvalidValueException("brand", "is required");
        }
        return new Builder(brand);
    }

    /**
     * @param member the subscriber
     * @param plan what is delivered
     * @param firstDelivery the first delivery date, not before {@code at}'s date in the brand's zone
     * @param key the idempotency key; also the subscription's id
     * @param at when
     * @return the subscription
     * @throws IdempotencyConflictException if the key was used for another subscription
     */
    public Subscription subscribe(
            MemberId member, SubscriptionPlan plan, LocalDate firstDelivery, String key, Instant at) {
        CouponService.requireKey(key);
        if (member == null || plan == null || firstDelivery == null || at == null) {
            throw new InvalidValueException("subscribe", "member, plan, firstDelivery and at are required");
        }
        if (firstDelivery.isBefore(brand.dateOf(at))) {
            throw new InvalidValueException("firstDelivery", firstDelivery + " is before today " + brand.dateOf(at));
        }
        Subscription s = new Subscription(key, member, plan, firstDelivery, Optional.empty(), 1);
        if (store.apply(key, s) == ApplyResult.APPLIED) {
            return s;
        }
        Subscription first = store.findByKey(key)
                .or(() -> store.find(key))
                .orElseThrow(() -> new ContentionException("subscription " + key + " could not be stored"));
        if (!first.member().equals(member)
                || !first.plan().equals(plan)
                || !first.firstDelivery().equals(firstDelivery)) {
            throw new IdempotencyConflictException(
                    key,
                    "it created subscription " + first.id() + " for "
                            + first.member().value());
        }
        return first;
    }

    /**
     * Stops deliveries from a date on (an earlier cancellation date wins).
     *
     * @param id the subscription
     * @param member its subscriber
     * @param from the first date without delivery
     * @param key the idempotency key
     * @param at when
     * @return the subscription after
     * @throws UnknownCodeException if no subscription has the id
     * @throws NotAllowedException {@code NOT_HOLDER} if it is another member's
     */
    public Subscription cancel(String id, MemberId member, LocalDate from, String key, Instant at) {
        CouponService.requireKey(key);
        if (from == null || at == null) {
            throw new InvalidValueException("cancel", "from and at are required");
        }
        for (int attempt = 0; attempt < 1_000; attempt++) {
            Optional<Subscription> first = store.findByKey(key);
            if (first.isPresent()) {
                if (!first.get().id().equals(id) || first.get().endsOn().isEmpty()) {
                    throw new IdempotencyConflictException(
                            key, "it was used for subscription " + first.get().id());
                }
                return first.get();
            }
            Subscription s =
                    store.find(id).orElseThrow(() -> new UnknownCodeException("subscription", id, "does not exist"));
            if (!s.member().equals(member)) {
                throw new NotAllowedException(
                        NotAllowedException.Reason.NOT_HOLDER,
                        "subscription " + id + " belongs to another member, not " + member.value());
            }
            LocalDate end = s.endsOn().filter(e -> e.isBefore(from)).orElse(from);
            Subscription after = new Subscription(
                    s.id(), s.member(), s.plan(), s.firstDelivery(), Optional.of(end), s.version() + 1);
            if (store.apply(key, after) == ApplyResult.APPLIED) {
                return after;
            }
            Thread.yield();
        }
        throw new ContentionException("subscription " + id + ": lost the compare-and-set 1000 times");
    }

    /**
     * @param from first date (inclusive)
     * @param to last date (exclusive)
     * @return every delivery in the range, by date then subscription id
     */
    public List<ExpectedOrder> expectedOrders(LocalDate from, LocalDate to) {
        List<ExpectedOrder> out = new ArrayList<>();
        store.all().forEach(s -> {
            for (int k = firstOnOrAfter(s, from); k < MAX_DELIVERIES; k++) {
                LocalDate d = s.delivery(k);
                if (!d.isBefore(to) || !s.activeOn(d)) {
                    break;
                }
                out.add(new ExpectedOrder(s.id(), s.member(), s.plan(), k, d));
            }
        });
        out.sort(Comparator.comparing(ExpectedOrder::date).thenComparing(ExpectedOrder::subscriptionId));
        return out;
    }

    /**
     * @param from first send date (inclusive)
     * @param to last send date (exclusive)
     * @return reminders whose send date is in the range, by send date then subscription id
     */
    public List<Reminder> reminders(LocalDate from, LocalDate to) {
        List<Reminder> out = new ArrayList<>();
        store.all().forEach(s -> {
            int days = s.plan().remindDaysBefore();
            for (int k = firstOnOrAfter(s, from.plusDays(days)); k < MAX_DELIVERIES; k++) {
                LocalDate d = s.delivery(k);
                LocalDate send = d.minusDays(days);
                if (!send.isBefore(to) || !s.activeOn(d)) {
                    break;
                }
                out.add(new Reminder(s.id(), s.member(), send, d));
            }
        });
        out.sort(Comparator.comparing(Reminder::sendOn).thenComparing(Reminder::subscriptionId));
        return out;
    }

    /**
     * @param member a member
     * @return the member's subscriptions
     */
    public List<Subscription> of(MemberId member) {
        return store.of(member);
    }

    /** The first delivery number on or after a date (a few steps of estimate and correction). */
    private static int firstOnOrAfter(Subscription s, LocalDate date) {
        if (!date.isAfter(s.firstDelivery())) {
            return 0;
        }
        long days = java.time.temporal.ChronoUnit.DAYS.between(s.firstDelivery(), date);
        long step = Math.max(
                1, s.plan().every().toTotalMonths() * 28 + s.plan().every().getDays());
        int k = (int) Math.max(0, Math.min(MAX_DELIVERIES, days / step - 1));
        while (k > 0 && !s.delivery(k).isBefore(date)) {
            k--;
        }
        while (k < MAX_DELIVERIES && s.delivery(k).isBefore(date)) {
            k++;
        }
        return k;
    }

    /** Collects the service's parts. */
    public static final class Builder {
        private final BrandSettings brand;
        private SubscriptionStore store;

        private Builder(BrandSettings brand) {
            this.brand = brand;
        }

        /**
         * @param store where subscriptions live (default: in memory)
         * @return this builder
         */
        public Builder store(SubscriptionStore store) {
            if (store == null) {
                throw new InvalidValueException("store", "is required");
            }
            this.store = store;
            return this;
        }

        /** @return the service */
        public SubscriptionService build() {
            return new SubscriptionService(brand, store == null ? new InMemorySubscriptionStore() : store);
        }
    }
}
