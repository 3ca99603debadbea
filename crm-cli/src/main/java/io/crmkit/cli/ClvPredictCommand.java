package io.crmkit.cli;

import io.crmkit.analytics.BgBb;
import io.crmkit.analytics.BgNbd;
import io.crmkit.analytics.Clv;
import io.crmkit.analytics.CustomerSummary;
import io.crmkit.analytics.GammaGamma;
import io.crmkit.analytics.ParetoNbd;
import io.crmkit.analytics.RepeatPurchaseModel;
import io.crmkit.core.InvalidValueException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code crmkit clv predict}: per customer P(alive), the purchases expected over a horizon and,
 * when the summary has a monetary value, the expected spend per purchase (Gamma-Gamma) and the
 * discounted CLV over the horizon.
 *
 * <pre>{@code
 * ./crmkit clv predict --model bg-nbd --transactions orders.csv --customer-column C --date-column D \
 *     --amount-column A --observation-end 2026-10-31 --time-unit weeks --horizon 52 --steps 12 --discount-rate 0.01
 * }</pre>
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Fit (or take --parameters) and write per customer: id,p_alive,expected_purchases",
            "(+ expected_spend,clv when there is a monetary value: Gamma-Gamma spend, CLV discounted per step).",
            "For bg-bb, p_alive is P(alive at the next opportunity) and the horizon counts opportunities."
        })
final class ClvPredictCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "bg-nbd|pareto-nbd|bg-bb",
            description = "The purchase model.")
    String model = "";

    @Mixin
    ClvCommand.TransactionOptions tx = new ClvCommand.TransactionOptions();

    @Mixin
    ClvCommand.SummaryInput summary = new ClvCommand.SummaryInput();

    @Option(
            names = "--horizon",
            required = true,
            paramLabel = "H",
            description = "Length of the future period in the summary's time unit (bg-bb: opportunities).")
    double horizon;

    @Option(
            names = "--steps",
            defaultValue = "1",
            paramLabel = "K",
            description = "CLV: split the horizon into K equal steps, each discounted once more (default 1).")
    int steps = 1;

    @Option(
            names = "--discount-rate",
            defaultValue = "0",
            paramLabel = "D",
            description = "CLV: discount rate per step (default 0).")
    double discountRate;

    @Option(
            names = "--parameters",
            paramLabel = "NAME=VALUE",
            split = ",",
            description = "Use these model parameters instead of fitting, e.g. r=0.243,alpha=4.414,a=0.793,b=2.426.")
    Map<String, Double> parameters = new LinkedHashMap<>();

    @Option(
            names = "--spend-parameters",
            paramLabel = "NAME=VALUE",
            split = ",",
            description = "Use these Gamma-Gamma parameters (p,q,v) instead of fitting.")
    Map<String, Double> spendParameters = new LinkedHashMap<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv (default), json or table.")
    String format = "csv";

    @Override
    public Integer call() {
        if (!Output.valid(format)) {
            throw new ParameterException(spec.commandLine(), "--format must be csv, json or table, not " + format);
        }
        PrintWriter target = spec.commandLine().getOut();
        java.io.StringWriter buffer = new java.io.StringWriter();
        PrintWriter out = format.equals("csv") ? target : new PrintWriter(buffer);
        call(out);
        out.flush();
        if (!format.equals("csv")) {
            Reformat.write(buffer.toString(), format, target);
        }
        return 0;
    }

    private Integer call(PrintWriter out) {
        if (!List.of("bg-nbd", "pareto-nbd", "bg-bb").contains(model)) {
            throw new ParameterException(
                    spec.commandLine(), "--model must be bg-nbd, pareto-nbd or bg-bb, not " + model);
        }
        if (!(horizon > 0) || !Double.isFinite(horizon)) {
            throw new ParameterException(spec.commandLine(), "--horizon must be a number > 0");
        }
        if (steps < 1) {
            throw new ParameterException(spec.commandLine(), "--steps must be >= 1");
        }
        if (!(discountRate >= 0) || !Double.isFinite(discountRate)) {
            throw new ParameterException(spec.commandLine(), "--discount-rate must be a number >= 0");
        }
        if (model.equals("bg-bb") && (tx.given() || horizon != Math.rint(horizon))) {
            throw new ParameterException(
                    spec.commandLine(), "bg-bb needs --summary with a periods column and a whole-number --horizon");
        }
        CustomerSummary s = ClvCommand.input(spec, tx, summary);
        if (model.equals("bg-bb")) {
            BgBb m = parameters.isEmpty()
                    ? BgBb.fit(s).model()
                    : new BgBb(get("alpha"), get("beta"), get("gamma"), get("delta"));
            out.print("id,p_alive,expected_purchases\n");
            for (int i = 0; i < s.size(); i++) {
                int x = (int) s.frequency(i);
                int txi = (int) s.recency(i);
                int n = (int) s.t(i);
                out.print(ClvCommand.csvCell(s.id(i)) + "," + ClvCommand.number(m.probabilityAlive(1, x, txi, n)) + ","
                        + ClvCommand.number(m.conditionalExpectedPurchases((int) horizon, x, txi, n)) + "\n");
            }
            out.flush();
            return 0;
        }
        RepeatPurchaseModel m = purchaseModel(s);
        @Nullable Clv clv = null;
        @Nullable GammaGamma gg = null;
        if (s.hasMonetaryValue()) {
            gg = spendParameters.isEmpty()
                    ? GammaGamma.fit(s).model()
                    : new GammaGamma(spend("p"), spend("q"), spend("v"));
            clv = new Clv(m, gg, steps, horizon / steps, discountRate);
        }
        out.print("id,p_alive,expected_purchases" + (clv != null ? ",expected_spend,clv" : "") + "\n");
        for (int i = 0; i < s.size(); i++) {
            double x = s.frequency(i);
            double txi = s.recency(i);
            double t = s.t(i);
            StringBuilder sb = new StringBuilder(ClvCommand.csvCell(s.id(i)))
                    .append(',')
                    .append(ClvCommand.number(m.probabilityAlive(x, txi, t)))
                    .append(',')
                    .append(ClvCommand.number(m.conditionalExpectedPurchases(horizon, x, txi, t)));
            if (clv != null && gg != null) {
                double mv = s.monetaryValue(i).orElseThrow();
                sb.append(',')
                        .append(ClvCommand.number(gg.conditionalExpectedSpend(x, mv)))
                        .append(',')
                        .append(ClvCommand.number(clv.value(x, txi, t, mv)));
            }
            out.print(sb.append('\n'));
        }
        out.flush();
        return 0;
    }

    private RepeatPurchaseModel purchaseModel(CustomerSummary s) {
        if (parameters.isEmpty()) {
            return model.equals("bg-nbd")
                    ? BgNbd.fit(s).model()
                    : ParetoNbd.fit(s).model();
        }
        return model.equals("bg-nbd")
                ? new BgNbd(get("r"), get("alpha"), get("a"), get("b"))
                : new ParetoNbd(get("r"), get("alpha"), get("s"), get("beta"));
    }

    private double get(String name) {
        Double v = parameters.get(name);
        if (v == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--parameters misses " + name + " for " + model + "; it has " + parameters.keySet());
        }
        return v;
    }

    private double spend(String name) {
        Double v = spendParameters.get(name);
        if (v == null) {
            throw new InvalidValueException("--spend-parameters", "misses " + name + "; give p, q and v");
        }
        return v;
    }
}
