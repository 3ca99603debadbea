package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.Crm;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every report against DuckDB SQL on the same generated shop: the orders go into crmkit's in-memory
 * store and, with their local date-time as text (java.time), into DuckDB, whose own date functions
 * then do the bucketing.
 */
class SalesReportsTest {
    static BrandSettings brand;
    static SalesReports reports;
    static Connection db;

    @BeforeAll
    static void load() throws SQLException {
        GeneratorConfig config = GeneratorConfig.custom()
                .members(3_000)
                .seed(11)
                .interactions(false)
                .build();
        brand = config.brand();
        Crm crm = Crm.inMemory(brand);
        db = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE o (order_id VARCHAR, member_id VARCHAR, placed BIGINT, placed_nanos INTEGER,"
                    + " local_text VARCHAR, total BIGINT)");
            st.execute(
                    "CREATE TABLE l (order_id VARCHAR, product_id VARCHAR, top VARCHAR, net BIGINT, cost BIGINT, qty INTEGER)");
        }
        Iterator<GeneratedMember> it = ShopGenerator.of(config).members().iterator();
        try (DuckDBAppender ao = ((DuckDBConnection) db).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "o");
                DuckDBAppender al = ((DuckDBConnection) db).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "l")) {
            while (it.hasNext()) {
                GeneratedMember m = it.next();
                crm.orders().upsertAll(m.orders());
                for (Order o : m.orders()) {
                    if (o.isCancelled()) {
                        continue;
                    }
                    ao.beginRow();
                    ao.append(o.id().value());
                    ao.append(o.memberId().value());
                    ao.append(o.placedAt().getEpochSecond());
                    ao.append(o.placedAt().getNano());
                    ao.append(LocalDateTime.ofInstant(o.placedAt(), brand.zone())
                            .withNano(0)
                            .toString()
                            .replace('T', ' '));
                    ao.append(o.total().minorUnits());
                    ao.endRow();
                    for (OrderLine line : o.lines()) {
                        al.beginRow();
                        al.append(o.id().value());
                        al.append(line.productId().value());
                        al.append(line.category().top());
                        al.append(line.netAmount().minorUnits());
                        if (line.totalCost().isPresent()) {
                            al.append(line.totalCost().get().minorUnits());
                        } else {
                            al.appendNull();
                        }
                        al.append(line.quantity());
                        al.endRow();
                    }
                }
            }
        }
        try (Statement st = db.createStatement()) {
            st.execute("CREATE VIEW ov AS SELECT *, CAST(local_text AS TIMESTAMP) AS ts,"
                    + " row_number() OVER (PARTITION BY member_id ORDER BY placed, placed_nanos, order_id) = 1 AS is_first"
                    + " FROM o");
            st.execute(
                    "CREATE VIEW firsts AS SELECT member_id, date_trunc('month', ts) AS first_month FROM ov WHERE is_first");
        }
        reports = SalesReports.of(crm.orders(), brand);
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    private static List<long[]> query(String sql, int columns) throws SQLException {
        List<long[]> rows = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                long[] r = new long[columns];
                for (int i = 0; i < columns; i++) {
                    r[i] = rs.getLong(i + 1);
                }
                rows.add(r);
            }
        }
        return rows;
    }

    @Test
    void sizes() throws SQLException {
        assertThat(reports.orders()).isPositive();
        assertThat((long) reports.orders())
                .isEqualTo(query("SELECT count(*) FROM o", 1).get(0)[0]);
        assertThat((long) reports.customers())
                .isEqualTo(query("SELECT count(DISTINCT member_id) FROM o", 1).get(0)[0]);
    }

    @Test
    void monthlyNewVsReturningMatchesSql() throws SQLException {
        List<long[]> sql = query(
                "SELECT year(ov.ts) * 12 + month(ov.ts) - 1 AS m,"
                        + " count(DISTINCT CASE WHEN f.first_month = date_trunc('month', ov.ts) THEN ov.member_id END),"
                        + " count(DISTINCT CASE WHEN f.first_month < date_trunc('month', ov.ts) THEN ov.member_id END),"
                        + " coalesce(sum(CASE WHEN f.first_month = date_trunc('month', ov.ts) THEN total END), 0),"
                        + " coalesce(sum(CASE WHEN f.first_month < date_trunc('month', ov.ts) THEN total END), 0), count(*)"
                        + " FROM ov JOIN firsts f USING (member_id) GROUP BY 1 ORDER BY 1",
                6);
        List<SalesReports.MonthlyCustomers> ours = reports.monthlyCustomers();
        assertThat(ours).hasSize(sql.size()).hasSizeGreaterThan(12);
        for (int i = 0; i < ours.size(); i++) {
            SalesReports.MonthlyCustomers m = ours.get(i);
            long[] s = sql.get(i);
            assertThat(m.month()).isEqualTo(YearMonth.of((int) (s[0] / 12), (int) (s[0] % 12) + 1));
            assertThat(new long[] {
                        m.newCustomers(),
                        m.returningCustomers(),
                        m.newRevenue().minorUnits(),
                        m.returningRevenue().minorUnits(),
                        m.orders()
                    })
                    .as("month %s", m.month())
                    .containsExactly(s[1], s[2], s[3], s[4], s[5]);
        }
    }

    @Test
    void histogramBinsAreReadableAndCountLikeSql() throws SQLException {
        List<SalesReports.Bin> bins = reports.orderTotalHistogram();
        long[] minMax = query("SELECT min(total), max(total) FROM o", 2).get(0);
        assertThat(bins.get(0).from().minorUnits()).isLessThanOrEqualTo(minMax[0]);
        assertThat(bins.get(bins.size() - 1).to().minorUnits()).isGreaterThan(minMax[1]);
        long orders = 0;
        for (int i = 0; i < bins.size(); i++) {
            SalesReports.Bin b = bins.get(i);
            if (i > 0) {
                assertThat(b.from()).isEqualTo(bins.get(i - 1).to());
            }
            long major = b.to().minorUnits() / 100;
            // 1-2-5 edges: 1, 2 or 5 followed by zeros
            assertThat(String.valueOf(major)).matches("[125]0*");
            long[] s = query(
                            "SELECT count(*), coalesce(sum(total), 0) FROM o WHERE total >= "
                                    + b.from().minorUnits() + " AND total < " + b.to().minorUnits(),
                            2)
                    .get(0);
            assertThat(new long[] {b.orders(), b.revenue().minorUnits()}).containsExactly(s[0], s[1]);
            orders += b.orders();
        }
        assertThat(orders).isEqualTo(reports.orders());
        assertThat(bins.size()).isBetween(3, 30);
    }

    @Test
    void weekdayHourHeatmapMatchesSql() throws SQLException {
        SalesReports.Heatmap h = reports.weekdayHourHeatmap();
        List<long[]> sql = query("SELECT isodow(ts), hour(ts), count(*), sum(total) FROM ov GROUP BY 1, 2", 4);
        long cells = 0;
        for (long[] s : sql) {
            DayOfWeek d = DayOfWeek.of((int) s[0]);
            assertThat(h.count(d, (int) s[1])).as("%s %d:00", d, s[1]).isEqualTo(s[2]);
            assertThat(h.revenue()[(int) s[0] - 1][(int) s[1]]).isEqualTo(s[3]);
            cells += s[2];
        }
        assertThat(cells).isEqualTo(reports.orders());
    }

    @Test
    void repurchaseIntervalsMatchSql() throws SQLException {
        List<long[]> sql = query(
                "WITH d AS (SELECT DISTINCT member_id, CAST(ts AS DATE) AS day FROM ov),"
                        + " g AS (SELECT day - lag(day) OVER (PARTITION BY member_id ORDER BY day) AS gap FROM d)"
                        + " SELECT CASE WHEN gap <= 7 THEN 0 WHEN gap <= 14 THEN 1 WHEN gap <= 30 THEN 2 WHEN gap <= 60 THEN 3"
                        + " WHEN gap <= 90 THEN 4 WHEN gap <= 180 THEN 5 WHEN gap <= 365 THEN 6 ELSE 7 END AS bin, count(*)"
                        + " FROM g WHERE gap IS NOT NULL GROUP BY 1 ORDER BY 1",
                2);
        Map<Long, Long> byBin = new HashMap<>();
        for (long[] s : sql) {
            byBin.put(s[0], s[1]);
        }
        List<SalesReports.IntervalBin> ours = reports.repurchaseIntervals();
        assertThat(ours).hasSize(8);
        assertThat(ours.get(0).fromDays()).isEqualTo(1);
        assertThat(ours.get(7).fromDays()).isEqualTo(366);
        for (int k = 0; k < 8; k++) {
            assertThat(ours.get(k).count()).as("bin %d", k).isEqualTo(byBin.getOrDefault((long) k, 0L));
        }
    }

    @Test
    void cohortRetentionMatchesSql() throws SQLException {
        List<long[]> sql = query(
                "SELECT year(f.first_month) * 12 + month(f.first_month) - 1,"
                        + " datediff('month', f.first_month, date_trunc('month', ov.ts)), count(DISTINCT ov.member_id)"
                        + " FROM ov JOIN firsts f USING (member_id) GROUP BY 1, 2",
                3);
        Map<Long, SalesReports.Cohort> cohorts = new HashMap<>();
        for (SalesReports.Cohort c : reports.cohortRetention()) {
            cohorts.put(c.cohort().getYear() * 12L + c.cohort().getMonthValue() - 1, c);
            assertThat(c.active()[0]).isEqualTo(c.size());
        }
        long cells = 0;
        for (long[] s : sql) {
            SalesReports.Cohort c = cohorts.get(s[0]);
            assertThat(c).as("cohort %d", s[0]).isNotNull();
            assertThat(c.active()[(int) s[1]])
                    .as("cohort %s + %d", c.cohort(), s[1])
                    .isEqualTo(s[2]);
            cells++;
        }
        long nonZero = 0;
        for (SalesReports.Cohort c : cohorts.values()) {
            for (long a : c.active()) {
                nonZero += a > 0 ? 1 : 0;
            }
        }
        assertThat(nonZero).isEqualTo(cells);
    }

    @Test
    void categoryRankingMatchesSql() throws SQLException {
        List<SalesReports.CategoryRow> ours = reports.categoryRanking();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT top, sum(net), sum(qty), count(*) - count(cost), sum(net - cost)"
                        + " FROM l GROUP BY top ORDER BY sum(net) DESC, top")) {
            int i = 0;
            while (rs.next()) {
                SalesReports.CategoryRow r = ours.get(i++);
                assertThat(r.category()).isEqualTo(rs.getString(1));
                assertThat(r.revenue().minorUnits()).isEqualTo(rs.getLong(2));
                assertThat(r.units()).isEqualTo(rs.getLong(3));
                if (rs.getLong(4) == 0) {
                    assertThat(r.grossProfit()).isPresent();
                    assertThat(r.grossProfit().orElseThrow().minorUnits()).isEqualTo(rs.getLong(5));
                } else {
                    assertThat(r.grossProfit()).isEmpty();
                }
            }
            assertThat(i).isEqualTo(ours.size()).isGreaterThan(2);
        }
        List<SalesReports.CategoryRow> byProfit = reports.categoryRankingByGrossProfit();
        for (int i = 1; i < byProfit.size(); i++) {
            assertThat(byProfit.get(i).grossProfit().orElseThrow().minorUnits())
                    .isLessThanOrEqualTo(
                            byProfit.get(i - 1).grossProfit().orElseThrow().minorUnits());
        }
    }

    @Test
    void returningProductRankingMatchesSql() throws SQLException {
        List<SalesReports.ProductRow> ours = reports.returningProductRanking(20);
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT l.product_id, sum(net), sum(qty), count(DISTINCT ov.member_id)"
                        + " FROM l JOIN ov USING (order_id) WHERE NOT ov.is_first"
                        + " GROUP BY 1 ORDER BY sum(net) DESC, 1 LIMIT 20")) {
            int i = 0;
            while (rs.next()) {
                SalesReports.ProductRow r = ours.get(i++);
                assertThat(r.product().value()).isEqualTo(rs.getString(1));
                assertThat(new long[] {r.revenue().minorUnits(), r.units(), r.buyers()})
                        .containsExactly(rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
            assertThat(i).isEqualTo(20).isEqualTo(ours.size());
        }
    }

    @Test
    void ordersInAnotherCurrencyAreRefused() {
        Crm crm = Crm.inMemory(BrandSettings.ofDefaults());
        Currency usd = Currency.getInstance("USD");
        crm.orders()
                .upsertAll(List.of(
                        Order.builder(OrderId.of("O1"), MemberId.of("M1"), Instant.parse("2024-01-01T00:00:00Z"))
                                .line(OrderLine.of(ProductId.of("P1"), "x", Category.of("A"), 1, Money.of(5, usd)))
                                .build()));
        assertThatThrownBy(() -> SalesReports.of(crm.orders(), BrandSettings.ofDefaults()))
                .isInstanceOf(AnalyticsException.class)
                .hasMessage("order O1 is in USD; the reports are in the brand's currency TWD");
    }
}
