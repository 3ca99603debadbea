package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One line of an order: a product (with its SKU, name and category as they were at the time of
 * sale), a quantity, a unit price, the unit cost when the brand knows it, and a discount on the
 * whole line.
 *
 * <pre>{@code
 * OrderLine line = OrderLine.of(ProductId.of("P42"), "Cocoa 500g", Category.of("Food > Drinks"), 2, Money.of(180, twd))
 *         .withSku("COCOA-500")
 *         .withUnitCost(Money.of(95, twd))
 *         .withDiscount(Money.of(36, twd));
 * line.netAmount(); // TWD 324.00
 * }</pre>
 */
public final class OrderLine {
    private final ProductId productId;
    private final @Nullable String sku;
    private final String name;
    private final Category category;
    private final int quantity;
    private final Money unitPrice;
    private final @Nullable Money unitCost;
    private final Money discount;

    private OrderLine(
            ProductId productId,
            @Nullable String sku,
            String name,
            Category category,
            int quantity,
            Money unitPrice,
            @Nullable Money unitCost,
            Money discount) {
        this.productId = Check.notNull(productId, "line.productId");
        this.sku = sku == null ? null : Check.id(sku, "line.sku");
        this.name = Check.text(name, "line.name");
        this.category = Check.notNull(category, "line.category");
        this.quantity = Check.positive(quantity, "line.quantity");
        this.unitPrice = Check.notNull(unitPrice, "line.unitPrice");
        if (unitPrice.isNegative()) {
            throw new InvalidValueException("line.unitPrice", "must not be negative, was " + unitPrice);
        }
        if (unitCost != null) {
            if (!unitCost.currency().equals(unitPrice.currency())) {
                throw new InvalidValueException(
                        "line.unitCost",
                        "is in " + unitCost.currency() + " but the price is in " + unitPrice.currency());
            }
            if (unitCost.isNegative()) {
                throw new InvalidValueException("line.unitCost", "must not be negative, was " + unitCost);
            }
        }
        this.unitCost = unitCost;
        this.discount = Check.notNull(discount, "line.discount");
        if (!discount.currency().equals(unitPrice.currency())) {
            throw new InvalidValueException(
                    "line.discount", "is in " + discount.currency() + " but the price is in " + unitPrice.currency());
        }
        if (discount.isNegative()) {
            throw new InvalidValueException("line.discount", "must not be negative, was " + discount);
        }
        Money gross;
        try {
            gross = grossAmount();
        } catch (ArithmeticException e) {
            throw new InvalidValueException(
                    "line.quantity", quantity + " x " + unitPrice + " is beyond what an amount can hold");
        }
        if (discount.isGreaterThan(gross)) {
            throw new InvalidValueException(
                    "line.discount", discount + " is more than the line's gross amount " + gross);
        }
    }

    /**
     * @param productId the product
     * @param name the product name at the time of sale
     * @param category the product category at the time of sale
     * @param quantity how many, positive
     * @param unitPrice the price of one unit before discount
     * @return a line without SKU, cost or discount
     */
    public static OrderLine of(ProductId productId, String name, Category category, int quantity, Money unitPrice) {
        Check.notNull(unitPrice, "line.unitPrice");
        return new OrderLine(
                productId, null, name, category, quantity, unitPrice, null, Money.zero(unitPrice.currency()));
    }

    /**
     * @param product the product; its id, name and category are copied, and its cost if known
     * @param quantity how many, positive
     * @param unitPrice the price of one unit before discount
     * @return a line without SKU or discount
     */
    public static OrderLine of(Product product, int quantity, Money unitPrice) {
        Check.notNull(product, "line.product");
        Check.notNull(unitPrice, "line.unitPrice");
        return new OrderLine(
                product.id(),
                null,
                product.name(),
                product.category(),
                quantity,
                unitPrice,
                product.unitCost().orElse(null),
                Money.zero(unitPrice.currency()));
    }

    /**
     * @param newSku the SKU (variant code); null clears it
     * @return a copy with the SKU
     */
    public OrderLine withSku(@Nullable String newSku) {
        return new OrderLine(productId, newSku, name, category, quantity, unitPrice, unitCost, discount);
    }

    /**
     * @param newUnitCost the cost of one unit to the brand; null when unknown
     * @return a copy with the cost
     */
    public OrderLine withUnitCost(@Nullable Money newUnitCost) {
        return new OrderLine(productId, sku, name, category, quantity, unitPrice, newUnitCost, discount);
    }

    /**
     * @param newDiscount the discount on the whole line, not more than the gross amount
     * @return a copy with the discount
     */
    public OrderLine withDiscount(Money newDiscount) {
        return new OrderLine(productId, sku, name, category, quantity, unitPrice, unitCost, newDiscount);
    }

    /** @return the product */
    public ProductId productId() {
        return productId;
    }

    /** @return the SKU, if known */
    public Optional<String> sku() {
        return Optional.ofNullable(sku);
    }

    /** @return the product name at the time of sale */
    public String name() {
        return name;
    }

    /** @return the category at the time of sale */
    public Category category() {
        return category;
    }

    /** @return the quantity */
    public int quantity() {
        return quantity;
    }

    /** @return the unit price before discount */
    public Money unitPrice() {
        return unitPrice;
    }

    /** @return the unit cost to the brand, if known */
    public Optional<Money> unitCost() {
        return Optional.ofNullable(unitCost);
    }

    /** @return the discount on the whole line */
    public Money discount() {
        return discount;
    }

    /** @return unit price times quantity */
    public Money grossAmount() {
        return unitPrice.times(quantity);
    }

    /** @return gross amount minus the line discount */
    public Money netAmount() {
        return grossAmount().minus(discount);
    }

    /** @return unit cost times quantity, if the cost is known */
    public Optional<Money> totalCost() {
        return unitCost == null ? Optional.empty() : Optional.of(unitCost.times(quantity));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderLine l
                && quantity == l.quantity
                && productId.equals(l.productId)
                && Objects.equals(sku, l.sku)
                && name.equals(l.name)
                && category.equals(l.category)
                && unitPrice.equals(l.unitPrice)
                && Objects.equals(unitCost, l.unitCost)
                && discount.equals(l.discount);
    }

    @Override
    public int hashCode() {
        return Objects.hash(productId, sku, quantity, unitPrice, discount);
    }

    @Override
    public String toString() {
        return "OrderLine[" + productId + " x" + quantity + " @ " + unitPrice
                + (discount.isZero() ? "" : " -" + discount) + "]";
    }
}
