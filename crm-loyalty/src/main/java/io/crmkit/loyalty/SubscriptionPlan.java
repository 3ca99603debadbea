package io.crmkit.loyalty;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import io.crmkit.core.ProductId;
import java.time.Period;

/**
 * What a product subscription delivers (monthly coffee beans): product, quantity, price per
 * delivery, how often, and how many days before each delivery the member is reminded.
 *
 * <pre>{@code
 * SubscriptionPlan beans = new SubscriptionPlan(ProductId.of("P-BEANS"), "咖啡豆 500g", 1,
 *         Money.of(520, twd), Period.ofMonths(1), 3);
 * }</pre>
 *
 * @param product the product
 * @param name its name on reminders
 * @param quantity units per delivery, 1 to 10,000
 * @param price the price of one delivery
 * @param every the interval between deliveries, positive
 * @param remindDaysBefore 0 to 60 days
 */
public record SubscriptionPlan(
        ProductId product, String name, int quantity, Money price, Period every, int remindDaysBefore) {
    /** @throws InvalidValueException if a field is missing or out of range */
    public SubscriptionPlan {
        if (product == null || name == null || price == null || every == null) {
            throw new InvalidValueException("subscriptionPlan", "product, name, price and every are required");
        }
        if (quantity < 1 || quantity > 10_000) {
            throw new InvalidValueException("subscriptionPlan.quantity", "must be 1 to 10,000, was " + quantity);
        }
        if (price.isNegative()) {
            throw new InvalidValueException("subscriptionPlan.price", "must not be negative");
        }
        if (every.isNegative() || every.isZero()) {
            throw new InvalidValueException("subscriptionPlan.every", "must be positive, was " + every);
        }
        if (remindDaysBefore < 0 || remindDaysBefore > 60) {
            throw new InvalidValueException(
                    "subscriptionPlan.remindDaysBefore", "must be 0 to 60, was " + remindDaysBefore);
        }
    }
}
