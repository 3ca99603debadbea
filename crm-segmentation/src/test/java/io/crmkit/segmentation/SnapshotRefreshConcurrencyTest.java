package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Refreshing while another thread writes never loses a write. */
class SnapshotRefreshConcurrencyTest {
    @Test
    void refreshesDuringWritesEndEqualToAFreshSnapshot() throws Exception {
        BrandSettings brand = BrandSettings.ofDefaults();
        Crm crm = Crm.inMemory(brand);
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < 200; i++) {
            crm.members()
                    .save(Member.builder(MemberId.of(String.format("M%04d", i)), t0)
                            .build());
        }
        Condition buyers = Where.orderCount(Window.allTime()).atLeast(1);
        Condition twice = Where.orderCount(Window.allTime()).atLeast(2);
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            int n = 0;
            while (!stop.get() && n < 20_000) {
                String member = String.format("M%04d", (n * 37) % 200);
                crm.orders()
                        .upsertAll(List.of(Order.builder(OrderId.of("O" + n), MemberId.of(member), t0.plusSeconds(n))
                                .line(OrderLine.of(
                                        ProductId.of("P"), "x", Category.of("x"), 1, Money.of(10, brand.currency())))
                                .build()));
                n++;
            }
        });
        Snapshot snapshot = Snapshot.of(crm, SegmentCatalog.empty());
        writer.start();
        for (int i = 0; i < 60; i++) {
            snapshot = snapshot.refresh();
        }
        stop.set(true);
        writer.join();
        Snapshot refreshed = snapshot.refresh();
        Snapshot fresh = Snapshot.of(crm, SegmentCatalog.empty());
        Instant asOf = t0.plusSeconds(10_000_000);
        for (Condition c : List.of(buyers, twice)) {
            assertThat(refreshed.evaluate(c, asOf).stream().toList())
                    .isEqualTo(fresh.evaluate(c, asOf).stream().toList());
        }
        assertThat(refreshed.footprint().orders()).isEqualTo(crm.orders().count());
    }
}
