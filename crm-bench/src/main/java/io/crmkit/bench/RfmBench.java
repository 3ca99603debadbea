package io.crmkit.bench;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.segmentation.LifecycleModel;
import io.crmkit.segmentation.LifecycleStage;
import io.crmkit.segmentation.LifecycleTable;
import io.crmkit.segmentation.RfmModel;
import io.crmkit.segmentation.RfmTable;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.Snapshot;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rfm}: the issue-5 workload side by side with DuckDB in the same JVM on the same generated
 * shop: RFM ({@code NTILE(5)}, all time, orders, net spend) and NAPL lifecycle stages for every
 * member. The 125-cell R×F×M count table and the stage counts must agree cell by cell; the command
 * fails (exit 1) if they do not.
 */
@Command(
        name = "rfm",
        mixinStandardHelpOptions = true,
        description = "RFM (NTILE 5) + NAPL lifecycle vs DuckDB SQL, compared cell by cell.")
final class RfmBench implements Callable<Integer> {
    @Option(
            names = "--members",
            defaultValue = "200000",
            description = "Members to generate (default ${DEFAULT-VALUE}).")
    int members;

    @Option(
            names = "--purchase-r",
            defaultValue = "0.3",
            description = "Shape of the generator's purchase-rate distribution (mean rate r / 5 a day; default"
                    + " ${DEFAULT-VALUE}, about 7 orders a member; 0.45 gives about 10).")
    double purchaseR;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--runs", defaultValue = "10", description = "Timed runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--threads", defaultValue = "2", description = "DuckDB threads (default ${DEFAULT-VALUE}).")
    int threads;

    private final PrintWriter out;

    RfmBench(PrintWriter out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (members < 1 || runs < 1 || threads < 1 || !(purchaseR > 0)) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--members, --runs and --threads must be positive");
        }
        GeneratorConfig config = GeneratorConfig.custom()
                .members(members)
                .seed(seed)
                .interactions(false)
                .purchaseRate(purchaseR, 5)
                .build();
        BrandSettings brand = config.brand();
        Instant asOf = config.end().minusSeconds(1);
        LocalDate asOfDate = brand.dateOf(asOf);
        Crm crm = Crm.inMemory(brand);
        out.printf(
                Locale.ROOT,
                "bench rfm: %,d members, seed %d, as of %s, Java %s, %d cores%n",
                members,
                seed,
                asOf,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        out.flush();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            long[] loaded = SegmentBench.loadShop(config, crm, db, threads);
            out.printf(
                    Locale.ROOT,
                    "  loaded %,d members, %,d orders into both (store load %.1f s, DuckDB append %.1f s)%n",
                    crm.members().count(),
                    crm.orders().count(),
                    loaded[0] / 1e9,
                    loaded[1] / 1e9);
            Snapshot snapshot = Snapshot.of(crm, SegmentCatalog.empty());
            RfmModel rfm = RfmModel.ofDefaults();
            LifecycleModel napl = LifecycleModel.napl().build();
            String rfmSql = rfmSql(asOf, asOfDate);
            String naplSql = naplSql(asOf, asOfDate);

            long[] crmGrid = snapshot.rfm(rfm, asOf).grid();
            long[] duckGrid = grid(db, rfmSql);
            Map<LifecycleStage, Long> crmStages = snapshot.lifecycle(napl, asOf).counts();
            Map<LifecycleStage, Long> duckStages =
                    stages(db, naplSql, crm.members().count());
            if (!Arrays.equals(crmGrid, duckGrid) || !crmStages.equals(duckStages)) {
                out.printf(
                        Locale.ROOT,
                        "  MISMATCH%n  crmkit %s %s%n  DuckDB %s %s%n",
                        Arrays.toString(crmGrid),
                        crmStages,
                        Arrays.toString(duckGrid),
                        duckStages);
                out.flush();
                return 1;
            }
            out.printf(
                    Locale.ROOT,
                    "  125 R×F×M cells and %d NAPL stage counts agree (scored %,d; %s)%n",
                    crmStages.size(),
                    Arrays.stream(crmGrid).sum(),
                    crmStages);
            double[] rfmMs = new double[runs];
            double[] lifeMs = new double[runs];
            double[] duckRfmMs = new double[runs];
            double[] duckLifeMs = new double[runs];
            for (int i = 0; i < runs; i++) {
                // a new as-of date each run: nothing cached, and DuckDB answers for the same instant
                Instant at = asOf.minusSeconds(86_400L * (i + 1));
                String rs = rfmSql(at, brand.dateOf(at));
                String ns = naplSql(at, brand.dateOf(at));
                long a = System.nanoTime();
                RfmTable t = snapshot.rfm(rfm, at);
                long b = System.nanoTime();
                LifecycleTable l = snapshot.lifecycle(napl, at);
                long c = System.nanoTime();
                long[] g = grid(db, rs);
                long d = System.nanoTime();
                Map<LifecycleStage, Long> s = stages(db, ns, crm.members().count());
                long e = System.nanoTime();
                rfmMs[i] = (b - a) / 1e6;
                lifeMs[i] = (c - b) / 1e6;
                duckRfmMs[i] = (d - c) / 1e6;
                duckLifeMs[i] = (e - d) / 1e6;
                if (!Arrays.equals(t.grid(), g) || !l.counts().equals(s)) {
                    out.printf(
                            Locale.ROOT,
                            "  MISMATCH as of %s%n  crmkit %s %s%n  DuckDB %s %s%n",
                            at,
                            Arrays.toString(t.grid()),
                            l.counts(),
                            Arrays.toString(g),
                            s);
                    return 1;
                }
            }
            double[] both = new double[runs];
            double[] duckBoth = new double[runs];
            for (int i = 0; i < runs; i++) {
                both[i] = rfmMs[i] + lifeMs[i];
                duckBoth[i] = duckRfmMs[i] + duckLifeMs[i];
            }
            out.printf(
                    Locale.ROOT,
                    "  %-34s %12s %12s %8s%n",
                    "workload (median of " + runs + ")",
                    "crmkit ms",
                    "DuckDB ms",
                    "ratio");
            row("RFM NTILE(5), 125-cell table", rfmMs, duckRfmMs);
            row("NAPL lifecycle counts", lifeMs, duckLifeMs);
            row("RFM + lifecycle (goal ratio ≤ 0.25)", both, duckBoth);
            out.flush();
            return 0;
        }
    }

    private void row(String name, double[] crm, double[] duck) {
        double a = SegmentBench.median(crm);
        double b = SegmentBench.median(duck);
        out.printf(Locale.ROOT, "  %-34s %12.1f %12.1f %8.3f%n", name, a, b, a / b);
    }

    /** The orders that count as of the as-of instant, with net spend (as MemberStats). */
    private static String counted(Instant asOf) {
        long asOfSec = asOf.getEpochSecond();
        return "refunded AS (SELECT order_id, SUM(amount) AS back FROM refunds WHERE refunded_at <= " + asOfSec
                + " GROUP BY order_id),"
                + " counted AS (SELECT o.member_id, o.local_date, o.total - COALESCE(r.back, 0) AS net"
                + "   FROM orders o LEFT JOIN refunded r USING (order_id)"
                + "   WHERE NOT o.cancelled AND o.placed_at <= " + asOfSec
                + "     AND NOT (o.total > 0 AND COALESCE(r.back, 0) = o.total))";
    }

    static String rfmSql(Instant asOf, LocalDate asOfDate) {
        return "WITH " + counted(asOf) + ","
                + " agg AS (SELECT member_id, DATE '" + asOfDate + "' - MAX(local_date) AS recency,"
                + "   COUNT(*) AS frequency, SUM(net) AS monetary FROM counted GROUP BY member_id),"
                + " scored AS (SELECT NTILE(5) OVER (ORDER BY recency DESC, member_id) AS r,"
                + "   NTILE(5) OVER (ORDER BY frequency, member_id) AS f,"
                + "   NTILE(5) OVER (ORDER BY monetary, member_id) AS m FROM agg)"
                + " SELECT r, f, m, COUNT(*) FROM scored GROUP BY r, f, m";
    }

    static String naplSql(Instant asOf, LocalDate asOfDate) {
        String start = asOfDate.minusMonths(3).plusDays(1).toString();
        return "WITH " + counted(asOf) + ","
                + " agg AS (SELECT member_id, MIN(local_date) AS first_day, MAX(local_date) AS last_day,"
                + "   COUNT(*) AS n FROM counted GROUP BY member_id)"
                + " SELECT CASE WHEN first_day >= DATE '" + start + "' THEN 'NEW'"
                + "   WHEN n >= 2 AND last_day >= DATE '" + start + "' THEN 'ACTIVE'"
                + "   WHEN n >= 2 THEN 'DORMANT' ELSE 'LOST' END AS stage, COUNT(*) FROM agg GROUP BY stage";
    }

    private static long[] grid(Connection db, String sql) throws SQLException {
        long[] g = new long[125];
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                g[((rs.getInt(1) - 1) * 5 + (rs.getInt(2) - 1)) * 5 + (rs.getInt(3) - 1)] = rs.getLong(4);
            }
        }
        return g;
    }

    private static Map<LifecycleStage, Long> stages(Connection db, String sql, long members) throws SQLException {
        Map<LifecycleStage, Long> counts = new EnumMap<>(LifecycleStage.class);
        long buyers = 0;
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(LifecycleStage.valueOf(rs.getString(1)), rs.getLong(2));
                buyers += rs.getLong(2);
            }
        }
        Map<LifecycleStage, Long> out = new java.util.LinkedHashMap<>();
        for (LifecycleStage s : LifecycleModel.Kind.NAPL.stages()) {
            out.put(s, s == LifecycleStage.POTENTIAL ? members - buyers : counts.getOrDefault(s, 0L));
        }
        return out;
    }
}
