package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.util.Optional;

/**
 * A product in the brand's catalogue. The unit cost, when known, lets reports rank categories by
 * profit as well as by revenue.
 *
 * <pre>{@code
 * Product cocoa = new Product(ProductId.of("P42"), "Cocoa 500g", Category.of("Food > Drinks"),
 *         Optional.of(Money.of(180, twd)), Optional.of(Money.of(95, twd)));
 * }</pre>
 *
 * @param id the product id
 * @param name the product name
 * @param category the category path
 * @param listPrice the usual selling price, if known
 * @param unitCost what one unit costs the brand, if known
 */
public record Product(
        ProductId id, String name, Category category, Optional<Money> listPrice, Optional<Money> unitCost) {
    /** @throws InvalidValueException if a field is missing, the name is blank or an amount negative */
    public Product {
        Check.notNull(id, "product.id");
        name = Check.text(name, "product.name");
        Check.notNull(category, "product.category");
        Check.notNull(listPrice, "product.listPrice");
        Check.notNull(unitCost, "product.unitCost");
        listPrice.ifPresent(p -> Check.that(!p.isNegative(), "product.listPrice", "must not be negative, was " + p));
        unitCost.ifPresent(c -> Check.that(!c.isNegative(), "product.unitCost", "must not be negative, was " + c));
    }

    /**
     * @param id the product id
     * @param name the product name
     * @param category the category
     * @return a product without price or cost
     */
    public static Product of(ProductId id, String name, Category category) {
        return new Product(id, name, category, Optional.empty(), Optional.empty());
    }
}
