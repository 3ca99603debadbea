package io.crmkit.segmentation;

import static io.crmkit.segmentation.Where.allOf;
import static io.crmkit.segmentation.Where.aov;
import static io.crmkit.segmentation.Where.not;
import static io.crmkit.segmentation.Where.orderCount;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberStats;
import io.crmkit.core.MemberView;
import io.crmkit.core.Money;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md S2, the Double-11 split, on a synthetic shop of 30,000 members: (1) bought on last
 * year's 11/11 and re-bought since, with an average order value above the brand's; (2) the same
 * but not above it; (3) bought on last 11/11 and never since; (4) did not buy on last 11/11 but
 * has bought. Computed in bulk and member by member; both give the same four lists.
 */
class DoubleElevenScenarioTest {
    static final Instant AS_OF = Instant.parse("2026-11-01T04:00:00Z");
    static final LocalDate LAST_D11 = LocalDate.of(2025, 11, 11);

    static Crm crm;
    static SegmentEngine engine;
    static Snapshot snapshot;
    static List<Condition> groups;

    @BeforeAll
    static void shop() {
        crm = Crm.inMemory(BrandSettings.custom().zone(SyntheticShop.TAIPEI).build());
        SyntheticShop.populate(crm, 30_000, 3.0, 4.0, AS_OF, 11L);
        engine = SegmentEngine.of(crm, SegmentCatalog.empty());
        snapshot = engine.snapshot();

        // the brand's average order value as of the as-of instant, from MemberStats (the oracle)
        long net = 0;
        long count = 0;
        for (MemberId id : ids()) {
            MemberStats s = MemberStats.of(crm.orders().findByMember(id), AS_OF, crm.settings());
            net += s.netSpend().minorUnits();
            count += s.orderCount();
        }
        brandAov = Money.ofMinor(net, SyntheticShop.TWD).dividedBy(count, RoundingMode.HALF_EVEN);
        groups = CampaignCohorts.split(LAST_D11, LAST_D11.plusDays(1), brandAov).stream()
                .map(CampaignCohorts.Cohort::condition)
                .toList();
    }

    static Money brandAov;

    @Test
    void theSnapshotsBrandAovIsMemberStatsOverAllMembers() {
        assertThat(snapshot.averageOrderValue(Window.allTime(), AS_OF)).contains(brandAov);
    }

    @Test
    void theCohortsAreTheHandWrittenConditionsOfS2() {
        Window d11 = Window.between(LAST_D11, LAST_D11.plusDays(1));
        Window since = Window.between(
                LAST_D11.plusDays(1), crm.settings().dateOf(AS_OF).plusDays(1));
        Condition boughtOnD11 = orderCount(d11).atLeast(1);
        Condition boughtSince = orderCount(since).atLeast(1);
        Condition aboveAov = aov(Window.allTime()).atLeast(brandAov.plus(Money.ofMinor(1, SyntheticShop.TWD)));
        List<Condition> handWritten = List.of(
                allOf(boughtOnD11, boughtSince, aboveAov),
                allOf(boughtOnD11, boughtSince, not(aboveAov)),
                allOf(boughtOnD11, not(boughtSince)),
                allOf(not(boughtOnD11), orderCount(Window.allTime()).atLeast(1)));
        for (int g = 0; g < 4; g++) {
            assertThat(snapshot.evaluate(groups.get(g), AS_OF).stream().toList())
                    .as("group %d", g + 1)
                    .isEqualTo(snapshot.evaluate(handWritten.get(g), AS_OF).stream()
                            .toList());
        }
    }

    static List<MemberId> ids() {
        try (Stream<Member> s = crm.members().stream()) {
            return s.map(Member::id).toList();
        }
    }

    @Test
    void bulkAndPerMemberGiveTheSameFourGroups() {
        List<List<MemberId>> perMember = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            perMember.add(new ArrayList<>());
        }
        for (MemberId id : ids()) {
            MemberView view = crm.view(id, AS_OF).orElseThrow();
            for (int g = 0; g < groups.size(); g++) {
                if (engine.test(groups.get(g), view)) {
                    perMember.get(g).add(id);
                }
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            MemberSet bulk = snapshot.evaluate(groups.get(g), AS_OF);
            assertThat(bulk.stream().toList()).as("group %d", g + 1).isEqualTo(perMember.get(g));
            assertThat(bulk.count()).as("group %d is not empty", g + 1).isPositive();
        }
    }

    @Test
    void theGroupsSplitTheBuyersWithoutOverlap() {
        Overlap o = snapshot.overlap(groups, AS_OF);
        long sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += o.size(i);
            for (int j = 0; j < 4; j++) {
                if (i != j) {
                    assertThat(o.count(i, j))
                            .as("groups %d and %d", i + 1, j + 1)
                            .isZero();
                }
            }
        }
        long buyers = snapshot.count(orderCount(Window.allTime()).atLeast(1), AS_OF);
        assertThat(sum).isEqualTo(buyers);
    }

    @Test
    void aRepeatedCountReadsTheCachedColumns() {
        long first = snapshot.count(groups.get(0), AS_OF);
        long cached = snapshot.footprint().cacheBytes();
        assertThat(cached).isPositive();
        assertThat(snapshot.count(groups.get(0), AS_OF)).isEqualTo(first);
        assertThat(snapshot.footprint().cacheBytes()).isEqualTo(cached);
    }

    @Test
    void largeScansOnSeveralThreadsAgreeWithThePerMemberTest() {
        Window year = Window.lastDays(365);
        List<Condition> conditions = List.of(
                Where.usedCoupon("D11", Window.allTime()).atLeast(1),
                Where.spentOn(Condition.Item.category(io.crmkit.core.Category.of("Home > Kitchen")), year)
                        .atLeast(Money.of(500, SyntheticShop.TWD)),
                Where.opened(io.crmkit.core.CampaignId.of("c3"), year).atLeast(1),
                Where.pickedUpAt(io.crmkit.core.StoreId.of("711-42"), Window.allTime())
                        .none(),
                Where.custom("x", java.util.Map.of()).not().or(Where.tagged("vip")),
                // few candidates: the order measure is computed for them alone, not cached
                allOf(Where.tagged("vip"), aov(Window.lastDays(200)).atLeast(Money.of(800, SyntheticShop.TWD))));
        SegmentCatalog catalog = SegmentCatalog.builder()
                .predicate(new io.crmkit.segmentation.spi.CustomPredicate() {
                    @Override
                    public String name() {
                        return "x";
                    }

                    @Override
                    public boolean test(MemberView member, java.util.Map<String, String> params, Instant asOf) {
                        return member.orders().size() % 2 == 0;
                    }
                })
                .build();
        SegmentEngine withCustom = SegmentEngine.of(crm, catalog);
        Snapshot s = Snapshot.of(crm, catalog);
        List<List<MemberId>> expected = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            expected.add(new ArrayList<>());
        }
        for (MemberId id : ids()) {
            MemberView view = crm.view(id, AS_OF).orElseThrow();
            for (int i = 0; i < conditions.size(); i++) {
                if (withCustom.test(conditions.get(i), view)) {
                    expected.get(i).add(id);
                }
            }
        }
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            List<MemberId> got = s.evaluate(c, AS_OF).stream().toList();
            assertThat(got).as("%s", c).isEqualTo(expected.get(i));
            assertThat(got).as("%s keeps someone", c).isNotEmpty();
        }
    }
}
