package io.crmkit.jdbc;

import io.crmkit.analytics.SalesReports;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.StoreException;
import io.crmkit.jdbc.internal.Frag;
import io.crmkit.jdbc.internal.Pg;
import io.crmkit.jdbc.internal.SegmentSql;
import io.crmkit.segmentation.LifecycleModel;
import io.crmkit.segmentation.LifecycleStage;
import io.crmkit.segmentation.RfmModel;
import io.crmkit.segmentation.RfmScore;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.Window;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * RFM scores, lifecycle stages and the dashboard reports computed by PostgreSQL, with the meaning of
 * crm-segmentation's {@code Snapshot.rfm} / {@code Snapshot.lifecycle} and crm-analytics' {@link
 * SalesReports} (tests compare them on the same data).
 *
 * <pre>{@code
 * SqlAnalytics sql = SqlAnalytics.of(stores, brand);
 * List<RfmScore> scores = sql.rfm(RfmModel.ofDefaults(), now);     // NTILE(5) OVER (ORDER BY value, member_id)
 * SqlAnalytics.Lifecycle stages = sql.lifecycle(LifecycleModel.napl().build(), now);
 * List<SalesReports.MonthlyCustomers> months = sql.monthlyCustomers(TimeRange.all());
 * }</pre>
 *
 * <p>RFM ties: {@code NTILE(k) OVER (ORDER BY value, member_id)} with ids in {@code COLLATE "C"}
 * (Java's order), recency descending; QUANTILE takes the nearest-rank k-quantiles with {@code
 * row_number}; FIXED compares with the thresholds. The lifecycle's invalid-contact flag is a segment
 * condition: evaluate {@link LifecycleModel#invalidContact()} with {@link SqlSegments}.
 */
public final class SqlAnalytics {
    private final PostgresStores stores;
    private final BrandSettings brand;
    private final SqlDialect dialect;

    private SqlAnalytics(PostgresStores stores, BrandSettings brand, SqlDialect dialect) {
        this.stores = stores;
        this.brand = brand;
        this.dialect = dialect;
    }

    /**
     * @param stores the PostgreSQL stores
     * @param brand zone and currency
     * @return the SQL analytics
     */
    public static SqlAnalytics of(PostgresStores stores, BrandSettings brand) {
        return new SqlAnalytics(Pg.required(stores, "stores"), Pg.required(brand, "brand"), SqlDialect.postgres());
    }

    /**
     * @param d the dialect
     * @return a copy that generates it
     */
    public SqlAnalytics withDialect(SqlDialect d) {
        return new SqlAnalytics(stores, brand, Pg.required(d, "dialect"));
    }

    private static final SegmentSql.Oracle NO_ORACLE = new SegmentSql.Oracle() {
        @Override
        public boolean anyReaches(Frag query) {
            return false;
        }

        @Override
        public String[] custom(Frag reach, CustomPredicate predicate, Map<String, String> params) {
            return new String[0];
        }
    };

    private SegmentSql compiler(Instant asOf) {
        return new SegmentSql(stores.schema(), dialect, brand, SegmentCatalog.empty(), asOf, NO_ORACLE);
    }

    // ---- RFM --------------------------------------------------------------------------------------

    /**
     * Scores the members with a purchase in the model's window as of an instant.
     *
     * @param model the RFM settings
     * @param asOf the as-of instant
     * @return the scores of the scored members, in member id order (members without a purchase in the
     *     window have none)
     * @throws CurrencyMismatchException if an order in another currency counts as of {@code asOf}, or a
     *     fixed monetary threshold is in another currency
     * @throws StoreException if the database failed
     */
    public List<RfmScore> rfm(RfmModel model, Instant asOf) {
        Pg.required(model, "model");
        Pg.required(asOf, "asOf");
        for (Money m : model.monetaryThresholds()) {
            if (!m.currency().equals(brand.currency())) {
                throw new CurrencyMismatchException(brand.currency(), m.currency(), "rfm monetary threshold " + m);
            }
        }
        SegmentSql sql = compiler(asOf);
        String s = sql.stats(model.window());
        String f =
                model.frequency() == RfmModel.Frequency.PURCHASE_DAYS ? sql.days(model.window()) + ".days" : s + ".n";
        String mv =
                model.monetary() == RfmModel.Monetary.AVERAGE ? SegmentSql.halfEven(s + ".net", s + ".n") : s + ".net";
        Frag inner = sql.query(
                "m.member_id, CAST(? AS date) - " + s + ".last_day AS rec, " + f + " AS f, " + mv + " AS mv",
                Frag.of(s + ".n IS NOT NULL"),
                "");
        // the as-of date is the first parameter of the select list, which comes after the WITH clause
        Frag innerBound = bindFirstSelectParam(inner, brand.dateOf(asOf));
        int k = model.scores();
        Frag q = Frag.of("WITH v AS (").add(innerBound).sql(")\nSELECT member_id, rec, f, mv, ");
        switch (model.strategy()) {
            case NTILE ->
                q.sql("NTILE(")
                        .q(k)
                        .sql(") OVER (ORDER BY rec DESC, member_id), NTILE(")
                        .q(k)
                        .sql(") OVER (ORDER BY f, member_id), NTILE(")
                        .q(k)
                        .sql(") OVER (ORDER BY mv, member_id)");
            case FIXED -> {
                q.q(k);
                for (long t : model.recencyThresholds()) {
                    q.sql(" - CASE WHEN rec > ").q(t).sql(" THEN 1 ELSE 0 END");
                }
                q.sql(", 1");
                for (long t : model.frequencyThresholds()) {
                    q.sql(" + CASE WHEN f >= ").q(t).sql(" THEN 1 ELSE 0 END");
                }
                q.sql(", 1");
                for (Money t : model.monetaryThresholds()) {
                    q.sql(" + CASE WHEN mv >= ").q(t.minorUnits()).sql(" THEN 1 ELSE 0 END");
                }
            }
            case QUANTILE -> {
                quantile(q, "-rec", k);
                q.sql(", ");
                quantile(q, "f", k);
                q.sql(", ");
                quantile(q, "mv", k);
            }
        }
        q.sql("\nFROM v ORDER BY member_id");
        return query(asOf, q, rs -> {
            List<RfmScore> out = new ArrayList<>();
            while (rs.next()) {
                int r = rs.getInt(5);
                int fs = rs.getInt(6);
                int ms = rs.getInt(7);
                out.add(new RfmScore(
                        MemberId.of(rs.getString(1)),
                        rs.getInt(2),
                        rs.getLong(3),
                        Money.ofMinor(rs.getLong(4), brand.currency()),
                        r,
                        fs,
                        ms,
                        model.segmentOf(r, fs, ms)));
            }
            return out;
        });
    }

    /** One plus the nearest-rank k-quantiles (position ceil(c n / k), c = 1..k-1) the value is above. */
    private static void quantile(Frag q, String value, int k) {
        q.sql("1");
        for (int c = 1; c < k; c++) {
            q.sql(" + CASE WHEN " + value + " > (SELECT hv FROM (SELECT " + value
                            + " AS hv, row_number() OVER (ORDER BY " + value + ") AS rn FROM v) qq WHERE rn = (")
                    .q((long) c)
                    .sql(" * (SELECT count(*) FROM v) + ")
                    .q((long) k - 1)
                    .sql(") / ")
                    .q((long) k)
                    .sql(") THEN 1 ELSE 0 END");
        }
    }

    /** The RFM select list has one {@code ?} (the as-of date) that {@link SegmentSql#query} did not bind. */
    private static Frag bindFirstSelectParam(Frag query, LocalDate asOfDate) {
        String text = query.text();
        int select = text.indexOf("SELECT m.member_id, CAST(?");
        int before = 0;
        for (int i = 0; i < select; i++) {
            if (text.charAt(i) == '?') {
                before++;
            }
        }
        List<Object> params = new ArrayList<>(query.params());
        params.add(before, asOfDate);
        return Frag.of().sql(text, params);
    }

    // ---- lifecycle --------------------------------------------------------------------------------

    /**
     * Lifecycle stages as PostgreSQL computes them.
     *
     * @param stages every member's stage, in member id order
     * @param medianCycleDays ORDERLY: the brand's median repurchase cycle used for one-purchase-day
     *     members; empty for the other schemes
     */
    public record Lifecycle(Map<MemberId, LifecycleStage> stages, OptionalDouble medianCycleDays) {
        /** Copies the map, keeping its order. */
        public Lifecycle {
            stages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stages));
        }

        /** @return members per stage */
        public Map<LifecycleStage, Long> counts() {
            Map<LifecycleStage, Long> out = new java.util.EnumMap<>(LifecycleStage.class);
            for (LifecycleStage s : stages.values()) {
                out.merge(s, 1L, Long::sum);
            }
            return out;
        }
    }

    /**
     * Puts every member into a lifecycle stage from the all-time order statistics as of an instant.
     *
     * @param model the lifecycle settings
     * @param asOf the as-of instant
     * @return the stages
     * @throws CurrencyMismatchException if an order in another currency counts as of {@code asOf}
     * @throws StoreException if the database failed
     */
    public Lifecycle lifecycle(LifecycleModel model, Instant asOf) {
        Pg.required(model, "model");
        Pg.required(asOf, "asOf");
        LocalDate today = brand.dateOf(asOf);
        OptionalDouble median = OptionalDouble.empty();
        if (model.kind() == LifecycleModel.Kind.ORDERLY) {
            SegmentSql m = compiler(asOf);
            String s = m.stats(Window.allTime());
            String d = m.days(Window.allTime()) + ".days";
            Frag cycles = m.query(
                    "CAST(" + s + ".last_day - " + s + ".first_day AS double precision) / (" + d + " - 1) AS c",
                    Frag.of(d + " >= 2"),
                    "");
            Frag q = Frag.of("WITH cyc AS (")
                    .add(cycles)
                    .sql("), ord AS (SELECT c, row_number() OVER (ORDER BY c) AS rn, count(*) OVER () AS k FROM cyc)"
                            + " SELECT CASE WHEN max(k) % 2 = 1 THEN max(c) FILTER (WHERE rn = (k + 1) / 2)"
                            + " ELSE (max(c) FILTER (WHERE rn = k / 2) + max(c) FILTER (WHERE rn = k / 2 + 1)) / 2"
                            + " END FROM ord");
            double med = query(asOf, q, rs -> {
                rs.next();
                double v = rs.getDouble(1);
                return rs.wasNull() ? model.defaultCycleDays() : v;
            });
            median = OptionalDouble.of(med);
        }
        SegmentSql sql = compiler(asOf);
        String s = sql.stats(Window.allTime());
        String days = model.kind() == LifecycleModel.Kind.ORDERLY ? sql.days(Window.allTime()) + ".days" : "NULL";
        LocalDate windowStart = today.minus(model.window()).plusDays(1);
        LocalDate deepStart = today.minus(model.deepSleep()).plusDays(1);
        Frag stage = Frag.of("CASE WHEN " + s + ".n IS NULL THEN 'POTENTIAL'");
        switch (model.kind()) {
            case ORDERLY ->
                stage.sql(" WHEN (CAST(")
                        .q(today)
                        .sql(" AS date) - " + s + ".last_day) > CAST(")
                        .q(model.lapseFactor())
                        .sql(" AS double precision) * (CASE WHEN " + days + " >= 2 THEN CAST(" + s + ".last_day - " + s
                                + ".first_day AS double precision) / (" + days + " - 1) ELSE CAST(")
                        .q(median.getAsDouble())
                        .sql(" AS double precision) END) THEN 'LAPSED' WHEN " + s + ".n = 1 THEN 'FIRST_TIME'"
                                + " ELSE 'REPEAT' END");
            case NAPL ->
                stage.sql(" WHEN " + s + ".first_day >= CAST(")
                        .q(windowStart)
                        .sql(" AS date) THEN 'NEW' WHEN " + s + ".n >= 2 AND " + s + ".last_day >= CAST(")
                        .q(windowStart)
                        .sql(" AS date) THEN 'ACTIVE' WHEN " + s + ".n >= 2 THEN 'DORMANT' ELSE 'LOST' END");
            case NASLD ->
                stage.sql(" WHEN " + s + ".first_day >= CAST(")
                        .q(windowStart)
                        .sql(" AS date) THEN 'NEW' WHEN " + s + ".last_day >= CAST(")
                        .q(windowStart)
                        .sql(" AS date) THEN 'ACTIVE' WHEN " + s + ".last_day < CAST(")
                        .q(deepStart)
                        .sql(" AS date) THEN 'DEEP_SLEEP' WHEN " + s + ".n >= 2 THEN 'SLEEP' ELSE 'LOST' END");
        }
        // the stage expression is in the select list: bind its values after the WITH clause's
        Frag base = sql.query("m.member_id, STAGE_EXPR", Frag.of("TRUE"), "ORDER BY m.member_id");
        String text = base.text();
        int at = text.indexOf("STAGE_EXPR");
        int before = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '?') {
                before++;
            }
        }
        List<Object> params = new ArrayList<>(base.params());
        params.addAll(before, stage.params());
        Frag q = Frag.of().sql(text.replace("STAGE_EXPR", stage.text()), params);
        Map<MemberId, LifecycleStage> stages = query(asOf, q, rs -> {
            Map<MemberId, LifecycleStage> out = new LinkedHashMap<>();
            while (rs.next()) {
                out.put(MemberId.of(rs.getString(1)), LifecycleStage.valueOf(rs.getString(2)));
            }
            return out;
        });
        return new Lifecycle(stages, median);
    }

    // ---- reports ----------------------------------------------------------------------------------

    private Frag reportOrders(TimeRange range, String extra) {
        List<Object> p = new ArrayList<>();
        String local = dialect.localDateTime("o.placed_at", brand.zone(), p);
        List<Object> p2 = new ArrayList<>();
        String in = Pg.inRange("o.placed_at", "o.placed_nanos", range, p2);
        return Frag.of("o AS (SELECT o.order_id, o.member_id, o.total, o.placed_at, o.placed_nanos, ")
                .sql(local, p)
                .sql(" AS local_time" + extra + " FROM " + stores.schema()
                        + ".orders o WHERE o.status <> 'CANCELLED' AND ")
                .sql(in, p2)
                .sql(")");
    }

    private void checkCurrency(TimeRange range) {
        List<Object> p = new ArrayList<>();
        String in = Pg.inRange("placed_at", "placed_nanos", range, p);
        Frag q = Frag.of("SELECT order_id, currency FROM " + stores.schema()
                        + ".orders WHERE status <> 'CANCELLED' AND (currency < ")
                .q(brand.currency().getCurrencyCode())
                .sql(" OR currency > ")
                .q(brand.currency().getCurrencyCode())
                .sql(") AND ")
                .sql(in, p)
                .sql(" ORDER BY placed_at, placed_nanos, order_id LIMIT 1");
        query(null, q, rs -> {
            if (rs.next()) {
                throw new io.crmkit.analytics.AnalyticsException("order " + rs.getString(1) + " is in "
                        + Currency.getInstance(rs.getString(2).strip()) + "; the reports are in the brand's currency "
                        + brand.currency());
            }
            return null;
        });
    }

    /**
     * @param range the orders to read; members' first orders are their first ones in the range
     * @return as {@link SalesReports#monthlyCustomers()}
     * @throws io.crmkit.analytics.AnalyticsException if an order is in another currency
     */
    public List<SalesReports.MonthlyCustomers> monthlyCustomers(TimeRange range) {
        Pg.required(range, "range");
        checkCurrency(range);
        Frag q = Frag.of("WITH ")
                .add(reportOrders(range, ""))
                .sql(", fo AS (SELECT member_id, total, month,"
                        + " first_value(month) OVER (PARTITION BY member_id ORDER BY placed_at, placed_nanos, order_id)"
                        + " AS first_month FROM (SELECT o.*, CAST(EXTRACT(YEAR FROM local_time) * 12 + EXTRACT(MONTH"
                        + " FROM local_time) - 1 AS integer) AS month FROM o) x)"
                        + " SELECT month, count(DISTINCT member_id) FILTER (WHERE month = first_month),"
                        + " count(DISTINCT member_id) FILTER (WHERE month <> first_month),"
                        + " COALESCE(sum(total) FILTER (WHERE month = first_month), 0),"
                        + " COALESCE(sum(total) FILTER (WHERE month <> first_month), 0), count(*)"
                        + " FROM fo GROUP BY month ORDER BY month");
        return query(null, q, rs -> {
            List<SalesReports.MonthlyCustomers> out = new ArrayList<>();
            while (rs.next()) {
                int month = rs.getInt(1);
                out.add(new SalesReports.MonthlyCustomers(
                        YearMonth.of(Math.floorDiv(month, 12), Math.floorMod(month, 12) + 1),
                        rs.getLong(2),
                        rs.getLong(3),
                        Money.ofMinor(rs.getLong(4), brand.currency()),
                        Money.ofMinor(rs.getLong(5), brand.currency()),
                        rs.getLong(6)));
            }
            return out;
        });
    }

    /**
     * @param range the orders to read
     * @return as {@link SalesReports#categoryRanking()}: top-level categories by line revenue, highest
     *     first, ties by name
     * @throws io.crmkit.analytics.AnalyticsException if an order is in another currency
     */
    public List<SalesReports.CategoryRow> categoryRanking(TimeRange range) {
        Pg.required(range, "range");
        checkCurrency(range);
        Frag q = Frag.of("WITH ")
                .add(reportOrders(range, ""))
                .sql(
                        " SELECT split_part(l.category, ' > ', 1) COLLATE \"C\" AS top, sum(l.net_amount), sum(l.quantity),"
                                + " CASE WHEN count(l.unit_cost) = count(*) THEN sum(l.net_amount - l.unit_cost * l.quantity) END"
                                + " FROM o JOIN " + stores.schema() + ".order_line l ON l.order_id = o.order_id"
                                + " GROUP BY top ORDER BY sum(l.net_amount) DESC, top");
        return query(null, q, rs -> {
            List<SalesReports.CategoryRow> out = new ArrayList<>();
            while (rs.next()) {
                long profit = rs.getLong(4);
                Optional<Money> p =
                        rs.wasNull() ? Optional.empty() : Optional.of(Money.ofMinor(profit, brand.currency()));
                out.add(new SalesReports.CategoryRow(
                        rs.getString(1), Money.ofMinor(rs.getLong(2), brand.currency()), rs.getLong(3), p));
            }
            return out;
        });
    }

    /**
     * @param range the orders to read
     * @return as {@link SalesReports#orderTotalHistogram()}: 1-2-5 bins of whole currency units
     * @throws io.crmkit.analytics.AnalyticsException if an order is in another currency
     */
    public List<SalesReports.Bin> orderTotalHistogram(TimeRange range) {
        Pg.required(range, "range");
        checkCurrency(range);
        long[] minMax = query(
                null,
                Frag.of("WITH ").add(reportOrders(range, "")).sql(" SELECT min(total), max(total), count(*) FROM o"),
                rs -> {
                    rs.next();
                    return rs.getLong(3) == 0 ? null : new long[] {rs.getLong(1), rs.getLong(2)};
                });
        if (minMax == null) {
            return List.of();
        }
        long unit = 1;
        for (int i = 0; i < Math.max(0, brand.currency().getDefaultFractionDigits()); i++) {
            unit *= 10;
        }
        long min = minMax[0];
        long max = minMax[1];
        List<Long> edges = new ArrayList<>();
        edges.add(Math.min(0, min));
        long e = unit;
        while (e <= min) {
            long next = nextEdge(e, unit);
            if (next > min) {
                break;
            }
            e = next;
        }
        if (e > edges.get(0)) {
            edges.add(e);
        }
        while (edges.get(edges.size() - 1) <= max) {
            e = nextEdge(e, unit);
            edges.add(e);
        }
        Long[] lo = edges.toArray(new Long[0]);
        Frag q = Frag.of("WITH ")
                .add(reportOrders(range, ""))
                .sql(" SELECT width_bucket(total, ")
                .q(lo)
                .sql(") - 1 AS bin, count(*), sum(total) FROM o GROUP BY bin");
        long[] count = new long[lo.length - 1];
        long[] rev = new long[lo.length - 1];
        query(null, q, rs -> {
            while (rs.next()) {
                count[rs.getInt(1)] = rs.getLong(2);
                rev[rs.getInt(1)] = rs.getLong(3);
            }
            return null;
        });
        List<SalesReports.Bin> out = new ArrayList<>();
        for (int k = 0; k < count.length; k++) {
            out.add(new SalesReports.Bin(
                    Money.ofMinor(lo[k], brand.currency()),
                    Money.ofMinor(lo[k + 1], brand.currency()),
                    count[k],
                    Money.ofMinor(rev[k], brand.currency())));
        }
        return out;
    }

    private static long nextEdge(long e, long unit) {
        long major = e / unit;
        long p = 1;
        while (p * 10 <= major) {
            p *= 10;
        }
        long lead = major / p;
        long next = lead < 2 ? 2 * p : lead < 5 ? 5 * p : 10 * p;
        return Math.multiplyExact(next, unit);
    }

    /**
     * @param range the orders to read
     * @return as {@link SalesReports#weekdayHourHeatmap()}: orders and revenue by local weekday (0 =
     *     Monday) and hour
     * @throws io.crmkit.analytics.AnalyticsException if an order is in another currency
     */
    public SalesReports.Heatmap weekdayHourHeatmap(TimeRange range) {
        Pg.required(range, "range");
        checkCurrency(range);
        Frag q = Frag.of("WITH ")
                .add(reportOrders(range, ""))
                .sql(" SELECT CAST(EXTRACT(ISODOW FROM local_time) AS integer) - 1 AS wd,"
                        + " CAST(EXTRACT(HOUR FROM local_time) AS integer) AS hr, count(*), sum(total)"
                        + " FROM o GROUP BY wd, hr");
        long[][] n = new long[7][24];
        long[][] r = new long[7][24];
        query(null, q, rs -> {
            while (rs.next()) {
                n[rs.getInt(1)][rs.getInt(2)] = rs.getLong(3);
                r[rs.getInt(1)][rs.getInt(2)] = rs.getLong(4);
            }
            return null;
        });
        return new SalesReports.Heatmap(n, r);
    }

    // ---- running ----------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs a query in one read-only snapshot; with an as-of instant, first checks for foreign orders. */
    private <T> T query(Instant asOf, Frag q, Rows<T> rows) {
        try (Connection c = stores.dataSource().getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                if (asOf != null) {
                    Frag foreign = compiler(asOf).foreignOrders();
                    try (PreparedStatement ps = c.prepareStatement(foreign.text())) {
                        Pg.bind(ps, foreign.params());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                throw new CurrencyMismatchException(
                                        brand.currency(),
                                        Currency.getInstance(rs.getString(2).strip()),
                                        "order " + rs.getString(1));
                            }
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(q.text())) {
                    Pg.bind(ps, q.params());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rows.read(rs);
                    }
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "SQL analytics failed: " + e.getMessage() + " (SQL state " + e.getSQLState() + ")", e);
        }
    }
}
