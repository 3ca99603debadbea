package io.crmkit.cli;

import io.crmkit.core.Crm;
import io.crmkit.core.Interaction;
import io.crmkit.core.Member;
import io.crmkit.core.Order;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code crmkit bench-store}: loads a generated shop into the in-memory stores and prints the heap
 * it takes per member, per order (with its lines and indexes) and per interaction, measured as the
 * growth of the used heap after full garbage collections between the loading phases.
 *
 * <pre>{@code
 * ./crmkit bench-store --members 1000000 --no-interactions
 * }</pre>
 */
@Command(
        name = "bench-store",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the in-memory store: load a generated shop (members, then orders, then interactions)",
            "and print the retained heap per member, per order and per interaction, and the load rates."
        })
final class BenchStoreCommand implements Callable<Integer> {
    private static final int BATCH = 10_000;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Mixin
    ShopOptions shop = new ShopOptions();

    @Override
    public Integer call() {
        GeneratorConfig config = shop.config(spec, 200_000);
        PrintWriter out = spec.commandLine().getOut();
        ShopGenerator gen = ShopGenerator.of(config);
        Crm crm = Crm.inMemory(config.brand());
        out.printf(
                Locale.ROOT,
                "bench-store: %,d members, seed %d, max heap %,d MB, Java %s%n",
                config.members(),
                config.seed(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        out.flush();

        long base = usedAfterGc();
        double memberSeconds = load(gen, config.members(), crm, Phase.MEMBERS)[2] / 1e9;
        long afterMembers = usedAfterGc();

        long[] orderCounts = load(gen, config.members(), crm, Phase.ORDERS);
        double orderSeconds = orderCounts[2] / 1e9;
        long afterOrders = usedAfterGc();

        long interactions = 0;
        double interactionSeconds = 0;
        long afterInteractions = afterOrders;
        if (config.interactions()) {
            long[] c = load(gen, config.members(), crm, Phase.INTERACTIONS);
            interactions = c[0];
            interactionSeconds = c[2] / 1e9;
            afterInteractions = usedAfterGc();
        }

        long members = crm.members().count();
        long orders = crm.orders().count();
        out.printf(
                Locale.ROOT, "  %-14s %12s %14s %12s %14s%n", "what", "count", "heap bytes", "bytes each", "writes/s");
        row(out, "members", members, afterMembers - base, memberSeconds);
        row(out, "orders", orders, afterOrders - afterMembers, orderSeconds);
        out.printf(
                Locale.ROOT,
                "  %-14s %,12d %14s %12.1f%n",
                "  (lines)",
                orderCounts[1],
                "",
                (afterOrders - afterMembers) / (double) Math.max(1, orderCounts[1]));
        if (config.interactions()) {
            row(out, "interactions", interactions, afterInteractions - afterOrders, interactionSeconds);
        }
        double gb = (afterMembers - base) / (double) Math.max(1, members) * 1e6
                + (afterOrders - afterMembers) / (double) Math.max(1, orders) * 1e7;
        out.printf(
                Locale.ROOT,
                "  projected heap for 10^6 members and 10^7 orders (no interactions): %.1f GB%n",
                gb / 1e9);
        return 0;
    }

    private enum Phase {
        MEMBERS,
        ORDERS,
        INTERACTIONS
    }

    /** @return items loaded, order lines, and nanoseconds spent in the store calls (not generating) */
    private static long[] load(ShopGenerator gen, int members, Crm crm, Phase phase) {
        List<Member> ms = new ArrayList<>(BATCH);
        List<Order> os = new ArrayList<>(BATCH);
        List<Interaction> is = new ArrayList<>(BATCH);
        long n = 0;
        long lines = 0;
        long nanos = 0;
        Iterator<GeneratedMember> it = gen.members(0, members).iterator();
        while (it.hasNext()) {
            GeneratedMember g = it.next();
            switch (phase) {
                case MEMBERS -> {
                    ms.add(g.member());
                    n++;
                    if (ms.size() == BATCH) {
                        long t = System.nanoTime();
                        crm.members().saveAll(ms);
                        nanos += System.nanoTime() - t;
                        ms.clear();
                    }
                }
                case ORDERS -> {
                    for (Order o : g.orders()) {
                        os.add(o);
                        n++;
                        lines += o.lines().size();
                    }
                    if (os.size() >= BATCH) {
                        long t = System.nanoTime();
                        crm.orders().upsertAll(os);
                        nanos += System.nanoTime() - t;
                        os.clear();
                    }
                }
                case INTERACTIONS -> {
                    is.addAll(g.interactions());
                    n += g.interactions().size();
                    if (is.size() >= BATCH) {
                        long t = System.nanoTime();
                        crm.interactions().appendAll(is);
                        nanos += System.nanoTime() - t;
                        is.clear();
                    }
                }
            }
        }
        if (!ms.isEmpty()) {
            long t = System.nanoTime();
            crm.members().saveAll(ms);
            nanos += System.nanoTime() - t;
        }
        if (!os.isEmpty()) {
            long t = System.nanoTime();
            crm.orders().upsertAll(os);
            nanos += System.nanoTime() - t;
        }
        if (!is.isEmpty()) {
            long t = System.nanoTime();
            crm.interactions().appendAll(is);
            nanos += System.nanoTime() - t;
        }
        return new long[] {n, lines, nanos};
    }

    private static void row(PrintWriter out, String what, long count, long bytes, double seconds) {
        out.printf(
                Locale.ROOT,
                "  %-14s %,12d %,14d %12.1f %,14.0f%n",
                what,
                count,
                bytes,
                bytes / (double) Math.max(1, count),
                count / seconds);
        out.flush();
    }

    private static long usedAfterGc() {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
