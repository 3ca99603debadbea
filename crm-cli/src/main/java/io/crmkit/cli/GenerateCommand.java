package io.crmkit.cli;

import io.crmkit.generator.CanonicalCsv;
import io.crmkit.generator.CanonicalCsvException;
import io.crmkit.generator.GeneratedMember;
import io.crmkit.generator.GeneratorConfig;
import io.crmkit.generator.ShopGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crmkit generate}: generates a synthetic Taiwanese shop and writes it as canonical CSV
 * ({@code members.csv}, {@code orders.csv}, {@code products.csv}, {@code interactions.csv}).
 *
 * <pre>{@code
 * ./crmkit generate --members 100000 --seed 7 --out shop
 * }</pre>
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Generate a synthetic Taiwanese shop and write it as crmkit canonical CSV:",
            "members.csv, orders.csv (one row per order line), products.csv, interactions.csv.",
            "Existing files are not replaced unless --force is given."
        })
final class GenerateCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Mixin
    ShopOptions shop = new ShopOptions();

    @Option(
            names = {"-o", "--out"},
            paramLabel = "DIR",
            required = true,
            description = "Directory to write into; created if missing.")
    @SuppressWarnings("NullAway.Init")
    Path out;

    @Option(
            names = {"-f", "--force"},
            description = "Replace existing files in DIR.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        GeneratorConfig config = shop.config(spec, 10_000);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (!force) {
            List<String> existing = new ArrayList<>();
            for (String f : CanonicalCsv.FILES) {
                if (Files.exists(out.resolve(f))) {
                    existing.add(out.resolve(f).toString());
                }
            }
            if (!existing.isEmpty()) {
                stderr.println("crmkit generate: " + String.join(", ", existing)
                        + (existing.size() == 1 ? " already exists" : " already exist")
                        + "; use --force to replace");
                stderr.flush();
                return 1;
            }
        }
        long t0 = System.nanoTime();
        ShopGenerator gen = ShopGenerator.of(config);
        ShopSummary summary =
                new ShopSummary(config.brand().zone(), config.brand().currency());
        long products;
        try (CanonicalCsv csv = force ? CanonicalCsv.overwrite(out) : CanonicalCsv.create(out)) {
            csv.writeProducts(gen.products());
            products = csv.productRows();
            Iterator<GeneratedMember> it = gen.members().iterator();
            while (it.hasNext()) {
                GeneratedMember m = it.next();
                csv.write(m);
                summary.add(m);
            }
        } catch (CanonicalCsvException e) {
            stderr.println("crmkit generate: " + e.getMessage());
            stderr.flush();
            return 1;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        LocalDate first = LocalDate.ofInstant(config.start(), config.brand().zone());
        LocalDate last =
                LocalDate.ofInstant(config.end().minusSeconds(1), config.brand().zone());
        stdout.printf(
                Locale.ROOT,
                "Generated a shop in %s (seed %d, %s to %s, %s)%n",
                out,
                config.seed(),
                first,
                last,
                config.brand().zone());
        summary.print(stdout, products);
        stdout.println();
        stdout.println("Files");
        for (String f : CanonicalCsv.FILES) {
            stdout.printf(Locale.ROOT, "  %-18s %10.1f MB%n", f, Files.size(out.resolve(f)) / 1e6);
        }
        stdout.println();
        stdout.printf(
                Locale.ROOT,
                "Time %.1f s (generating and writing): %s orders/s%n",
                seconds,
                ShopSummary.count(Math.round(summary.orders / seconds)));
        stdout.flush();
        return 0;
    }
}
