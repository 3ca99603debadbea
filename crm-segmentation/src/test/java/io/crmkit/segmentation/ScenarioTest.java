package io.crmkit.segmentation;

import static io.crmkit.segmentation.Where.allOf;
import static io.crmkit.segmentation.Where.aov;
import static io.crmkit.segmentation.Where.bought;
import static io.crmkit.segmentation.Where.daysSinceLastPurchase;
import static io.crmkit.segmentation.Where.gender;
import static io.crmkit.segmentation.Where.inSegment;
import static io.crmkit.segmentation.Where.not;
import static io.crmkit.segmentation.Where.orderCount;
import static io.crmkit.segmentation.Where.reachableBy;
import static io.crmkit.segmentation.Where.repurchaseCycleDays;
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
import io.crmkit.core.Gender;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import io.crmkit.core.Tag;
import io.crmkit.segmentation.Condition.Item;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** DOMAIN.md's scenarios written as segments, answered member by member. */
class ScenarioTest {
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final BrandSettings BRAND = BrandSettings.ofDefaults();
    static final Currency TWD = BRAND.currency();
    static final Instant AS_OF = at(2026, 11, 1, 12);
    static final Category PADS = Category.of("個人護理 > 生理用品");
    static final Category COCOA = Category.of("食品 > 飲品 > 可可");

    final Crm crm = Crm.inMemory(BRAND);
    final SegmentEngine engine = SegmentEngine.of(crm, SegmentCatalog.empty());
    int orderSeq;

    static Instant at(int y, int m, int d, int h) {
        return LocalDateTime.of(y, m, d, h, 0).atZone(TAIPEI).toInstant();
    }

    Member member(String id, Gender g, LocalDate birthday) {
        return crm.members()
                .save(Member.builder(MemberId.of(id), at(2020, 1, 1, 10))
                        .gender(g)
                        .birthday(birthday)
                        .build());
    }

    void order(String member, Instant when, Category category, long major) {
        crm.orders()
                .upsertAll(List.of(Order.builder(OrderId.of("O" + (++orderSeq)), MemberId.of(member), when)
                        .line(OrderLine.of(
                                ProductId.of("P-" + category.top()), "thing", category, 1, Money.of(major, TWD)))
                        .build()));
    }

    Set<String> members(Condition c) {
        Set<String> out = new TreeSet<>();
        crm.members().stream().forEach(m -> {
            if (engine.test(c, m.id(), AS_OF)) {
                out.add(m.id().value());
            }
        });
        return out;
    }

    @Test
    void s2DoubleElevenFourGroups() {
        for (String id : List.of("A", "B", "C", "D", "E")) {
            member(id, Gender.FEMALE, LocalDate.of(1995, 3, 3));
        }
        Category misc = Category.of("雜貨");
        // A: bought on 11/11 (late evening Taipei time) and again since, big baskets
        order("A", at(2025, 11, 11, 23), misc, 3000);
        order("A", at(2026, 3, 1, 10), misc, 2500);
        // B: bought on 11/11 and again since, small baskets
        order("B", at(2025, 11, 11, 9), misc, 300);
        order("B", at(2026, 5, 5, 10), misc, 200);
        // C: bought on 11/11 only
        order("C", at(2025, 11, 11, 0), misc, 800);
        // D: never on 11/11, but bought at 00:30 on 11/12, and before
        order("D", at(2025, 11, 12, 0).plusSeconds(1800), misc, 500);
        order("D", at(2024, 1, 1, 10), misc, 500);
        // E: never bought

        Money brandAov = Money.of(1000, TWD);
        Window double11 = Window.between(LocalDate.of(2025, 11, 11), LocalDate.of(2025, 11, 12));
        Window since = Window.between(LocalDate.of(2025, 11, 12), LocalDate.of(2100, 1, 1));
        Condition boughtOn1111 = orderCount(double11).atLeast(1);
        Condition reboughtSince = orderCount(since).atLeast(1);
        Condition aboveAov = aov(Window.allTime()).atLeast(brandAov);

        assertThat(members(allOf(boughtOn1111, reboughtSince, aboveAov))).containsExactly("A");
        assertThat(members(allOf(boughtOn1111, reboughtSince, not(aboveAov)))).containsExactly("B");
        assertThat(members(allOf(boughtOn1111, not(reboughtSince)))).containsExactly("C");
        assertThat(members(allOf(not(boughtOn1111), orderCount(Window.allTime()).atLeast(1))))
                .containsExactly("D");
    }

    @Test
    void s3AndS6PadBuyersByBehaviourNotByDemographics() {
        // a father buying pads for his daughter every ~3 months
        member("dad", Gender.MALE, LocalDate.of(1975, 6, 1));
        // a woman 27 with the same rhythm who also buys cocoa
        member("mei", Gender.FEMALE, LocalDate.of(1999, 2, 1));
        // a woman 27 who bought pads once
        member("lin", Gender.FEMALE, LocalDate.of(1999, 8, 1));
        for (Instant t : List.of(at(2026, 1, 5, 20), at(2026, 4, 6, 20), at(2026, 7, 4, 20), at(2026, 10, 3, 20))) {
            order("dad", t, PADS, 259);
            order("mei", t, PADS, 259);
        }
        order("mei", at(2026, 7, 4, 21), COCOA, 180);
        order("lin", at(2026, 9, 1, 20), PADS, 259);

        Condition demographicGuess = allOf(gender(Gender.FEMALE), Where.age().between(25, 30));
        Condition padRhythm = allOf(
                bought(Item.category(PADS), Window.lastDays(365)).atLeast(2),
                repurchaseCycleDays().between(75, 105));
        assertThat(members(demographicGuess)).containsExactly("lin", "mei");
        assertThat(members(padRhythm)).containsExactly("dad", "mei");

        // S6: time the cross-sell: pad buyers on rhythm who bought cocoa before but not in the last 90 days
        Condition cocoaCrossSell = allOf(
                padRhythm,
                bought(Item.category(Category.of("食品 > 飲品")), Window.allTime()).atLeast(1),
                bought(Item.category(COCOA), Window.lastDays(90)).none());
        assertThat(members(cocoaCrossSell)).containsExactly("mei");
    }

    @Test
    void lapsedVipWithExclusionsAndSavedSegments() {
        Member vip = member("vip", Gender.FEMALE, LocalDate.of(1990, 1, 1));
        member("dnc", Gender.FEMALE, LocalDate.of(1990, 1, 1));
        member("recent", Gender.FEMALE, LocalDate.of(1990, 1, 1));
        for (String id : List.of("vip", "dnc", "recent")) {
            crm.members()
                    .update(
                            MemberId.of(id),
                            m -> m.toBuilder()
                                    .lineId("U-" + id)
                                    .consent(Consent.optIn(ContactChannel.LINE, at(2020, 1, 1, 10), "line-oa"))
                                    .build());
            order(id, at(2026, 2, 1, 10), Category.of("精品"), 12_000);
        }
        crm.members()
                .update(
                        MemberId.of("dnc"),
                        m -> m.toBuilder()
                                .tag(Tag.manual("do-not-contact", "agent:amy", at(2026, 3, 1, 10)))
                                .build());
        order("recent", at(2026, 10, 20, 10), Category.of("精品"), 100);

        Segment lapsedVip = new Segment(
                SegmentId.of("lapsed-vip"),
                "Lapsed VIPs",
                "spent NT$10,000 in a year, silent for 90 days",
                allOf(
                        spend(Window.lastDays(365)).atLeast(Money.of(10_000, TWD)),
                        daysSinceLastPurchase().moreThan(90),
                        not(tagged("do-not-contact")),
                        reachableBy(ContactChannel.LINE)));
        SegmentCatalog catalog = SegmentCatalog.builder().segment(lapsedVip).build();
        SegmentEngine withCatalog = SegmentEngine.of(crm, catalog);
        assertThat(withCatalog.test(inSegment(lapsedVip.id()), vip.id(), AS_OF)).isTrue();
        assertThat(withCatalog.test(inSegment(lapsedVip.id()), MemberId.of("dnc"), AS_OF))
                .isFalse();
        assertThat(withCatalog.test(inSegment(lapsedVip.id()), MemberId.of("recent"), AS_OF))
                .isFalse();
        assertThat(withCatalog.test(lapsedVip.condition(), vip.id(), at(2026, 4, 1, 10)))
                .as("not yet lapsed in April")
                .isFalse();

        assertThatThrownBy(() -> engine.test(inSegment(lapsedVip.id()), vip.id(), AS_OF))
                .isInstanceOf(SegmentationException.class)
                .hasMessageContaining("unknown segment lapsed-vip");
        assertThatThrownBy(() -> engine.test(
                        spend(Window.allTime()).atLeast(Money.of(1, Currency.getInstance("USD"))), vip.id(), AS_OF))
                .isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void catalogueRejectsUnknownReferencesAndCycles() {
        Segment a = Segment.of("a", "A", inSegment(SegmentId.of("b")));
        Segment b = Segment.of("b", "B", inSegment(SegmentId.of("c")).or(tagged("x")));
        Segment c = Segment.of("c", "C", inSegment(SegmentId.of("a")));
        assertThatThrownBy(() -> SegmentCatalog.builder().segment(a).build())
                .isInstanceOf(SegmentationException.class)
                .hasMessageContaining("unknown segment b (in segment a)");
        assertThatThrownBy(() -> SegmentCatalog.builder()
                        .segment(a)
                        .segment(b)
                        .segment(c)
                        .build())
                .isInstanceOf(SegmentationException.class)
                .hasMessageContaining("cycle: a -> b -> c -> a");
        assertThatThrownBy(() -> SegmentCatalog.builder()
                        .segment(Segment.of("d", "D", Where.custom("crm.nope", java.util.Map.of())))
                        .build())
                .hasMessageContaining("unknown custom predicate \"crm.nope\" (in segment d)");
    }

    @Test
    void dslSimplifiesIdentitiesAndDoubleNegation() {
        Condition t = tagged("x");
        assertThat(allOf(Where.all(), t)).isEqualTo(t);
        assertThat(allOf(Where.none(), t)).isEqualTo(Where.none());
        assertThat(Where.anyOf(Where.none(), t)).isEqualTo(t);
        assertThat(Where.anyOf(Where.all(), t)).isEqualTo(Where.all());
        assertThat(not(not(t))).isEqualTo(t);
        assertThat(allOf(allOf(t, tagged("y")), tagged("z")))
                .isEqualTo(new Condition.And(List.of(t, tagged("y"), tagged("z"))));
        List<Condition> empty = new ArrayList<>();
        assertThat(allOf(empty)).isEqualTo(Where.all());
        assertThat(daysSinceLastPurchase().moreThan(90))
                .isEqualTo(new Condition.Compare(
                        Measure.DAYS_SINCE_LAST_PURCHASE,
                        Window.allTime(),
                        Bound.atLeast(91),
                        java.util.Optional.empty()));
    }

    @Test
    void windowsAreCalendarDaysInTheBrandsZone() {
        Instant asOf = at(2026, 11, 1, 0).plusSeconds(60); // 00:01 on 1 Nov in Taipei
        var r = Window.lastDays(1).range(asOf, BRAND);
        assertThat(r.from()).isEqualTo(at(2026, 11, 1, 0));
        assertThat(r.contains(asOf)).isTrue();
        assertThat(r.contains(asOf.plusSeconds(1))).isFalse();
        var y = Window.lastDays(365).range(asOf, BRAND);
        assertThat(y.from()).isEqualTo(at(2025, 11, 2, 0));
        assertThatThrownBy(() -> Window.lastDays(0)).hasMessageContaining("window.lastDays");
        assertThatThrownBy(() -> Window.between(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 2)))
                .hasMessageContaining("must be after");
    }
}
