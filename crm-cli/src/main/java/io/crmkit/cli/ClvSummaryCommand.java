package io.crmkit.cli;

import io.crmkit.analytics.CustomerSummary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crmkit clv summary}: prints the per-customer summary {@code id,frequency,recency,T} (plus
 * {@code monetary_value} with an amount column, {@code frequency_holdout,duration_holdout} with a
 * calibration end) as CSV or JSON.
 *
 * <pre>{@code
 * ./crmkit clv summary --transactions orders.csv --customer-column C --date-column D \
 *     --observation-end 1997-09-30 --time-unit weeks
 * }</pre>
 */
@Command(
        name = "summary",
        mixinStandardHelpOptions = true,
        description = {
            "Print the per-customer summary of a transaction file: id,frequency,recency,T",
            "(+ monetary_value with --amount-column, + frequency_holdout,duration_holdout with --calibration-end).",
            "Same-day purchases are merged; frequency counts repeat purchase days."
        })
final class ClvSummaryCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Mixin
    ClvCommand.TransactionOptions tx = new ClvCommand.TransactionOptions();

    @Option(
            names = "--format",
            paramLabel = "csv|json|table",
            defaultValue = "csv",
            description = "csv (default), json or table.")
    String format = "csv";

    @Override
    public Integer call() {
        if (!format.equals("csv") && !format.equals("json") && !format.equals("table")) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--format must be csv, json or table, not " + format);
        }
        if (!tx.given()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--transactions is required");
        }
        CustomerSummary s = tx.summarize(spec);
        java.io.StringWriter table = new java.io.StringWriter();
        PrintWriter out = format.equals("table")
                ? new PrintWriter(table)
                : spec.commandLine().getOut();
        List<String> names = new ArrayList<>(List.of("frequency", "recency", "T"));
        if (s.hasMonetaryValue()) {
            names.add("monetary_value");
        }
        if (s.hasHoldout()) {
            names.add("frequency_holdout");
            names.add("duration_holdout");
        }
        boolean json = format.equals("json");
        if (json) {
            out.print("[");
        } else {
            out.print("id," + String.join(",", names) + "\n");
        }
        for (int i = 0; i < s.size(); i++) {
            double[] v = values(s, i);
            if (json) {
                out.print(i == 0 ? "\n" : ",\n");
                StringBuilder sb = new StringBuilder("{\"id\":").append(ClvCommand.jsonString(s.id(i)));
                for (int k = 0; k < names.size(); k++) {
                    sb.append(",\"").append(names.get(k)).append("\":").append(ClvCommand.number(v[k]));
                }
                out.print(sb.append('}'));
            } else {
                StringBuilder sb = new StringBuilder(ClvCommand.csvCell(s.id(i)));
                for (int k = 0; k < names.size(); k++) {
                    sb.append(',').append(ClvCommand.number(v[k]));
                }
                out.print(sb.append('\n'));
            }
        }
        if (json) {
            out.print("\n]\n");
        }
        out.flush();
        if (format.equals("table")) {
            Reformat.write(table.toString(), "table", spec.commandLine().getOut());
        }
        return 0;
    }

    private static double[] values(CustomerSummary s, int i) {
        double[] v = new double[6];
        int k = 0;
        v[k++] = s.frequency(i);
        v[k++] = s.recency(i);
        v[k++] = s.t(i);
        if (s.hasMonetaryValue()) {
            v[k++] = s.monetaryValue(i).orElseThrow();
        }
        if (s.hasHoldout()) {
            v[k++] = s.frequencyHoldout(i).orElseThrow();
            v[k] = s.durationHoldout(i).orElseThrow();
        }
        return v;
    }
}
