package io.crmkit.segmentation;

import static io.crmkit.segmentation.Where.allOf;
import static io.crmkit.segmentation.Where.orderCount;
import static io.crmkit.segmentation.Where.reachableBy;
import static io.crmkit.segmentation.Where.spend;
import static io.crmkit.segmentation.Where.tagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberView;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import io.crmkit.core.Refund;
import io.crmkit.core.Tag;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Examples of the bulk API on a shop small enough to check by hand. */
class SnapshotTest {
    static final Currency TWD = Currency.getInstance("TWD");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant AS_OF = Instant.parse("2026-03-01T04:00:00Z");

    Crm crm;
    SegmentEngine engine;
    AtomicInteger customCalls = new AtomicInteger();

    /**
     * M1 vip, LINE, 2 orders; M2 vip, no LINE consent, 1 order fully refunded; M3 LINE, 1 order;
     * M4 vip, LINE, no orders; M5 nothing.
     */
    @BeforeEach
    void shop() {
        crm = Crm.inMemory(BrandSettings.custom().zone(ZoneId.of("Asia/Taipei")).build());
        crm.members()
                .saveAll(List.of(
                        member("M1", true, true),
                        member("M2", true, false),
                        member("M3", false, true),
                        member("M4", true, true),
                        member("M5", false, false)));
        crm.orders()
                .upsertAll(List.of(
                        order("O1", "M1", "2026-02-20T03:00:00Z", 1_000),
                        order("O2", "M1", "2026-02-25T03:00:00Z", 3_000),
                        order("O3", "M2", "2026-02-21T03:00:00Z", 2_000).toBuilder()
                                .refund(new Refund(
                                        Instant.parse("2026-02-22T03:00:00Z"), Money.of(2_000, TWD), "return"))
                                .build(),
                        order("O4", "M3", "2026-01-05T03:00:00Z", 500)));
        CustomPredicate counting = new CustomPredicate() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public boolean test(MemberView member, Map<String, String> params, Instant asOf) {
                customCalls.incrementAndGet();
                return true;
            }
        };
        engine = SegmentEngine.of(
                crm,
                SegmentCatalog.builder()
                        .predicate(counting)
                        .segment(Segment.of("vip", "VIP", tagged("vip")))
                        .build());
    }

    static Member member(String id, boolean vip, boolean line) {
        Member.Builder b = Member.builder(MemberId.of(id), T0);
        if (vip) {
            b.tag(Tag.manual("vip", "amy", T0));
        }
        if (line) {
            b.lineId("U" + id).consent(Consent.optIn(ContactChannel.LINE, T0, "line-oa"));
        }
        return b.build();
    }

    static Order order(String id, String member, String at, long major) {
        return Order.builder(OrderId.of(id), MemberId.of(member), Instant.parse(at))
                .line(OrderLine.of(ProductId.of("P1"), "Cup", Category.of("Home > Kitchen"), 1, Money.of(major, TWD)))
                .build();
    }

    static List<String> ids(MemberSet s) {
        return s.stream().map(MemberId::value).toList();
    }

    @Test
    void evaluatesAndAnswersMembership() {
        Snapshot snap = engine.snapshot();
        MemberSet buyers = snap.evaluate(orderCount(Window.allTime()).atLeast(1), AS_OF);
        assertThat(ids(buyers)).containsExactly("M1", "M3"); // M2's only order was fully refunded
        assertThat(buyers.count()).isEqualTo(2);
        assertThat(buyers.contains(MemberId.of("M1"))).isTrue();
        assertThat(buyers.contains(MemberId.of("M2"))).isFalse();
        assertThat(buyers.contains(MemberId.of("nobody"))).isFalse();
        // before the refund, M2's order counts
        assertThat(ids(snap.evaluate(orderCount(Window.allTime()).atLeast(1), Instant.parse("2026-02-21T12:00:00Z"))))
                .containsExactly("M1", "M2", "M3");
        assertThat(snap.count(Where.inSegment(SegmentId.of("vip")), AS_OF)).isEqualTo(3);
        assertThat(snap.all().count()).isEqualTo(5);
        assertThat(ids(snap.members(List.of(MemberId.of("M5"), MemberId.of("X"), MemberId.of("M2")))))
                .containsExactly("M2", "M5");
    }

    @Test
    void explainCountsEachPartOnItsOwnAndAfterTheEarlierAndParts() {
        Snapshot snap = engine.snapshot();
        Condition c = allOf(
                tagged("vip"),
                reachableBy(ContactChannel.LINE),
                orderCount(Window.allTime()).atLeast(1));
        Explanation e = snap.explain(c, AS_OF);
        assertThat(e.label()).isEqualTo("and");
        assertThat(e.input()).isEqualTo(5);
        assertThat(e.kept()).isEqualTo(1); // M1
        List<Explanation> parts = e.children();
        assertThat(parts)
                .extracting(Explanation::label)
                .containsExactly("tagged vip", "reachable by LINE", "order_count in all time >= 1");
        // tagged vip: M1 M2 M4
        assertThat(parts.get(0))
                .extracting(Explanation::input, Explanation::alone, Explanation::kept)
                .containsExactly(5L, 3L, 3L);
        // reachable by LINE: M1 M3 M4 alone; of M1 M2 M4 keeps M1 M4
        assertThat(parts.get(1))
                .extracting(Explanation::input, Explanation::alone, Explanation::kept)
                .containsExactly(3L, 3L, 2L);
        // bought: M1 M3 alone; of M1 M4 keeps M1
        assertThat(parts.get(2))
                .extracting(Explanation::input, Explanation::alone, Explanation::kept)
                .containsExactly(2L, 2L, 1L);
        assertThat(e.render()).contains("reachable by LINE").contains("kept 2 of 3");

        Explanation not = snap.explain(tagged("vip").not(), AS_OF);
        assertThat(not.alone()).isEqualTo(2);
        assertThat(not.children().get(0).alone()).isEqualTo(3);
    }

    @Test
    void overlapCountsPairs() {
        Snapshot snap = engine.snapshot();
        Overlap o = snap.overlap(
                List.of(
                        tagged("vip"),
                        reachableBy(ContactChannel.LINE),
                        orderCount(Window.allTime()).atLeast(1)),
                AS_OF);
        assertThat(o.size(0)).isEqualTo(3);
        assertThat(o.size(1)).isEqualTo(3);
        assertThat(o.size(2)).isEqualTo(2);
        assertThat(o.count(0, 1)).isEqualTo(2); // M1 M4
        assertThat(o.count(1, 0)).isEqualTo(2);
        assertThat(o.count(0, 2)).isEqualTo(1); // M1
        assertThat(o.count(1, 2)).isEqualTo(2); // M1 M3
        assertThatThrownBy(() -> o.count(0, 3)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void diffTellsWhoEnteredAndWhoLeft() {
        Snapshot snap = engine.snapshot();
        Condition recent = orderCount(Window.lastDays(30)).atLeast(1);
        MemberSet january = snap.evaluate(recent, Instant.parse("2026-01-20T00:00:00Z")); // M3
        MemberSet march = snap.evaluate(recent, AS_OF); // M1 (M2 refunded; M3 too long ago)
        MemberSet.Diff d = MemberSet.diff(january, march);
        assertThat(ids(d.entered())).containsExactly("M1");
        assertThat(ids(d.left())).containsExactly("M3");

        // across snapshots: members are matched by id
        crm.members().save(member("M0", true, false));
        Snapshot later = engine.snapshot();
        MemberSet vipsBefore = snap.evaluate(tagged("vip"), AS_OF);
        MemberSet vipsAfter = later.evaluate(tagged("vip"), AS_OF);
        MemberSet.Diff d2 = MemberSet.diff(vipsBefore, vipsAfter);
        assertThat(ids(d2.entered())).containsExactly("M0");
        assertThat(d2.left().isEmpty()).isTrue();
        assertThat(d2.entered().snapshot()).isSameAs(later);
    }

    @Test
    void setAlgebraStaysWithinOneSnapshot() {
        Snapshot snap = engine.snapshot();
        MemberSet vip = snap.evaluate(tagged("vip"), AS_OF);
        MemberSet line = snap.evaluate(reachableBy(ContactChannel.LINE), AS_OF);
        assertThat(ids(vip.and(line))).containsExactly("M1", "M4");
        assertThat(ids(vip.or(line))).containsExactly("M1", "M2", "M3", "M4");
        assertThat(ids(vip.andNot(line))).containsExactly("M2");
        assertThat(vip.and(line)).isEqualTo(line.and(vip));
        Snapshot other = engine.snapshot();
        assertThatThrownBy(() -> vip.and(other.evaluate(tagged("vip"), AS_OF)))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("another snapshot");
    }

    @Test
    void pagesWalkTheIdsInOrder() {
        Snapshot snap = engine.snapshot();
        MemberSet all = snap.all();
        assertThat(all.page(null, 2)).extracting(MemberId::value).containsExactly("M1", "M2");
        assertThat(all.page(MemberId.of("M2"), 2)).extracting(MemberId::value).containsExactly("M3", "M4");
        assertThat(all.page(MemberId.of("M4"), 2)).extracting(MemberId::value).containsExactly("M5");
        assertThat(all.page(MemberId.of("M5"), 2)).isEmpty();
        // an id that is not in the snapshot: the page starts after where it would be
        assertThat(all.page(MemberId.of("M25"), 10)).extracting(MemberId::value).containsExactly("M3", "M4", "M5");
        assertThatThrownBy(() -> all.page(null, 0)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void samplesAreReproducible() {
        Crm big = Crm.inMemory(
                BrandSettings.custom().zone(ZoneId.of("Asia/Taipei")).build());
        List<Member> ms = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            ms.add(Member.builder(MemberId.of(String.format("M%05d", i)), T0).build());
        }
        big.members().saveAll(ms);
        Snapshot snap = SegmentEngine.of(big, SegmentCatalog.empty()).snapshot();
        MemberSet all = snap.all();
        MemberSet a = all.sample(100, 7L);
        MemberSet b = all.sample(100, 7L);
        MemberSet c = all.sample(100, 8L);
        assertThat(a.count()).isEqualTo(100);
        assertThat(ids(a)).isEqualTo(ids(b));
        assertThat(ids(a)).isNotEqualTo(ids(c));
        assertThat(a.andNot(all).isEmpty()).isTrue();
        // spread over the whole set, not the first hundred
        assertThat(ids(a).get(99).compareTo("M01000")).isPositive();
        assertThat(all.sample(10_000, 1L)).isSameAs(all);
        assertThat(all.sample(0, 1L).isEmpty()).isTrue();
        // the same seed on a fresh snapshot of the same data gives the same ids
        Snapshot again = SegmentEngine.of(big, SegmentCatalog.empty()).snapshot();
        assertThat(ids(again.all().sample(100, 7L))).isEqualTo(ids(a));
    }

    @Test
    void customPredicatesAreAskedOnlyForTheMembersTheRestLeaves() {
        Snapshot snap = engine.snapshot();
        Condition c = allOf(Where.custom("counting", Map.of()), tagged("vip"), reachableBy(ContactChannel.LINE));
        assertThat(ids(snap.evaluate(c, AS_OF))).containsExactly("M1", "M4");
        assertThat(customCalls.get()).isEqualTo(2);
    }

    @Test
    void aMoneyBoundInAnotherCurrencyFailsWhereThePerMemberTestFails() {
        Snapshot snap = engine.snapshot();
        Condition usd = spend(Window.allTime()).atLeast(Money.of(10, Currency.getInstance("USD")));
        assertThatThrownBy(() -> snap.evaluate(usd, AS_OF)).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> engine.test(usd, MemberId.of("M1"), AS_OF))
                .isInstanceOf(CurrencyMismatchException.class);
        // no member reaches it: neither path fails
        Condition unreached = new Condition.And(List.of(tagged("nobody-has-this"), usd));
        assertThat(snap.evaluate(unreached, AS_OF).isEmpty()).isTrue();
        assertThat(engine.test(unreached, MemberId.of("M1"), AS_OF)).isFalse();
    }

    @Test
    void anUnknownSegmentFails() {
        Snapshot snap = engine.snapshot();
        assertThatThrownBy(() -> snap.evaluate(Where.inSegment(SegmentId.of("nope")), AS_OF))
                .isInstanceOf(SegmentationException.class)
                .hasMessageContaining("unknown segment nope");
    }

    @Test
    void anOrderInAnotherCurrencyThatCountsFailsLikeTheMemberView() {
        Currency usd = Currency.getInstance("USD");
        crm.orders()
                .upsertAll(List.of(
                        Order.builder(OrderId.of("O9"), MemberId.of("M5"), Instant.parse("2026-02-01T00:00:00Z"))
                                .line(OrderLine.of(ProductId.of("P1"), "Cup", Category.of("Home"), 1, Money.of(5, usd)))
                                .build()));
        Snapshot snap = engine.snapshot();
        assertThatThrownBy(() -> snap.evaluate(tagged("vip"), AS_OF))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessageContaining("O9");
        assertThatThrownBy(() -> crm.view(MemberId.of("M5"), AS_OF)).isInstanceOf(CurrencyMismatchException.class);
        // before it was placed, it is not seen
        assertThat(snap.count(tagged("vip"), Instant.parse("2026-01-15T00:00:00Z")))
                .isEqualTo(3);
    }

    @Test
    void aLocalDateThatGoesBackIsStillOnePurchaseDay() {
        // Juneau, 19 Oct 1867 00:31:13Z: from Russian to American time, the local date goes from the
        // 19th back to the 18th
        ZoneId juneau = ZoneId.of("America/Juneau");
        Crm alaska = Crm.inMemory(BrandSettings.custom().zone(juneau).build());
        Instant joined = Instant.parse("1867-01-01T00:00:00Z");
        alaska.members().save(Member.builder(MemberId.of("A1"), joined).build());
        alaska.orders()
                .upsertAll(List.of(
                        order("O1", "A1", "1867-10-19T00:00:00Z", 100), // local 19 Oct
                        order("O2", "A1", "1867-10-19T01:00:00Z", 100), // local 18 Oct
                        order("O3", "A1", "1867-10-19T10:00:00Z", 100))); // local 19 Oct
        SegmentEngine e = SegmentEngine.of(alaska, SegmentCatalog.empty());
        Snapshot snap = e.snapshot();
        Instant asOf = Instant.parse("1867-10-25T00:00:00Z");
        for (Condition c : List.of(
                Where.purchaseDays(Window.allTime()).exactly(2),
                Where.repurchaseCycleDays().between(0, 0),
                Where.purchaseDays(Window.lastDays(10)).exactly(2))) {
            assertThat(e.test(c, MemberId.of("A1"), asOf)).as("%s", c).isTrue();
            assertThat(snap.count(c, asOf)).as("%s", c).isEqualTo(1);
        }
    }

    @Test
    void footprintReportsSizes() {
        Snapshot snap = engine.snapshot();
        Snapshot.Footprint f = snap.footprint();
        assertThat(f.members()).isEqualTo(5);
        assertThat(f.orders()).isEqualTo(4);
        assertThat(f.lines()).isEqualTo(4);
        assertThat(f.orderBytesPerOrder()).isPositive();
        assertThat(f.orderAndLineBytesPerOrder()).isGreaterThan(f.orderBytesPerOrder());
        assertThat(snap.builtAt()).isNotNull();
        assertThat(LocalDate.ofInstant(snap.builtAt(), ZoneId.of("UTC"))).isNotNull();
    }

    @Test
    void orderColumnsTakeAtMost24BytesAnOrder() {
        Crm shop =
                Crm.inMemory(BrandSettings.custom().zone(SyntheticShop.TAIPEI).build());
        SyntheticShop.populate(shop, 5_000, 4.0, 2.0, AS_OF, 3L);
        Snapshot.Footprint f = Snapshot.of(shop, SegmentCatalog.empty()).footprint();
        assertThat(f.orders()).isGreaterThan(15_000);
        assertThat(f.orderBytesPerOrder()).isLessThanOrEqualTo(24.0);
    }
}
