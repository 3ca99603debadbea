package io.crmkit.cli;

import io.crmkit.core.MemberId;
import io.crmkit.segmentation.ClassifierJson;
import io.crmkit.segmentation.LifecycleModel;
import io.crmkit.segmentation.LifecycleStage;
import io.crmkit.segmentation.LifecycleTable;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
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
 * {@code crmkit lifecycle}: the lifecycle stage of every member of an order file.
 *
 * <pre>{@code
 * ./crmkit lifecycle --orders CDNOW_master.txt --preset cdnow --as-of 1998-07-01 --model napl
 * }</pre>
 */
@Command(
        name = "lifecycle",
        mixinStandardHelpOptions = true,
        description = {
            "The lifecycle stage of every member, one row per member: member_id,stage. Schemes: orderly",
            "(potential, first_time, repeat, lapsed), napl (potential, new, active, dormant, lost) and",
            "nasld (potential, new, active, sleep, lost, deep_sleep); with --counts, the count per stage."
        },
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done", "  1  the input could not be read (file, line and reason on stderr)", "  2  bad usage"})
final class LifecycleCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Mixin
    OrdersInput input = new OrdersInput();

    @Option(names = "--scheme", paramLabel = "S", description = "orderly, napl or nasld (default: napl).")
    String scheme = "napl";

    @Option(names = "--window", paramLabel = "P", description = "ISO-8601 period for napl / nasld (default: P3M).")
    @Nullable
    String window;

    @Option(names = "--deep-sleep", paramLabel = "P", description = "ISO-8601 period for nasld (default: P6M).")
    @Nullable
    String deepSleep;

    @Option(names = "--lapse-factor", paramLabel = "K", description = "For orderly (default: 3).")
    @Nullable
    Double lapseFactor;

    @Option(
            names = "--model",
            paramLabel = "FILE",
            description = "A lifecycle/1 JSON model; replaces the options above.")
    @Nullable
    Path model;

    @Option(names = "--counts", description = "Print the number of members per stage instead of one row per member.")
    boolean counts;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv, json or table (default: csv).")
    String format = "csv";

    @Override
    public Integer call() throws IOException {
        if (!Output.valid(format)) {
            throw new ParameterException(spec.commandLine(), "--format must be csv, json or table, not " + format);
        }
        LifecycleModel m = model();
        OrdersInput.Loaded loaded =
                input.load(spec.commandLine(), spec.commandLine().getErr());
        Snapshot snapshot = Snapshot.of(loaded.crm(), SegmentCatalog.empty());
        LifecycleTable table = snapshot.lifecycle(m, loaded.asOf());
        if (counts) {
            try (Output o = new Output(format, spec.commandLine().getOut(), List.of("stage", "members"))) {
                for (Map.Entry<LifecycleStage, Long> e : table.counts().entrySet()) {
                    o.row(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
                }
            }
            return 0;
        }
        try (Output o = new Output(format, spec.commandLine().getOut(), List.of("member_id", "stage"))) {
            for (MemberId id : snapshot.all()) {
                o.row(id.value(), table.stage(id).orElseThrow().name().toLowerCase(Locale.ROOT));
            }
        }
        return 0;
    }

    private LifecycleModel model() throws IOException {
        if (model != null) {
            return ClassifierJson.lifecycleFromJson(Files.readString(model, StandardCharsets.UTF_8));
        }
        LifecycleModel.Builder b = switch (scheme) {
            case "orderly" -> LifecycleModel.orderly();
            case "napl" -> LifecycleModel.napl();
            case "nasld" -> LifecycleModel.nasld();
            default ->
                throw new ParameterException(
                        spec.commandLine(), "--scheme must be orderly, napl or nasld, not " + scheme);
        };
        try {
            if (window != null) {
                b.window(Period.parse(window));
            }
            if (deepSleep != null) {
                b.deepSleep(Period.parse(deepSleep));
            }
            if (lapseFactor != null) {
                b.lapseFactor(lapseFactor);
            }
            return b.build();
        } catch (DateTimeParseException e) {
            throw new ParameterException(
                    spec.commandLine(), "a period is ISO-8601 such as P3M or P90D: " + e.getParsedString());
        } catch (io.crmkit.core.InvalidValueException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
