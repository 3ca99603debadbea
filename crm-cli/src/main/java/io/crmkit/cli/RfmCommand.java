package io.crmkit.cli;

import io.crmkit.core.Money;
import io.crmkit.segmentation.ClassifierJson;
import io.crmkit.segmentation.RfmModel;
import io.crmkit.segmentation.RfmScore;
import io.crmkit.segmentation.RfmTable;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.Snapshot;
import io.crmkit.segmentation.Window;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code crmkit rfm}: RFM scores of every buyer in an order file, one row per member.
 *
 * <pre>{@code
 * ./crmkit rfm --orders CDNOW_master.txt --preset cdnow --as-of 1998-07-01
 * }</pre>
 */
@Command(
        name = "rfm",
        mixinStandardHelpOptions = true,
        description = {
            "RFM scores of every member with a purchase in the window, one row per member:",
            "member_id,recency_days,frequency,monetary,r,f,m,segment. Recency is whole days from the last",
            "purchase date to the as-of date; frequency counts orders (for cdnow: rows); monetary sums net",
            "spend. Scores 1..k, higher is better; NTILE is exactly SQL NTILE(k) OVER (ORDER BY value,",
            "member_id), recency descending."
        },
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  the input could not be read (file, line and reason on stderr)", "  2  bad usage"})
final class RfmCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Mixin
    OrdersInput input = new OrdersInput();

    @Option(names = "--strategy", paramLabel = "S", description = "ntile, quantile or fixed (default: ntile).")
    String strategy = "ntile";

    @Option(names = "--scores", paramLabel = "K", description = "Number of scores, 2..9 (default: 5).")
    int scores = 5;

    @Option(names = "--window-days", paramLabel = "N", description = "Look back N days (default: all time).")
    @Nullable
    Integer windowDays;

    @Option(names = "--frequency", paramLabel = "F", description = "orders or purchase-days (default: orders).")
    String frequency = "orders";

    @Option(names = "--monetary", paramLabel = "M", description = "total or average (default: total).")
    String monetary = "total";

    @Option(
            names = "--thresholds",
            paramLabel = "T",
            description = "For fixed: r=30,90,180,365;f=2,3,5,10;m=500,1000,5000,10000 (k-1 ascending each;"
                    + " m in the brand's currency).")
    @Nullable
    String thresholds;

    @Option(names = "--model", paramLabel = "FILE", description = "An rfm/1 JSON model; replaces the options above.")
    @Nullable
    Path model;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, json or table (default: csv).")
    String format = "csv";

    @Override
    public Integer call() throws IOException {
        if (!Output.valid(format)) {
            throw new ParameterException(spec.commandLine(), "--format must be csv, json or table, not " + format);
        }
        PrintWriter out = spec.commandLine().getOut();
        RfmModel m = model();
        OrdersInput.Loaded loaded =
                input.load(spec.commandLine(), spec.commandLine().getErr());
        Snapshot snapshot = Snapshot.of(loaded.crm(), SegmentCatalog.empty());
        RfmTable table = snapshot.rfm(m, loaded.asOf());
        try (Output o = new Output(
                format, out, List.of("member_id", "recency_days", "frequency", "monetary", "r", "f", "m", "segment"))) {
            for (RfmScore s : table) {
                o.row(
                        s.member().value(),
                        s.recencyDays(),
                        s.frequency(),
                        s.monetary().toBigDecimal(),
                        s.r(),
                        s.f(),
                        s.m(),
                        s.segment().orElse(""));
            }
        }
        if (table.unscored() > 0) {
            spec.commandLine()
                    .getErr()
                    .printf("crmkit rfm: %,d members have no purchase in the window and no scores%n", table.unscored());
        }
        return 0;
    }

    private RfmModel model() throws IOException {
        if (model != null) {
            return ClassifierJson.rfmFromJson(Files.readString(model, StandardCharsets.UTF_8));
        }
        try {
            RfmModel.Builder b = RfmModel.builder().scores(scores);
            if (scores != 5) {
                b.noSegments();
            }
            if (windowDays != null) {
                b.window(Window.lastDays(windowDays));
            }
            b.frequency(
                    switch (frequency) {
                        case "orders" -> RfmModel.Frequency.ORDERS;
                        case "purchase-days" -> RfmModel.Frequency.PURCHASE_DAYS;
                        default ->
                            throw new ParameterException(
                                    spec.commandLine(),
                                    "--frequency must be orders or purchase-days, not " + frequency);
                    });
            b.monetary(
                    switch (monetary) {
                        case "total" -> RfmModel.Monetary.TOTAL;
                        case "average" -> RfmModel.Monetary.AVERAGE;
                        default ->
                            throw new ParameterException(
                                    spec.commandLine(), "--monetary must be total or average, not " + monetary);
                    });
            switch (strategy) {
                case "ntile" -> b.strategy(RfmModel.Strategy.NTILE);
                case "quantile" -> b.strategy(RfmModel.Strategy.QUANTILE);
                case "fixed" -> fixed(b);
                default ->
                    throw new ParameterException(
                            spec.commandLine(), "--strategy must be ntile, quantile or fixed, not " + strategy);
            }
            if (thresholds != null && !strategy.equals("fixed")) {
                throw new ParameterException(spec.commandLine(), "--thresholds is only for --strategy fixed");
            }
            return b.build();
        } catch (io.crmkit.core.InvalidValueException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private void fixed(RfmModel.Builder b) {
        if (thresholds == null) {
            throw new ParameterException(spec.commandLine(), "--strategy fixed needs --thresholds r=…;f=…;m=…");
        }
        long[] r = null;
        long[] f = null;
        List<Money> m = null;
        java.util.Currency currency = input.currency(spec.commandLine());
        for (String part : thresholds.split(";")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new ParameterException(spec.commandLine(), "--thresholds: \"" + part + "\" is not name=values");
            }
            String[] values = kv[1].split(",");
            try {
                switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                    case "r" -> r = longs(values);
                    case "f" -> f = longs(values);
                    case "m" -> {
                        m = new ArrayList<>();
                        for (String v : values) {
                            m.add(Money.of(new java.math.BigDecimal(v.trim()), currency));
                        }
                    }
                    default ->
                        throw new ParameterException(
                                spec.commandLine(), "--thresholds: unknown part \"" + kv[0] + "\"; use r, f and m");
                }
            } catch (NumberFormatException | ArithmeticException e) {
                throw new ParameterException(
                        spec.commandLine(), "--thresholds: \"" + kv[1] + "\" is not a list of numbers");
            }
        }
        b.fixed(r, f, m == null ? List.of() : m);
    }

    private static long[] longs(String[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Long.parseLong(values[i].trim());
        }
        return out;
    }
}
