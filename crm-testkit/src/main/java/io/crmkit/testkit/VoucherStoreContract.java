package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.StoreId;
import io.crmkit.loyalty.Voucher;
import io.crmkit.loyalty.VoucherEvent;
import io.crmkit.loyalty.VoucherId;
import io.crmkit.loyalty.spi.VoucherStore;
import io.crmkit.loyalty.spi.VoucherStore.ApplyResult;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link VoucherStore}: a change is stored exactly when its key is new and the
 * stored version is one less than the new one (none for version 1), with its event; holders are
 * looked up by the current state; one version raced by many threads is won once.
 *
 * <pre>{@code
 * class PostgresVoucherStoreTest extends VoucherStoreContract {
 *     @Override
 *     protected VoucherStore newStore() {
 *         return PostgresStores.builder(freshDataSource()).build().vouchers();
 *     }
 * }
 * }</pre>
 */
public abstract class VoucherStoreContract {
    private static final Instant T = Instant.parse("2026-03-01T02:00:00Z");
    private static final MemberId A = MemberId.of("A");
    private static final MemberId B = MemberId.of("B");
    private static final VoucherId V = VoucherId.of("V-1");

    /** The store under test. */
    protected VoucherStore store;

    /** @return a new, empty store */
    protected abstract VoucherStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static Voucher voucher(MemberId holder, int remaining, long version) {
        return new Voucher(
                V,
                "美式咖啡",
                A,
                holder,
                10,
                remaining,
                Money.of(450, Currency.getInstance("TWD")),
                T,
                T.plusSeconds(86_400 * 180),
                version);
    }

    private static VoucherEvent event(String key, VoucherEvent.Type type, Voucher after) {
        return new VoucherEvent(
                key,
                type,
                A,
                type == VoucherEvent.Type.GIFTED ? Optional.of(B) : Optional.empty(),
                type == VoucherEvent.Type.REDEEMED ? Optional.of(StoreId.of("S1")) : Optional.empty(),
                T,
                after);
    }

    @Test
    void changesAreStoredInVersionOrderWithTheirEvents() {
        assertThat(store.find(V)).isEmpty();
        assertThat(store.apply(event("k0", VoucherEvent.Type.REDEEMED, voucher(A, 9, 2))))
                .isEqualTo(ApplyResult.STALE_VERSION);
        VoucherEvent buy = event("k1", VoucherEvent.Type.PURCHASED, voucher(A, 10, 1));
        assertThat(store.apply(buy)).isEqualTo(ApplyResult.APPLIED);
        assertThat(store.apply(event("k2", VoucherEvent.Type.PURCHASED, voucher(A, 10, 1))))
                .isEqualTo(ApplyResult.STALE_VERSION);
        VoucherEvent use = event("k3", VoucherEvent.Type.REDEEMED, voucher(A, 9, 2));
        assertThat(store.apply(use)).isEqualTo(ApplyResult.APPLIED);
        assertThat(store.apply(event("k3", VoucherEvent.Type.REDEEMED, voucher(A, 8, 3))))
                .isEqualTo(ApplyResult.DUPLICATE_KEY);
        VoucherEvent gift = event("k4", VoucherEvent.Type.GIFTED, voucher(B, 9, 3));
        assertThat(store.apply(gift)).isEqualTo(ApplyResult.APPLIED);
        assertThat(store.find(V)).contains(voucher(B, 9, 3));
        assertThat(store.events(V)).containsExactly(buy, use, gift);
        assertThat(store.findEvent("k3")).contains(use);
        assertThat(store.findEvent("k2")).isEmpty();
        assertThat(store.heldBy(B)).containsExactly(voucher(B, 9, 3));
        assertThat(store.heldBy(A)).isEmpty();
    }

    @Test
    void oneVersionRacedByManyThreadsIsWonOnce() throws InterruptedException {
        store.apply(event("buy", VoucherEvent.Type.PURCHASED, voucher(A, 10, 1)));
        AtomicInteger won = new AtomicInteger();
        Concurrently.run(8, t -> {
            if (store.apply(event("use-" + t, VoucherEvent.Type.REDEEMED, voucher(A, 9, 2))) == ApplyResult.APPLIED) {
                won.incrementAndGet();
            }
        });
        assertThat(won.get()).isEqualTo(1);
        assertThat(store.events(V)).hasSize(2);
    }
}
