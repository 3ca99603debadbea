package io.crmkit.bench;

import io.crmkit.analytics.SalesReports;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.Order;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reports}: the dashboard reports of crm-analytics on a generated shop, and two of them
 * (monthly new vs returning, weekday x hour) side by side with DuckDB SQL in the same JVM; the
 * answers must agree (exit 1 otherwise).
 */
@Command(
        name = "reports",
        mixinStandardHelpOptions = true,
        description = "Dashboard reports (crm-analytics SalesReports) vs DuckDB SQL on a generated shop.")
final class ReportsBench implements Callable<Integer> {
    @Option(
            names = "--members",
            defaultValue = "1430000",
            description = "Members to generate (default ${DEFAULT-VALUE}, about 10^7 orders).")
    int members;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "2", description = "DuckDB threads (default ${DEFAULT-VALUE}).")
    int threads;

    private final PrintWriter out;

    ReportsBench(PrintWriter out) {
        this.out = out;
    }

    private record Timed<T>(T value, double ms) {}

    private static <T> Timed<T> time(Supplier<T> task) {
        long t0 = System.nanoTime();
        T v = task.get();
        return new Timed<>(v, (System.nanoTime() - t0) / 1e6);
    }

    @Override
    public Integer call() throws Exception {
        GeneratorConfig config = GeneratorConfig.custom()
                .members(members)
                .seed(seed)
                .interactions(false)
                .build();
        BrandSettings brand = config.brand();
        Crm crm = Crm.inMemory(brand);
        long t0 = System.nanoTime();
        long orders = 0;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement st = db.createStatement()) {
                st.execute("SET threads = " + threads);
                st.execute("CREATE TABLE o (member_id VARCHAR, placed BIGINT, nanos INTEGER, order_id VARCHAR,"
                        + " local_ts TIMESTAMP, total BIGINT)");
            }
            try (DuckDBAppender ao = ((DuckDBConnection) db).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "o")) {
                Iterator<GeneratedMember> it =
                        ShopGenerator.of(config).members().iterator();
                List<Order> batch = new ArrayList<>();
                while (it.hasNext()) {
                    GeneratedMember m = it.next();
                    batch.addAll(m.orders());
                    for (Order o : m.orders()) {
                        if (o.isCancelled()) {
                            continue;
                        }
                        ao.beginRow();
                        ao.append(o.memberId().value());
                        ao.append(o.placedAt().getEpochSecond());
                        ao.append(o.placedAt().getNano());
                        ao.append(o.id().value());
                        ao.append(LocalDateTime.ofInstant(o.placedAt(), brand.zone()));
                        ao.append(o.total().minorUnits());
                        ao.endRow();
                        orders++;
                    }
                    if (batch.size() >= 50_000) {
                        crm.orders().upsertAll(batch);
                        batch.clear();
                    }
                }
                crm.orders().upsertAll(batch);
            }
            out.printf(
                    Locale.ROOT,
                    "bench reports: %,d members, %,d orders (not cancelled), loaded into both in %.1f s; Java %s, %d cores%n",
                    members,
                    orders,
                    (System.nanoTime() - t0) / 1e9,
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            out.flush();

            Timed<SalesReports> built = time(() -> SalesReports.of(crm.orders(), brand));
            SalesReports r = built.value();
            out.printf(Locale.ROOT, "  columnar read of the store (streamPlaced): %.0f ms%n", built.ms());
            Timed<List<SalesReports.MonthlyCustomers>> monthly = time(r::monthlyCustomers);
            Timed<SalesReports.Heatmap> heat = time(r::weekdayHourHeatmap);
            Timed<?> hist = time(r::orderTotalHistogram);
            Timed<?> gaps = time(r::repurchaseIntervals);
            Timed<?> cohorts = time(r::cohortRetention);
            Timed<?> cats = time(r::categoryRanking);
            Timed<?> prods = time(() -> r.returningProductRanking(20));

            try (Statement st = db.createStatement()) {
                st.execute(
                        "CREATE TABLE ov AS SELECT *, row_number() OVER (PARTITION BY member_id ORDER BY placed, nanos,"
                                + " order_id) = 1 AS is_first FROM o");
            }
            long d0 = System.nanoTime();
            List<long[]> sqlMonthly = new ArrayList<>();
            try (Statement st = db.createStatement();
                    ResultSet rs = st.executeQuery(
                            "WITH f AS (SELECT member_id, date_trunc('month', local_ts) AS fm FROM ov WHERE is_first)"
                                    + " SELECT count(DISTINCT CASE WHEN fm = date_trunc('month', local_ts) THEN member_id END),"
                                    + " count(DISTINCT CASE WHEN fm < date_trunc('month', local_ts) THEN member_id END),"
                                    + " sum(CASE WHEN fm = date_trunc('month', local_ts) THEN total ELSE 0 END),"
                                    + " sum(CASE WHEN fm < date_trunc('month', local_ts) THEN total ELSE 0 END)"
                                    + " FROM ov JOIN f USING (member_id) GROUP BY date_trunc('month', local_ts) ORDER BY date_trunc('month', local_ts)")) {
                while (rs.next()) {
                    sqlMonthly.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
            double duckMonthlyMs = (System.nanoTime() - d0) / 1e6;
            long h0 = System.nanoTime();
            long[][] sqlHeat = new long[7][24];
            try (Statement st = db.createStatement();
                    ResultSet rs =
                            st.executeQuery("SELECT isodow(local_ts), hour(local_ts), count(*) FROM o GROUP BY 1, 2")) {
                while (rs.next()) {
                    sqlHeat[rs.getInt(1) - 1][rs.getInt(2)] = rs.getLong(3);
                }
            }
            double duckHeatMs = (System.nanoTime() - h0) / 1e6;
            boolean agree = sqlMonthly.size() == monthly.value().size();
            for (int i = 0; agree && i < sqlMonthly.size(); i++) {
                SalesReports.MonthlyCustomers m = monthly.value().get(i);
                long[] s = sqlMonthly.get(i);
                agree = m.newCustomers() == s[0]
                        && m.returningCustomers() == s[1]
                        && m.newRevenue().minorUnits() == s[2]
                        && m.returningRevenue().minorUnits() == s[3];
            }
            for (int d = 0; agree && d < 7; d++) {
                for (int h = 0; h < 24; h++) {
                    agree &= sqlHeat[d][h] == heat.value().orders()[d][h];
                }
            }
            out.println();
            out.println("  report                                   crmkit      DuckDB SQL   ratio");
            out.printf(
                    Locale.ROOT,
                    "  monthly new vs returning (%2d months)  %8.0f ms  %8.0f ms   %5.2f%n",
                    monthly.value().size(),
                    monthly.ms(),
                    duckMonthlyMs,
                    monthly.ms() / duckMonthlyMs);
            out.printf(
                    Locale.ROOT,
                    "  weekday x hour heatmap               %8.0f ms  %8.0f ms   %5.2f%n",
                    heat.ms(),
                    duckHeatMs,
                    heat.ms() / duckHeatMs);
            out.printf(Locale.ROOT, "  order-total histogram                %8.0f ms%n", hist.ms());
            out.printf(Locale.ROOT, "  repurchase intervals                 %8.0f ms%n", gaps.ms());
            out.printf(Locale.ROOT, "  cohort retention                     %8.0f ms%n", cohorts.ms());
            out.printf(Locale.ROOT, "  category ranking                     %8.0f ms%n", cats.ms());
            out.printf(Locale.ROOT, "  returning-product ranking (top 20)   %8.0f ms%n", prods.ms());
            out.println(agree ? "  answers agree" : "  MISMATCH between crmkit and DuckDB");
            out.flush();
            return agree ? 0 : 1;
        }
    }
}
