package io.crmkit.automation.internal.json;

import io.crmkit.automation.Entry;
import io.crmkit.automation.Goal;
import io.crmkit.automation.Guards;
import io.crmkit.automation.Journey;
import io.crmkit.automation.JourneyDefinitionException;
import io.crmkit.automation.JourneyId;
import io.crmkit.automation.JourneyJsonException;
import io.crmkit.automation.Reentry;
import io.crmkit.automation.Step;
import io.crmkit.automation.Trigger;
import io.crmkit.automation.internal.json.JsonTree.Field;
import io.crmkit.automation.internal.json.JsonTree.Kind;
import io.crmkit.automation.internal.json.JsonTree.Node;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.InteractionType;
import io.crmkit.core.InvalidValueException;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.SegmentId;
import io.crmkit.segmentation.SegmentJson;
import io.crmkit.segmentation.SegmentJsonException;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps a {@link JsonTree} to journeys and guards by hand, rejecting everything {@code
 * docs/journey-json.md} does not allow with a {@link JourneyJsonException} that points at the
 * offending value. Embedded conditions are read by {@link SegmentJson#conditionFromJson(String,
 * String, int, int)} from their text in the document, so their errors carry this document's paths
 * and positions.
 */
public final class JourneyJsonReader {
    private static final List<String> JOURNEY_FIELDS =
            List.of("id", "version", "name", "entry", "reentry", "filter", "steps", "goal");
    private static final List<String> GUARDS_FIELDS =
            List.of(Format.FORMAT_KEY, "frequencyCap", "quietHours", "suppressTags", "suppressAudience");
    private static final Map<String, String> READ_WITH = Map.of(
            Format.JOURNEY, "JourneyJson.fromJson",
            Format.JOURNEYS, "JourneyJson.journeysFromJson",
            Format.GUARDS, "JourneyJson.guardsFromJson");
    private static final Pattern STEP_INDEX = Pattern.compile("steps\\[(\\d+)]");
    private static final Pattern STEP_ID = Pattern.compile("step \"([^\"]*)\"");
    private static final Pattern GOES_TO = Pattern.compile("goes to \"([^\"]*)\"");

    private final String document;

    private JourneyJsonReader(String document) {
        this.document = document;
    }

    /**
     * @param document a {@code journey/1} document (without a byte order mark)
     * @return the journey
     */
    public static Journey journey(String document) {
        JourneyJsonReader r = new JourneyJsonReader(document);
        Node root = JsonTree.read(document);
        r.format(root, Format.JOURNEY);
        List<String> allowed = new ArrayList<>();
        allowed.add(Format.FORMAT_KEY);
        allowed.addAll(JOURNEY_FIELDS);
        allowOnly(root, "a journey", allowed);
        return r.journeyFields(root);
    }

    /**
     * @param document a {@code journeys/1} document
     * @return the journeys, in document order; no two have the same id and version
     */
    public static List<Journey> journeys(String document) {
        JourneyJsonReader r = new JourneyJsonReader(document);
        Node root = JsonTree.read(document);
        r.format(root, Format.JOURNEYS);
        allowOnly(root, "a journey list", List.of(Format.FORMAT_KEY, "journeys"));
        Node list = required(root, "journeys");
        expect(list, Kind.ARRAY);
        List<Journey> out = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (Node item : list.items()) {
            expect(item, Kind.OBJECT);
            allowOnly(item, "a journey of a list", JOURNEY_FIELDS);
            Journey j = r.journeyFields(item);
            Node first = seen.putIfAbsent(j.id() + " " + j.version(), item);
            if (first != null) {
                throw required(item, "id")
                        .error("journey \"" + j.id() + "\" version " + j.version() + " is already defined at "
                                + first.path());
            }
            out.add(j);
        }
        return List.copyOf(out);
    }

    /**
     * @param document a {@code guards/1} document
     * @return the guards
     */
    public static Guards guards(String document) {
        JourneyJsonReader r = new JourneyJsonReader(document);
        Node root = JsonTree.read(document);
        r.format(root, Format.GUARDS);
        allowOnly(root, "guards", GUARDS_FIELDS);
        int capMessages = 0;
        Duration capWindow = Duration.ZERO;
        Node cap = root.get("frequencyCap");
        Node messages = null;
        Node per = null;
        if (cap != null) {
            expect(cap, Kind.OBJECT);
            allowOnly(cap, "a frequency cap", List.of("messages", "per"));
            messages = required(cap, "messages");
            capMessages = (int) integer(messages, 0, Integer.MAX_VALUE);
            per = required(cap, "per");
            capWindow = duration(per);
        }
        LocalTime from = null;
        LocalTime until = null;
        Node quiet = root.get("quietHours");
        if (quiet != null) {
            expect(quiet, Kind.OBJECT);
            allowOnly(quiet, "quiet hours", List.of("from", "until"));
            from = localTime(required(quiet, "from"));
            until = localTime(required(quiet, "until"));
        }
        Set<String> tags = new LinkedHashSet<>();
        Node st = root.get("suppressTags");
        if (st != null) {
            expect(st, Kind.ARRAY);
            for (Node t : st.items()) {
                if (!tags.add(string(t))) {
                    throw t.error("tag \"" + t.text() + "\" appears twice");
                }
            }
        }
        Node sa = root.get("suppressAudience");
        Condition audience = sa == null ? null : r.condition(sa);
        int m = capMessages;
        Duration w = capWindow;
        LocalTime f = from;
        LocalTime u = until;
        try {
            return new Guards(m, w, f, u, tags, audience);
        } catch (InvalidValueException e) {
            String field = e.field();
            Node at = field.endsWith("capMessages") ? messages : field.endsWith("capWindow") ? per : quiet;
            throw (at == null ? root : at).error(reason(e), e);
        }
    }

    // ---- journeys -----------------------------------------------------------------------------

    private void format(Node root, String expected) {
        expect(root, Kind.OBJECT);
        Node v = required(root, Format.FORMAT_KEY);
        String f = string(v);
        if (!f.equals(expected)) {
            String other = READ_WITH.get(f);
            throw v.error(
                    other != null
                            ? "this is a " + f + " document, not " + expected + "; read it with " + other
                            : "unknown format \"" + f + "\"; this reader reads \"" + expected + "\"");
        }
    }

    private Journey journeyFields(Node obj) {
        Node idNode = required(obj, "id");
        JourneyId id = attemptAt(idNode, () -> JourneyId.of(string(idNode)));
        Journey.Builder b = Journey.builder(id.value());
        Node version = obj.get("version");
        if (version != null) {
            b.version((int) integer(version, 1, Integer.MAX_VALUE));
        }
        Node name = obj.get("name");
        if (name != null) {
            b.name(string(name));
        }
        b.entry(entry(required(obj, "entry")));
        Node reentry = obj.get("reentry");
        if (reentry != null) {
            b.reentry(reentry(reentry));
        }
        Node filter = obj.get("filter");
        if (filter != null) {
            b.filter(condition(filter));
        }
        Node steps = required(obj, "steps");
        expect(steps, Kind.ARRAY);
        for (Node s : steps.items()) {
            b.step(step(s));
        }
        Node goal = obj.get("goal");
        if (goal != null) {
            expect(goal, Kind.OBJECT);
            allowOnly(goal, "a goal", List.of("trigger", "window"));
            Trigger t = trigger(required(goal, "trigger"));
            Duration window = duration(required(goal, "window"));
            b.goal(attempt(goal, () -> Goal.of(t, window)));
        }
        try {
            return b.build();
        } catch (JourneyDefinitionException e) {
            throw definitionError(obj, steps, e);
        }
    }

    /** Points a builder's complaint at the step (and field) it is about. */
    private static JourneyJsonException definitionError(Node journey, Node steps, JourneyDefinitionException e) {
        Node step = null;
        Matcher ix = STEP_INDEX.matcher(e.where());
        Matcher sid = STEP_ID.matcher(e.where());
        if (ix.find()) {
            int i = Integer.parseInt(ix.group(1));
            step = i < steps.items().size() ? steps.items().get(i) : null;
        } else if (sid.find()) {
            for (Node s : steps.items()) {
                Node id = s.get("id");
                if (id != null && id.text().equals(sid.group(1))) {
                    step = s;
                    break;
                }
            }
        }
        Node at;
        if (step == null) {
            at = e.reason().startsWith("has no steps") ? steps : journey;
        } else {
            at = step;
            Matcher to = GOES_TO.matcher(e.reason());
            if (to.find()) {
                Node target = findTarget(step, to.group(1));
                at = target == null ? step : target;
            } else if (e.reason().contains("is already used")) {
                at = required(step, "id");
            }
        }
        return at.error(e.reason(), e);
    }

    private static @Nullable Node findTarget(Node step, String target) {
        for (String f : List.of("next", "then", "otherwise", "onTimeout")) {
            Node n = step.get(f);
            if (n != null && n.text().equals(target)) {
                return n;
            }
        }
        Node arms = step.get("arms");
        if (arms != null) {
            for (Node a : arms.items()) {
                Node t = a.get("target");
                if (t != null && t.text().equals(target)) {
                    return t;
                }
            }
        }
        return null;
    }

    private Entry entry(Node n) {
        expect(n, Kind.OBJECT);
        Node typeNode = required(n, "type");
        String type = oneOf(typeNode, "entry type", Format.ENTRY_TYPES);
        switch (type) {
            case Format.EVENT -> {
                allowOnly(n, "an event entry", List.of("type", "trigger"));
                Trigger t = trigger(required(n, "trigger"));
                return attempt(n, () -> Entry.on(t));
            }
            case Format.SEGMENT -> {
                allowOnly(n, "a segment entry", List.of("type", "segment", "entered"));
                Node s = required(n, "segment");
                SegmentId segment = attemptAt(s, () -> SegmentId.of(string(s)));
                Node entered = n.get("entered");
                boolean in = entered == null || bool(entered);
                return attempt(n, () -> in ? Entry.segmentEntered(segment) : Entry.segmentExited(segment));
            }
            case Format.BIRTHDAY -> {
                allowOnly(n, "a birthday entry", List.of("type", "daysBefore", "at"));
                Node db = n.get("daysBefore");
                int daysBefore = db == null ? 0 : (int) integer(db, Integer.MIN_VALUE, Integer.MAX_VALUE);
                LocalTime at = localTime(required(n, "at"));
                return attempt(n, () -> Entry.birthday(daysBefore, at));
            }
            case Format.JOIN_ANNIVERSARY -> {
                allowOnly(n, "a join anniversary entry", List.of("type", "at"));
                LocalTime at = localTime(required(n, "at"));
                return attempt(n, () -> Entry.joinAnniversary(at));
            }
            case Format.DAYS_AFTER_LAST_PURCHASE -> {
                allowOnly(n, "a days-after-last-purchase entry", List.of("type", "days", "at"));
                int days = (int) integer(required(n, "days"), Integer.MIN_VALUE, Integer.MAX_VALUE);
                LocalTime at = localTime(required(n, "at"));
                return attempt(n, () -> Entry.daysAfterLastPurchase(days, at));
            }
            case Format.REPURCHASE_DUE -> {
                allowOnly(n, "a repurchase-due entry", List.of("type", "factor", "fallbackDays", "at"));
                double factor = decimal(required(n, "factor"));
                Node fd = n.get("fallbackDays");
                int fallback = fd == null ? 0 : (int) integer(fd, Integer.MIN_VALUE, Integer.MAX_VALUE);
                LocalTime at = localTime(required(n, "at"));
                return attempt(n, () -> Entry.repurchaseDue(factor, fallback, at));
            }
            default -> {
                allowOnly(n, "a broadcast entry", List.of("type", "audience", "first", "every"));
                Condition audience = condition(required(n, "audience"));
                Instant first = instant(required(n, "first"));
                Node ev = n.get("every");
                Period every = ev == null ? null : period(ev);
                return attempt(n, () -> Entry.broadcast(audience, first, every));
            }
        }
    }

    private static Reentry reentry(Node n) {
        expect(n, Kind.OBJECT);
        Reentry.Kind kind = enumValue(required(n, "type"), Reentry.Kind.class, "re-entry policy");
        if (kind == Reentry.Kind.ONCE_PER) {
            allowOnly(n, "a once_per re-entry policy", List.of("type", "period"));
            Period p = period(required(n, "period"));
            return attempt(n, () -> Reentry.oncePer(p));
        }
        allowOnly(n, "a " + Format.code(kind) + " re-entry policy", List.of("type"));
        return kind == Reentry.Kind.ONCE ? Reentry.once() : Reentry.always();
    }

    private static Trigger trigger(Node n) {
        expect(n, Kind.OBJECT);
        Trigger.Kind kind = enumValue(required(n, "type"), Trigger.Kind.class, "trigger type");
        if (kind != Trigger.Kind.INTERACTION) {
            allowOnly(n, "an " + Format.code(kind) + " trigger", List.of("type"));
            return new Trigger(kind, null, -1);
        }
        allowOnly(n, "an interaction trigger", List.of("type", "interactionType", "minScore"));
        Node it = n.get("interactionType");
        InteractionType type = it == null ? null : enumValue(it, InteractionType.class, "interaction type");
        Node ms = n.get("minScore");
        int minScore = ms == null ? -1 : (int) integer(ms, 0, Integer.MAX_VALUE);
        return attempt(n, () -> new Trigger(kind, type, minScore));
    }

    private Step step(Node n) {
        expect(n, Kind.OBJECT);
        String type = oneOf(required(n, "type"), "step type", Format.STEP_TYPES);
        Node idNode = required(n, "id");
        String id = string(idNode);
        if (!Step.ID.matcher(id).matches()) {
            throw idNode.error(
                    "\"" + id + "\" is not a step id (a letter or digit, then up to 63 of A-Z a-z 0-9 _ . ? -)");
        }
        switch (type) {
            case Format.WAIT -> {
                allowOnly(n, "a wait step", List.of("type", "id", "duration", "next"));
                Duration d = duration(required(n, "duration"));
                return attempt(n, () -> new Step.Wait(id, d, target(n, "next")));
            }
            case Format.WAIT_UNTIL -> {
                allowOnly(n, "a waitUntil step", List.of("type", "id", "at", "days", "next"));
                LocalTime at = localTime(required(n, "at"));
                Node dn = n.get("days");
                Set<DayOfWeek> days = dn == null ? EnumSet.allOf(DayOfWeek.class) : weekdays(dn);
                return attempt(n, () -> new Step.WaitUntil(id, at, days, target(n, "next")));
            }
            case Format.WAIT_FOR_EVENT -> {
                allowOnly(n, "a waitForEvent step", List.of("type", "id", "trigger", "timeout", "onTimeout", "next"));
                Trigger t = trigger(required(n, "trigger"));
                Duration timeout = duration(required(n, "timeout"));
                return attempt(
                        n, () -> new Step.WaitForEvent(id, t, timeout, target(n, "onTimeout"), target(n, "next")));
            }
            case Format.BRANCH -> {
                allowOnly(n, "a branch step", List.of("type", "id", "condition", "then", "otherwise"));
                Condition c = condition(required(n, "condition"));
                String then = requiredTarget(n, "then");
                String otherwise = requiredTarget(n, "otherwise");
                return attempt(n, () -> new Step.Branch(id, c, then, otherwise));
            }
            case Format.SPLIT -> {
                allowOnly(n, "a split step", List.of("type", "id", "arms"));
                Node arms = required(n, "arms");
                expect(arms, Kind.ARRAY);
                List<Step.Arm> list = new ArrayList<>();
                for (Node a : arms.items()) {
                    expect(a, Kind.OBJECT);
                    allowOnly(a, "a split arm", List.of("label", "percent", "target"));
                    String label = string(required(a, "label"));
                    int percent = (int) integer(required(a, "percent"), Integer.MIN_VALUE, Integer.MAX_VALUE);
                    String target = target(a, "target");
                    list.add(attempt(a, () -> new Step.Arm(label, percent, target)));
                }
                return attempt(n, () -> new Step.Split(id, list));
            }
            case Format.SEND -> {
                allowOnly(n, "a send step", List.of("type", "id", "channel", "template", "variables", "next"));
                Node ch = n.get("channel");
                ContactChannel channel = ch == null ? null : enumValue(ch, ContactChannel.class, "channel");
                String template = string(required(n, "template"));
                Map<String, String> vars = strings(n.get("variables"));
                return attempt(n, () -> new Step.Send(id, channel, template, vars, target(n, "next")));
            }
            case Format.ISSUE_COUPON -> {
                allowOnly(n, "an issueCoupon step", List.of("type", "id", "campaign", "next"));
                String campaign = string(required(n, "campaign"));
                return attempt(n, () -> new Step.IssueCoupon(id, campaign, target(n, "next")));
            }
            case Format.TAG, Format.UNTAG -> {
                allowOnly(n, "a " + type + " step", List.of("type", "id", "tag", "next"));
                String tag = string(required(n, "tag"));
                return attempt(n, () -> new Step.Tag(id, tag, type.equals(Format.TAG), target(n, "next")));
            }
            case Format.AWARD_POINTS -> {
                allowOnly(n, "an awardPoints step", List.of("type", "id", "points", "reason", "next"));
                long points = integer(required(n, "points"), 1, Long.MAX_VALUE);
                String reason = string(required(n, "reason"));
                return attempt(n, () -> new Step.AwardPoints(id, points, reason, target(n, "next")));
            }
            case Format.CUSTOM -> {
                allowOnly(n, "a custom step", List.of("type", "id", "action", "params", "next"));
                String action = string(required(n, "action"));
                Map<String, String> params = strings(n.get("params"));
                return attempt(n, () -> new Step.Custom(id, action, params, target(n, "next")));
            }
            default -> {
                allowOnly(n, "an exit step", List.of("type", "id"));
                return attempt(n, () -> new Step.Exit(id));
            }
        }
    }

    /** @return the step id in an optional target field, checked, or null */
    private static @Nullable String target(Node obj, String field) {
        Node n = obj.get(field);
        if (n == null) {
            return null;
        }
        String t = string(n);
        if (!Step.ID.matcher(t).matches()) {
            throw n.error("\"" + t + "\" is not a step id (a letter or digit, then up to 63 of A-Z a-z 0-9 _ . ? -)");
        }
        return t;
    }

    private static String requiredTarget(Node obj, String field) {
        required(obj, field);
        String t = target(obj, field);
        return t == null ? "" : t;
    }

    private static Set<DayOfWeek> weekdays(Node n) {
        expect(n, Kind.ARRAY);
        if (n.items().isEmpty()) {
            throw n.error("needs at least one weekday (leave \"days\" out for every day)");
        }
        String[] names = Arrays.stream(DayOfWeek.values())
                .map(d -> d.name().substring(0, 3))
                .toArray(String[]::new);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Node d : n.items()) {
            String code = oneOf(d, "weekday", names);
            DayOfWeek day = DayOfWeek.values()[Arrays.asList(names).indexOf(code)];
            if (!days.add(day)) {
                throw d.error("weekday \"" + code + "\" appears twice");
            }
        }
        return days;
    }

    private static Map<String, String> strings(@Nullable Node n) {
        if (n == null) {
            return Map.of();
        }
        expect(n, Kind.OBJECT);
        Map<String, String> m = new LinkedHashMap<>();
        for (Field f : n.fields().values()) {
            m.put(f.name(), string(f.value()));
        }
        return m;
    }

    /** Reads an embedded segment condition with crm-segmentation's reader, in this document's terms. */
    private Condition condition(Node n) {
        String text = n.kind() == Kind.OBJECT || n.kind() == Kind.ARRAY
                ? document.substring(n.start(), n.end())
                : scalarText(n);
        try {
            return SegmentJson.conditionFromJson(text, n.path(), Math.max(1, n.line()), Math.max(1, n.column()));
        } catch (SegmentJsonException e) {
            throw new JourneyJsonException(
                    e.path(), e.line().orElse(0), e.column().orElse(0), e.reason(), e);
        }
    }

    private static String scalarText(Node n) {
        if (n.kind() != Kind.STRING) {
            return n.text();
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : n.text().toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    // ---- values -------------------------------------------------------------------------------

    private static void expect(Node n, Kind kind) {
        if (n.kind() != kind) {
            throw n.error(
                    "expected " + kind.description() + ", found " + n.kind().description());
        }
    }

    private static void allowOnly(Node obj, String what, List<String> allowed) {
        for (Field f : obj.fields().values()) {
            if (!allowed.contains(f.name())) {
                throw new JourneyJsonException(
                        f.value().path(),
                        f.line(),
                        f.column(),
                        "unknown field \"" + f.name() + "\" in " + what + "; allowed: " + String.join(", ", allowed),
                        null);
            }
        }
    }

    private static Node required(Node obj, String name) {
        Node n = obj.get(name);
        if (n == null) {
            throw obj.error("missing required field \"" + name + "\"");
        }
        return n;
    }

    private static String string(Node n) {
        expect(n, Kind.STRING);
        return n.text();
    }

    private static boolean bool(Node n) {
        expect(n, Kind.BOOLEAN);
        return n.text().equals("true");
    }

    private static long integer(Node n, long min, long max) {
        expect(n, Kind.INTEGER);
        BigInteger v = new BigInteger(n.text());
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw n.error("must be " + min + ".." + max + ", was " + n.text());
        }
        return v.longValue();
    }

    private static double decimal(Node n) {
        if (n.kind() != Kind.INTEGER && n.kind() != Kind.FRACTION) {
            throw n.error("expected a number, found " + n.kind().description());
        }
        double d = Double.parseDouble(n.text());
        if (!Double.isFinite(d)) {
            throw n.error("\"" + n.text() + "\" is out of range");
        }
        return d;
    }

    private static String oneOf(Node n, String what, String... allowed) {
        String s = string(n);
        if (!Arrays.asList(allowed).contains(s)) {
            throw n.error("unknown " + what + " \"" + s + "\"; allowed: " + String.join(", ", allowed));
        }
        return s;
    }

    private static <E extends Enum<E>> E enumValue(Node n, Class<E> type, String what) {
        E[] values = type.getEnumConstants();
        String s = oneOf(n, what, Arrays.stream(values).map(Format::code).toArray(String[]::new));
        for (E e : values) {
            if (Format.code(e).equals(s)) {
                return e;
            }
        }
        throw new IllegalStateException(s);
    }

    private static Duration duration(Node n) {
        String s = string(n);
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw n.error("\"" + s + "\" is not an ISO-8601 duration such as \"P7D\" or \"PT2H\"", e);
        }
    }

    private static Period period(Node n) {
        String s = string(n);
        try {
            return Period.parse(s);
        } catch (DateTimeParseException e) {
            throw n.error("\"" + s + "\" is not an ISO-8601 period such as \"P1Y\" or \"P7D\"", e);
        }
    }

    private static LocalTime localTime(Node n) {
        String s = string(n);
        try {
            return LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            throw n.error("\"" + s + "\" is not a local time such as \"10:00\" or \"21:30:15\"", e);
        }
    }

    private static Instant instant(Node n) {
        String s = string(n);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw n.error("\"" + s + "\" is not an ISO instant such as \"2026-11-11T02:00:00Z\"", e);
        }
    }

    /** Runs a model constructor; its complaint points at the named field of {@code obj}, or at it. */
    private static <T> T attempt(Node obj, Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidValueException e) {
            String field = e.field();
            String last = field.substring(field.lastIndexOf('.') + 1);
            Node at = obj.get(last);
            throw (at == null ? obj : at).error(reason(e), e);
        }
    }

    /** Runs a constructor of one value; its complaint points at {@code at}. */
    private static <T> T attemptAt(Node at, Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidValueException e) {
            throw at.error(reason(e), e);
        }
    }

    /** @return the complaint without its field prefix */
    private static String reason(InvalidValueException e) {
        String m = e.getMessage();
        String prefix = e.field() + ": ";
        return m != null && m.startsWith(prefix) ? m.substring(prefix.length()) : String.valueOf(m);
    }
}
