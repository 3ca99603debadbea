package io.crmkit.cli;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Order;
import io.crmkit.io.ImportKind;
import io.crmkit.io.ImportResult;
import io.crmkit.io.Importer;
import io.crmkit.io.Preset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options of the analysis commands that read an order file ({@code rfm}, {@code lifecycle}):
 * the file, its preset, the brand's zone and currency, and the as-of date. Loads the orders into an
 * in-memory store through crm-io; members that only appear in orders are created, joined at their
 * first order.
 */
final class OrdersInput {
    @Option(names = "--orders", required = true, paramLabel = "FILE", description = "The order file.")
    @SuppressWarnings("NullAway.Init")
    Path orders;

    @Option(
            names = "--members",
            paramLabel = "FILE",
            description = "Members of the canonical format (optional: buyers are created from the orders).")
    @Nullable
    Path members;

    @Option(
            names = "--preset",
            paramLabel = "NAME",
            description = "cdnow, canonical, or any import preset (default: detected from the header).")
    @Nullable
    String preset;

    @Option(
            names = "--as-of",
            required = true,
            paramLabel = "DATE",
            description = "YYYY-MM-DD: as of the start of that date.")
    @SuppressWarnings("NullAway.Init")
    String asOf;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            description = "The brand's zone (default: UTC for cdnow, else Asia/Taipei).")
    @Nullable
    String zone;

    @Option(
            names = "--currency",
            paramLabel = "CODE",
            description = "The brand's currency (default: USD for cdnow, else TWD).")
    @Nullable
    String currency;

    /**
     * @param cl the command line, for usage errors
     * @return the brand's currency: {@code --currency}, else USD for cdnow and TWD otherwise
     */
    Currency currency(CommandLine cl) {
        try {
            return Currency.getInstance(currency != null ? currency : "cdnow".equals(preset) ? "USD" : "TWD");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--currency " + currency + " is not an ISO 4217 code");
        }
    }

    /** What was loaded. */
    record Loaded(Crm crm, Instant asOf, List<ImportResult> results) {}

    Loaded load(CommandLine cl, PrintWriter err) {
        LocalDate date;
        try {
            date = LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new ParameterException(cl, "--as-of " + asOf + " is not a date such as 1998-07-01");
        }
        Crm crm = loadCrm(cl, err);
        return new Loaded(crm, date.atStartOfDay(crm.settings().zone()).toInstant(), List.of());
    }

    /** Loads the files into an in-memory store (without reading {@code --as-of}). */
    Crm loadCrm(CommandLine cl, PrintWriter err) {
        boolean cdnow = "cdnow".equals(preset);
        BrandSettings.Builder brand = BrandSettings.custom();
        try {
            brand.zone(zone != null ? ZoneId.of(zone) : cdnow ? ZoneId.of("UTC") : ZoneId.of("Asia/Taipei"));
        } catch (DateTimeException e) {
            throw new ParameterException(cl, "--zone " + zone + " is not a time zone id");
        }
        brand.currency(currency(cl));
        BrandSettings settings = brand.build();
        Crm crm = Crm.inMemory(settings);
        List<ImportResult> results = new ArrayList<>();
        if (members != null) {
            results.add(importer(crm, ImportKind.MEMBERS, cl).importFile(members));
        }
        results.add(importer(crm, ImportKind.ORDERS, cl).importFile(orders));
        for (ImportResult r : results) {
            if (r.rejected() > 0) {
                err.printf(
                        "crmkit: %s: %,d of %,d rows rejected, e.g. %s%n",
                        r.file(),
                        r.rejected(),
                        r.rowsRead(),
                        r.rejections().isEmpty() ? "" : r.rejections().get(0));
            }
        }
        addBuyers(crm);
        return crm;
    }

    private Importer importer(Crm crm, ImportKind kind, CommandLine cl) {
        Importer.Builder b = Importer.into(crm).kind(kind);
        if (preset != null) {
            String name = preset;
            if (name.equals("canonical")) {
                name = kind == ImportKind.MEMBERS ? "canonical-members" : "canonical-orders";
            }
            try {
                b.preset(Preset.named(name));
            } catch (RuntimeException e) {
                throw new ParameterException(cl, "--preset: " + e.getMessage());
            }
        }
        return b.build();
    }

    /** Creates the members that orders name but the store lacks, joined at their first order. */
    private static void addBuyers(Crm crm) {
        Map<MemberId, Instant> first = new HashMap<>();
        try (Stream<Order> s = crm.orders().stream()) {
            s.forEach(o -> first.merge(o.memberId(), o.placedAt(), (a, b) -> a.isBefore(b) ? a : b));
        }
        List<Member> missing = new ArrayList<>();
        for (Map.Entry<MemberId, Instant> e : first.entrySet()) {
            if (crm.members().find(e.getKey()).isEmpty()) {
                missing.add(Member.builder(e.getKey(), e.getValue()).build());
                if (missing.size() == 10_000) {
                    crm.members().saveAll(missing);
                    missing.clear();
                }
            }
        }
        if (!missing.isEmpty()) {
            crm.members().saveAll(missing);
        }
    }
}
