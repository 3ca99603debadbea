package io.crmkit.segmentation.internal.json;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.CampaignId;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.InteractionType;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.ShippingMethod;
import io.crmkit.core.StoreId;
import io.crmkit.segmentation.Bound;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.Measure;
import io.crmkit.segmentation.Segment;
import io.crmkit.segmentation.SegmentId;
import io.crmkit.segmentation.SegmentJsonException;
import io.crmkit.segmentation.Window;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps a {@link Node} tree to segments and conditions, by hand, rejecting everything the format of
 * {@code docs/segment-json.md} does not allow with a {@link SegmentJsonException} that points at the
 * offending value.
 */
public final class SegmentJsonReader {
    private static final Pattern MONEY = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    /** The deepest nesting of conditions read or written; a leaf alone is depth 1. */
    public static final int MAX_CONDITION_DEPTH = 100;

    private static final List<String> SEGMENT_FIELDS = List.of("id", "name", "description", "condition");

    private SegmentJsonReader() {}

    /**
     * The segments of a catalogue document, in document order, with the node each was read from.
     *
     * @param segments the segments
     * @param nodes for each segment id, its node
     */
    public record CatalogSegments(List<Segment> segments, Map<SegmentId, Node> nodes) {}

    /**
     * @param root the root of a {@code segment/1} document
     * @return the segment
     */
    public static Segment segment(Node root) {
        version(root, Format.SEGMENT);
        List<String> allowed = new ArrayList<>();
        allowed.add(Format.VERSION_KEY);
        allowed.addAll(SEGMENT_FIELDS);
        allowOnly(root, "a segment", allowed);
        return segmentFields(root);
    }

    /**
     * @param root the root of a condition document
     * @return the condition
     */
    public static Condition condition(Node root) {
        return conditionNode(root, 1);
    }

    /**
     * @param root the root of a {@code catalog/1} document
     * @return its segments; ids are unique
     */
    public static CatalogSegments catalog(Node root) {
        version(root, Format.CATALOG);
        allowOnly(root, "a catalog", List.of(Format.VERSION_KEY, "segments"));
        Node list = required(root, "segments");
        expect(list, Node.Kind.ARRAY);
        List<Segment> segments = new ArrayList<>();
        Map<SegmentId, Node> nodes = new LinkedHashMap<>();
        for (Node item : list.items()) {
            expect(item, Node.Kind.OBJECT);
            allowOnly(item, "a segment of a catalog", SEGMENT_FIELDS);
            Segment s = segmentFields(item);
            Node first = nodes.putIfAbsent(s.id(), item);
            if (first != null) {
                throw required(item, "id")
                        .error("duplicate segment id \"" + s.id() + "\"; it is also the id of " + first.path());
            }
            segments.add(s);
        }
        return new CatalogSegments(List.copyOf(segments), nodes);
    }

    /**
     * @param root the root of an {@code rfm/1} document
     * @return the model
     */
    public static io.crmkit.segmentation.RfmModel rfm(Node root) {
        version(root, Format.RFM);
        allowOnly(
                root,
                "an rfm model",
                List.of(
                        Format.VERSION_KEY,
                        "scores",
                        "window",
                        "frequency",
                        "monetary",
                        "strategy",
                        "thresholds",
                        "segments"));
        io.crmkit.segmentation.RfmModel.Builder b = io.crmkit.segmentation.RfmModel.builder();
        Node scores = root.get("scores");
        if (scores != null) {
            b.scores((int) integer(scores, 2, io.crmkit.segmentation.RfmModel.MAX_SCORES, ""));
        }
        b.window(optionalWindow(root));
        Node f = root.get("frequency");
        if (f != null) {
            b.frequency(enumValue(f, io.crmkit.segmentation.RfmModel.Frequency.class, "frequency"));
        }
        Node m = root.get("monetary");
        if (m != null) {
            b.monetary(enumValue(m, io.crmkit.segmentation.RfmModel.Monetary.class, "monetary"));
        }
        Node st = root.get("strategy");
        io.crmkit.segmentation.RfmModel.Strategy strategy = st == null
                ? io.crmkit.segmentation.RfmModel.Strategy.NTILE
                : enumValue(st, io.crmkit.segmentation.RfmModel.Strategy.class, "strategy");
        Node th = root.get("thresholds");
        if (strategy == io.crmkit.segmentation.RfmModel.Strategy.FIXED) {
            if (th == null) {
                throw root.error("the fixed strategy needs \"thresholds\"");
            }
            expect(th, Node.Kind.OBJECT);
            allowOnly(th, "rfm thresholds", List.of("recencyDays", "frequency", "currency", "monetary"));
            long[] rd = longs(required(th, "recencyDays"));
            long[] fr = longs(required(th, "frequency"));
            Currency cur = currency(required(th, "currency"));
            Node ms = required(th, "monetary");
            expect(ms, Node.Kind.ARRAY);
            List<Money> amounts = new ArrayList<>();
            for (Node a : ms.items()) {
                amounts.add(Money.ofMinor(money(a, cur), cur));
            }
            b.fixed(rd, fr, amounts);
        } else {
            if (th != null) {
                throw th.error("thresholds are only for the fixed strategy");
            }
            b.strategy(strategy);
        }
        Node segs = root.get("segments");
        if (segs != null) {
            expect(segs, Node.Kind.ARRAY);
            List<io.crmkit.segmentation.RfmSegmentRule> rules = new ArrayList<>();
            for (Node item : segs.items()) {
                expect(item, Node.Kind.OBJECT);
                allowOnly(item, "an rfm segment", List.of("name", "r", "f", "m", "fm"));
                Node name = required(item, "name");
                io.crmkit.segmentation.RfmSegmentRule rule =
                        attempt(name, () -> io.crmkit.segmentation.RfmSegmentRule.named(string(name)));
                for (String part : List.of("r", "f", "m")) {
                    Node range = item.get(part);
                    if (range != null) {
                        long[] mm = pair(range);
                        io.crmkit.segmentation.RfmSegmentRule prev = rule;
                        rule = attempt(
                                range,
                                () -> part.equals("r")
                                        ? prev.r((int) mm[0], (int) mm[1])
                                        : part.equals("f")
                                                ? prev.f((int) mm[0], (int) mm[1])
                                                : prev.m((int) mm[0], (int) mm[1]));
                    }
                }
                Node fm = item.get("fm");
                if (fm != null) {
                    expect(fm, Node.Kind.ARRAY);
                    if (fm.items().size() != 2) {
                        throw fm.error(
                                "expected [min, max], found " + fm.items().size() + " values");
                    }
                    double lo = decimal(fm.items().get(0));
                    double hi = decimal(fm.items().get(1));
                    io.crmkit.segmentation.RfmSegmentRule prev = rule;
                    rule = attempt(fm, () -> prev.fm(lo, hi));
                }
                rules.add(rule);
            }
            b.segments(rules);
        }
        Map<String, Node> at = new LinkedHashMap<>();
        if (th != null) {
            at.put("rfm.thresholds", th);
        }
        if (segs != null) {
            at.put("rfm.segments", segs);
        }
        if (scores != null) {
            at.put("rfm.scores", scores);
        }
        return build(root, at, b::build);
    }

    /**
     * @param root the root of a {@code lifecycle/1} document
     * @return the model
     */
    public static io.crmkit.segmentation.LifecycleModel lifecycle(Node root) {
        version(root, Format.LIFECYCLE);
        allowOnly(
                root,
                "a lifecycle model",
                List.of(
                        Format.VERSION_KEY,
                        "kind",
                        "window",
                        "deepSleep",
                        "lapseFactor",
                        "defaultCycleDays",
                        "invalidContact"));
        io.crmkit.segmentation.LifecycleModel.Kind kind =
                enumValue(required(root, "kind"), io.crmkit.segmentation.LifecycleModel.Kind.class, "kind");
        io.crmkit.segmentation.LifecycleModel.Builder b = kind == io.crmkit.segmentation.LifecycleModel.Kind.ORDERLY
                ? io.crmkit.segmentation.LifecycleModel.orderly()
                : kind == io.crmkit.segmentation.LifecycleModel.Kind.NAPL
                        ? io.crmkit.segmentation.LifecycleModel.napl()
                        : io.crmkit.segmentation.LifecycleModel.nasld();
        Node w = root.get("window");
        if (w != null) {
            b.window(period(w));
        }
        Node d = root.get("deepSleep");
        if (d != null) {
            b.deepSleep(period(d));
        }
        Node lf = root.get("lapseFactor");
        if (lf != null) {
            b.lapseFactor(decimal(lf));
        }
        Node dc = root.get("defaultCycleDays");
        if (dc != null) {
            b.defaultCycleDays((int) integer(dc, 1, io.crmkit.segmentation.LifecycleModel.MAX_CYCLE_DAYS, ""));
        }
        Node ic = root.get("invalidContact");
        if (ic != null) {
            b.invalidContact(conditionNode(ic, 1));
        }
        Map<String, Node> at = new LinkedHashMap<>();
        at.put("lifecycle.deepSleep", d == null ? root : d);
        at.put("lifecycle.window", w == null ? root : w);
        at.put("lifecycle.lapseFactor", lf == null ? root : lf);
        return build(root, at, b::build);
    }

    /** Runs a builder, reporting its error at the node of the setting it names. */
    private static <T> T build(Node root, Map<String, Node> at, Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidValueException e) {
            Node where = root;
            for (Map.Entry<String, Node> entry : at.entrySet()) {
                if (e.field().startsWith(entry.getKey())) {
                    where = entry.getValue();
                    break;
                }
            }
            throw where.error(e.getMessage(), e);
        }
    }

    private static java.time.Period period(Node n) {
        String t = string(n, " (an ISO-8601 period such as \"P3M\" or \"P90D\")");
        try {
            return java.time.Period.parse(t);
        } catch (DateTimeParseException e) {
            throw n.error("\"" + t + "\" is not an ISO-8601 period such as \"P3M\" or \"P90D\"", e);
        }
    }

    private static double decimal(Node n) {
        if (n.kind() != Node.Kind.INTEGER && n.kind() != Node.Kind.FRACTION) {
            throw n.error("expected a number, found " + n.kind().description());
        }
        double v = Double.parseDouble(n.text());
        if (!Double.isFinite(v)) {
            throw n.error(n.text() + " is out of range");
        }
        return v;
    }

    private static long[] longs(Node n) {
        expect(n, Node.Kind.ARRAY);
        long[] out = new long[n.items().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(n.items().get(i), 0, Long.MAX_VALUE, "");
        }
        return out;
    }

    private static long[] pair(Node n) {
        expect(n, Node.Kind.ARRAY);
        if (n.items().size() != 2) {
            throw n.error("expected [min, max], found " + n.items().size() + " values");
        }
        return new long[] {
            integer(n.items().get(0), 1, io.crmkit.segmentation.RfmModel.MAX_SCORES, ""),
            integer(n.items().get(1), 1, io.crmkit.segmentation.RfmModel.MAX_SCORES, "")
        };
    }

    // ---- documents ----------------------------------------------------------------------------

    private static void version(Node root, String expected) {
        expect(root, Node.Kind.OBJECT);
        Node v = root.get(Format.VERSION_KEY);
        if (v == null) {
            throw root.error(
                    "missing required field \"" + Format.VERSION_KEY + "\" (the format version, \"" + expected + "\")");
        }
        String version = string(v);
        if (version.equals(expected)) {
            return;
        }
        if (version.equals(Format.RFM) || version.equals(Format.LIFECYCLE)) {
            throw v.error("expected a \"" + expected + "\" document but this is a \"" + version
                    + "\" document (read it with ClassifierJson)");
        }
        if (version.equals(Format.SEGMENT) || version.equals(Format.CATALOG)) {
            throw v.error("expected a \"" + expected + "\" document but this is a \"" + version
                    + "\" document (read it with "
                    + (version.equals(Format.SEGMENT) ? "SegmentJson.fromJson" : "SegmentJson.catalogFromJson") + ")");
        }
        throw v.error(
                "unsupported format version \"" + version + "\"; this version of crmkit reads \"" + expected + "\"");
    }

    private static Segment segmentFields(Node n) {
        Node idNode = required(n, "id");
        SegmentId id = attempt(idNode, () -> SegmentId.of(string(idNode)));
        Node nameNode = required(n, "name");
        String name = string(nameNode);
        if (name.isBlank()) {
            throw nameNode.error("must not be blank");
        }
        Node descriptionNode = n.get("description");
        String description = descriptionNode == null ? "" : string(descriptionNode);
        Condition condition = conditionNode(required(n, "condition"), 1);
        return attempt(n, () -> new Segment(id, name, description, condition));
    }

    // ---- conditions ---------------------------------------------------------------------------

    private static Condition conditionNode(Node n, int depth) {
        expect(n, Node.Kind.OBJECT);
        if (depth > MAX_CONDITION_DEPTH) {
            throw n.error("conditions nest more than " + MAX_CONDITION_DEPTH + " levels deep");
        }
        Node typeNode = n.get("type");
        if (typeNode == null) {
            throw n.error("missing required field \"type\"; one of: " + String.join(", ", Format.TYPES));
        }
        String type = string(typeNode);
        switch (type) {
            case Format.ALL -> {
                allowOnly(n, type, "type");
                return new Condition.All();
            }
            case Format.NONE -> {
                allowOnly(n, type, "type");
                return new Condition.None();
            }
            case Format.AND -> {
                allowOnly(n, type, "type", "of");
                Node of = required(n, "of");
                List<Condition> parts = parts(of, depth);
                return attempt(of, () -> new Condition.And(parts));
            }
            case Format.OR -> {
                allowOnly(n, type, "type", "of");
                Node of = required(n, "of");
                List<Condition> parts = parts(of, depth);
                return attempt(of, () -> new Condition.Or(parts));
            }
            case Format.NOT -> {
                allowOnly(n, type, "type", "condition");
                return new Condition.Not(conditionNode(required(n, "condition"), depth + 1));
            }
            case Format.COMPARE -> {
                return compare(n);
            }
            case Format.PROFILE -> {
                return profile(n);
            }
            case Format.ATTRIBUTE -> {
                return attribute(n);
            }
            case Format.ORDERS -> {
                allowOnly(n, type, "type", "filter", "window", "min", "max");
                Node f = n.get("filter");
                Condition.OrderFilter filter = f == null ? Condition.OrderFilter.any() : orderFilter(f);
                Window w = optionalWindow(n);
                Bound b = bound(n);
                return attempt(n, () -> new Condition.Orders(filter, w, b));
            }
            case Format.SPEND_ON -> {
                allowOnly(n, type, "type", "item", "window", "min", "max", "currency");
                Condition.Item item = item(required(n, "item"));
                Window w = optionalWindow(n);
                Currency currency = currency(required(n, "currency"));
                Bound b = moneyBound(n, currency);
                return attempt(n, () -> new Condition.SpendOn(item, w, b, currency));
            }
            case Format.INTERACTIONS -> {
                allowOnly(n, type, "type", "filter", "window", "min", "max");
                Condition.InteractionFilter filter = interactionFilter(required(n, "filter"));
                Window w = optionalWindow(n);
                Bound b = bound(n);
                return attempt(n, () -> new Condition.Interactions(filter, w, b));
            }
            case Format.TAGGED -> {
                allowOnly(n, type, "type", "tag");
                Node tag = required(n, "tag");
                String name = string(tag);
                return attempt(tag, () -> new Condition.Tagged(name));
            }
            case Format.REACHABLE -> {
                allowOnly(n, type, "type", "channel");
                return new Condition.Reachable(enumValue(required(n, "channel"), ContactChannel.class, "channel"));
            }
            case Format.OPTED_IN -> {
                allowOnly(n, type, "type", "channel");
                return new Condition.OptedIn(enumValue(required(n, "channel"), ContactChannel.class, "channel"));
            }
            case Format.IN_SEGMENT -> {
                allowOnly(n, type, "type", "segment");
                Node s = required(n, "segment");
                String id = string(s);
                return new Condition.InSegment(attempt(s, () -> SegmentId.of(id)));
            }
            case Format.CUSTOM -> {
                return custom(n);
            }
            default ->
                throw typeNode.error(
                        "unknown condition type \"" + type + "\"; allowed: " + String.join(", ", Format.TYPES));
        }
    }

    private static List<Condition> parts(Node of, int depth) {
        expect(of, Node.Kind.ARRAY);
        List<Condition> parts = new ArrayList<>(of.items().size());
        for (Node item : of.items()) {
            parts.add(conditionNode(item, depth + 1));
        }
        if (parts.size() < 2) {
            throw of.error("needs at least two conditions, has " + parts.size());
        }
        return parts;
    }

    private static Condition compare(Node n) {
        allowOnly(n, Format.COMPARE, "type", "measure", "window", "min", "max", "currency");
        Measure measure = enumValue(required(n, "measure"), Measure.class, "measure");
        Node windowNode = n.get("window");
        Window window = optionalWindow(n);
        if (windowNode != null && !measure.windowed()) {
            throw windowNode.error(
                    Format.code(measure) + " has no window (it is always all-time); allowed with a window: "
                            + Arrays.stream(Measure.values())
                                    .filter(Measure::windowed)
                                    .map(Format::code)
                                    .collect(Collectors.joining(", ")));
        }
        Node currencyNode = n.get("currency");
        Bound bound;
        Optional<Currency> currency;
        if (measure.unit() == Measure.Unit.MONEY) {
            if (currencyNode == null) {
                throw n.error("missing required field \"currency\" (" + Format.code(measure) + " is money)");
            }
            Currency c = currency(currencyNode);
            bound = moneyBound(n, c);
            currency = Optional.of(c);
        } else {
            if (currencyNode != null) {
                throw currencyNode.error("\"currency\" is only for money measures ("
                        + Arrays.stream(Measure.values())
                                .filter(m -> m.unit() == Measure.Unit.MONEY)
                                .map(Format::code)
                                .collect(Collectors.joining(", "))
                        + "); " + Format.code(measure) + " is not money");
            }
            bound = bound(n);
            currency = Optional.empty();
        }
        return attempt(n, () -> new Condition.Compare(measure, window, bound, currency));
    }

    private static Condition profile(Node n) {
        allowOnly(n, Format.PROFILE, "type", "field", "anyOf");
        Condition.ProfileField field = enumValue(required(n, "field"), Condition.ProfileField.class, "profile field");
        Node anyOf = required(n, "anyOf");
        expect(anyOf, Node.Kind.ARRAY);
        if (anyOf.items().isEmpty()) {
            throw anyOf.error("needs at least one value");
        }
        Set<String> values = new LinkedHashSet<>();
        for (Node item : anyOf.items()) {
            if (!values.add(string(item))) {
                throw item.error("duplicate value \"" + item.text() + "\"");
            }
        }
        return attempt(n, () -> new Condition.Profile(field, values));
    }

    private static Condition attribute(Node n) {
        allowOnly(n, Format.ATTRIBUTE, "type", "key", "valueType", "test", "values");
        Node keyNode = required(n, "key");
        String name = string(keyNode);
        AttributeKey.Type type = enumValue(required(n, "valueType"), AttributeKey.Type.class, "valueType");
        AttributeKey<?> key = attempt(keyNode, () -> AttributeKey.of(name, type));
        Node testNode = required(n, "test");
        Condition.AttributeTest test = enumValue(testNode, Condition.AttributeTest.class, "test");
        Node valuesNode = n.get("values");
        List<Object> values = new ArrayList<>();
        if (valuesNode != null) {
            expect(valuesNode, Node.Kind.ARRAY);
            for (Node item : valuesNode.items()) {
                values.add(attributeValue(item, type));
            }
        }
        switch (test) {
            case EXISTS -> {
                if (!values.isEmpty()) {
                    throw valuesNode.error("test exists takes no values");
                }
            }
            case IN -> {
                if (values.isEmpty()) {
                    throw valuesNode == null
                            ? n.error("missing required field \"values\" (test in needs at least one value)")
                            : valuesNode.error("test in needs at least one value");
                }
            }
            case BETWEEN -> {
                if (type == AttributeKey.Type.BOOLEAN) {
                    throw testNode.error("test between does not apply to boolean attributes; use in");
                }
                if (valuesNode == null) {
                    throw n.error("missing required field \"values\" (test between needs [min, max])");
                }
                if (values.size() != 2) {
                    throw valuesNode.error("test between needs exactly two values [min, max], has " + values.size());
                }
            }
        }
        Node at = valuesNode == null ? n : valuesNode;
        return attempt(at, () -> new Condition.Attribute(key, test, values));
    }

    private static Object attributeValue(Node n, AttributeKey.Type type) {
        String what = " (valueType " + Format.code(type) + ")";
        switch (type) {
            case STRING:
                return string(n, what);
            case INTEGER:
                return (int) integer(n, Integer.MIN_VALUE, Integer.MAX_VALUE, what);
            case LONG:
                return integer(n, Long.MIN_VALUE, Long.MAX_VALUE, what);
            case DECIMAL: {
                String t = string(n, what);
                if (!DECIMAL.matcher(t).matches()) {
                    throw n.error("\"" + t + "\" is not a decimal number such as \"12.50\"");
                }
                try {
                    return new BigDecimal(t);
                } catch (NumberFormatException e) {
                    throw n.error("\"" + t + "\" is not a decimal number: its exponent is out of range", e);
                }
            }
            case BOOLEAN:
                expect(n, Node.Kind.BOOLEAN, what);
                return Boolean.valueOf(n.text());
            case DATE:
                return date(n);
            case INSTANT: {
                String t = string(n, what);
                try {
                    return Instant.parse(t);
                } catch (DateTimeParseException e) {
                    throw n.error("\"" + t + "\" is not an instant such as \"2025-11-11T04:00:00Z\"" + why(e), e);
                }
            }
        }
        throw new IllegalStateException("unhandled attribute type " + type);
    }

    private static Condition custom(Node n) {
        allowOnly(n, Format.CUSTOM, "type", "name", "params");
        Node nameNode = required(n, "name");
        String name = string(nameNode);
        Node p = n.get("params");
        Map<String, String> params = new HashMap<>();
        if (p != null) {
            expect(p, Node.Kind.OBJECT);
            for (Node.Field f : p.fields().values()) {
                params.put(f.name(), string(f.value()));
            }
        }
        return attempt(nameNode, () -> new Condition.Custom(name, params));
    }

    // ---- parts --------------------------------------------------------------------------------

    private static Window optionalWindow(Node condition) {
        Node w = condition.get("window");
        return w == null ? Window.allTime() : window(w);
    }

    private static Window window(Node n) {
        expect(n, Node.Kind.OBJECT);
        allowOnly(n, "a window", List.of("lastDays", "from", "to"));
        Node days = n.get("lastDays");
        Node from = n.get("from");
        Node to = n.get("to");
        if (days != null) {
            if (from != null || to != null) {
                throw n.error("a window is either {\"lastDays\": n} or {\"from\": date, \"to\": date}, not both");
            }
            long d = integer(days, Long.MIN_VALUE, Long.MAX_VALUE, "");
            if (d < 1 || d > Window.MAX_DAYS) {
                throw days.error("must be 1.." + Window.MAX_DAYS + ", was " + d);
            }
            return Window.lastDays((int) d);
        }
        if (from == null && to == null) {
            throw n.error("a window needs \"lastDays\", or \"from\" and \"to\"; leave the window out for all time");
        }
        LocalDate a = date(required(n, "from"));
        LocalDate b = date(required(n, "to"));
        if (!b.isAfter(a)) {
            throw to.error(
                    "must be after from (" + a + "); the window runs from \"from\" up to, not including, \"to\"");
        }
        return Window.between(a, b);
    }

    private static Bound bound(Node n) {
        Node min = n.get("min");
        Node max = n.get("max");
        long lo = min == null ? Long.MIN_VALUE : integer(min, Long.MIN_VALUE, Long.MAX_VALUE, "");
        long hi = max == null ? Long.MAX_VALUE : integer(max, Long.MIN_VALUE, Long.MAX_VALUE, "");
        if (lo > hi) {
            throw (max == null ? n : max).error("min " + lo + " is greater than max " + hi);
        }
        return new Bound(lo, hi);
    }

    private static Bound moneyBound(Node n, Currency currency) {
        Node min = n.get("min");
        Node max = n.get("max");
        long lo = min == null ? Long.MIN_VALUE : money(min, currency);
        long hi = max == null ? Long.MAX_VALUE : money(max, currency);
        if (lo > hi) {
            throw (max == null ? n : max).error("min " + min.text() + " is greater than max " + max.text());
        }
        return new Bound(lo, hi);
    }

    private static long money(Node n, Currency currency) {
        if (n.kind() == Node.Kind.INTEGER || n.kind() == Node.Kind.FRACTION) {
            throw n.error("expected an amount as a decimal string such as \""
                    + SegmentJsonWriter.majorUnits(100_000, currency) + "\", found a number");
        }
        String t = string(n);
        if (!MONEY.matcher(t).matches()) {
            throw n.error("\"" + t + "\" is not an amount (a plain decimal such as \""
                    + SegmentJsonWriter.majorUnits(100_000, currency) + "\")");
        }
        int digits = Money.zero(currency).toBigDecimal().scale();
        int dot = t.indexOf('.');
        int decimals = dot < 0 ? 0 : t.length() - dot - 1;
        if (decimals > digits) {
            throw n.error(
                    "\"" + t + "\" has " + decimals + " decimals; " + currency.getCurrencyCode() + " allows " + digits);
        }
        return attempt(n, () -> Money.of(new BigDecimal(t), currency).minorUnits());
    }

    private static Currency currency(Node n) {
        String code = string(n);
        if (code.matches("[A-Z]{3}")) {
            try {
                return Currency.getInstance(code);
            } catch (IllegalArgumentException e) {
                // falls through
            }
        }
        throw n.error("\"" + code + "\" is not an ISO 4217 currency code such as \"TWD\"");
    }

    private static LocalDate date(Node n) {
        String t = string(n, " (a date such as \"2025-11-11\")");
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw n.error("\"" + t + "\" is not a date such as \"2025-11-11\"" + why(e), e);
        }
    }

    /** The parser's reason, e.g. " (Invalid date 'February 29' as '2025' is not a leap year)". */
    private static String why(DateTimeParseException e) {
        String m = String.valueOf(e.getMessage());
        String marker = "could not be parsed: ";
        int i = m.indexOf(marker);
        return i < 0 ? "" : " (" + m.substring(i + marker.length()) + ")";
    }

    private static Condition.Item item(Node n) {
        expect(n, Node.Kind.OBJECT);
        allowOnly(n, "an item", List.of("category", "product", "sku"));
        if (n.fields().size() != 1) {
            throw n.error("an item has exactly one of \"category\", \"product\" or \"sku\", has "
                    + (n.fields().isEmpty()
                            ? "none"
                            : String.join(", ", n.fields().keySet())));
        }
        Node.Field f = n.fields().values().iterator().next();
        Condition.ItemKind kind = Condition.ItemKind.valueOf(f.name().toUpperCase(java.util.Locale.ROOT));
        String value = string(f.value());
        return attempt(f.value(), () -> new Condition.Item(kind, value));
    }

    private static Condition.OrderFilter orderFilter(Node n) {
        expect(n, Node.Kind.OBJECT);
        allowOnly(
                n,
                "an order filter",
                List.of(
                        "item",
                        "anyCoupon",
                        "coupon",
                        "paymentMethod",
                        "shippingMethod",
                        "pickupStore",
                        "channel",
                        "store"));
        Condition.OrderFilter f = Condition.OrderFilter.any();
        Node v;
        if ((v = n.get("item")) != null) {
            f = f.withItem(item(v));
        }
        if ((v = n.get("anyCoupon")) != null) {
            expect(v, Node.Kind.BOOLEAN);
            if (v.text().equals("true")) {
                f = f.withAnyCoupon();
            }
        }
        if ((v = n.get("coupon")) != null) {
            String t = string(v);
            Condition.OrderFilter g = f;
            f = attempt(v, () -> g.withCoupon(t));
        }
        if ((v = n.get("paymentMethod")) != null) {
            String t = string(v);
            f = f.withPaymentMethod(attempt(v, () -> new PaymentMethod(t)));
        }
        if ((v = n.get("shippingMethod")) != null) {
            String t = string(v);
            f = f.withShippingMethod(attempt(v, () -> new ShippingMethod(t)));
        }
        if ((v = n.get("pickupStore")) != null) {
            String t = string(v);
            f = f.withPickupStore(attempt(v, () -> StoreId.of(t)));
        }
        if ((v = n.get("channel")) != null) {
            String t = string(v);
            f = f.withChannel(attempt(v, () -> new SalesChannel(t)));
        }
        if ((v = n.get("store")) != null) {
            String t = string(v);
            f = f.withStore(attempt(v, () -> StoreId.of(t)));
        }
        return f;
    }

    private static Condition.InteractionFilter interactionFilter(Node n) {
        expect(n, Node.Kind.OBJECT);
        allowOnly(
                n,
                "an interaction filter",
                List.of("interaction", "campaign", "channel", "minScore", "minDurationSeconds"));
        InteractionType type = enumValue(required(n, "interaction"), InteractionType.class, "interaction");
        Optional<CampaignId> campaign = Optional.empty();
        Optional<ContactChannel> channel = Optional.empty();
        OptionalInt minScore = OptionalInt.empty();
        OptionalLong minDuration = OptionalLong.empty();
        Node v;
        if ((v = n.get("campaign")) != null) {
            String t = string(v);
            campaign = Optional.of(attempt(v, () -> CampaignId.of(t)));
        }
        if ((v = n.get("channel")) != null) {
            channel = Optional.of(enumValue(v, ContactChannel.class, "channel"));
        }
        if ((v = n.get("minScore")) != null) {
            minScore = OptionalInt.of((int) integer(v, 0, Integer.MAX_VALUE, ""));
        }
        if ((v = n.get("minDurationSeconds")) != null) {
            minDuration = OptionalLong.of(integer(v, 0, Long.MAX_VALUE, ""));
        }
        return new Condition.InteractionFilter(type, campaign, channel, minScore, minDuration);
    }

    // ---- values -------------------------------------------------------------------------------

    private static void allowOnly(Node n, String type, String... allowed) {
        allowOnly(n, "a " + type + " condition", Arrays.asList(allowed));
    }

    private static void allowOnly(Node n, String what, List<String> allowed) {
        for (Node.Field f : n.fields().values()) {
            if (!allowed.contains(f.name())) {
                throw new SegmentJsonException(
                        Node.child(n.path(), f.name()),
                        f.line(),
                        f.column(),
                        "unknown field \"" + f.name() + "\" in " + what + "; allowed: " + String.join(", ", allowed),
                        null);
            }
        }
    }

    private static Node required(Node n, String name) {
        Node v = n.get(name);
        if (v == null) {
            throw n.error("missing required field \"" + name + "\"");
        }
        return v;
    }

    private static void expect(Node n, Node.Kind kind) {
        expect(n, kind, "");
    }

    private static void expect(Node n, Node.Kind kind, String what) {
        if (n.kind() != kind) {
            throw n.error("expected " + kind.description() + what + ", found "
                    + n.kind().description());
        }
    }

    private static String string(Node n) {
        return string(n, "");
    }

    private static String string(Node n, String what) {
        expect(n, Node.Kind.STRING, what);
        return n.text();
    }

    private static long integer(Node n, long min, long max, String what) {
        expect(n, Node.Kind.INTEGER, what);
        BigInteger v = new BigInteger(n.text());
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw n.error(n.text() + " is out of range " + min + ".." + max);
        }
        return v.longValue();
    }

    private static <E extends Enum<E>> E enumValue(Node n, Class<E> type, String what) {
        String allowed =
                Arrays.stream(type.getEnumConstants()).map(Format::code).collect(Collectors.joining(", "));
        String t = string(n, " (one of: " + allowed + ")");
        for (E e : type.getEnumConstants()) {
            if (Format.code(e).equals(t)) {
                return e;
            }
        }
        throw n.error("unknown " + what + " \"" + t + "\"; allowed: " + allowed);
    }

    /** Runs a constructor, turning its {@link InvalidValueException} into an error at the node. */
    private static <T> T attempt(Node n, Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidValueException e) {
            throw n.error(e.getMessage(), e);
        }
    }
}
