package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberStats;
import io.crmkit.core.Order;
import io.crmkit.core.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of tier evaluation on random programmes and random histories in zones with odd offsets
 * and daylight saving: more spend never lowers the tier; the history as of an instant is the
 * beginning of every later history; the input's order does not matter; without grace the tier
 * equals a closed formula computed independently from {@link MemberStats}; the bulk path agrees
 * with the per-member one.
 */
class TierPropertiesTest {
    static final String[] ZONES = {
        "Asia/Taipei", "America/New_York", "UTC", "Pacific/Auckland", "Asia/Kathmandu", "America/St_Johns"
    };

    static BrandSettings brand(Random r) {
        return BrandSettings.custom()
                .zone(ZoneId.of(ZONES[r.nextInt(ZONES.length)]))
                .build();
    }

    static int index(TierProgram p, TierStatus s) {
        return s.tier().map(t -> p.tiers().indexOf(t)).orElse(-1);
    }

    @Property(tries = 400)
    void addingAnOrderNeverLowersTheTier(@ForAll long seed) {
        Random r = new Random(seed);
        TierProgram p = TierRandom.program(r, TierRandom.TWD, true);
        BrandSettings brand = brand(r);
        List<Order> orders = TierRandom.orders(r, "M1", 12, brand.zone());
        Instant joined = TierRandom.instant(r, brand.zone());
        List<Order> more = new ArrayList<>(orders);
        more.add(TierRandom.order(r, "M1", "extra", brand.zone()));
        boolean higher = false;
        for (int i = 0; i < 6; i++) {
            Instant asOf = TierRandom.instant(r, brand.zone());
            int before = index(p, p.evaluate(orders, joined, asOf, brand));
            int after = index(p, p.evaluate(more, joined, asOf, brand));
            assertThat(after).as("as of %s", asOf).isGreaterThanOrEqualTo(before);
            higher |= after > before;
        }
        Statistics.collect(higher ? "raised" : "same");
    }

    @Property(tries = 300)
    void moreGraceNeverLowersTheTier(@ForAll long seed) {
        Random r = new Random(seed);
        TierProgram p = TierRandom.program(r, TierRandom.TWD, true);
        TierProgram more = TierProgram.from(p).grace(p.grace() + 1).build();
        BrandSettings brand = brand(r);
        List<Order> orders = TierRandom.orders(r, "M1", 12, brand.zone());
        Instant joined = TierRandom.instant(r, brand.zone());
        boolean higher = false;
        for (int i = 0; i < 5; i++) {
            Instant asOf = TierRandom.instant(r, brand.zone());
            int less = index(p, p.evaluate(orders, joined, asOf, brand));
            int moreGrace = index(more, more.evaluate(orders, joined, asOf, brand));
            assertThat(moreGrace).as("as of %s", asOf).isGreaterThanOrEqualTo(less);
            higher |= moreGrace > less;
        }
        Statistics.collect(higher ? "kept longer" : "same");
    }

    @Property(tries = 400)
    void historyAsOfAnInstantIsTheBeginningOfEveryLaterHistory(@ForAll long seed) {
        Random r = new Random(seed);
        TierProgram p = TierRandom.program(r, TierRandom.TWD, true);
        BrandSettings brand = brand(r);
        List<Order> orders = TierRandom.orders(r, "M1", 12, brand.zone());
        Instant joined = TierRandom.instant(r, brand.zone());
        Instant t1 = TierRandom.instant(r, brand.zone());
        Instant t2 = TierRandom.instant(r, brand.zone());
        if (t2.isBefore(t1)) {
            Instant x = t1;
            t1 = t2;
            t2 = x;
        }
        TierStatus early = p.evaluate(orders, joined, t1, brand);
        TierStatus late = p.evaluate(orders, joined, t2, brand);
        List<TierChange> prefix = new ArrayList<>();
        for (TierChange c : late.history()) {
            if (!c.at().isAfter(t1)) {
                prefix.add(c);
            }
        }
        assertThat(early.history()).isEqualTo(prefix);
        assertThat(late.history().subList(0, early.history().size())).isEqualTo(early.history());
        // the last change up to t1 says what the tier was at t1
        if (!prefix.isEmpty()) {
            TierChange last = prefix.get(prefix.size() - 1);
            assertThat(early.tierName()).isEqualTo(last.to());
        }
        Statistics.collect(late.history().size() > early.history().size() ? "grew" : "same");
    }

    @Property(tries = 300)
    void theOrderOfTheInputDoesNotMatter(@ForAll long seed) {
        Random r = new Random(seed);
        TierProgram p = TierRandom.program(r, TierRandom.TWD, true);
        BrandSettings brand = brand(r);
        List<Order> orders = TierRandom.orders(r, "M1", 12, brand.zone());
        Instant joined = TierRandom.instant(r, brand.zone());
        Instant asOf = TierRandom.instant(r, brand.zone());
        List<Order> shuffled = new ArrayList<>(orders);
        Collections.shuffle(shuffled, r);
        assertThat(p.evaluate(shuffled, joined, asOf, brand)).isEqualTo(p.evaluate(orders, joined, asOf, brand));
    }

    /**
     * Without grace, the tier at t is: the tier the member qualified for at the last review up to t
     * (measured as of the period's last instant), or at joining if there was none since, raised by
     * every order instant since then. Computed here from MemberStats and java.time directly.
     */
    @Property(tries = 500)
    void withoutGraceTheTierIsTheBestQualificationSinceTheLastReview(@ForAll long seed) {
        Random r = new Random(seed);
        TierProgram p = TierProgram.from(TierRandom.program(r, TierRandom.TWD, true))
                .grace(0)
                .build();
        BrandSettings brand = brand(r);
        List<Order> orders = TierRandom.orders(r, "M1", 15, brand.zone());
        Instant joined = TierRandom.instant(r, brand.zone());
        for (int i = 0; i < 4; i++) {
            Instant asOf = TierRandom.instant(r, brand.zone());
            TierStatus s = p.evaluate(orders, joined, asOf, brand);
            assertThat(index(p, s)).as("as of %s", asOf).isEqualTo(oracle(p, orders, joined, asOf, brand));
            Statistics.collect(s.tier().isPresent() ? "tier" : "none");
        }
    }

    static int oracle(TierProgram p, List<Order> orders, Instant joined, Instant t, BrandSettings brand) {
        if (t.isBefore(joined)) {
            return -1;
        }
        Instant lastReview = null;
        LocalDate d = periodStart(brand.dateOf(joined), p.period());
        while (true) {
            Instant start = d.atStartOfDay(brand.zone()).toInstant();
            if (start.isAfter(t)) {
                break;
            }
            if (start.isAfter(joined)) {
                lastReview = start;
            }
            d = d.plusMonths(months(p.period()));
        }
        Instant from = lastReview == null ? joined : lastReview;
        int best = lastReview == null
                ? qualified(p, orders, joined, brand)
                : qualified(p, orders, lastReview.minusNanos(1), brand);
        for (Order o : orders) {
            Instant at = o.placedAt();
            boolean after = lastReview == null ? at.isAfter(joined) : !at.isBefore(lastReview);
            if (after && !at.isAfter(t) && !at.isBefore(from)) {
                best = Math.max(best, qualified(p, orders, at, brand));
            }
        }
        return best;
    }

    static int qualified(TierProgram p, List<Order> orders, Instant s, BrandSettings brand) {
        TimeRange range = p.rollingDays().isPresent()
                ? Window.lastDays(p.rollingDays().getAsInt()).range(s, brand)
                : TimeRange.of(
                        periodStart(brand.dateOf(s), p.period())
                                .atStartOfDay(brand.zone())
                                .toInstant(),
                        s.plusNanos(1));
        MemberStats st = MemberStats.of(orders, range, s, brand);
        int best = -1;
        for (int k = 0; k < p.tiers().size(); k++) {
            Tier tier = p.tiers().get(k);
            boolean spend =
                    tier.minSpend().map(m -> !st.netSpend().isLessThan(m)).orElse(p.match() == TierProgram.Match.ALL);
            boolean count = tier.minOrders().isPresent()
                    ? st.orderCount() >= tier.minOrders().getAsInt()
                    : p.match() == TierProgram.Match.ALL;
            boolean met = tier.isBase() || (p.match() == TierProgram.Match.ALL ? spend && count : spend || count);
            if (met) {
                best = k;
            }
        }
        return best;
    }

    static LocalDate periodStart(LocalDate d, TierProgram.Period p) {
        switch (p) {
            case YEAR:
                return LocalDate.of(d.getYear(), 1, 1);
            case HALF_YEAR:
                return LocalDate.of(d.getYear(), d.getMonthValue() <= 6 ? 1 : 7, 1);
            case QUARTER:
                return LocalDate.of(d.getYear(), d.getMonth().firstMonthOfQuarter(), 1);
            default:
                return d.withDayOfMonth(1);
        }
    }

    static int months(TierProgram.Period p) {
        return p == TierProgram.Period.YEAR
                ? 12
                : p == TierProgram.Period.HALF_YEAR ? 6 : p == TierProgram.Period.QUARTER ? 3 : 1;
    }

    @Property(tries = 40)
    void evaluateAllAgreesWithEvaluatingEachMember(@ForAll long seed) {
        Random r = new Random(seed);
        TierProgram p = TierRandom.program(r, TierRandom.TWD, true);
        BrandSettings brand = brand(r);
        Crm crm = Crm.inMemory(brand);
        int members = 1 + r.nextInt(25);
        for (int i = 0; i < members; i++) {
            // ids out of insertion order, with a non-ASCII one, so that the table sorts and compares
            String id = i % 7 == 3 ? "會員-" + i : "M" + (members - i);
            crm.members()
                    .save(Member.builder(MemberId.of(id), TierRandom.instant(r, brand.zone()))
                            .build());
            crm.orders().upsertAll(TierRandom.orders(r, id, 8, brand.zone()));
        }
        Instant asOf = TierRandom.instant(r, brand.zone());
        Map<MemberId, TierStatus> seen = new HashMap<>();
        TierAssignments all = p.evaluateAll(crm, asOf, seen::put);

        long joined =
                crm.members().stream().filter(m -> !m.joinedAt().isAfter(asOf)).count();
        assertThat(all.memberCount()).isEqualTo(joined);
        assertThat(seen).hasSize((int) joined);
        long sum = all.countWithoutTier();
        for (long c : all.counts().values()) {
            sum += c;
        }
        assertThat(sum).isEqualTo(joined);
        crm.members().stream().forEach(m -> {
            TierStatus one = p.evaluate(crm, m.id(), asOf).orElseThrow();
            if (m.joinedAt().isAfter(asOf)) {
                assertThat(all.contains(m.id())).isFalse();
                assertThat(all.tierOf(m.id())).isEmpty();
            } else {
                assertThat(all.contains(m.id())).isTrue();
                assertThat(all.tierOf(m.id())).isEqualTo(one.tier());
                assertThat(seen.get(m.id())).isEqualTo(one);
                one.tier()
                        .ifPresentOrElse(
                                t -> assertThat(all.members(t.name())).contains(m.id()),
                                () -> assertThat(all.membersWithoutTier()).contains(m.id()));
            }
        });
        assertThat(all.contains(MemberId.of("nobody"))).isFalse();
        assertThat(all.nextReview()).isAfter(asOf);
    }
}
