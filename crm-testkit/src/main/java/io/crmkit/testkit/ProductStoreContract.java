package io.crmkit.testkit;

import static io.crmkit.testkit.TestData.fullProduct;
import static io.crmkit.testkit.TestData.product;
import static io.crmkit.testkit.TestData.productId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Category;
import io.crmkit.core.Money;
import io.crmkit.core.Product;
import io.crmkit.core.ProductId;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.DuplicateKeyException;
import io.crmkit.core.spi.ProductStore;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link ProductStore}: a product survives a round trip with and without its
 * optional price and cost; a write replaces it whole; a batch with a repeated id writes nothing;
 * and everything {@link KeyedStoreContract} checks.
 *
 * <pre>{@code
 * class PostgresProductStoreTest extends ProductStoreContract {
 *     @Override
 *     protected ProductStore newStore() {
 *         return PostgresStores.builder(freshDataSource()).build().products();
 *     }
 * }
 * }</pre>
 */
public abstract class ProductStoreContract extends KeyedStoreContract<ProductId, Product, ProductStore> {
    /** For subclasses: an adapter's test class. */
    protected ProductStoreContract() {}

    @Override
    protected final ProductId id(int n) {
        return productId(n);
    }

    @Override
    protected final Product sample(int n) {
        return product(productId(n));
    }

    @Override
    protected final List<Product> write(List<Product> values) {
        store().upsertAll(values);
        return values;
    }

    @Test
    void aProductSurvivesARoundTripWithAndWithoutPriceAndCost() {
        Product full = fullProduct(productId(1));
        Product bare = product(productId(2));
        Product priceOnly = new Product(
                productId(3),
                "Gift card",
                Category.of("Gifts"),
                Optional.of(Money.zero(TestData.TWD)),
                Optional.empty());
        store().upsertAll(List.of(full, bare, priceOnly));
        assertThat(store().find(productId(1))).contains(full);
        assertThat(store().find(productId(2))).contains(bare);
        assertThat(store().find(productId(3))).contains(priceOnly);
        assertThat(store().find(productId(2)).orElseThrow().listPrice()).isEmpty();
        assertThat(store().find(productId(3)).orElseThrow().unitCost()).isEmpty();
        assertThat(streamed(10)).containsExactly(full, bare, priceOnly);
    }

    @Test
    void writingAProductAgainReplacesItWhole() {
        Product first = fullProduct(productId(1));
        store().upsertAll(List.of(first));
        Product second = product(productId(1));
        Recorder<Product> heard = new Recorder<>();
        store().subscribe(heard);
        store().upsertAll(List.of(second, product(productId(2))));
        assertThat(store().find(productId(1))).contains(second);
        assertThat(store().count()).isEqualTo(2);
        assertThat(heard.onlyCall())
                .containsExactly(ChangeEvent.of(first, second), ChangeEvent.of(null, product(productId(2))));
    }

    @Test
    void anIdRepeatedInOneBatchIsADuplicateKeyAndWritesNothing() {
        Product one = fullProduct(productId(1));
        store().upsertAll(List.of(one));
        Recorder<Product> heard = new Recorder<>();
        store().subscribe(heard);
        assertThatThrownBy(() ->
                        store().upsertAll(List.of(product(productId(1)), product(productId(2)), product(productId(2)))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(store().find(productId(1))).contains(one);
        assertThat(store().find(productId(2))).isEmpty();
        assertThat(heard.calls()).isEmpty();
    }

    @Test
    void nullArgumentsOfProductMethodsAreInvalidValues() {
        assertInvalid("upsertAll(null)", () -> store().upsertAll(null));
        assertInvalid(
                "upsertAll([product, null])", () -> store().upsertAll(Arrays.asList(product(productId(1)), null)));
        assertThat(store().count()).isZero();
    }
}
