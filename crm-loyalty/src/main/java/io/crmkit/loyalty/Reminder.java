package io.crmkit.loyalty;

import io.crmkit.core.MemberId;
import java.time.LocalDate;

/**
 * A reminder to send before a subscription's delivery.
 *
 * <pre>{@code
 * subscriptions.reminders(today, today).forEach(r -> sendLine(r.member(), r.deliveryDate()));
 * }</pre>
 *
 * @param subscriptionId the subscription
 * @param member the subscriber
 * @param sendOn the date to send it
 * @param deliveryDate the delivery it is about
 */
public record Reminder(String subscriptionId, MemberId member, LocalDate sendOn, LocalDate deliveryDate) {}
