package io.crmkit.bench;

import io.crmkit.automation.Backtest;
import io.crmkit.automation.Journey;
import io.crmkit.automation.JourneyEngine;
import io.crmkit.automation.JourneyEvent;
import io.crmkit.automation.JourneyId;
import io.crmkit.automation.JourneyMetrics;
import io.crmkit.automation.StandardJourneys;
import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.core.Crm;
import io.crmkit.core.Interaction;
import io.crmkit.core.Member;
import io.crmkit.core.Order;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code journeys}: the journey engine in memory on a generated shop: events per second (one
 * thread, per CPU second: the machine is shared), due timers per second, and a back-test of the standard journeys over the shop's last
 * year; plus the timer structure (a red-black tree, as the in-memory store uses, against a binary
 * heap) on a million timers.
 */
@Command(
        name = "journeys",
        mixinStandardHelpOptions = true,
        description = "Journey engine: events/s, due timers/s, back-test of a year; timer structures.")
final class JourneyBench implements Callable<Integer> {
    @Option(
            names = "--members",
            defaultValue = "100000",
            description = "Members to generate (default ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--runs", defaultValue = "3", description = "Timed event runs (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default ${DEFAULT-VALUE}).")
    String format;

    private final PrintWriter out;

    JourneyBench(PrintWriter out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--format must be table or json, not " + format);
        }
        boolean table = format.equals("table");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("java", System.getProperty("java.version"));
        r.put("cores", Runtime.getRuntime().availableProcessors());
        r.put("members", members);
        GeneratorConfig config =
                GeneratorConfig.custom().members(members).seed(seed).build();
        Crm crm = Crm.inMemory(config.brand());
        long t0 = System.nanoTime();
        long orders = load(config, crm);
        r.put("orders", orders);
        r.put("load_ms", (System.nanoTime() - t0) / 1_000_000);
        Instant end = config.end();
        Instant start = end.minus(Duration.ofDays(365));
        List<JourneyEvent> events = Backtest.history(crm, start, end);
        r.put("events_in_last_year", events.size());
        if (table) {
            out.printf(
                    Locale.ROOT,
                    "bench journeys: Java %s, %d cores; %,d members, %,d orders (loaded in %,d ms);"
                            + " %,d events in the last year%n",
                    r.get("java"),
                    r.get("cores"),
                    members,
                    orders,
                    r.get("load_ms"),
                    events.size());
            out.flush();
        }

        // events/s and due timers/s: the event-driven standard journeys, no conditions on the hot path
        List<Journey> eventJourneys = List.of(StandardJourneys.survey7d(), StandardJourneys.firstPurchaseThanks());
        double bestEvents = 0;
        double bestTimers = 0;
        long timers = 0;
        for (int run = 0; run < runs; run++) {
            AtomicLong sent = new AtomicLong();
            JourneyStateStore store = JourneyStateStore.inMemory();
            JourneyEngine engine = JourneyEngine.builder(crm)
                    .store(store)
                    .messages(m -> sent.incrementAndGet())
                    .build();
            eventJourneys.forEach(engine::deploy);
            long e0 = System.nanoTime();
            long c0 = cpu();
            for (JourneyEvent e : events) {
                engine.publish(e);
            }
            double eventSeconds = (System.nanoTime() - e0) / 1e9;
            double eventCpu = (cpu() - c0) / 1e9;
            long d0 = System.nanoTime();
            c0 = cpu();
            timers = engine.tick(end.plus(Duration.ofDays(60)));
            double timerSeconds = (System.nanoTime() - d0) / 1e9;
            double timerCpu = (cpu() - c0) / 1e9;
            bestEvents = Math.max(bestEvents, events.size() / eventCpu);
            bestTimers = Math.max(bestTimers, timers / timerCpu);
            if (table) {
                out.printf(
                        Locale.ROOT,
                        "  run %d: %,d events in %.2f s wall, %.2f s CPU = %,.0f events per CPU second; %,d due"
                                + " instances in %.2f s wall, %.2f s CPU = %,.0f per CPU second (%,d messages)%n",
                        run + 1,
                        events.size(),
                        eventSeconds,
                        eventCpu,
                        events.size() / eventCpu,
                        timers,
                        timerSeconds,
                        timerCpu,
                        timers / timerCpu,
                        sent.get());
                out.flush();
            }
        }
        r.put("events_per_cpu_s", Math.round(bestEvents));
        r.put("due_instances", timers);
        r.put("due_timers_per_cpu_s", Math.round(bestTimers));

        // back-test: the five standard journeys over the last year (one thread)
        long b0 = cpu();
        Backtest.Result bt = Backtest.builder(crm)
                .journeys(StandardJourneys.all())
                .between(start, end)
                .keepMessages(false)
                .run();
        long backtestCpuMs = (cpu() - b0) / 1_000_000;
        r.put("backtest_ms", bt.elapsedMillis());
        r.put("backtest_cpu_ms", backtestCpuMs);
        r.put("backtest_events", bt.events());
        r.put("backtest_effects", bt.effects());
        Map<String, Object> per = new LinkedHashMap<>();
        for (Journey j : StandardJourneys.all()) {
            JourneyMetrics.JourneyCounts c = bt.metrics().journey(j.id());
            per.put(j.id().value(), Map.of("entered", c.entered(), "converted", c.converted()));
        }
        r.put("backtest_journeys", per);
        var uplift = bt.metrics().uplift(JourneyId.of("win-back"));
        Map<String, Object> up = new LinkedHashMap<>();
        up.put("treated", uplift.treated());
        up.put("treated_rate", finite(uplift.treatedRate()));
        up.put("control", uplift.control());
        up.put("control_rate", finite(uplift.controlRate()));
        up.put("ci95_low", finite(uplift.low()));
        up.put("ci95_high", finite(uplift.high()));
        r.put("win_back_uplift", up);
        if (table) {
            out.printf(
                    Locale.ROOT,
                    "  back-test, 5 standard journeys, 1 year, %,d members: %,d ms wall, %,d ms CPU of the thread"
                            + " (%,d events; effects %s)%n",
                    members,
                    bt.elapsedMillis(),
                    backtestCpuMs,
                    bt.events(),
                    bt.effects());
            per.forEach((k, v) -> out.printf(Locale.ROOT, "    %-22s %s%n", k, v));
            out.printf(
                    Locale.ROOT,
                    "    win-back uplift: treated %.4f vs control %.4f, 95%% CI [%.4f, %.4f]%n",
                    uplift.treatedRate(),
                    uplift.controlRate(),
                    uplift.low(),
                    uplift.high());
            out.flush();
        }

        // timer structures: 10^6 timers inserted in random order, then drained in order
        long[] tree = timerStructures();
        r.put("timers_treeset_ms", tree[0]);
        r.put("timers_heap_ms", tree[1]);
        if (table) {
            out.printf(
                    Locale.ROOT,
                    "  10^6 timers insert + drain: red-black tree %,d ms, binary heap %,d ms (tree/heap %.2f)%n",
                    tree[0],
                    tree[1],
                    (double) tree[0] / tree[1]);
        } else {
            out.println(json(r));
        }
        out.flush();
        return 0;
    }

    /** @return this thread's CPU time in nanoseconds (the machine is shared: wall time is noisy) */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long load(GeneratorConfig config, Crm crm) {
        long orders = 0;
        List<Member> ms = new ArrayList<>();
        List<Order> os = new ArrayList<>();
        List<Interaction> is = new ArrayList<>();
        Iterator<GeneratedMember> it = ShopGenerator.of(config).members().iterator();
        while (it.hasNext()) {
            GeneratedMember g = it.next();
            ms.add(g.member());
            os.addAll(g.orders());
            is.addAll(g.interactions());
            orders += g.orders().size();
            if (os.size() >= 10_000) {
                flush(crm, ms, os, is);
            }
        }
        flush(crm, ms, os, is);
        return orders;
    }

    private static void flush(Crm crm, List<Member> ms, List<Order> os, List<Interaction> is) {
        crm.members().saveAll(ms);
        crm.orders().upsertAll(os);
        crm.interactions().appendAll(is);
        ms.clear();
        os.clear();
        is.clear();
    }

    private record Timer(long due, long id) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(id, o.id);
        }
    }

    private static long[] timerStructures() {
        int n = 1_000_000;
        Random r = new Random(1);
        Timer[] ts = new Timer[n];
        for (int i = 0; i < n; i++) {
            ts[i] = new Timer(r.nextInt(365 * 86400), i);
        }
        long tree = Long.MAX_VALUE;
        long heap = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            TreeSet<Timer> set = new TreeSet<>();
            for (Timer t : ts) {
                set.add(t);
            }
            long sum = 0;
            while (!set.isEmpty()) {
                sum += set.pollFirst().due;
            }
            tree = Math.min(tree, (System.nanoTime() - t0) / 1_000_000);
            t0 = System.nanoTime();
            PriorityQueue<Timer> pq = new PriorityQueue<>();
            for (Timer t : ts) {
                pq.add(t);
            }
            long sum2 = 0;
            while (!pq.isEmpty()) {
                sum2 += pq.poll().due;
            }
            heap = Math.min(heap, (System.nanoTime() - t0) / 1_000_000);
            if (sum != sum2) {
                throw new IllegalStateException("timer structures disagree");
            }
        }
        return new long[] {tree, heap};
    }

    private static String json(Object o) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
