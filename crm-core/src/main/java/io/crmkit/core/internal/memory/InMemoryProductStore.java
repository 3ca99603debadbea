package io.crmkit.core.internal.memory;

import io.crmkit.core.Product;
import io.crmkit.core.ProductId;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.ProductStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The in-memory {@link ProductStore}. */
public final class InMemoryProductStore extends MemoryStore<ProductId, Product> implements ProductStore {
    /** An empty store. */
    public InMemoryProductStore() {}

    @Override
    protected void index(Product value) {}

    @Override
    protected void unindex(Product value) {}

    @Override
    public void upsertAll(Collection<Product> products) {
        Map<ProductId, Product> batch = uniqueIds(products, Product::id, "products");
        write(() -> {
            List<ChangeEvent<Product>> changes = new ArrayList<>(batch.size());
            for (Product p : batch.values()) {
                addChange(changes, put(p.id(), p));
            }
            return changes;
        });
    }
}
