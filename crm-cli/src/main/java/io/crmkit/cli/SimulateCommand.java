package io.crmkit.cli;

import io.crmkit.automation.Backtest;
import io.crmkit.automation.Guards;
import io.crmkit.automation.Journey;
import io.crmkit.automation.JourneyJson;
import io.crmkit.automation.JourneyMetrics;
import io.crmkit.automation.StandardJourneys;
import io.crmkit.automation.Uplift;
import io.crmkit.automation.spi.Message;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
 * {@code crmkit simulate}: back-tests journeys over an order file's history.
 *
 * <pre>{@code
 * ./crmkit simulate --journeys standard --orders shop/orders.csv --members shop/members.csv --as-of 2026-01-01
 * ./crmkit simulate --journeys my-journeys.json --orders orders.csv --as-of 2026-01-01 --messages
 * }</pre>
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Back-tests journeys (a journey/1 or journeys/1 JSON file, or 'standard' for the five standard",
            "journeys) over the orders' history from --from to --as-of on a virtual clock: nothing is sent.",
            "Prints one row per journey step: journey,version,step,arrived,done,no_consent,capped,suppressed,",
            "failed,deferred,conversions; with --messages, every message that would have gone out instead.",
            "A summary per journey (entered, converted, uplift against a control group) goes to stderr."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done",
            "  1  an input could not be read (file, line or JSON path and reason on stderr)",
            "  2  bad usage"
        })
final class SimulateCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Mixin
    OrdersInput input = new OrdersInput();

    @Option(
            names = "--journeys",
            required = true,
            paramLabel = "FILE",
            description = "A journey/1 or journeys/1 JSON file, or 'standard'.")
    @SuppressWarnings("NullAway.Init")
    String journeys;

    @Option(names = "--guards", paramLabel = "FILE", description = "A guards/1 JSON file (default: consent only).")
    @Nullable
    Path guards;

    @Option(
            names = "--from",
            paramLabel = "DATE",
            description = "YYYY-MM-DD: replay from the start of that date (default: one year before --as-of).")
    @Nullable
    String from;

    @Option(names = "--messages", description = "List the messages instead of the step counts.")
    boolean messages;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, json or table (default: csv).")
    String format = "csv";

    @Override
    public Integer call() throws IOException {
        if (!Output.valid(format)) {
            throw new ParameterException(spec.commandLine(), "--format must be csv, json or table, not " + format);
        }
        List<Journey> js = journeys();
        Guards g = guards == null
                ? Guards.consentOnly()
                : JourneyJson.guardsFromJson(Files.readString(guards, StandardCharsets.UTF_8));
        OrdersInput.Loaded loaded =
                input.load(spec.commandLine(), spec.commandLine().getErr());
        Instant end = loaded.asOf();
        Instant start;
        try {
            start = from == null
                    ? end.atZone(loaded.crm().settings().zone()).minusYears(1).toInstant()
                    : LocalDate.parse(from)
                            .atStartOfDay(loaded.crm().settings().zone())
                            .toInstant();
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--from must be YYYY-MM-DD, not " + from);
        }
        if (!start.isBefore(end)) {
            throw new ParameterException(spec.commandLine(), "--from must be before --as-of");
        }
        Backtest.Result r = Backtest.builder(loaded.crm())
                .journeys(js)
                .guards(g)
                .between(start, end)
                .keepMessages(messages)
                .run();
        PrintWriter out = spec.commandLine().getOut();
        if (messages) {
            try (Output o =
                    new Output(format, out, List.of("at", "member_id", "journey", "channel", "template", "key"))) {
                for (Message m : r.messages()) {
                    o.row(
                            m.at().toString(),
                            m.member().value(),
                            m.journey().value(),
                            m.channel().name().toLowerCase(Locale.ROOT),
                            m.template(),
                            m.key());
                }
            }
        } else {
            try (Output o = new Output(
                    format,
                    out,
                    List.of(
                            "journey",
                            "version",
                            "step",
                            "arrived",
                            "done",
                            "no_consent",
                            "capped",
                            "suppressed",
                            "failed",
                            "deferred",
                            "conversions"))) {
                for (JourneyMetrics.StepCounts c : r.metrics().steps()) {
                    o.row(
                            c.journey().value(),
                            c.version(),
                            c.step(),
                            c.arrived(),
                            c.done(),
                            c.noConsent(),
                            c.capped(),
                            c.suppressed(),
                            c.failed(),
                            c.deferred(),
                            c.conversions());
                }
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf(
                Locale.ROOT, "simulated %s .. %s: %,d events in %,d ms%n", start, end, r.events(), r.elapsedMillis());
        for (Journey j : js) {
            JourneyMetrics.JourneyCounts c = r.metrics().journey(j.id());
            err.printf(Locale.ROOT, "  %-24s entered %,d, converted %,d", j.id().value(), c.entered(), c.converted());
            Uplift u = r.metrics().uplift(j.id());
            if (u.control() > 0 && u.treated() > 0) {
                err.printf(
                        Locale.ROOT,
                        "; treated %.1f%% vs control %.1f%% (95%% CI of the difference %+.1f..%+.1f" + " points)",
                        100 * u.treatedRate(),
                        100 * u.controlRate(),
                        100 * u.low(),
                        100 * u.high());
            }
            err.println();
        }
        err.flush();
        return 0;
    }

    private List<Journey> journeys() throws IOException {
        if (journeys.equals("standard")) {
            return StandardJourneys.all();
        }
        Path p = Path.of(journeys);
        if (!Files.isRegularFile(p)) {
            throw new ParameterException(
                    spec.commandLine(), "--journeys: no file " + journeys + " (or use 'standard')");
        }
        String json = Files.readString(p, StandardCharsets.UTF_8);
        try {
            return json.contains("\"journeys/1\"")
                    ? JourneyJson.journeysFromJson(json)
                    : List.of(JourneyJson.fromJson(json));
        } catch (io.crmkit.automation.JourneyJsonException e) {
            throw new io.crmkit.automation.AutomationException(p + ": " + e.getMessage(), e);
        }
    }
}
