package io.crmkit.loyalty;

import io.crmkit.core.MemberId;
import java.time.LocalDate;

/**
 * A delivery a subscription will produce: the order the shop should expect (or create) on a date.
 *
 * <pre>{@code
 * for (ExpectedOrder o : subscriptions.expectedOrders(today, today.plusDays(30))) { ... }
 * }</pre>
 *
 * @param subscriptionId the subscription
 * @param member the subscriber
 * @param plan what is delivered
 * @param delivery the delivery number, from 0
 * @param date the delivery date (brand zone)
 */
public record ExpectedOrder(
        String subscriptionId, MemberId member, SubscriptionPlan plan, int delivery, LocalDate date) {}
