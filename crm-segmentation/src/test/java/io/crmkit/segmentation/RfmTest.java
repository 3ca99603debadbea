package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.Crm;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberStats;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** RFM models on small shops: values as MemberStats says, scores by the documented rules. */
class RfmTest {
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final BrandSettings BRAND = BrandSettings.custom().zone(TAIPEI).build();
    static final Instant AS_OF = LocalDate.of(2026, 1, 1).atStartOfDay(TAIPEI).toInstant();

    /** An order of {@code amount} NT$ placed {@code daysAgo} days before the as-of date, at noon. */
    record Buy(int member, int daysAgo, long amount) {}

    static Crm shop(int members, List<Buy> buys, long seed) {
        Crm crm = Crm.inMemory(BRAND);
        List<Member> ms = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            ms.add(Member.builder(id(i), Instant.parse("2020-01-01T00:00:00Z")).build());
        }
        Collections.shuffle(ms, new Random(seed));
        crm.members().saveAll(ms);
        List<Order> os = new ArrayList<>();
        for (int i = 0; i < buys.size(); i++) {
            Buy b = buys.get(i);
            Instant at = LocalDate.of(2026, 1, 1)
                    .minusDays(b.daysAgo())
                    .atTime(12, 0)
                    .atZone(TAIPEI)
                    .toInstant();
            os.add(Order.builder(OrderId.of(String.format("O%05d", i)), id(b.member()), at)
                    .line(OrderLine.of(
                            ProductId.of("P"), "p", Category.of("C"), 1, Money.of(b.amount(), BRAND.currency())))
                    .build());
        }
        Collections.shuffle(os, new Random(seed + 1));
        crm.orders().upsertAll(os);
        return crm;
    }

    static MemberId id(int i) {
        return MemberId.of(String.format("M%04d", i));
    }

    static RfmTable rfm(Crm crm, RfmModel model) {
        return Snapshot.of(crm, SegmentCatalog.empty()).rfm(model, AS_OF);
    }

    @Provide
    Arbitrary<List<Buy>> buys() {
        Arbitrary<Buy> buy = Combinators.combine(
                        Arbitraries.integers().between(0, 29),
                        Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 5)),
                                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(-3, 800))),
                        Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(3, Arbitraries.of(100L, 200L)),
                                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, 50_000))))
                .as(Buy::new);
        return buy.list().ofMaxSize(120);
    }

    @Provide
    Arbitrary<RfmModel> models() {
        return Combinators.combine(
                        Arbitraries.of(RfmModel.Strategy.NTILE, RfmModel.Strategy.QUANTILE),
                        Arbitraries.of(RfmModel.Frequency.values()),
                        Arbitraries.of(RfmModel.Monetary.values()),
                        Arbitraries.of(Window.allTime(), Window.lastDays(1), Window.lastDays(30), Window.lastDays(365)))
                .as((s, f, m, w) -> RfmModel.builder()
                        .strategy(s)
                        .frequency(f)
                        .monetary(m)
                        .window(w)
                        .build());
    }

    /** The values come from MemberStats (the one definition), and NTILE follows the SQL definition. */
    @Property(tries = 60)
    void valuesAreMemberStatsAndNtileIsSql(@ForAll("buys") List<Buy> buys, @ForAll("models") RfmModel model) {
        Crm crm = shop(30, buys, 1);
        RfmTable table = rfm(crm, model);
        List<Object[]> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            MemberStats s = MemberStats.of(
                    crm.orders().findByMember(id(i)), model.window().range(AS_OF, BRAND), AS_OF, BRAND);
            if (s.orderCount() == 0) {
                assertThat(table.score(id(i))).isEmpty();
                continue;
            }
            long f = model.frequency() == RfmModel.Frequency.ORDERS ? s.orderCount() : s.purchaseDays();
            long m = model.monetary() == RfmModel.Monetary.TOTAL
                    ? s.netSpend().minorUnits()
                    : s.aov().orElseThrow().minorUnits();
            long r = s.daysSinceLastPurchase().orElseThrow();
            RfmScore got = table.score(id(i)).orElseThrow();
            assertThat(got.recencyDays()).isEqualTo(r);
            assertThat(got.frequency()).isEqualTo(f);
            assertThat(got.monetary().minorUnits()).isEqualTo(m);
            expected.add(new Object[] {id(i), r, f, m});
        }
        assertThat(table.scored()).isEqualTo(expected.size());
        if (model.strategy() == RfmModel.Strategy.NTILE) {
            checkNtile(table, expected, 1, true, RfmScore::r);
            checkNtile(table, expected, 2, false, RfmScore::f);
            checkNtile(table, expected, 3, false, RfmScore::m);
        }
    }

    private static void checkNtile(
            RfmTable table,
            List<Object[]> rows,
            int column,
            boolean descending,
            java.util.function.ToIntFunction<RfmScore> score) {
        List<Object[]> sorted = new ArrayList<>(rows);
        Comparator<Object[]> byValue = Comparator.comparingLong(a -> (Long) a[column]);
        if (descending) {
            byValue = byValue.reversed();
        }
        sorted.sort(byValue.thenComparing(a -> (MemberId) a[0]));
        int n = sorted.size();
        int k = 5;
        int q = n / k;
        int rem = n % k;
        for (int p = 0; p < n; p++) {
            int group = p < rem * (q + 1) ? p / (q + 1) : rem + (p - rem * (q + 1)) / q;
            MemberId id = (MemberId) sorted.get(p)[0];
            assertThat(score.applyAsInt(table.score(id).orElseThrow()))
                    .as("%s at %d of %d", id, p, n)
                    .isEqualTo(group + 1);
        }
    }

    @Property(tries = 30)
    void theResultDoesNotDependOnTheOrderOfWrites(@ForAll("buys") List<Buy> buys, @ForAll("models") RfmModel model) {
        RfmTable a = rfm(shop(30, buys, 1), model);
        RfmTable b = rfm(shop(30, buys, 99), model);
        assertThat(rows(b)).isEqualTo(rows(a));
        assertThat(b.grid()).isEqualTo(a.grid());
    }

    static List<RfmScore> rows(RfmTable t) {
        List<RfmScore> out = new ArrayList<>();
        t.forEach(out::add);
        return out;
    }

    @Property(tries = 40)
    void moreSpendNeverLowersMAndABuyTodayNeverLowersR(
            @ForAll("buys") List<Buy> buys, @ForAll("models") RfmModel model) {
        if (buys.isEmpty()) {
            return;
        }
        Buy first = buys.get(0);
        RfmTable before = rfm(shop(30, buys, 1), model);
        List<Buy> richer = new ArrayList<>(buys);
        richer.set(0, new Buy(first.member(), first.daysAgo(), first.amount() + 10_000));
        RfmTable after = rfm(shop(30, richer, 1), model);
        before.score(id(first.member()))
                .ifPresent(s -> assertThat(
                                after.score(id(first.member())).orElseThrow().m())
                        .isGreaterThanOrEqualTo(s.m()));

        List<Buy> today = new ArrayList<>(buys);
        today.set(0, new Buy(first.member(), 1, first.amount())); // yesterday noon: the most recent that counts
        RfmTable recent = rfm(shop(30, today, 1), model);
        before.score(id(first.member()))
                .ifPresent(s -> assertThat(
                                recent.score(id(first.member())).orElseThrow().r())
                        .isGreaterThanOrEqualTo(s.r()));
    }

    @Test
    void fixedThresholdsScoreByTheBrandsRules() {
        List<Buy> buys = List.of(
                new Buy(0, 10, 100), // recent, 1 order, NT$100
                new Buy(1, 60, 600),
                new Buy(1, 61, 600), // 2 orders, NT$1,200, 60 days
                new Buy(2, 400, 50_000)); // long ago, big
        RfmModel model = RfmModel.builder()
                .fixed(
                        new long[] {30, 90, 180, 365},
                        new long[] {2, 3, 5, 10},
                        List.of(
                                Money.of(500, BRAND.currency()),
                                Money.of(1_000, BRAND.currency()),
                                Money.of(5_000, BRAND.currency()),
                                Money.of(10_000, BRAND.currency())))
                .build();
        RfmTable t = rfm(shop(4, buys, 1), model);
        assertThat(t.score(id(0)).orElseThrow().triple()).isEqualTo("511");
        assertThat(t.score(id(1)).orElseThrow().triple()).isEqualTo("423");
        assertThat(t.score(id(2)).orElseThrow().triple()).isEqualTo("115");
        assertThat(t.score(id(3))).isEmpty();
        assertThat(t.unscored()).isEqualTo(1);
        assertThat(t.score(id(1)).orElseThrow().code()).isEqualTo(423);
        assertThat(t.score(id(1)).orElseThrow().sum()).isEqualTo(9);
    }

    @Test
    void quantileGivesEqualValuesOneScore() {
        List<Buy> buys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            buys.add(new Buy(i, 5, i < 6 ? 100 : 100 * i)); // six members spent NT$100
        }
        RfmTable t = rfm(
                shop(10, buys, 1),
                RfmModel.builder().strategy(RfmModel.Strategy.QUANTILE).build());
        for (int i = 0; i < 6; i++) {
            assertThat(t.score(id(i)).orElseThrow().m()).isEqualTo(1);
        }
        // quantiles of {100×6, 600, 700, 800, 900}: positions 1, 3, 5, 7 → 100, 100, 100, 700
        assertThat(t.score(id(6)).orElseThrow().m()).isEqualTo(4);
        assertThat(t.score(id(7)).orElseThrow().m()).isEqualTo(4);
        assertThat(t.score(id(8)).orElseThrow().m()).isEqualTo(5);
        assertThat(t.score(id(9)).orElseThrow().m()).isEqualTo(5);
    }

    @Test
    void everyScoreHasExactlyOneDefaultSegment() {
        RfmModel model = RfmModel.ofDefaults();
        Map<String, Integer> cells = new HashMap<>();
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    String s = model.segmentOf(r, f, m).orElseThrow(() -> new AssertionError("no segment"));
                    cells.merge(s, 1, Integer::sum);
                }
            }
        }
        assertThat(cells.keySet())
                .containsExactlyInAnyOrder(
                        "Champions",
                        "Loyal",
                        "Potential Loyalist",
                        "New",
                        "Promising",
                        "Need Attention",
                        "About To Sleep",
                        "Can't Lose",
                        "At Risk",
                        "Hibernating",
                        "Lost");
        assertThat(model.segmentOf(5, 5, 5)).contains("Champions");
        assertThat(model.segmentOf(5, 1, 1)).contains("New");
        assertThat(model.segmentOf(1, 5, 5)).contains("Can't Lose");
        assertThat(model.segmentOf(1, 1, 1)).contains("Lost");
    }

    @Test
    void segmentMembersAndCountsAgree() {
        List<Buy> buys = new ArrayList<>();
        Random rnd = new Random(7);
        for (int i = 0; i < 400; i++) {
            buys.add(new Buy(rnd.nextInt(100), rnd.nextInt(700), 100 + rnd.nextInt(5_000)));
        }
        RfmTable t = rfm(shop(120, buys, 3), RfmModel.ofDefaults());
        long total = 0;
        for (Map.Entry<String, Long> e : t.segmentCounts().entrySet()) {
            assertThat(t.members(e.getKey()).count()).isEqualTo(e.getValue());
            total += e.getValue();
        }
        assertThat(total).isEqualTo(t.scored());
        assertThat(Stream.of(t.grid()).flatMapToLong(java.util.Arrays::stream).sum())
                .isEqualTo(t.scored());
        assertThat(t.members(5, 5, 1, 5, 1, 5).count())
                .isEqualTo(rows(t).stream().filter(s -> s.r() == 5).count());
        assertThatThrownBy(() -> t.members("Nobody"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"Nobody\" is not a segment");
    }

    @Test
    void buildDoesNotChangeTheBuilder() {
        RfmModel.Builder b = RfmModel.builder()
                .fixed(
                        new long[] {30, 90, 180, 365},
                        new long[] {2, 3, 5, 10},
                        List.of(
                                Money.of(1, BRAND.currency()),
                                Money.of(2, BRAND.currency()),
                                Money.of(3, BRAND.currency()),
                                Money.of(4, BRAND.currency())));
        assertThat(b.strategy(RfmModel.Strategy.NTILE).build().recencyThresholds())
                .isEmpty();
        assertThat(b.strategy(RfmModel.Strategy.FIXED).build().recencyThresholds())
                .containsExactly(30, 90, 180, 365);
    }

    @Test
    void badSettingsFailAtBuild() {
        assertThatThrownBy(() -> RfmModel.builder().scores(1).build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("rfm.scores")
                .hasMessageContaining("2..9");
        assertThatThrownBy(() -> RfmModel.builder().scores(4).build())
                .hasMessageContaining("default segments are for 5 scores");
        assertThat(RfmModel.builder().scores(4).noSegments().build().scores()).isEqualTo(4);
        assertThatThrownBy(() -> RfmModel.builder()
                        .fixed(
                                new long[] {30, 90, 90, 365},
                                new long[] {2, 3, 5, 10},
                                List.of(
                                        Money.of(1, BRAND.currency()),
                                        Money.of(2, BRAND.currency()),
                                        Money.of(3, BRAND.currency()),
                                        Money.of(4, BRAND.currency())))
                        .build())
                .hasMessageContaining("rfm.thresholds.recencyDays[2]")
                .hasMessageContaining("strictly ascending");
        assertThatThrownBy(() -> RfmModel.builder()
                        .fixed(new long[] {30, 90, 180}, new long[] {2, 3, 5, 10}, List.of())
                        .build())
                .hasMessageContaining("needs 4 thresholds for 5 scores, had 3");
        assertThatThrownBy(() -> RfmModel.builder()
                        .scores(3)
                        .segments(List.of(RfmSegmentRule.named("Top").r(4, 5)))
                        .build())
                .hasMessageContaining("can never match");
        assertThatThrownBy(() -> RfmModel.builder()
                        .segments(List.of(RfmSegmentRule.named("A"), RfmSegmentRule.named("A")))
                        .build())
                .hasMessageContaining("two rules are named \"A\"");
        assertThatThrownBy(() -> RfmSegmentRule.named("X").fm(1.2, 3)).hasMessageContaining("multiples of 0.5");
    }

    @Test
    void thresholdsInAnotherCurrencyFailWhenRun() {
        RfmModel usd = RfmModel.builder()
                .fixed(
                        new long[] {30, 90, 180, 365},
                        new long[] {2, 3, 5, 10},
                        List.of(
                                Money.of(1, java.util.Currency.getInstance("USD")),
                                Money.of(2, java.util.Currency.getInstance("USD")),
                                Money.of(3, java.util.Currency.getInstance("USD")),
                                Money.of(4, java.util.Currency.getInstance("USD"))))
                .build();
        assertThatThrownBy(() -> rfm(shop(2, List.of(new Buy(0, 1, 100)), 1), usd))
                .isInstanceOf(CurrencyMismatchException.class);
    }
}
