package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.analytics.SalesReports;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.CrmException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.TimeRange;
import io.crmkit.segmentation.LifecycleModel;
import io.crmkit.segmentation.LifecycleStage;
import io.crmkit.segmentation.LifecycleTable;
import io.crmkit.segmentation.RandomShops;
import io.crmkit.segmentation.RfmModel;
import io.crmkit.segmentation.RfmScore;
import io.crmkit.segmentation.Snapshot;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * RFM (NTILE, QUANTILE, FIXED), lifecycle stages (ORDERLY, NAPL, NASLD) and the dashboard reports
 * computed by PostgreSQL equal the in-memory results (crm-segmentation's snapshot, crm-analytics'
 * SalesReports) on random shops, or both fail with the same exception class.
 */
class SqlAnalyticsMatchesMemoryTest {

    record Case(RandomShops.Shop shop, Instant asOf, RfmModel rfm, LifecycleModel lifecycle) {}

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<RfmModel> rfm = Combinators.combine(
                        Arbitraries.integers().between(2, 6),
                        RandomShops.windows(),
                        Arbitraries.of(RfmModel.Frequency.class),
                        Arbitraries.of(RfmModel.Monetary.class),
                        Arbitraries.of(RfmModel.Strategy.class))
                .as((k, w, f, m, s) -> {
                    RfmModel.Builder b = RfmModel.builder()
                            .scores(k)
                            .window(w)
                            .frequency(f)
                            .monetary(m)
                            .noSegments();
                    if (s == RfmModel.Strategy.FIXED) {
                        long[] r = new long[k - 1];
                        long[] fr = new long[k - 1];
                        List<Money> mo = new ArrayList<>();
                        for (int i = 0; i < k - 1; i++) {
                            r[i] = 30L * (i + 1) * (i + 1);
                            fr[i] = i + 2;
                            mo.add(Money.ofMinor(20_000L * (i + 1), RandomShops.TWD));
                        }
                        b.fixed(r, fr, mo);
                    } else {
                        b.strategy(s);
                    }
                    return b.build();
                });
        Arbitrary<LifecycleModel> lifecycle = Arbitraries.oneOf(
                Arbitraries.integers()
                        .between(1, 4)
                        .map(f -> LifecycleModel.orderly().lapseFactor(f * 0.75).build()),
                Arbitraries.of(30, 90, 365)
                        .map(d -> LifecycleModel.napl().window(Period.ofDays(d)).build()),
                Arbitraries.of(60, 180)
                        .map(d -> LifecycleModel.nasld()
                                .window(Period.ofDays(d))
                                .deepSleep(Period.ofDays(d * 3))
                                .build()));
        return RandomShops.shops().flatMap(shop -> {
            List<Instant> seen = shop.instants();
            Arbitrary<Instant> asOf = seen.isEmpty()
                    ? RandomShops.instants()
                    : Arbitraries.frequencyOf(
                            Tuple.of(2, Arbitraries.of(seen)),
                            Tuple.of(1, Arbitraries.of(seen).map(t -> t.plusSeconds(86_400L * 40))),
                            Tuple.of(1, RandomShops.instants()));
            return Combinators.combine(asOf, rfm, lifecycle).as((a, r, l) -> new Case(shop, a, r, l));
        });
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void postgresComputesWhatMemoryComputes(@ForAll("cases") Case c) {
        Crm memory = c.shop().build();
        BrandSettings brand = memory.settings();
        PostgresStores pg = Db.fresh("analytics");
        PushDownMatchesSnapshotTest.copy(memory, pg);
        Snapshot snapshot = Snapshot.of(memory, RandomShops.CATALOG);
        SqlAnalytics sql = SqlAnalytics.of(pg, brand);

        same(
                "rfm " + c.rfm(),
                () -> {
                    List<RfmScore> out = new ArrayList<>();
                    snapshot.rfm(c.rfm(), c.asOf()).forEach(out::add);
                    return out;
                },
                () -> sql.rfm(c.rfm(), c.asOf()));

        same(
                "lifecycle " + c.lifecycle(),
                () -> {
                    LifecycleTable t = snapshot.lifecycle(c.lifecycle(), c.asOf());
                    Map<MemberId, LifecycleStage> out = new LinkedHashMap<>();
                    try (var s = memory.members().stream()) {
                        s.forEach(m -> out.put(m.id(), t.stage(m.id()).orElseThrow()));
                    }
                    return List.of(out, t.medianCycleDays());
                },
                () -> {
                    SqlAnalytics.Lifecycle l = sql.lifecycle(c.lifecycle(), c.asOf());
                    return List.of(l.stages(), l.medianCycleDays());
                });

        SalesReports reports;
        try {
            reports = SalesReports.of(memory.orders(), brand, TimeRange.all());
        } catch (CrmException e) {
            reports = null;
        }
        SalesReports r = reports;
        same("monthly", () -> r == null ? fail() : r.monthlyCustomers(), () -> sql.monthlyCustomers(TimeRange.all()));
        same("categories", () -> r == null ? fail() : r.categoryRanking(), () -> sql.categoryRanking(TimeRange.all()));
        same(
                "histogram",
                () -> r == null ? fail() : r.orderTotalHistogram(),
                () -> sql.orderTotalHistogram(TimeRange.all()));
        same(
                "heatmap",
                () -> r == null ? fail() : heat(r.weekdayHourHeatmap()),
                () -> heat(sql.weekdayHourHeatmap(TimeRange.all())));
        Statistics.label("rfm").coverage(cov -> cov.check("value").percentage(p -> p >= 40));
        Statistics.label("monthly").coverage(cov -> cov.check("value").percentage(p -> p >= 40));
    }

    private static Object fail() {
        throw new io.crmkit.analytics.AnalyticsException("an order in another currency");
    }

    private static List<List<Long>> heat(SalesReports.Heatmap h) {
        List<List<Long>> out = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            for (int k = 0; k < 24; k++) {
                out.add(List.of(h.orders()[d][k], h.revenue()[d][k]));
            }
        }
        return out;
    }

    private static void same(String what, Supplier<Object> memory, Supplier<Object> sql) {
        Object expected = null;
        Class<?> expectedError = null;
        try {
            expected = memory.get();
        } catch (CrmException e) {
            expectedError = e.getClass();
        }
        Object actual = null;
        Class<?> actualError = null;
        String message = "";
        try {
            actual = sql.get();
        } catch (CrmException e) {
            actualError = e.getClass();
            message = e.getMessage();
        }
        assertThat(actualError).as("%s: error (%s)", what, message).isEqualTo(expectedError);
        assertThat(actual).as(what).isEqualTo(expected);
        Statistics.label(what.split(" ")[0])
                .collect(
                        expectedError != null
                                ? "error"
                                : expected instanceof java.util.Collection<?> col && col.isEmpty() ? "empty" : "value");
    }
}
