package io.crmkit.loyalty;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A member's product subscription: delivery {@code k} (from 0) falls on {@code firstDelivery +
 * k × every} (computed from the first date, so the 31st stays the month's last day and never drifts),
 * until the day it was cancelled from.
 *
 * <pre>{@code
 * Subscription s = subscriptions.subscribe(member, beans, LocalDate.of(2026, 12, 1), "web-5521", now);
 * subscriptions.expectedOrders(from, to); // one per delivery date in the range
 * }</pre>
 *
 * @param id the id (the key it was created with)
 * @param member the subscriber
 * @param plan what is delivered
 * @param firstDelivery the first delivery date (brand zone)
 * @param endsOn the first date with no more deliveries, once cancelled
 * @param version 1 when created, +1 per change
 */
public record Subscription(
        String id,
        MemberId member,
        SubscriptionPlan plan,
        LocalDate firstDelivery,
        Optional<LocalDate> endsOn,
        long version) {
    /** @throws InvalidValueException if a field is missing */
    public Subscription {
        if (id == null || id.isBlank() || member == null || plan == null || firstDelivery == null || endsOn == null) {
            throw new InvalidValueException("subscription", "no field may be null; id not blank");
        }
        if (version < 1) {
            throw new InvalidValueException("subscription.version", "must be at least 1");
        }
    }

    /**
     * @param k a delivery number from 0
     * @return its date
     */
    public LocalDate delivery(int k) {
        return firstDelivery.plus(plan.every().multipliedBy(k));
    }

    /**
     * @param date a date
     * @return true if deliveries are still due on it
     */
    public boolean activeOn(LocalDate date) {
        return endsOn.map(date::isBefore).orElse(true);
    }
}
