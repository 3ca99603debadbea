package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.ProductId;
import io.crmkit.loyalty.Subscription;
import io.crmkit.loyalty.SubscriptionPlan;
import io.crmkit.loyalty.spi.SubscriptionStore;
import io.crmkit.loyalty.spi.VoucherStore.ApplyResult;
import java.time.LocalDate;
import java.time.Period;
import java.util.Currency;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link SubscriptionStore}: a change is stored exactly when its key is new and
 * the stored version is one less; look-ups by id, member, key and all in id order.
 *
 * <pre>{@code
 * class PostgresSubscriptionStoreTest extends SubscriptionStoreContract {
 *     @Override
 *     protected SubscriptionStore newStore() {
 *         return PostgresStores.builder(freshDataSource()).build().subscriptions();
 *     }
 * }
 * }</pre>
 */
public abstract class SubscriptionStoreContract {
    private static final SubscriptionPlan BEANS = new SubscriptionPlan(
            ProductId.of("P-BEANS"), "咖啡豆", 1, Money.of(520, Currency.getInstance("TWD")), Period.ofMonths(1), 3);

    /** The store under test. */
    protected SubscriptionStore store;

    /** @return a new, empty store */
    protected abstract SubscriptionStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static Subscription sub(String id, String member, Optional<LocalDate> ends, long version) {
        return new Subscription(id, MemberId.of(member), BEANS, LocalDate.of(2026, 1, 31), ends, version);
    }

    @Test
    void changesAreStoredInVersionOrder() {
        assertThat(store.apply("k0", sub("s2", "A", Optional.empty(), 2))).isEqualTo(ApplyResult.STALE_VERSION);
        assertThat(store.apply("s2", sub("s2", "A", Optional.empty(), 1))).isEqualTo(ApplyResult.APPLIED);
        assertThat(store.apply("s1", sub("s1", "B", Optional.empty(), 1))).isEqualTo(ApplyResult.APPLIED);
        assertThat(store.apply("again", sub("s1", "B", Optional.empty(), 1))).isEqualTo(ApplyResult.STALE_VERSION);
        Subscription cancelled = sub("s2", "A", Optional.of(LocalDate.of(2026, 6, 1)), 2);
        assertThat(store.apply("s2", cancelled)).isEqualTo(ApplyResult.DUPLICATE_KEY);
        assertThat(store.apply("c1", cancelled)).isEqualTo(ApplyResult.APPLIED);
        assertThat(store.find("s2")).contains(cancelled);
        assertThat(store.findByKey("c1")).contains(cancelled);
        assertThat(store.findByKey("again")).isEmpty();
        assertThat(store.of(MemberId.of("A"))).containsExactly(cancelled);
        assertThat(store.all()).extracting(Subscription::id).containsExactly("s1", "s2");
    }
}
