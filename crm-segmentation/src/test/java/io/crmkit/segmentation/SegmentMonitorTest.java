package io.crmkit.segmentation;

import static io.crmkit.segmentation.Where.daysSinceLastPurchase;
import static io.crmkit.segmentation.Where.orderCount;
import static io.crmkit.segmentation.Where.tagged;
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
import io.crmkit.core.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SegmentMonitorTest {
    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Taipei");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovingClock clock = new MovingClock(Instant.parse("2026-03-01T02:00:00Z"));
    final BrandSettings brand = BrandSettings.custom().clock(clock).build();
    final Crm crm = Crm.inMemory(brand);
    final List<SegmentMonitor.Event> events = Collections.synchronizedList(new ArrayList<>());
    SegmentMonitor monitor;

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.close();
        }
    }

    Order order(String id, String member, Instant at) {
        return Order.builder(OrderId.of(id), MemberId.of(member), at)
                .line(OrderLine.of(ProductId.of("P"), "x", Category.of("x"), 1, Money.of(100, brand.currency())))
                .build();
    }

    @Test
    void followsChangesAndThePassingOfDays() {
        crm.members().save(Member.builder(MemberId.of("a"), clock.instant()).build());
        crm.members().save(Member.builder(MemberId.of("b"), clock.instant()).build());
        crm.orders().upsertAll(List.of(order("O1", "a", clock.instant().minus(Duration.ofDays(80)))));
        Segment lapsed = Segment.of("lapsed", "Lapsed", daysSinceLastPurchase().moreThan(90));
        Segment recent = Segment.of(
                "recent", "Bought this week", orderCount(Window.lastDays(7)).atLeast(1));
        Segment vip = Segment.of("vip", "VIP", tagged("vip"));
        SegmentCatalog catalog = SegmentCatalog.builder()
                .segment(lapsed)
                .segment(recent)
                .segment(vip)
                .build();

        monitor = SegmentMonitor.start(crm, catalog, events::add);
        assertThat(monitor.members(lapsed.id())).isEmpty();

        // an event: b buys, enters "recent" at once
        crm.orders().upsertAll(List.of(order("O2", "b", clock.instant())));
        crm.members()
                .update(
                        MemberId.of("a"),
                        m -> m.toBuilder()
                                .tag(Tag.manual("vip", "amy", clock.instant()))
                                .build());
        monitor.flush();
        assertThat(monitor.members(recent.id())).containsExactly(MemberId.of("b"));
        assertThat(monitor.members(vip.id())).containsExactly(MemberId.of("a"));

        // time passes with no event: 11 days later a has been silent 91 days and b's order is old
        clock.advance(Duration.ofDays(11));
        monitor.sweep();
        assertThat(monitor.members(lapsed.id())).containsExactly(MemberId.of("a"));
        assertThat(monitor.members(recent.id())).isEmpty();
        assertThat(events)
                .extracting(e -> e.segment().value() + ":" + e.member().value() + ":" + e.kind())
                .containsExactly("recent:b:ENTERED", "vip:a:ENTERED", "lapsed:a:ENTERED", "recent:b:EXITED");

        // deleting a member makes it leave everything
        crm.members().delete(MemberId.of("a"));
        monitor.flush();
        assertThat(monitor.members(lapsed.id())).isEmpty();
        assertThat(monitor.members(vip.id())).isEmpty();
    }

    @Test
    void sweepAgreesWithTestingEveryMemberOneByOne() {
        for (int i = 0; i < 50; i++) {
            String id = "m" + i;
            crm.members().save(Member.builder(MemberId.of(id), clock.instant()).build());
            for (int k = 0; k < i % 4; k++) {
                crm.orders()
                        .upsertAll(List.of(
                                order("O" + i + "-" + k, id, clock.instant().minus(Duration.ofDays(10L * i + k)))));
            }
        }
        Segment lapsed = Segment.of("lapsed", "Lapsed", daysSinceLastPurchase().moreThan(90));
        SegmentCatalog catalog = SegmentCatalog.builder().segment(lapsed).build();
        monitor = SegmentMonitor.start(crm, catalog, events::add);
        SegmentEngine engine = SegmentEngine.of(crm, catalog);
        for (int day = 0; day < 40; day += 7) {
            clock.advance(Duration.ofDays(7));
            monitor.sweep();
            List<MemberId> oneByOne = new ArrayList<>();
            crm.members().stream().forEach(m -> {
                if (engine.test(lapsed.condition(), m.id(), clock.instant())) {
                    oneByOne.add(m.id());
                }
            });
            assertThat(monitor.members(lapsed.id())).containsExactlyInAnyOrderElementsOf(oneByOne);
        }
    }
}
