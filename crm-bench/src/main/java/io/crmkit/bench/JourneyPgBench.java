package io.crmkit.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.crmkit.automation.Entry;
import io.crmkit.automation.Journey;
import io.crmkit.automation.JourneyEngine;
import io.crmkit.automation.JourneyEvent;
import io.crmkit.automation.Step;
import io.crmkit.automation.Trigger;
import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.jdbc.PostgresJourneyStateStore;
import io.crmkit.jdbc.PostgresStores;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code journeys-pg}: journey steps per second on crm-jdbc's {@link PostgresJourneyStateStore}
 * (embedded PostgreSQL started for the run) beside the in-memory store, in the same JVM. N members
 * register and enter a journey "wait a day, then send an e-mail": phase 1 publishes the N events (each
 * instance enters and runs to its wait), phase 2 ticks a day later and drains the N due instances
 * (claim, intent, gateway, outcome, finish). A step is one instance run. With 2 engines (distinct
 * owner names, one thread each) the events are split between them and both tick at once, sharing the
 * due instances through leases; the in-memory column is one engine throughout. Every member must get exactly one message (exit 1 if not).
 */
@Command(
        name = "journeys-pg",
        mixinStandardHelpOptions = true,
        description = "Journey steps/s on the PostgreSQL journey store (1 and 2 engines) vs the in-memory store.")
final class JourneyPgBench implements Callable<Integer> {
    @Option(
            names = "--members",
            defaultValue = "20000",
            description = "Members entering the journey (default ${DEFAULT-VALUE}).")
    int members;

    @Option(
            names = "--runs",
            defaultValue = "2",
            description = "Runs per configuration, best kept (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--batch",
            defaultValue = "500",
            description = "Events per publishAll call and instances per tick batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--pg-statements",
            description = "Also print the statements PostgreSQL spent the most time on (pg_stat_statements).")
    boolean statements;

    private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    private final PrintWriter out;

    JourneyPgBench(PrintWriter out) {
        this.out = out;
    }

    /** Steps per second of the two phases, and whether the messages were right. */
    record Result(double enterPerS, double drainPerS, double totalPerS, boolean exact) {}

    @Override
    public Integer call() throws Exception {
        if (members < 1 || runs < 1 || batch < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--members, --runs and --batch must be positive");
        }
        BrandSettings brand = BrandSettings.ofDefaults();
        Crm crm = Crm.inMemory(brand);
        List<JourneyEvent> events = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            Member m = crm.members()
                    .save(Member.builder(MemberId.of(String.format("M%08d", i)), T0.plusMillis(i))
                            .email(Email.parse("m" + i + "@example.com"))
                            .consent(Consent.optIn(ContactChannel.EMAIL, T0, "signup"))
                            .build());
            events.add(JourneyEvent.registered(m));
        }
        out.printf(
                Locale.ROOT,
                "bench journeys-pg: %,d members enter \"wait 1 day, send\"; Java %s, %d cores%n",
                members,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        out.flush();
        Path dir = Files.createTempDirectory("crmkit-bench-pgj");
        boolean allExact = true;
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dir.resolve("data"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("shared_buffers", "256MB")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("shared_preload_libraries", statements ? "pg_stat_statements" : "")
                        .start();
                HikariDataSource ds = pool(pg)) {
            PostgresStores stores = PostgresStores.builder(ds).schema("bench").build();
            PostgresJourneyStateStore pgStore = stores.journeys();
            out.printf(
                    Locale.ROOT,
                    "  PostgreSQL embedded (synchronous_commit off, pool of %d); batches of %d; steps/s, best of %d%n",
                    ds.getMaximumPoolSize(),
                    batch,
                    runs);
            out.printf(
                    Locale.ROOT,
                    "  %-40s %12s %12s %8s%n",
                    "workload (steps = instance runs)",
                    "PostgreSQL",
                    "in-memory",
                    "ratio");
            out.printf(Locale.ROOT, "  (in-memory: one engine in every row)%n");
            // the in-memory store lives in one JVM, where one engine is the deployment; its lease ends at
            // every update, so two engines on it would also run into each other mid-run
            Result m = best(crm, events, 1, JourneyStateStore::inMemory);
            allExact &= m.exact;
            if (statements) {
                sql(ds, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                sql(ds, "SELECT pg_stat_statements_reset()");
            }
            for (int engines = 1; engines <= 2; engines++) {
                Result p = best(crm, events, engines, () -> {
                    pgStore.truncate();
                    return pgStore;
                });
                allExact &= p.exact;
                row(engines, "enter + run to the wait", p.enterPerS, m.enterPerS);
                row(engines, "tick: drain due (send, finish)", p.drainPerS, m.drainPerS);
                row(engines, "both phases", p.totalPerS, m.totalPerS);
            }
            if (statements) {
                printStatements(ds);
            }
        }
        if (!allExact) {
            out.println("  MISMATCH: some member did not get exactly one message");
            return 1;
        }
        out.println("  every run: each member got exactly one message, each key once");
        return 0;
    }

    private void row(int engines, String what, double pg, double memory) {
        out.printf(
                Locale.ROOT,
                "  %-40s %,12.0f %,12.0f %8.1f%n",
                engines + (engines == 1 ? " engine:  " : " engines: ") + what,
                pg,
                memory,
                memory / pg);
        out.flush();
    }

    private Result best(Crm crm, List<JourneyEvent> events, int engines, Supplier<JourneyStateStore> fresh)
            throws InterruptedException {
        Result best = null;
        for (int r = 0; r < runs; r++) {
            Result x = once(crm, events, engines, fresh.get());
            if (best == null || x.totalPerS > best.totalPerS) {
                best = new Result(x.enterPerS, x.drainPerS, x.totalPerS, x.exact && (best == null || best.exact));
            }
        }
        return best;
    }

    private Result once(Crm crm, List<JourneyEvent> events, int engines, JourneyStateStore store)
            throws InterruptedException {
        Journey journey = Journey.builder("pg-bench")
                .entry(Entry.on(Trigger.memberRegistered()))
                .step(Step.waitFor("wait", Duration.ofDays(1)))
                .step(Step.send("hello", ContactChannel.EMAIL, "hello"))
                .build();
        Map<String, Integer> keys = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        JourneyEngine[] nodes = new JourneyEngine[engines];
        for (int k = 0; k < engines; k++) {
            nodes[k] = JourneyEngine.builder(crm)
                    .store(store)
                    .owner("node-" + k)
                    .batchSize(batch)
                    .messages(msg -> {
                        sent.incrementAndGet();
                        keys.merge(msg.key(), 1, Integer::sum);
                    })
                    .build();
            nodes[k].deploy(journey);
        }
        int n = events.size();
        long t0 = System.nanoTime();
        onThreads(engines, k -> {
            // each engine consumes its share of the events as a host polls a queue: batch by batch
            List<JourneyEvent> polled = new ArrayList<>(batch);
            for (int i = k; i < n; i += engines) {
                polled.add(events.get(i));
                if (polled.size() == batch) {
                    nodes[k].publishAll(polled);
                    polled.clear();
                }
            }
            if (!polled.isEmpty()) {
                nodes[k].publishAll(polled);
            }
        });
        long t1 = System.nanoTime();
        Instant later = T0.plus(Duration.ofDays(2));
        AtomicInteger ran = new AtomicInteger();
        onThreads(engines, k -> ran.addAndGet(nodes[k].tick(later)));
        long t2 = System.nanoTime();
        boolean exact =
                sent.get() == n && keys.size() == n && keys.values().stream().allMatch(c -> c == 1) && ran.get() == n;
        return new Result(n / ((t1 - t0) / 1e9), n / ((t2 - t1) / 1e9), 2.0 * n / ((t2 - t0) / 1e9), exact);
    }

    private interface Part {
        void run(int k);
    }

    private static void onThreads(int threads, Part part) throws InterruptedException {
        if (threads == 1) {
            part.run(0);
            return;
        }
        List<Thread> ts = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int k = 0; k < threads; k++) {
            int kk = k;
            Thread t = new Thread(() -> {
                try {
                    part.run(kk);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("an engine failed", failures.get(0));
        }
    }

    private static void sql(javax.sql.DataSource ds, String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = ds.getConnection();
                java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The statements of the PostgreSQL runs by total execution time. */
    private void printStatements(javax.sql.DataSource ds) throws java.sql.SQLException {
        out.println("  PostgreSQL time by statement (all PostgreSQL runs; ms total, calls, rows):");
        try (java.sql.Connection c = ds.getConnection();
                java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT round(total_exec_time), calls, rows,"
                        + " regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements"
                        + " WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 12")) {
            while (rs.next()) {
                String q = rs.getString(4);
                out.printf(
                        Locale.ROOT,
                        "  %,9d ms %,9d %,10d  %s%n",
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        q.length() > 110 ? q.substring(0, 110) + "…" : q);
            }
        }
        out.flush();
    }

    private static HikariDataSource pool(EmbeddedPostgres pg) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(pg.getPostgresDatabase());
        config.setMaximumPoolSize(8);
        config.setPoolName("crmkit-bench-journeys-pg");
        return new HikariDataSource(config);
    }
}
