package io.crmkit.cli;

import io.crmkit.core.Order;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code crmkit bench-generate}: generates members on one thread without writing anything and
 * prints orders/s and members/s. A warm-up pass first lets the JIT compile the generator.
 *
 * <pre>{@code
 * ./crmkit bench-generate --members 200000 --runs 3
 * }</pre>
 */
@Command(
        name = "bench-generate",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the generator: generate members on one thread, keep nothing, write nothing,",
            "and print orders/s (orders with their lines) and members/s, by wall-clock time and",
            "by the CPU time of the generating thread (less disturbed by other processes)."
        })
final class BenchGenerateCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Mixin
    ShopOptions shop = new ShopOptions();

    @Option(
            names = "--runs",
            paramLabel = "R",
            defaultValue = "1",
            description = "Timed runs over all members (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "100000",
            description = "Members generated before timing, to warm up the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() {
        if (runs < 1 || runs > 100) {
            throw new ParameterException(
                    spec.commandLine(), "Invalid value for option '--runs': " + runs + " (1 to 100)");
        }
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--warmup': " + warmup);
        }
        GeneratorConfig config = shop.config(spec, 200_000);
        PrintWriter out = spec.commandLine().getOut();
        ShopGenerator gen = ShopGenerator.of(config);
        out.printf(
                Locale.ROOT,
                "bench-generate: %s members, seed %d, interactions %s, 1 thread, Java %s%n",
                ShopSummary.count(config.members()),
                config.seed(),
                config.interactions() ? "on" : "off",
                System.getProperty("java.version"));
        if (warmup > 0) {
            long t0 = System.nanoTime();
            long[] c = run(gen, Math.min(warmup, config.members()));
            out.printf(
                    Locale.ROOT,
                    "  warm-up   %,12d members %,12d orders  %6.2f s%n",
                    Math.min(warmup, config.members()),
                    c[0],
                    (System.nanoTime() - t0) / 1e9);
            out.flush();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            long cpu0 = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
            long t0 = System.nanoTime();
            long[] c = run(gen, config.members());
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = cpuTime ? (threads.getCurrentThreadCpuTime() - cpu0) / 1e9 : Double.NaN;
            rates[r] = c[0] / s;
            out.printf(
                    Locale.ROOT,
                    "  run %-3d %,12d members %,12d orders %,12d lines %,13d interactions  %6.2f s  %,11.0f orders/s  %,10.0f members/s  (thread CPU %.2f s: %,.0f orders/s)%n",
                    r + 1,
                    config.members(),
                    c[0],
                    c[1],
                    c[2],
                    s,
                    c[0] / s,
                    config.members() / s,
                    cpu,
                    c[0] / cpu);
            out.flush();
            if (c[3] == 42) {
                out.println(); // keeps the checksum alive
            }
        }
        if (runs > 1) {
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            out.printf(Locale.ROOT, "  orders/s: median %,.0f, best %,.0f%n", sorted[runs / 2], sorted[runs - 1]);
        }
        return 0;
    }

    /** @return orders, lines, interactions and a checksum of the order totals */
    private static long[] run(ShopGenerator gen, int members) {
        long orders = 0;
        long lines = 0;
        long interactions = 0;
        long checksum = 0;
        Iterator<GeneratedMember> it = gen.members(0, members).iterator();
        while (it.hasNext()) {
            GeneratedMember m = it.next();
            interactions += m.interactions().size();
            for (Order o : m.orders()) {
                orders++;
                lines += o.lines().size();
                checksum += o.total().minorUnits();
            }
        }
        return new long[] {orders, lines, interactions, checksum};
    }
}
