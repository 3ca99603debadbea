package io.crmkit.cli;

import io.crmkit.core.Crm;
import io.crmkit.core.InvalidValueException;
import io.crmkit.report.Kpis;
import io.crmkit.report.ReportOptions;
import io.crmkit.report.ShopReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The report options shared by {@code demo} and {@code report} ({@code --out}, {@code --locale},
 * {@code --format}) and the step that analyses a store, writes the report and prints the summary.
 */
final class ReportRun {
    @Option(
            names = {"-o", "--out"},
            paramLabel = "DIR",
            description = "Directory for report.html, tables/*.csv|json and segments/*.json; created if"
                    + " missing, files replaced (default: crmkit-demo for demo, crmkit-report for report).")
    @Nullable
    Path out;

    @Option(
            names = "--locale",
            paramLabel = "LOCALE",
            description = "zh-TW (default) or en: labels and number formats of the report.",
            defaultValue = "zh-TW")
    String locale = "zh-TW";

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "The summary on stdout: table (default), csv or json.",
            defaultValue = "table")
    String format = "table";

    /** Checks the options before any long work. */
    Locale locale(CommandLine cl) {
        if (!Output.valid(format)) {
            throw new ParameterException(cl, "--format must be table, csv or json, not " + format);
        }
        if (!locale.equals("zh-TW") && !locale.equals("en")) {
            throw new ParameterException(cl, "--locale must be zh-TW or en, not " + locale);
        }
        try {
            return ReportOptions.supported(Locale.forLanguageTag(locale));
        } catch (InvalidValueException e) {
            throw new ParameterException(cl, "--locale: " + e.getMessage());
        }
    }

    /** Prints "step..." on stderr when a person watches (a console), else nothing. */
    static Progress progress(String command, PrintWriter err) {
        return new Progress(command, err, System.console() != null);
    }

    /** Progress of the long steps on stderr. */
    static final class Progress implements java.util.function.Consumer<String> {
        private final String command;
        private final PrintWriter err;
        private final boolean on;
        private final long t0 = System.nanoTime();

        Progress(String command, PrintWriter err, boolean on) {
            this.command = command;
            this.err = err;
            this.on = on;
        }

        @Override
        public void accept(String step) {
            if (on) {
                err.printf(Locale.ROOT, "crmkit %s: %5.1f s  %s...%n", command, (System.nanoTime() - t0) / 1e9, step);
                err.flush();
            }
        }
    }

    /**
     * Analyses the store, writes the files and prints the summary.
     *
     * @return the report
     */
    ShopReport run(
            CommandLine cl,
            Crm crm,
            @Nullable Instant asOf,
            Progress progress,
            List<Object[]> extraRows,
            long startNanos,
            String defaultDir,
            List<io.crmkit.report.spi.ReportSection> sections) {
        Path dir = out != null ? out : Path.of(defaultDir);
        ReportOptions.Builder b = ReportOptions.custom().locale(locale(cl)).progress(progress);
        sections.forEach(b::section);
        if (asOf != null) {
            b.asOf(asOf);
        }
        ShopReport report = ShopReport.analyse(crm, b.build());
        progress.accept("writing " + dir);
        List<Path> files = report.write(dir);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        PrintWriter stdout = cl.getOut();
        Kpis k = report.kpis();
        try (Output o = new Output(format, stdout, List.of("name", "value"))) {
            for (Object[] r : extraRows) {
                o.row(r);
            }
            o.row("as_of", report.asOf().toString());
            o.row("members", k.members());
            o.row("buyers", k.buyers());
            o.row("orders", k.orders());
            o.row("revenue", k.revenue().toBigDecimal());
            k.averageOrderValue().ifPresent(a -> o.row("average_order_value", a.toBigDecimal()));
            o.row(
                    "repeat_rate",
                    java.math.BigDecimal.valueOf(k.repeatRate()).setScale(4, java.math.RoundingMode.HALF_EVEN));
            o.row("active_members", k.activeMembers());
            k.expectedRevenueNextYear().ifPresent(a -> o.row("expected_revenue_next_12_months", a.toBigDecimal()));
            for (io.crmkit.segmentation.Segment s : report.segments()) {
                o.row(
                        "segment_" + s.id().value().replace('-', '_'),
                        report.table("segments").orElseThrow().rows().stream()
                                .filter(row -> row.get(0).equals(s.id().value()))
                                .map(row -> row.get(2))
                                .findFirst()
                                .orElse(0L));
            }
            for (Map.Entry<String, Long> e : report.stepMillis().entrySet()) {
                o.row("millis_" + e.getKey().replace(' ', '_').replace('-', '_'), e.getValue());
            }
            o.row("seconds", java.math.BigDecimal.valueOf(seconds).setScale(1, java.math.RoundingMode.HALF_UP));
            o.row("files", (long) files.size());
            o.row("report", files.get(0).toAbsolutePath().toString());
        }
        if (format.equals("table")) {
            stdout.println();
            stdout.println("Open the report: " + files.get(0).toAbsolutePath().toUri());
            stdout.flush();
        }
        return report;
    }
}
