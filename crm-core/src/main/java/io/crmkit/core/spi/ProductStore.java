package io.crmkit.core.spi;

import io.crmkit.core.Product;
import io.crmkit.core.ProductId;
import java.util.Collection;

/**
 * Stores the product catalogue.
 *
 * <pre>{@code
 * crm.products().upsertAll(catalogue);
 * }</pre>
 */
public interface ProductStore extends KeyedStore<ProductId, Product> {
    /**
     * Inserts or replaces products atomically.
     *
     * @param products the products; each id at most once
     * @throws DuplicateKeyException if an id is repeated in the batch
     */
    void upsertAll(Collection<Product> products);

    @Override
    default ProductId idOf(Product value) {
        return value.id();
    }
}
