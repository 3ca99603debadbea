package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import io.crmkit.loyalty.InsufficientPointsException;
import io.crmkit.loyalty.LedgerEntry;
import io.crmkit.loyalty.PointsLedger;
import io.crmkit.loyalty.PointsRules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two {@link PointsLedger}s on the same PostgreSQL schema through separate {@link PostgresStores}
 * objects (as two JVMs would have) see each other's entries, and an order's reference never earns
 * twice, whichever of them earns it and however they race.
 */
class PostgresLoyaltyTwoJvmsTest {
    private static final Currency TWD = Currency.getInstance("TWD");
    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00.123456789Z");
    private static final BrandSettings BRAND = BrandSettings.custom()
            .zone(ZoneId.of("Asia/Taipei"))
            .currency(TWD)
            .clock(Clock.fixed(T0, ZoneOffset.UTC))
            .build();
    private static final MemberId MEI = MemberId.of("M1");
    private static final String SCHEMA = "loyalty_two_jvms";

    private PointsLedger first;
    private PointsLedger second;

    @BeforeEach
    void twoLedgersOnOneSchema() {
        PostgresStores a = Db.fresh(SCHEMA);
        PostgresStores b = PostgresStores.builder(Db.dataSource())
                .schema(SCHEMA)
                .migrate(false)
                .build();
        PointsRules rules =
                PointsRules.builder(TWD).perAmount(Money.of(100, TWD), 1).build();
        first = PointsLedger.builder(BRAND).rules(rules).store(a.pointsLedger()).build();
        second =
                PointsLedger.builder(BRAND).rules(rules).store(b.pointsLedger()).build();
    }

    private static Order order(String id, long amount) {
        return Order.builder(OrderId.of(id), MEI, T0)
                .line(OrderLine.of(ProductId.of("P1"), "可可粉", Category.of("食品"), 1, Money.of(amount, TWD)))
                .build();
    }

    @Test
    void eachSeesTheOthersEntriesAndAnOrderEarnsOnce() {
        LedgerEntry earned = first.earnForOrder(order("O1", 1_299), T0).orElseThrow();
        assertThat(earned.points()).isEqualTo(12);
        assertThat(second.entries(MEI)).containsExactly(earned); // every field, nanoseconds included
        assertThat(second.earnForOrder(order("O1", 1_299), T0.plusSeconds(30))).contains(earned);
        assertThat(first.entries(MEI)).hasSize(1);

        LedgerEntry spent = second.redeem(MEI, 5, "gift", "r-1", T0.plusSeconds(60));
        assertThat(first.entries(MEI)).containsExactly(earned, spent);
        assertThat(first.balance(MEI, T0.plusSeconds(61)).points()).isEqualTo(7);
        assertThat(second.balance(MEI, T0.plusSeconds(61)).points()).isEqualTo(7);
    }

    @Test
    void racingLedgersEarnEachOrderOnceAndNeverOverspend() throws Exception {
        int orders = 60;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (PointsLedger ledger : List.of(first, second)) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < orders; i++) {
                        ledger.earnForOrder(order("O" + i, 1_000), T0);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            List<LedgerEntry> entries = first.entries(MEI);
            assertThat(entries).hasSize(orders);
            assertThat(entries)
                    .extracting(LedgerEntry::sequence)
                    .containsExactlyElementsOf(
                            IntStream.range(0, orders).mapToObj(i -> (long) i).toList());
            assertThat(entries).extracting(LedgerEntry::reference).doesNotHaveDuplicates();
            assertThat(second.entries(MEI)).isEqualTo(entries);
            Instant later = T0.plusSeconds(1);
            assertThat(second.balance(MEI, later).points()).isEqualTo(orders * 10L);

            // both spend 400 of the 600 points at once: exactly one of them may
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            done.clear();
            int n = 0;
            for (PointsLedger ledger : List.of(first, second)) {
                String ref = "spend-" + n++;
                done.add(pool.submit(() -> {
                    go.await();
                    try {
                        ledger.redeem(MEI, 400, "gift", ref, later);
                    } catch (InsufficientPointsException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(refused.get()).isEqualTo(1);
            assertThat(first.balance(MEI, later).points()).isEqualTo(orders * 10L - 400);
        } finally {
            pool.shutdownNow();
        }
    }
}
