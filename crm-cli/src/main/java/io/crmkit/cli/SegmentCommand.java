package io.crmkit.cli;

import io.crmkit.segmentation.Explanation;
import io.crmkit.segmentation.MemberSet;
import io.crmkit.segmentation.Segment;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.SegmentJson;
import io.crmkit.segmentation.SegmentJsonException;
import io.crmkit.segmentation.Snapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code crmkit segment count|list|explain}: a segment/1 JSON definition answered over an order file.
 *
 * <pre>{@code
 * ./crmkit segment count --definition crmkit-demo/segments/vip-at-risk.json --orders shop/orders.csv \
 *     --members shop/members.csv --preset canonical --as-of 2026-01-01
 * }</pre>
 */
@Command(
        name = "segment",
        mixinStandardHelpOptions = true,
        description = {
            "Count, list or explain a saved segment (segment/1 JSON) over an order file.",
            "%nThe definition can be one that demo wrote to DIR/segments/; the members are those of the order"
                    + " file (and --members FILE), as of --as-of."
        },
        subcommands = {SegmentCommand.Count.class, SegmentCommand.ListMembers.class, SegmentCommand.Explain.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done",
            "  1  the definition or the orders could not be read",
            "     (file, line, column and reason on stderr)",
            "  2  bad usage"
        })
final class SegmentCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: use count, list or explain");
    }

    /** The options every sub-command takes: the definition, the data, the format. */
    static final class Input {
        @Option(
                names = {"-d", "--definition"},
                required = true,
                paramLabel = "FILE",
                description = "A segment/1 JSON document (docs/segment-json.md).")
        @SuppressWarnings("NullAway.Init")
        Path definition;

        @Mixin
        OrdersInput orders = new OrdersInput();

        @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv or json.")
        String format = "table";

        Segment segment(CommandLine cl) throws IOException {
            if (!Output.valid(format)) {
                throw new ParameterException(cl, "--format must be table, csv or json, not " + format);
            }
            try (Reader r = Files.newBufferedReader(definition, StandardCharsets.UTF_8)) {
                return SegmentJson.fromJson(r);
            } catch (NoSuchFileException e) {
                throw new InputException(definition + ": no such file");
            } catch (SegmentJsonException e) {
                throw new InputException(definition + ": " + e.getMessage());
            }
        }

        record Loaded(Segment segment, Snapshot snapshot, java.time.Instant asOf) {}

        Loaded load(CommandLine cl) throws IOException {
            Segment s = segment(cl);
            OrdersInput.Loaded data = orders.load(cl, cl.getErr());
            return new Loaded(s, Snapshot.of(data.crm(), SegmentCatalog.empty()), data.asOf());
        }
    }

    @Command(
            name = "count",
            mixinStandardHelpOptions = true,
            description = "How many members are in the segment as of the date, and their share of all members.")
    static final class Count implements Callable<Integer> {
        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandSpec spec;

        @Mixin
        Input input = new Input();

        @Override
        public Integer call() throws IOException {
            Input.Loaded l = input.load(spec.commandLine());
            long n = l.snapshot().count(l.segment().condition(), l.asOf());
            try (Output o = new Output(
                    input.format, spec.commandLine().getOut(), List.of("segment", "members", "of_members"))) {
                o.row(l.segment().id().value(), n, (long) l.snapshot().size());
            }
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The segment's members in id order, one member_id a row.")
    static final class ListMembers implements Callable<Integer> {
        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandSpec spec;

        @Mixin
        Input input = new Input();

        @Option(names = "--limit", paramLabel = "N", description = "At most N members (default: all).")
        long limit = Long.MAX_VALUE;

        @Override
        public Integer call() throws IOException {
            if (limit < 0) {
                throw new ParameterException(spec.commandLine(), "--limit must not be negative");
            }
            Input.Loaded l = input.load(spec.commandLine());
            MemberSet set = l.snapshot().evaluate(l.segment().condition(), l.asOf());
            try (Output o = new Output(input.format, spec.commandLine().getOut(), List.of("member_id"))) {
                long n = 0;
                for (var id : set) {
                    if (n++ >= limit) {
                        break;
                    }
                    o.row(id.value());
                }
            }
            return 0;
        }
    }

    @Command(
            name = "explain",
            mixinStandardHelpOptions = true,
            description = {
                "How many members each part of the condition keeps.",
                "%nOne row per node, indented by depth: alone (out of all members) and kept (out of the members"
                        + " that passed the parts before it)."
            })
    static final class Explain implements Callable<Integer> {
        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandSpec spec;

        @Mixin
        Input input = new Input();

        @Override
        public Integer call() throws IOException {
            Input.Loaded l = input.load(spec.commandLine());
            Explanation e = l.snapshot().explain(l.segment().condition(), l.asOf());
            PrintWriter out = spec.commandLine().getOut();
            try (Output o = new Output(input.format, out, List.of("depth", "node", "alone", "kept", "of"))) {
                rows(o, e, 0);
            }
            return 0;
        }

        private static void rows(Output o, Explanation e, int depth) {
            o.row(
                    (long) depth,
                    ("table".equals(o.formatName()) ? "  ".repeat(depth) : "") + e.label(),
                    e.alone(),
                    e.kept(),
                    e.input());
            for (Explanation c : e.children()) {
                rows(o, c, depth + 1);
            }
        }
    }

    /** A file the user gave could not be read: exit 1 with the message, no stack trace. */
    static final class InputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InputException(String message) {
            super(message);
        }
    }
}
