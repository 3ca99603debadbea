package io.crmkit.bench;

import io.crmkit.analytics.BgNbd;
import io.crmkit.analytics.CustomerSummary;
import io.crmkit.analytics.Fit;
import io.crmkit.analytics.GammaGamma;
import io.crmkit.analytics.ParetoNbd;
import io.crmkit.analytics.SummaryFile;
import io.crmkit.analytics.SummaryOptions;
import io.crmkit.analytics.TransactionSummarizer;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.Order;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clv}: BG/NBD fit times on the 2,357 CDNOW customers (warm, repeated) and on the buyers of
 * a generated shop, whose per-customer summary is also computed by DuckDB SQL in the same JVM and
 * compared (a mismatch exits 1).
 */
@Command(
        name = "clv",
        mixinStandardHelpOptions = true,
        description = "CLV model fits: CDNOW (warm, repeated) and a generated shop; summary vs DuckDB SQL.")
final class ClvBench implements Callable<Integer> {
    @Option(
            names = "--members",
            defaultValue = "1000000",
            description = "Members to generate (default ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--runs", defaultValue = "30", description = "Timed CDNOW fits (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--cdnow",
            defaultValue = "../shared/data/cdnow/cdnow_customers_summary.csv",
            description = "The CDNOW summary file (default ${DEFAULT-VALUE}); skipped if missing.")
    Path cdnow;

    @Option(names = "--threads", defaultValue = "2", description = "DuckDB threads (default ${DEFAULT-VALUE}).")
    int threads;

    private final PrintWriter out;

    ClvBench(PrintWriter out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        out.printf(
                Locale.ROOT,
                "bench clv: Java %s, %d cores%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        if (Files.exists(cdnow)) {
            cdnow();
        } else {
            out.println("  " + cdnow + " not found: CDNOW part skipped (use --cdnow FILE)");
        }
        return generated();
    }

    private void cdnow() {
        CustomerSummary s = SummaryFile.read(cdnow, Map.of("id", "ID"));
        for (int i = 0; i < 10; i++) {
            BgNbd.fit(s); // warm-up
        }
        double[] ms = new double[runs];
        Fit<BgNbd> fit = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            fit = BgNbd.fit(s);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        out.printf(
                Locale.ROOT,
                "  CDNOW, %,d customers: BG/NBD fit min %.1f ms, median %.1f ms over %d warm runs (%d evaluations);"
                        + " %s, LL %.4f%n",
                s.size(),
                ms[0],
                ms[runs / 2],
                runs,
                fit.evaluations(),
                fit.parameters(),
                fit.logLikelihood());
        time("CDNOW Pareto/NBD fit", () -> ParetoNbd.fit(s));
        out.flush();
    }

    private <T> T time(String what, Supplier<T> task) {
        long t0 = System.nanoTime();
        T result = task.get();
        out.printf(Locale.ROOT, "  %s: %.1f ms -> %s%n", what, (System.nanoTime() - t0) / 1e6, result);
        out.flush();
        return result;
    }

    private int generated() throws Exception {
        GeneratorConfig config = GeneratorConfig.custom()
                .members(members)
                .seed(seed)
                .interactions(false)
                .build();
        BrandSettings brand = config.brand();
        LocalDate end = brand.dateOf(config.end().minusSeconds(1));
        // the transactions, kept as columns for both engines
        int[] customer = new int[1 << 20];
        int[] day = new int[1 << 20];
        double[] amount = new double[1 << 20];
        String[] ids = new String[members];
        int n = 0;
        long t0 = System.nanoTime();
        Iterator<GeneratedMember> it = ShopGenerator.of(config).members().iterator();
        int c = 0;
        while (it.hasNext()) {
            GeneratedMember m = it.next();
            ids[c] = m.member().id().value();
            for (Order o : m.orders()) {
                if (o.isCancelled()) {
                    continue;
                }
                if (n == customer.length) {
                    customer = Arrays.copyOf(customer, n * 2);
                    day = Arrays.copyOf(day, n * 2);
                    amount = Arrays.copyOf(amount, n * 2);
                }
                customer[n] = c;
                day[n] = (int) brand.dateOf(o.placedAt()).toEpochDay();
                amount[n] = o.total().minorUnits() / 100.0;
                n++;
            }
            c++;
        }
        out.printf(
                Locale.ROOT,
                "  generated %,d members, %,d orders (not cancelled) in %.1f s; generator r=%s alpha=%s a=%s b=%s"
                        + " (per day; dropout also after sign-up, seasonal calendar)%n",
                members,
                n,
                (System.nanoTime() - t0) / 1e9,
                config.rateShape(),
                config.rateScale(),
                config.dropoutA(),
                config.dropoutB());
        out.flush();

        long s0 = System.nanoTime();
        TransactionSummarizer summarizer = TransactionSummarizer.of(SummaryOptions.ofDefaults(end));
        for (int i = 0; i < n; i++) {
            summarizer.add(ids[customer[i]], LocalDate.ofEpochDay(day[i]), amount[i]);
        }
        CustomerSummary s = summarizer.summarize();
        double crmkitSummaryMs = (System.nanoTime() - s0) / 1e6;
        double sumX = 0;
        double sumRecency = 0;
        double sumT = 0;
        for (int i = 0; i < s.size(); i++) {
            sumX += s.frequency(i);
            sumRecency += s.recency(i);
            sumT += s.t(i);
        }

        double duckMs;
        long[] duck = new long[4];
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement st = db.createStatement()) {
                st.execute("SET threads = " + threads);
                st.execute("CREATE TABLE tx (c INTEGER, d INTEGER, amount DOUBLE)");
            }
            try (DuckDBAppender ap = ((DuckDBConnection) db).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "tx")) {
                for (int i = 0; i < n; i++) {
                    ap.beginRow();
                    ap.append(customer[i]);
                    ap.append(day[i]);
                    ap.append(amount[i]);
                    ap.endRow();
                }
            }
            long d0 = System.nanoTime();
            try (Statement st = db.createStatement();
                    ResultSet rs = st.executeQuery("WITH days AS (SELECT c, d FROM tx GROUP BY c, d),"
                            + " per AS (SELECT c, count(*) - 1 AS x, max(d) - min(d) AS rec, " + end.toEpochDay()
                            + " - min(d) AS t FROM days GROUP BY c)"
                            + " SELECT count(*), sum(x), sum(rec), sum(t) FROM per")) {
                rs.next();
                for (int k = 0; k < 4; k++) {
                    duck[k] = rs.getLong(k + 1);
                }
            }
            duckMs = (System.nanoTime() - d0) / 1e6;
        }
        boolean agree = duck[0] == s.size()
                && duck[1] == (long) sumX
                && duck[2] == Math.round(sumRecency)
                && duck[3] == Math.round(sumT);
        out.printf(
                Locale.ROOT,
                "  summary of %,d buyers: sum x %,.0f, sum recency %,.0f d, sum T %,.0f d; DuckDB %,d / %,d / %,d / %,d: %s%n",
                s.size(),
                sumX,
                sumRecency,
                sumT,
                duck[0],
                duck[1],
                duck[2],
                duck[3],
                agree ? "agree" : "MISMATCH");

        long f0 = System.nanoTime();
        Fit<BgNbd> fit = BgNbd.fit(s);
        double fitMs = (System.nanoTime() - f0) / 1e6;
        long f1 = System.nanoTime();
        Fit<BgNbd> again = BgNbd.fit(s);
        double fitMs2 = (System.nanoTime() - f1) / 1e6;
        out.printf(
                Locale.ROOT,
                "  BG/NBD fit on %,d customers: %.0f ms, again %.0f ms (%d evaluations): %s, LL %.1f%n",
                s.size(),
                fitMs,
                fitMs2,
                again.evaluations(),
                fit.parameters(),
                fit.logLikelihood());
        time("Gamma-Gamma fit", () -> GammaGamma.fit(s).parameters());
        out.println();
        out.println("  workload                                   crmkit       DuckDB SQL   ratio");
        out.printf(
                Locale.ROOT,
                "  per-customer summary, %,10d orders  %9.0f ms %9.0f ms   %5.2f%n",
                n,
                crmkitSummaryMs,
                duckMs,
                crmkitSummaryMs / duckMs);
        out.printf(Locale.ROOT, "  BG/NBD fit, %,10d customers       %9.0f ms          -       -%n", s.size(), fitMs2);
        out.flush();
        return agree ? 0 : 1;
    }
}
