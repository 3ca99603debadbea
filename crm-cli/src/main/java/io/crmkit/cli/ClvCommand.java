package io.crmkit.cli;

import io.crmkit.analytics.AnalyticsException;
import io.crmkit.analytics.BgBb;
import io.crmkit.analytics.BgNbd;
import io.crmkit.analytics.CustomerSummary;
import io.crmkit.analytics.Fit;
import io.crmkit.analytics.GammaGamma;
import io.crmkit.analytics.ParetoNbd;
import io.crmkit.analytics.PeriodUnit;
import io.crmkit.analytics.SummaryFile;
import io.crmkit.analytics.SummaryOptions;
import io.crmkit.analytics.TransactionFile;
import io.crmkit.analytics.TransactionSummarizer;
import io.crmkit.core.InvalidValueException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code crmkit clv}: customer-lifetime-value tools on a transaction file: {@code summary}, {@code
 * fit} and {@code predict}. The output formats are a contract other tools rely on; see {@code
 * docs/clv.md}.
 *
 * <pre>{@code
 * ./crmkit clv fit --model bg-nbd --transactions orders.csv --customer-column member_id \
 *     --date-column placed_at --observation-end 2026-10-31 --time-unit weeks
 * }</pre>
 */
@Command(
        name = "clv",
        mixinStandardHelpOptions = true,
        description =
                "Customer lifetime value: per-customer summaries, BG/NBD, Pareto/NBD, Gamma-Gamma and BG/BB fits, predictions.",
        subcommands = {ClvSummaryCommand.class, ClvFitCommand.class, ClvPredictCommand.class})
final class ClvCommand implements Runnable {
    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: use summary, fit or predict");
    }

    /** The transaction file options shared by summary, fit and predict. */
    static final class TransactionOptions {
        @Option(
                names = "--transactions",
                paramLabel = "FILE",
                description =
                        "Transaction file: CSV with a header (or whitespace-separated, see --transactions-format).")
        @Nullable
        Path transactions;

        @Option(
                names = "--transactions-format",
                paramLabel = "csv|whitespace",
                defaultValue = "csv",
                converter = LayoutConverter.class,
                description =
                        "csv: comma-separated with a header, columns named by header (default);"
                                + " whitespace: blank-separated without header, columns named 1, 2, 3 ... (like CDNOW_sample.txt).")
        TransactionFile.Layout layout = TransactionFile.Layout.CSV;

        @Option(names = "--customer-column", paramLabel = "C", description = "Column of the customer id.")
        @Nullable
        String customerColumn;

        @Option(
                names = "--date-column",
                paramLabel = "D",
                description = "Column of the date: YYYY-MM-DD, YYYY-MM-DD HH:MM:SS, YYYYMMDD or an ISO instant.")
        @Nullable
        String dateColumn;

        @Option(
                names = "--zone",
                paramLabel = "ZONE",
                description = "Zone of the calendar day of dates written as instants (2024-08-11T13:24:22Z);"
                        + " default: the day at the written offset.")
        java.time.@Nullable ZoneId zone;

        @Option(
                names = "--amount-column",
                paramLabel = "A",
                description = "Column of the amount; adds monetary_value (mean repeat spend).")
        @Nullable
        String amountColumn;

        @Option(
                names = "--observation-end",
                paramLabel = "DATE",
                converter = DateConverter.class,
                description = "Last day observed (inclusive); later transactions are ignored.")
        @Nullable
        LocalDate observationEnd;

        @Option(
                names = "--calibration-end",
                paramLabel = "DATE",
                converter = DateConverter.class,
                description = "Last day of the calibration period; adds frequency_holdout and duration_holdout.")
        @Nullable
        LocalDate calibrationEnd;

        @Option(
                names = "--time-unit",
                paramLabel = "days|weeks",
                defaultValue = "days",
                converter = UnitConverter.class,
                description = "Unit of recency, T and durations (default days).")
        PeriodUnit unit = PeriodUnit.DAYS;

        boolean given() {
            return transactions != null;
        }

        CustomerSummary summarize(CommandSpec spec) {
            if (transactions == null || customerColumn == null || dateColumn == null || observationEnd == null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--transactions needs --customer-column, --date-column and --observation-end");
            }
            SummaryOptions.Builder b = SummaryOptions.custom(observationEnd).unit(unit);
            if (calibrationEnd != null) {
                b.calibrationEnd(calibrationEnd);
            }
            SummaryOptions options;
            try {
                options = b.build();
            } catch (InvalidValueException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            TransactionFile file = layout == TransactionFile.Layout.CSV
                    ? TransactionFile.csv(customerColumn, dateColumn)
                    : TransactionFile.whitespace(customerColumn, dateColumn);
            if (amountColumn != null) {
                file = file.amountColumn(amountColumn);
            }
            if (zone != null) {
                file = file.zone(zone);
            }
            TransactionSummarizer s = TransactionSummarizer.of(options);
            file.readInto(transactions, s);
            CustomerSummary summary = s.summarize();
            if (summary.size() == 0) {
                throw new AnalyticsException(transactions + ": no customer has a purchase on or before "
                        + options.calibrationEnd().orElse(options.observationEnd()));
            }
            return summary;
        }
    }

    /** The summary-file options of fit and predict. */
    static final class SummaryInput {
        @Option(
                names = "--summary",
                paramLabel = "FILE",
                description = "Per-customer summary CSV (instead of --transactions).")
        @Nullable
        Path summary;

        @Option(
                names = "--columns",
                paramLabel = "ROLE=HEADER",
                split = ",",
                description =
                        "Headers of the summary's columns by role: id, frequency, recency, T, monetary, periods, weight."
                                + " Defaults: id|ID|customer_id, frequency|x, recency|t_x, T, monetary_value|zbar, periods|n, weight|weights.")
        Map<String, String> columns = new LinkedHashMap<>();
    }

    static CustomerSummary input(CommandSpec spec, TransactionOptions tx, SummaryInput sum) {
        if (tx.given() == (sum.summary != null)) {
            throw new ParameterException(spec.commandLine(), "give either --transactions or --summary");
        }
        if (sum.summary != null) {
            for (String role : sum.columns.keySet()) {
                if (!SummaryFile.ROLES.contains(role)) {
                    throw new ParameterException(
                            spec.commandLine(),
                            "--columns: \"" + role + "\" is not a column role; use id, frequency, recency, T, monetary,"
                                    + " periods, weight");
                }
            }
            return SummaryFile.read(sum.summary, sum.columns);
        }
        if (!sum.columns.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--columns is for --summary files");
        }
        return tx.summarize(spec);
    }

    static Fit<?> fit(String model, CustomerSummary s) {
        switch (model) {
            case "bg-nbd":
                return BgNbd.fit(s);
            case "pareto-nbd":
                return ParetoNbd.fit(s);
            case "gamma-gamma":
                return GammaGamma.fit(s);
            case "bg-bb":
                return BgBb.fit(s);
            default:
                throw new IllegalArgumentException(model);
        }
    }

    /** Shortest decimal that reads back as the same double, never in exponent form. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    static String csvCell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return TransactionFile.parseDate(value);
            } catch (InvalidValueException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a date (use YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or YYYYMMDD)");
            }
        }
    }

    static final class UnitConverter implements CommandLine.ITypeConverter<PeriodUnit> {
        @Override
        public PeriodUnit convert(String value) {
            switch (value) {
                case "days":
                    return PeriodUnit.DAYS;
                case "weeks":
                    return PeriodUnit.WEEKS;
                default:
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not a time unit (use days or weeks)");
            }
        }
    }

    static final class LayoutConverter implements CommandLine.ITypeConverter<TransactionFile.Layout> {
        @Override
        public TransactionFile.Layout convert(String value) {
            switch (value) {
                case "csv":
                    return TransactionFile.Layout.CSV;
                case "whitespace":
                    return TransactionFile.Layout.WHITESPACE;
                default:
                    throw new CommandLine.TypeConversionException(
                            "'" + value + "' is not a layout (use csv or whitespace)");
            }
        }
    }
}
