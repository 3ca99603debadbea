package io.crmkit.cli;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.io.ImportException;
import io.crmkit.io.ImportKind;
import io.crmkit.io.ImportMode;
import io.crmkit.io.ImportResult;
import io.crmkit.io.Importer;
import io.crmkit.io.InputEncoding;
import io.crmkit.io.Mapping;
import io.crmkit.io.MemberJson;
import io.crmkit.io.Preset;
import io.crmkit.io.Rejection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code crmkit import}: imports a shop export into an in-memory store and reports what was
 * accepted and rejected; optionally writes the resulting members as JSON Lines.
 *
 * <pre>{@code
 * ./crmkit import --preset shopify-orders --orders orders_export.csv --format json
 * ./crmkit import --members customers.csv --dry-run
 * }</pre>
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Import a shop export (CSV or JSON Lines) with a preset or a mapping, into an in-memory store,",
            "and report rows read, accepted and rejected. Presets: canonical-members, canonical-orders,",
            "canonical-products, canonical-interactions (or canonical), cdnow, shopify-orders,",
            "shopify-customers (or shopify), woocommerce-webtoffee, magento2-customers, shopee-tw-orders.",
            "Without --preset or --mapping the preset is detected from the header."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done (rows may have been rejected: see the report)",
            "  1  the input stopped the import",
            "  2  bad usage"
        })
final class ImportCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    static final class Target {
        @Option(names = "--members", paramLabel = "FILE", description = "A file of members.")
        @Nullable
        Path members;

        @Option(names = "--orders", paramLabel = "FILE", description = "A file of orders (one row per line item).")
        @Nullable
        Path orders;

        @Option(names = "--products", paramLabel = "FILE", description = "A file of products.")
        @Nullable
        Path products;

        @Option(names = "--interactions", paramLabel = "FILE", description = "A file of interactions.")
        @Nullable
        Path interactions;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    @SuppressWarnings("NullAway.Init")
    Target target;

    @Option(names = "--preset", paramLabel = "NAME", description = "The export format (see above).")
    @Nullable
    String preset;

    @Option(names = "--mapping", paramLabel = "FILE", description = "A mapping in JSON (docs/import.md).")
    @Nullable
    Path mapping;

    @Option(names = "--dry-run", description = "Write nothing; show the first mapped records and the errors.")
    boolean dryRun;

    @Option(names = "--emit", paramLabel = "FILE", description = "Write the resulting members as JSON Lines.")
    @Nullable
    Path emit;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (or its synonym table), json, or csv (name,value rows of the counts)"
                    + " (default: ${DEFAULT-VALUE}).")
    String format = "text";

    @Option(
            names = "--encoding",
            paramLabel = "ENC",
            defaultValue = "auto",
            description = "auto, utf-8, utf-16 or big5 (default: ${DEFAULT-VALUE}).")
    String encoding = "auto";

    @Option(names = "--strict", description = "Stop at the first bad row (exit 1).")
    boolean strict;

    @Option(names = "--error-limit", paramLabel = "N", description = "Stop (exit 1) after more than N rejected rows.")
    @Nullable
    Long errorLimit;

    @Option(names = "--quarantine", paramLabel = "FILE", description = "Copy rejected rows to FILE.")
    @Nullable
    Path quarantine;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Record progress in FILE; resume from it.")
    @Nullable
    Path checkpoint;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Read local times in ZONE (default: Asia/Taipei).")
    @Nullable
    String zone;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("text", "table", "json", "csv").contains(format)) {
            throw new ParameterException(
                    spec.commandLine(), "--format must be text, table, json or csv, not " + format);
        }
        ImportKind kind;
        Path file;
        if (target.members != null) {
            kind = ImportKind.MEMBERS;
            file = target.members;
        } else if (target.orders != null) {
            kind = ImportKind.ORDERS;
            file = target.orders;
        } else if (target.products != null) {
            kind = ImportKind.PRODUCTS;
            file = target.products;
        } else {
            kind = ImportKind.INTERACTIONS;
            file = target.interactions;
        }
        if (preset != null && mapping != null) {
            throw new ParameterException(spec.commandLine(), "give --preset or --mapping, not both");
        }
        BrandSettings brand = BrandSettings.ofDefaults();
        Crm crm = Crm.inMemory(brand);
        Importer.Builder b = Importer.into(crm)
                .kind(kind)
                .dryRun(dryRun)
                .encoding(encoding(encoding))
                .mode(strict ? ImportMode.STRICT : ImportMode.LENIENT)
                .quarantine(quarantine)
                .checkpoint(checkpoint);
        if (errorLimit != null) {
            if (errorLimit < 0) {
                throw new ParameterException(spec.commandLine(), "--error-limit must not be negative");
            }
            b.errorLimit(errorLimit);
        }
        if (zone != null) {
            try {
                b.zone(ZoneId.of(zone));
            } catch (DateTimeException e) {
                throw new ParameterException(spec.commandLine(), "--zone " + zone + " is not a time zone id");
            }
        }
        if (preset != null) {
            b.preset(preset(preset, kind));
        }
        try {
            if (mapping != null) {
                b.mapping(Mapping.fromJson(Files.readString(mapping, StandardCharsets.UTF_8)));
            }
            ImportResult r = b.build().importFile(file);
            long emitted = -1;
            if (emit != null) {
                try (Writer w = Files.newBufferedWriter(emit, StandardCharsets.UTF_8)) {
                    emitted = MemberJson.writeLines(crm.members().stream().iterator(), w);
                }
            }
            if (format.equals("json")) {
                out.println(r.summaryJson());
            } else if (format.equals("csv")) {
                try (Output o = new Output("csv", out, List.of("name", "value"))) {
                    o.row("rows_read", r.rowsRead());
                    o.row("accepted", r.accepted());
                    o.row("rejected", r.rejected());
                    o.row("members", r.members());
                    o.row("orders", r.orders());
                }
            } else {
                text(out, r, emitted);
            }
            out.flush();
            return 0;
        } catch (ImportException e) {
            err.println("crmkit import: " + e.getMessage());
            if (Main.debugging()) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        } catch (NoSuchFileException e) {
            err.println("crmkit import: " + e.getFile() + ": no such file");
            err.flush();
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("crmkit import: " + file + ": " + e);
            if (Main.debugging()) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        }
    }

    private Preset preset(String name, ImportKind kind) {
        List<String> tried = new ArrayList<>();
        for (String n : List.of(
                name,
                name + "-" + kind.name().toLowerCase(Locale.ROOT),
                name + "-"
                        + (kind == ImportKind.MEMBERS
                                ? "customers"
                                : kind.name().toLowerCase(Locale.ROOT)))) {
            tried.add(n);
            for (Preset p : Preset.all()) {
                if (p.name().equals(n)) {
                    return p;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Preset p : Preset.all()) {
            names.add(p.name());
        }
        throw new ParameterException(
                spec.commandLine(), "--preset " + name + " is not a preset; the presets are " + names);
    }

    private InputEncoding encoding(String e) {
        switch (e.toLowerCase(Locale.ROOT).replace("_", "-")) {
            case "auto":
                return InputEncoding.AUTO;
            case "utf-8":
            case "utf8":
                return InputEncoding.UTF_8;
            case "utf-16":
            case "utf16":
                return InputEncoding.UTF_16;
            case "big5":
            case "cp950":
                return InputEncoding.BIG5;
            default:
                throw new ParameterException(
                        spec.commandLine(), "--encoding must be auto, utf-8, utf-16 or big5, not " + e);
        }
    }

    private static void text(PrintWriter out, ImportResult r, long emitted) {
        out.printf(
                Locale.ROOT,
                "%s: preset %s, %s%s%n",
                r.file(),
                r.preset(),
                r.encoding(),
                r.dryRun() ? ", dry run" : "");
        out.printf(Locale.ROOT, "  rows read   %,12d%n", r.rowsRead());
        out.printf(Locale.ROOT, "  accepted    %,12d%n", r.accepted());
        out.printf(Locale.ROOT, "  rejected    %,12d%n", r.rejected());
        out.printf(Locale.ROOT, "  members     %,12d%n", r.members());
        out.printf(Locale.ROOT, "  orders      %,12d%n", r.orders());
        if (r.products() > 0) {
            out.printf(Locale.ROOT, "  products    %,12d%n", r.products());
        }
        if (r.interactions() > 0) {
            out.printf(Locale.ROOT, "  interactions%,12d%n", r.interactions());
        }
        if (emitted >= 0) {
            out.printf(Locale.ROOT, "  emitted     %,12d members%n", emitted);
        }
        if (r.dryRun()) {
            r.previewMembers().stream().limit(5).forEach(m -> out.println("  member " + MemberJson.toJson(m)));
            r.previewOrders().stream().limit(5).forEach(o -> out.println("  order  " + o));
        }
        int shown = 0;
        for (Rejection x : r.rejections()) {
            if (shown++ == 20) {
                out.printf(Locale.ROOT, "  ... %,d more rejections%n", r.rejected() - 20);
                break;
            }
            out.println("  rejected: " + x);
        }
    }
}
