package io.crmkit.cli;

import io.crmkit.core.Crm;
import io.crmkit.core.Interaction;
import io.crmkit.core.Member;
import io.crmkit.core.Order;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code crmkit demo}: the whole flow on a generated shop (or on an export) into {@code report.html}
 * plus CSV / JSON of every table.
 *
 * <pre>{@code
 * ./crmkit demo                                   # 100,000 generated members, report in crmkit-demo/
 * ./crmkit demo --orders orders.csv --preset shopify-orders --out report --locale en
 * }</pre>
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The main job: a shop's whole member-marketing picture in one report.html.",
            "%nGenerates a Taiwanese shop (default 100,000 members, --seed) or imports your export (--orders"
                    + " FILE --preset P) into an in-memory store; computes member statistics, RFM, lifecycle (NAPL)"
                    + " and its 30-day flow, tiers, saved segments (VIP at risk, Double-11 cohorts, birthday this"
                    + " month, win-back, ...) with sizes and overlaps, dashboard reports and CLV (BG/NBD +"
                    + " Gamma-Gamma); writes DIR/report.html (one self-contained file, SVG charts, zh-TW or en),"
                    + " DIR/tables/*.csv and *.json, DIR/segments/*.json, and prints a summary. Progress goes to"
                    + " stderr when it is a terminal."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done",
            "  1  the input could not be read or the report not written",
            "     (file, line and reason on stderr)",
            "  2  bad usage"
        })
final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--no-journeys",
            description = "Skip the back-test of the standard journeys (welcome, first-purchase thanks, 7-day survey,"
                    + " win-back with a control group, birthday) over the last year.")
    boolean noJourneys;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Option(
            names = {"-n", "--members"},
            paramLabel = "N",
            defaultValue = "100000",
            description = "Members of the generated shop, 1 to 10,000,000 (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(
            names = {"-s", "--seed"},
            paramLabel = "S",
            defaultValue = "42",
            description = "Random seed of the generated shop (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--interactions",
            description = "Also generate messages, opens, clicks, surveys and page views (the report does not read"
                    + " them; about three times slower).")
    boolean interactions;

    @Option(
            names = "--orders",
            paramLabel = "FILE",
            description = "Report on this order export instead of a generated shop.")
    @Nullable
    Path orders;

    @Option(
            names = "--customers",
            paramLabel = "FILE",
            description = "With --orders: a member file of the canonical format (else buyers come from the orders).")
    @Nullable
    Path customers;

    @Option(
            names = "--preset",
            paramLabel = "NAME",
            description = "With --orders: cdnow, canonical or any import preset (default: detected).")
    @Nullable
    String preset;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            description = "With --orders: the brand's zone (default: UTC for cdnow, else Asia/Taipei).")
    @Nullable
    String zone;

    @Option(
            names = "--currency",
            paramLabel = "CODE",
            description = "With --orders: the brand's currency (default: USD for cdnow, else TWD).")
    @Nullable
    String currency;

    @Option(
            names = "--as-of",
            paramLabel = "DATE",
            description = "YYYY-MM-DD: report as of the start of that date (default: the day after the last order).")
    @Nullable
    String asOf;

    @Mixin
    ReportRun report = new ReportRun();

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        var cl = spec.commandLine();
        report.locale(cl);
        if (orders == null && (customers != null || preset != null || zone != null || currency != null)) {
            throw new ParameterException(cl, "--customers, --preset, --zone and --currency need --orders");
        }
        if (orders != null && spec.commandLine().getParseResult().hasMatchedOption("--members")) {
            throw new ParameterException(cl, "give --members N (a generated shop) or --orders FILE, not both");
        }
        if (members < 1 || members > 10_000_000) {
            throw new ParameterException(cl, "--members must be 1 to 10,000,000, not " + members);
        }
        ReportRun.Progress progress = ReportRun.progress("demo", cl.getErr());
        Crm crm;
        List<Object[]> extra = new ArrayList<>();
        Instant instant = null;
        if (orders != null) {
            progress.accept("importing " + orders);
            OrdersInput in = new OrdersInput();
            in.orders = orders;
            in.members = customers;
            in.preset = preset;
            in.zone = zone;
            in.currency = currency;
            crm = in.loadCrm(cl, cl.getErr());
            extra.add(new Object[] {"source", orders.toString()});
            extra.add(new Object[] {"millis_import", (System.nanoTime() - t0) / 1_000_000});
        } else {
            progress.accept("generating " + String.format(java.util.Locale.ROOT, "%,d", members) + " members");
            GeneratorConfig config = GeneratorConfig.custom()
                    .members(members)
                    .seed(seed)
                    .brand(io.crmkit.core.BrandSettings.ofDefaults())
                    .interactions(interactions)
                    .build();
            crm = Crm.inMemory(config.brand());
            generate(ShopGenerator.of(config), crm, progress);
            extra.add(new Object[] {"source", "generated shop, seed " + seed});
            extra.add(new Object[] {"millis_generate_and_load", (System.nanoTime() - t0) / 1_000_000});
        }
        if (asOf != null) {
            try {
                instant = LocalDate.parse(asOf)
                        .atStartOfDay(crm.settings().zone())
                        .toInstant();
            } catch (DateTimeParseException e) {
                throw new ParameterException(cl, "--as-of " + asOf + " is not a date such as 2026-01-01");
            }
        }
        List<io.crmkit.report.spi.ReportSection> sections = new java.util.ArrayList<>();
        if (!noJourneys) {
            sections.add(journeys(crm, instant, progress, extra));
        }
        report.run(cl, crm, instant, progress, extra, t0, "crmkit-demo", sections);
        return 0;
    }

    /**
     * Back-tests the standard journeys over the year before the report's as-of date (the start of the
     * day after the last order when none is given), with a frequency cap and quiet hours.
     */
    private static io.crmkit.report.spi.ReportSection journeys(
            Crm crm, @Nullable Instant asOf, java.util.function.Consumer<String> progress, List<Object[]> extra) {
        Instant end = asOf;
        if (end == null) {
            Instant last = crm.orders().stream()
                    .map(io.crmkit.core.Order::placedAt)
                    .max(Instant::compareTo)
                    .orElse(crm.settings().now());
            end = crm.settings()
                    .dateOf(last)
                    .plusDays(1)
                    .atStartOfDay(crm.settings().zone())
                    .toInstant();
        }
        Instant start = end.atZone(crm.settings().zone()).minusYears(1).toInstant();
        progress.accept("back-testing the standard journeys");
        long t0 = System.nanoTime();
        List<io.crmkit.automation.Journey> js = io.crmkit.automation.StandardJourneys.all();
        io.crmkit.automation.Backtest.Result r = io.crmkit.automation.Backtest.builder(crm)
                .journeys(js)
                .guards(io.crmkit.automation.Guards.builder()
                        .frequencyCap(2, java.time.Duration.ofDays(7))
                        .quietHours(java.time.LocalTime.of(21, 0), java.time.LocalTime.of(9, 0))
                        .build())
                .between(start, end)
                .keepMessages(false)
                .run();
        extra.add(new Object[] {"millis_journey_backtest", (System.nanoTime() - t0) / 1_000_000});
        for (io.crmkit.automation.Journey j : js) {
            extra.add(new Object[] {
                "journey_" + j.id().value().replace('-', '_') + "_entered",
                r.metrics().journey(j.id()).entered()
            });
        }
        return io.crmkit.report.JourneySection.of(js, r);
    }

    /**
     * Generates the shop on two threads (the generator is deterministic per member index) and loads
     * it into the stores in batches, in member order.
     */
    static void generate(ShopGenerator gen, Crm crm, java.util.function.Consumer<String> progress)
            throws InterruptedException, ExecutionException {
        crm.products().upsertAll(gen.products());
        int n = gen.config().members();
        int batch = 5_000;
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "crmkit-generate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<GeneratedMember>>> pending = new ArrayList<>();
            int next = 0;
            int loaded = 0;
            while (next < n || !pending.isEmpty()) {
                while (next < n && pending.size() < threads + 1) {
                    int from = next, to = Math.min(n, next + batch);
                    pending.add(pool.submit(() -> gen.members(from, to).toList()));
                    next = to;
                }
                List<GeneratedMember> done = pending.remove(0).get();
                List<Member> ms = new ArrayList<>(done.size());
                List<Order> os = new ArrayList<>();
                List<Interaction> is = new ArrayList<>();
                Iterator<GeneratedMember> it = done.iterator();
                while (it.hasNext()) {
                    GeneratedMember g = it.next();
                    ms.add(g.member());
                    os.addAll(g.orders());
                    is.addAll(g.interactions());
                }
                crm.members().saveAll(ms);
                crm.orders().upsertAll(os);
                crm.interactions().appendAll(is);
                loaded += done.size();
                if (loaded % 25_000 < batch && loaded < n) {
                    progress.accept(String.format(java.util.Locale.ROOT, "loaded %,d of %,d members", loaded, n));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
