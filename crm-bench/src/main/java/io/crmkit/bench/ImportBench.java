package io.crmkit.bench;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.MemberId;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.ChangeListener;
import io.crmkit.core.spi.OrderStore;
import io.crmkit.core.spi.Subscription;
import io.crmkit.generator.CanonicalCsv;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import io.crmkit.io.ImportResult;
import io.crmkit.io.Importer;
import io.crmkit.io.Preset;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code import}: imports a generated shop's {@code orders.csv} (canonical format, one row per order
 * line) with crm-io, into the in-memory store and into a store that only counts, and loads the same
 * file into DuckDB with {@code read_csv} in the same JVM. Row counts must agree. Also reports the
 * largest heap in use after a garbage collection during the import, to show that memory does not
 * grow with the file.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "crm-io import of canonical orders.csv (rows/s) vs DuckDB read_csv; heap after GC.")
final class ImportBench implements Callable<Integer> {
    @Option(
            names = "--members",
            defaultValue = "100000",
            description = "Members to generate when --dir has no shop (default ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--runs", defaultValue = "3", description = "Timed runs per store (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--dir",
            description = "A directory with a canonical shop (./crmkit generate); generated there if missing.")
    @Nullable
    Path dir;

    @Option(
            names = "--store",
            defaultValue = "both",
            description = "memory, counting or both (default ${DEFAULT-VALUE}); use counting for files the heap"
                    + " cannot hold as objects.")
    String store;

    @Option(names = "--no-duckdb", description = "Do not compare with DuckDB.")
    boolean noDuckdb;

    @Option(
            names = "--heap-probe",
            description = "Every second, run a full GC and record the heap in use: the live set during the import"
                    + " (slows the import; for the heap-flatness check).")
    boolean heapProbe;

    private final PrintWriter out;

    ImportBench(PrintWriter out) {
        this.out = out;
    }

    /** An order store that keeps nothing: the import's own cost, without the store's. */
    static final class CountingOrderStore implements OrderStore {
        final AtomicLong orders = new AtomicLong();

        @Override
        public void upsertAll(Collection<Order> batch) {
            orders.addAndGet(batch.size());
        }

        @Override
        public List<Order> findByMember(MemberId memberId, TimeRange range) {
            return List.of();
        }

        @Override
        public List<Order> findPlaced(TimeRange range, @Nullable Order after, int limit) {
            return List.of();
        }

        @Override
        public Optional<Order> find(OrderId id) {
            return Optional.empty();
        }

        @Override
        public List<Order> findAll(Collection<OrderId> ids) {
            return List.of();
        }

        @Override
        public List<Order> scan(@Nullable OrderId after, int limit) {
            return List.of();
        }

        @Override
        public long count() {
            return orders.get();
        }

        @Override
        public boolean delete(OrderId id) {
            return false;
        }

        @Override
        public Subscription subscribe(ChangeListener<Order> listener) {
            return () -> {};
        }
    }

    /** Listens to every garbage collection and keeps the largest heap in use after one. */
    static final class HeapSampler implements AutoCloseable {
        private final List<javax.management.NotificationEmitter> emitters = new java.util.ArrayList<>();
        private final javax.management.NotificationListener listener;
        private final AtomicLong max = new AtomicLong();

        private @Nullable Thread probe;
        private volatile boolean done;

        HeapSampler(boolean fullGcEverySecond) {
            this();
            if (fullGcEverySecond) {
                probe = new Thread(() -> {
                    while (!done) {
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                        System.gc();
                        long used = ManagementFactory.getMemoryMXBean()
                                .getHeapMemoryUsage()
                                .getUsed();
                        live.accumulateAndGet(used, Math::max);
                    }
                });
                probe.setDaemon(true);
                probe.start();
            }
        }

        private final AtomicLong live = new AtomicLong();

        /** @return the largest heap in use right after a probe's full GC, 0 without probes */
        long live() {
            return live.get();
        }

        HeapSampler() {
            listener = (notification, handback) -> {
                if (!notification
                        .getType()
                        .equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                com.sun.management.GarbageCollectionNotificationInfo info =
                        com.sun.management.GarbageCollectionNotificationInfo.from(
                                (javax.management.openmbean.CompositeData) notification.getUserData());
                long used = 0;
                for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                    used += u.getUsed();
                }
                long u = used;
                max.accumulateAndGet(u, Math::max);
            };
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter e) {
                    e.addNotificationListener(listener, null, null);
                    emitters.add(e);
                }
            }
        }

        /** @return the largest heap after a collection so far, after one more full collection */
        long max() {
            System.gc();
            try {
                Thread.sleep(200); // notifications arrive on their own thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return max.get();
        }

        @Override
        public void close() throws javax.management.ListenerNotFoundException, InterruptedException {
            done = true;
            if (probe != null) {
                probe.interrupt();
                probe.join();
            }
            for (javax.management.NotificationEmitter e : emitters) {
                e.removeNotificationListener(listener);
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!List.of("memory", "counting", "both").contains(store) || runs < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--store must be memory, counting or both; --runs positive");
        }
        Path shop = dir != null ? dir : Files.createTempDirectory("crmkit-import-bench");
        Path orders = shop.resolve(CanonicalCsv.ORDERS_FILE);
        BrandSettings brand = BrandSettings.ofDefaults();
        if (!Files.exists(orders)) {
            long t0 = System.nanoTime();
            ShopGenerator gen = ShopGenerator.of(GeneratorConfig.custom()
                    .members(members)
                    .seed(seed)
                    .interactions(false)
                    .build());
            try (CanonicalCsv csv = CanonicalCsv.create(shop)) {
                csv.writeProducts(gen.products());
                gen.members().forEach(csv::write);
            }
            out.printf(Locale.ROOT, "  generated %s in %.1f s%n", shop, (System.nanoTime() - t0) / 1e9);
        }
        long bytes = Files.size(orders);
        out.printf(
                Locale.ROOT,
                "bench import: %s (%,.1f MB), Java %s, %d cores, max heap %,d MB%n",
                orders,
                bytes / 1e6,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        out.flush();

        long rows = -1;
        double bestMemory = Double.NaN;
        double bestCounting = Double.NaN;
        long heapMax = 0;
        long liveMax = 0;
        for (int run = 0; run < runs; run++) {
            if (!store.equals("counting")) {
                Crm crm = Crm.inMemory(brand);
                System.gc();
                long t0 = System.nanoTime();
                long t1;
                ImportResult r;
                try (HeapSampler heap = new HeapSampler(heapProbe)) {
                    r = Importer.into(crm)
                            .preset(Preset.named("canonical-orders"))
                            .build()
                            .importFile(orders);
                    t1 = System.nanoTime(); // before the sampler's final collection
                    heapMax = Math.max(heapMax, heap.max());
                    liveMax = Math.max(liveMax, heap.live());
                }
                double s = (t1 - t0) / 1e9;
                rows = check(rows, r);
                bestMemory = Double.isNaN(bestMemory) ? s : Math.min(bestMemory, s);
                out.printf(
                        Locale.ROOT,
                        "  run %d in-memory store: %,d rows, %,d orders in %.2f s = %,.0f rows/s%n",
                        run + 1,
                        r.rowsRead(),
                        crm.orders().count(),
                        s,
                        r.rowsRead() / s);
                out.flush();
            }
            if (!store.equals("memory")) {
                CountingOrderStore counting = new CountingOrderStore();
                System.gc();
                long t0 = System.nanoTime();
                long t1;
                ImportResult r;
                long peak;
                try (HeapSampler heap = new HeapSampler(heapProbe)) {
                    r = Importer.builder(brand)
                            .orders(counting)
                            .preset(Preset.named("canonical-orders"))
                            .build()
                            .importFile(orders);
                    t1 = System.nanoTime(); // before the sampler's final collection
                    peak = heap.max();
                    liveMax = Math.max(liveMax, heap.live());
                }
                double s = (t1 - t0) / 1e9;
                rows = check(rows, r);
                bestCounting = Double.isNaN(bestCounting) ? s : Math.min(bestCounting, s);
                out.printf(
                        Locale.ROOT,
                        "  run %d counting store:  %,d rows, %,d orders in %.2f s = %,.0f rows/s; heap after GC"
                                + " at most %,d MB%n",
                        run + 1,
                        r.rowsRead(),
                        counting.count(),
                        s,
                        r.rowsRead() / s,
                        peak >> 20);
                out.flush();
            }
        }
        double duck = Double.NaN;
        if (!noDuckdb) {
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
                    Statement st = db.createStatement()) {
                st.execute("SET threads = 2");
                for (int run = 0; run < runs; run++) {
                    st.execute("DROP TABLE IF EXISTS orders");
                    long t0 = System.nanoTime();
                    st.execute("CREATE TABLE orders AS SELECT * FROM read_csv('"
                            + orders.toString().replace("'", "''") + "', header = true, all_varchar = true)");
                    double s = (System.nanoTime() - t0) / 1e9;
                    duck = Double.isNaN(duck) ? s : Math.min(duck, s);
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM orders")) {
                    rs.next();
                    long n = rs.getLong(1);
                    if (n != rows) {
                        out.printf(Locale.ROOT, "MISMATCH: crmkit read %,d rows, DuckDB %,d%n", rows, n);
                        out.flush();
                        return 1;
                    }
                }
            }
        }
        out.println();
        out.printf(Locale.ROOT, "  %-44s %10s %10s%n", "workload (best of " + runs + ")", "time", "rows/s");
        if (!Double.isNaN(bestMemory)) {
            out.printf(
                    Locale.ROOT,
                    "  %-44s %9.2fs %,10.0f%n",
                    "crm-io -> in-memory store",
                    bestMemory,
                    rows / bestMemory);
        }
        if (!Double.isNaN(bestCounting)) {
            out.printf(
                    Locale.ROOT,
                    "  %-44s %9.2fs %,10.0f%n",
                    "crm-io -> counting store",
                    bestCounting,
                    rows / bestCounting);
        }
        if (!Double.isNaN(duck)) {
            out.printf(
                    Locale.ROOT,
                    "  %-44s %9.2fs %,10.0f%n",
                    "DuckDB read_csv (all varchar, 2 threads)",
                    duck,
                    rows / duck);
        }
        if (heapProbe) {
            out.printf(
                    Locale.ROOT,
                    "  live heap (full GC every second during the imports): at most %,d MB%n",
                    liveMax >> 20);
        }
        if (heapMax > 0) {
            out.printf(Locale.ROOT, "  heap in use after GC, in-memory store runs: at most %,d MB%n", heapMax >> 20);
        }
        out.flush();
        return 0;
    }

    private static long check(long rows, ImportResult r) {
        if (r.rejected() != 0) {
            throw new IllegalStateException("the import rejected " + r.rejected() + " rows: " + r.rejections());
        }
        if (rows >= 0 && rows != r.rowsRead()) {
            throw new IllegalStateException("runs disagree: " + rows + " and " + r.rowsRead() + " rows");
        }
        return r.rowsRead();
    }
}
