package io.crmkit.bench;

import static io.crmkit.segmentation.Where.allOf;
import static io.crmkit.segmentation.Where.daysSinceLastPurchase;
import static io.crmkit.segmentation.Where.gender;
import static io.crmkit.segmentation.Where.not;
import static io.crmkit.segmentation.Where.reachableBy;
import static io.crmkit.segmentation.Where.spend;
import static io.crmkit.segmentation.Where.tagged;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Gender;
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
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.SegmentEngine;
import io.crmkit.segmentation.Snapshot;
import io.crmkit.segmentation.Window;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code segments}: the issue-4 workloads side by side with DuckDB in the same JVM, on the same
 * generated shop. Counts must agree; the command fails (exit 1) if they do not.
 */
@Command(
        name = "segments",
        mixinStandardHelpOptions = true,
        description = "Segment engine vs DuckDB: snapshot build, a 5-clause count, one member's re-test.")
final class SegmentBench implements Callable<Integer> {
    @Option(
            names = "--members",
            defaultValue = "200000",
            description = "Members to generate (default ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--runs", defaultValue = "15", description = "Timed runs per query (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--threads", defaultValue = "2", description = "DuckDB threads (default ${DEFAULT-VALUE}).")
    int threads;

    private final PrintWriter out;

    SegmentBench(PrintWriter out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (members < 1 || runs < 1 || threads < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--members, --runs and --threads must be positive");
        }
        GeneratorConfig config = GeneratorConfig.custom()
                .members(members)
                .seed(seed)
                .interactions(false)
                .build();
        BrandSettings brand = config.brand();
        Instant asOf = config.end().minusSeconds(1);
        LocalDate asOfDate = brand.dateOf(asOf);
        Crm crm = Crm.inMemory(brand);

        out.printf(
                Locale.ROOT,
                "bench segments: %,d members, seed %d, as of %s, Java %s, %d cores%n",
                members,
                seed,
                asOf,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        out.flush();

        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            long[] loaded = loadShop(config, crm, db, threads);
            out.printf(
                    Locale.ROOT,
                    "  loaded %,d members, %,d orders into both (store load %.1f s, DuckDB append %.1f s)%n",
                    crm.members().count(),
                    crm.orders().count(),
                    loaded[0] / 1e9,
                    loaded[1] / 1e9);

            // 1. snapshot build vs DuckDB's own load (already done above)
            long t0 = System.nanoTime();
            Snapshot snapshot = Snapshot.of(crm, SegmentCatalog.empty());
            double buildMs = (System.nanoTime() - t0) / 1e6;
            Snapshot.Footprint fp = snapshot.footprint();

            // 2. the 5-clause segment
            Condition segment = allOf(
                    spend(Window.lastDays(365)).atLeast(Money.of(3_000, brand.currency())),
                    daysSinceLastPurchase().moreThan(30),
                    gender(Gender.FEMALE),
                    reachableBy(ContactChannel.EMAIL),
                    not(tagged("marketplace:shopee")));
            String sql = fiveClauseSql(asOf, asOfDate);

            long crmCount = snapshot.count(segment, asOf);
            long duckCount = queryCount(db, sql);
            if (crmCount != duckCount) {
                out.printf(Locale.ROOT, "  MISMATCH: crmkit counts %,d members, DuckDB %,d%n", crmCount, duckCount);
                out.flush();
                return 1;
            }
            double[] crmMs = new double[runs];
            double[] duckMs = new double[runs];
            for (int i = 0; i < runs; i++) {
                long a = System.nanoTime();
                // a new as-of each run, after the last order: shares the cached columns (normalised key)
                long c = snapshot.count(segment, asOf.plusNanos(i));
                crmMs[i] = (System.nanoTime() - a) / 1e6;
                long b = System.nanoTime();
                long d = queryCount(db, sql);
                duckMs[i] = (System.nanoTime() - b) / 1e6;
                if (c != crmCount || d != duckCount) {
                    out.println("  MISMATCH between runs");
                    return 1;
                }
            }

            // cold: the as-of moves back a day each run, so every order measure is computed afresh
            double[] coldMs = new double[runs];
            double[] coldDuckMs = new double[runs];
            for (int i = 0; i < runs; i++) {
                Instant at = asOf.minusSeconds(86_400L * (i + 1));
                String coldSql = fiveClauseSql(at, brand.dateOf(at));
                long a = System.nanoTime();
                long c = snapshot.count(segment, at);
                coldMs[i] = (System.nanoTime() - a) / 1e6;
                long b = System.nanoTime();
                long d = queryCount(db, coldSql);
                coldDuckMs[i] = (System.nanoTime() - b) / 1e6;
                if (c != d) {
                    out.printf(Locale.ROOT, "  MISMATCH as of %s: crmkit %,d, DuckDB %,d%n", at, c, d);
                    return 1;
                }
            }

            // 3. one member's re-test after an order (per-member path)
            SegmentEngine engine = SegmentEngine.of(crm, SegmentCatalog.empty());
            MemberId someone = crm.members().scan(null, 1).get(0).id();
            Order newOrder = Order.builder(OrderId.of("BENCH-NEW"), someone, asOf.minusSeconds(60))
                    .line(OrderLine.of(
                            ProductId.of("P-BENCH"), "bench", Category.of("Bench"), 1, Money.of(500, brand.currency())))
                    .build();
            crm.orders().upsertAll(List.of(newOrder));
            int retests = 200_000;
            MemberView view = crm.view(someone, asOf).orElseThrow();
            boolean sink = false;
            for (int i = 0; i < 20_000; i++) {
                sink ^= engine.test(segment, view);
            }
            long r0 = System.nanoTime();
            for (int i = 0; i < retests; i++) {
                sink ^= engine.test(segment, view);
            }
            double retestUs = (System.nanoTime() - r0) / 1e3 / retests;
            long v0 = System.nanoTime();
            int viewLoads = 20_000;
            for (int i = 0; i < viewLoads; i++) {
                sink ^= engine.test(segment, crm.view(someone, asOf).orElseThrow());
            }
            double retestWithLoadUs = (System.nanoTime() - v0) / 1e3 / viewLoads;

            // 4. refresh after 10,000 new orders vs a full rebuild
            Snapshot base = Snapshot.of(crm, SegmentCatalog.empty());
            List<MemberId> ids = base.all().stream().toList();
            java.util.Random random = new java.util.Random(seed);
            List<Order> fresh = new ArrayList<>(10_000);
            for (int i = 0; i < 10_000; i++) {
                MemberId buyer = ids.get(random.nextInt(ids.size()));
                fresh.add(Order.builder(OrderId.of("BENCH-R" + i), buyer, asOf.minusSeconds(3_600L + i))
                        .line(OrderLine.of(
                                ProductId.of("P-BENCH"),
                                "bench",
                                Category.of("Bench"),
                                1,
                                Money.of(100 + random.nextInt(5_000), brand.currency())))
                        .build());
            }
            crm.orders().upsertAll(fresh);
            int refreshRuns = Math.min(runs, 5);
            double[] refreshMs = new double[refreshRuns];
            double[] rebuildMs = new double[refreshRuns];
            Snapshot refreshed = null;
            Snapshot rebuilt = null;
            for (int i = 0; i < refreshRuns; i++) {
                long a = System.nanoTime();
                refreshed = base.refresh(); // the base is unchanged: each run does the same work
                refreshMs[i] = (System.nanoTime() - a) / 1e6;
                long b = System.nanoTime();
                rebuilt = Snapshot.of(crm, SegmentCatalog.empty());
                rebuildMs[i] = (System.nanoTime() - b) / 1e6;
            }
            long refreshedCount = refreshed.count(segment, asOf);
            long rebuiltCount = rebuilt.count(segment, asOf);
            if (refreshedCount != rebuiltCount || refreshed.size() != rebuilt.size()) {
                out.printf(
                        Locale.ROOT,
                        "  MISMATCH: refreshed snapshot counts %,d members, rebuilt %,d%n",
                        refreshedCount,
                        rebuiltCount);
                out.flush();
                return 1;
            }

            double crmMedian = median(crmMs);
            double duckMedian = median(duckMs);
            out.println();
            out.printf(Locale.ROOT, "  %-46s %14s %14s %10s%n", "workload", "crmkit", "DuckDB", "ratio");
            out.printf(
                    Locale.ROOT,
                    "  %-46s %11.0f ms %11.0f ms %10.2f%n",
                    "build (snapshot / DuckDB append of same rows)",
                    buildMs,
                    loaded[1] / 1e6,
                    buildMs / (loaded[1] / 1e6));
            out.printf(
                    Locale.ROOT,
                    "  %-46s %11.2f ms %11.2f ms %10.3f%n",
                    "5-clause count as of now (cached), median of " + runs,
                    crmMedian,
                    duckMedian,
                    crmMedian / duckMedian);
            out.printf(
                    Locale.ROOT,
                    "  %-46s %11.2f ms %11.2f ms%n",
                    "5-clause segment count, best",
                    min(crmMs),
                    min(duckMs));
            out.printf(
                    Locale.ROOT,
                    "  %-46s %11.2f ms %11.2f ms %10.3f%n",
                    "5-clause count, cold (new as-of date), median",
                    median(coldMs),
                    median(coldDuckMs),
                    median(coldMs) / median(coldDuckMs));
            out.printf(Locale.ROOT, "  %-46s %11.2f us %14s%n", "one member's re-test (view in hand)", retestUs, "-");
            out.printf(
                    Locale.ROOT,
                    "  %-46s %11.2f us %14s%n",
                    "one member's re-test incl. loading its view",
                    retestWithLoadUs,
                    "-");
            out.printf(
                    Locale.ROOT,
                    "  %-46s %11.0f ms %14s %10.3f%n",
                    "refresh after 10,000 new orders, median of " + refreshRuns,
                    median(refreshMs),
                    "-",
                    median(refreshMs) / median(rebuildMs));
            out.printf(
                    Locale.ROOT,
                    "  %-46s %11.0f ms %14s%n",
                    "full rebuild (Snapshot.of), median of " + refreshRuns,
                    median(rebuildMs),
                    "-");
            out.printf(
                    Locale.ROOT,
                    "  refresh re-read %,d members; both count %,d members after the new orders%n",
                    refreshed.refreshedMembers(),
                    refreshedCount);
            out.printf(Locale.ROOT, "  count: %,d members match in both engines (%s)%n", crmCount, sink ? "." : "");
            out.printf(
                    Locale.ROOT,
                    "  snapshot: %,d members, %,d orders, %,d lines; %.1f B per order (order columns), %.1f B per order incl. lines, %,d MB in all%n",
                    fp.members(),
                    fp.orders(),
                    fp.lines(),
                    fp.orderBytesPerOrder(),
                    fp.orderAndLineBytesPerOrder(),
                    fp.totalBytes() >> 20);
            out.flush();
        }
        return 0;
    }

    private static String fiveClauseSql(Instant asOf, LocalDate asOfDate) {
        long asOfSec = asOf.getEpochSecond();
        String from365 = asOfDate.minusDays(364).toString();
        return "WITH refunded AS (SELECT order_id, SUM(amount) AS back FROM refunds WHERE refunded_at <= " + asOfSec
                + " GROUP BY order_id),"
                + " counted AS (SELECT o.member_id, o.local_date, o.total - COALESCE(r.back, 0) AS net"
                + "   FROM orders o LEFT JOIN refunded r USING (order_id)"
                + "   WHERE NOT o.cancelled AND o.placed_at <= " + asOfSec
                + "     AND NOT (o.total > 0 AND COALESCE(r.back, 0) = o.total)),"
                + " per_member AS (SELECT member_id,"
                + "     SUM(CASE WHEN local_date >= DATE '" + from365 + "' THEN net ELSE 0 END) AS spend365,"
                + "     MAX(local_date) AS last_day FROM counted GROUP BY member_id)"
                + " SELECT COUNT(*) FROM members m JOIN per_member p USING (member_id)"
                + " WHERE p.spend365 >= 300000"
                + "   AND date_diff('day', p.last_day, DATE '" + asOfDate + "') > 30"
                + "   AND m.gender = 'FEMALE'"
                + "   AND m.email IS NOT NULL AND m.email_opt_in"
                + "   AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.member_id = m.member_id AND t.tag = 'marketplace:shopee')";
    }

    /**
     * Creates the DuckDB tables and loads the same generated shop into the store and DuckDB.
     *
     * @return nanoseconds: store, DuckDB
     */
    static long[] loadShop(GeneratorConfig config, Crm crm, Connection db, int threads) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("SET threads = " + threads);
            st.execute("CREATE TABLE members (member_id VARCHAR, gender VARCHAR, email VARCHAR, email_opt_in BOOLEAN)");
            st.execute("CREATE TABLE tags (member_id VARCHAR, tag VARCHAR)");
            st.execute("CREATE TABLE orders (order_id VARCHAR, member_id VARCHAR, placed_at BIGINT, local_date DATE,"
                    + " total BIGINT, cancelled BOOLEAN)");
            st.execute("CREATE TABLE refunds (order_id VARCHAR, refunded_at BIGINT, amount BIGINT)");
        }
        return load(ShopGenerator.of(config), crm, (DuckDBConnection) db, config.brand());
    }

    /** Loads the same shop into the store and DuckDB. @return nanoseconds: store, DuckDB */
    private static long[] load(ShopGenerator gen, Crm crm, DuckDBConnection db, BrandSettings brand)
            throws SQLException {
        long storeNanos = 0;
        long duckNanos = 0;
        List<Member> ms = new ArrayList<>();
        List<Order> os = new ArrayList<>();
        try (DuckDBAppender am = db.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "members");
                DuckDBAppender at = db.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "tags");
                DuckDBAppender ao = db.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "orders");
                DuckDBAppender ar = db.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "refunds")) {
            Iterator<GeneratedMember> it = gen.members().iterator();
            while (it.hasNext()) {
                GeneratedMember g = it.next();
                ms.add(g.member());
                os.addAll(g.orders());
                long d0 = System.nanoTime();
                Member m = g.member();
                am.beginRow();
                am.append(m.id().value());
                am.append(m.gender().name());
                am.append(m.email().map(e -> e.value()).orElse(null));
                am.append(m.consent(ContactChannel.EMAIL).map(Consent::optedIn).orElse(false));
                am.endRow();
                for (Tag t : m.tags()) {
                    at.beginRow();
                    at.append(m.id().value());
                    at.append(t.name());
                    at.endRow();
                }
                for (Order o : g.orders()) {
                    ao.beginRow();
                    ao.append(o.id().value());
                    ao.append(o.memberId().value());
                    ao.append(o.placedAt().getEpochSecond());
                    ao.append(brand.dateOf(o.placedAt()));
                    ao.append(o.total().minorUnits());
                    ao.append(o.isCancelled());
                    ao.endRow();
                    for (Refund r : o.refunds()) {
                        ar.beginRow();
                        ar.append(o.id().value());
                        ar.append(r.at().getEpochSecond());
                        ar.append(r.amount().minorUnits());
                        ar.endRow();
                    }
                }
                duckNanos += System.nanoTime() - d0;
                if (os.size() >= 10_000) {
                    long s0 = System.nanoTime();
                    crm.members().saveAll(ms);
                    crm.orders().upsertAll(os);
                    storeNanos += System.nanoTime() - s0;
                    ms.clear();
                    os.clear();
                }
            }
            long s0 = System.nanoTime();
            crm.members().saveAll(ms);
            crm.orders().upsertAll(os);
            storeNanos += System.nanoTime() - s0;
            long d0 = System.nanoTime();
            am.flush();
            at.flush();
            ao.flush();
            ar.flush();
            duckNanos += System.nanoTime() - d0;
        }
        return new long[] {storeNanos, duckNanos};
    }

    private static long queryCount(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(Double.NaN);
    }
}
