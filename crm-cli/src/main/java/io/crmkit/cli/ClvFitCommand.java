package io.crmkit.cli;

import io.crmkit.analytics.CustomerSummary;
import io.crmkit.analytics.Fit;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code crmkit clv fit}: fits a model by maximum likelihood and prints {@code
 * {"model":…,"customers":N,"parameters":{…},"logLikelihood":…}}.
 *
 * <pre>{@code
 * ./crmkit clv fit --model pareto-nbd --summary cdnow_customers_summary.csv --columns id=ID
 * }</pre>
 */
@Command(
        name = "fit",
        mixinStandardHelpOptions = true,
        description = {
            "Fit a CLV model by maximum likelihood and print it as JSON:",
            "{\"model\":…,\"customers\":N,\"parameters\":{…},\"logLikelihood\":…}.",
            "Parameters: r, alpha, a, b (bg-nbd); r, alpha, s, beta (pareto-nbd); p, q, v (gamma-gamma);",
            "alpha, beta, gamma, delta (bg-bb; needs --summary with a periods column)."
        })
final class ClvFitCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "bg-nbd|pareto-nbd|gamma-gamma|bg-bb",
            description = "The model.")
    String model = "";

    @Mixin
    ClvCommand.TransactionOptions tx = new ClvCommand.TransactionOptions();

    @Mixin
    ClvCommand.SummaryInput summary = new ClvCommand.SummaryInput();

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "json",
            description = "json (default), or csv / table: name,value rows (model, customers, log_likelihood, the"
                    + " parameters).")
    String format = "json";

    @Override
    public Integer call() {
        checkModel(spec, model);
        if (!Output.valid(format)) {
            throw new ParameterException(spec.commandLine(), "--format must be json, csv or table, not " + format);
        }
        if (model.equals("bg-bb") && tx.given()) {
            throw new ParameterException(
                    spec.commandLine(), "bg-bb fits discrete opportunities: give --summary with a periods column");
        }
        CustomerSummary s = ClvCommand.input(spec, tx, summary);
        Fit<?> fit = ClvCommand.fit(model, s);
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.print(json(model, fit) + "\n");
        } else {
            StringBuilder csv = new StringBuilder("name,value\n");
            csv.append("model,").append(model).append('\n');
            csv.append("customers,").append(fit.customers()).append('\n');
            csv.append("log_likelihood,")
                    .append(ClvCommand.number(fit.logLikelihood()))
                    .append('\n');
            for (Map.Entry<String, Double> e : fit.parameters().entrySet()) {
                csv.append(e.getKey())
                        .append(',')
                        .append(ClvCommand.number(e.getValue()))
                        .append('\n');
            }
            Reformat.write(csv.toString(), format, out);
        }
        out.flush();
        return 0;
    }

    static void checkModel(CommandSpec spec, String model) {
        switch (model) {
            case "bg-nbd":
            case "pareto-nbd":
            case "gamma-gamma":
            case "bg-bb":
                return;
            default:
                throw new ParameterException(
                        spec.commandLine(), "--model must be bg-nbd, pareto-nbd, gamma-gamma or bg-bb, not " + model);
        }
    }

    static String json(String model, Fit<?> fit) {
        StringBuilder sb = new StringBuilder("{\"model\":")
                .append(ClvCommand.jsonString(model))
                .append(",\"customers\":")
                .append(fit.customers())
                .append(",\"parameters\":{");
        boolean first = true;
        for (Map.Entry<String, Double> e : fit.parameters().entrySet()) {
            sb.append(first ? "" : ",")
                    .append(ClvCommand.jsonString(e.getKey()))
                    .append(':');
            sb.append(ClvCommand.number(e.getValue()));
            first = false;
        }
        return sb.append("},\"logLikelihood\":")
                .append(ClvCommand.number(fit.logLikelihood()))
                .append('}')
                .toString();
    }
}
