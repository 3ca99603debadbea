package io.crmkit.report;

import io.crmkit.core.Crm;
import io.crmkit.core.InvalidValueException;
import io.crmkit.report.internal.Analysis;
import io.crmkit.report.internal.Fmt;
import io.crmkit.report.internal.Page;
import io.crmkit.report.spi.ReportSection;
import io.crmkit.segmentation.Segment;
import io.crmkit.segmentation.SegmentJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shop report of one brand as of one instant: member statistics, monthly new vs returning
 * customers, categories by revenue and gross profit, order totals, the weekday × hour heatmap, RFM,
 * NAPL lifecycle stages and their flow over the last 30 days, tiers, saved segments (VIP at risk,
 * the Double-11 cohorts, birthday this month, …) with sizes and overlaps, and CLV (BG/NBD +
 * Gamma-Gamma) with its distribution and top members. {@link #toHtml()} is one self-contained page
 * with inline SVG charts; {@link #write(Path)} also writes every table as CSV and JSON and every
 * saved segment as {@code segment/1} JSON.
 *
 * <pre>{@code
 * ShopReport report = ShopReport.analyse(crm, ReportOptions.ofDefaults()); // zh-TW
 * report.kpis().buyers();
 * report.write(Path.of("out")); // out/report.html, out/tables/*.csv|json, out/segments/*.json
 * }</pre>
 *
 * <p>The analysis reads the stores once into a {@code Snapshot} (RFM, lifecycle, segments), makes one
 * pass over the orders for the dashboard reports and one for the CLV summary, and evaluates tiers per
 * member; the orders seen are those placed before the as-of instant.
 */
public final class ShopReport {
    private static final Pattern SECTION_ID = Pattern.compile("[a-z0-9-]+");

    private final Crm crm;
    private final ReportOptions options;
    private final Analysis.Result result;
    private final String title;

    private ShopReport(Crm crm, ReportOptions options, Analysis.Result result) {
        this.crm = crm;
        this.options = options;
        this.result = result;
        this.title = options.title().orElseGet(() -> new Fmt(options.locale()).label("title"));
        Set<String> sections = new HashSet<>();
        Set<String> tables = new HashSet<>();
        for (ReportSection s : result.sections()) {
            if (!SECTION_ID.matcher(s.id()).matches()) {
                throw new InvalidValueException("section id", "must match [a-z0-9-]+, was " + s.id());
            }
            if (!sections.add(s.id())) {
                throw new ReportException("two sections have the id " + s.id());
            }
            for (ReportTable t : s.tables()) {
                if (!tables.add(t.id())) {
                    throw new ReportException("two tables have the id " + t.id() + " (section " + s.id() + ")");
                }
            }
        }
    }

    /**
     * Computes the report.
     *
     * @param crm the brand's stores and settings (zone, currency)
     * @param options locale, as-of, extra sections
     * @return the report
     * @throws ReportException if no order was placed before the as-of instant, or two sections or
     *     tables share an id
     * @throws io.crmkit.core.CurrencyMismatchException if an order is in another currency than the brand's
     */
    public static ShopReport analyse(Crm crm, ReportOptions options) {
        if (crm == null) {
            throw new InvalidValueException("crm", "is required");
        }
        if (options == null) {
            throw new InvalidValueException("options", "is required");
        }
        return new ShopReport(crm, options, Analysis.run(crm, options));
    }

    /** @return the as-of instant: orders placed at or after it are not seen */
    public Instant asOf() {
        return result.asOf();
    }

    /** @return zh-TW or en */
    public Locale locale() {
        return options.locale();
    }

    /** @return the header figures */
    public Kpis kpis() {
        return result.kpis();
    }

    /** @return the sections in page order: the KPI header, the built-in sections, then the options' own */
    public List<ReportSection> sections() {
        return result.sections();
    }

    /** @return the saved segments the report counts, with their conditions (names in the report's locale) */
    public List<Segment> segments() {
        return result.segments();
    }

    /** @return every table of every section, in page order */
    public List<ReportTable> tables() {
        List<ReportTable> out = new ArrayList<>();
        for (ReportSection s : result.sections()) {
            out.addAll(s.tables());
        }
        return out;
    }

    /**
     * @param id a table id, e.g. {@code rfm_grid}
     * @return the table
     */
    public Optional<ReportTable> table(String id) {
        return tables().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** @return milliseconds spent per analysis step, in step order */
    public Map<String, Long> stepMillis() {
        return result.millis();
    }

    /** @return the report as one self-contained HTML page (inline CSS and SVG, no script, no link) */
    public String toHtml() {
        ZoneId zone = crm.settings().zone();
        return Page.render(new Fmt(options.locale()), title, result.asOf(), zone, result.sections());
    }

    /**
     * Writes {@code report.html}, {@code tables/ID.csv} and {@code tables/ID.json} for every table, and
     * {@code segments/ID.json} for every saved segment; existing files are replaced.
     *
     * @param dir the directory, created if missing
     * @return the files written, report.html first
     * @throws ReportException if a file cannot be written (the message names it)
     */
    public List<Path> write(Path dir) {
        List<Path> written = new ArrayList<>();
        write(dir.resolve("report.html"), toHtml(), written);
        for (ReportTable t : tables()) {
            write(dir.resolve("tables").resolve(t.id() + ".csv"), t.toCsv(), written);
            write(dir.resolve("tables").resolve(t.id() + ".json"), t.toJson(), written);
        }
        for (Segment s : result.segments()) {
            write(dir.resolve("segments").resolve(s.id().value() + ".json"), SegmentJson.toJson(s) + "\n", written);
        }
        return List.copyOf(written);
    }

    private static void write(Path file, String text, List<Path> written) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            written.add(file);
        } catch (IOException e) {
            throw new ReportException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
