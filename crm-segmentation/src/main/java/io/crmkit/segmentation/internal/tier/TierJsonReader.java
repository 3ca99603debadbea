package io.crmkit.segmentation.internal.tier;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import io.crmkit.segmentation.Benefit;
import io.crmkit.segmentation.SegmentJson;
import io.crmkit.segmentation.Tier;
import io.crmkit.segmentation.TierJson;
import io.crmkit.segmentation.TierJsonException;
import io.crmkit.segmentation.TierProgram;
import io.crmkit.segmentation.Window;
import io.crmkit.segmentation.internal.json.Node;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps a {@link Node} tree to a {@link TierProgram}, by hand, refusing everything {@code
 * docs/tiers.md} does not allow with a {@link TierJsonException} that points at the offending value.
 * Settings that {@link TierProgram.Builder#build()} refuses are reported at the JSON path the
 * builder names.
 */
public final class TierJsonReader {
    private static final Pattern MONEY = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?");
    private static final Pattern STEP = Pattern.compile("\\.?([A-Za-z_][A-Za-z0-9_]*)|\\[([0-9]+)]");
    private static final List<String> ROOT = List.of("crmkit", "currency", "qualification", "match", "grace", "tiers");
    private static final List<String> TIER = List.of("name", "minSpend", "minOrders", "benefits");

    private TierJsonReader() {}

    /**
     * @param root the root of a {@code tiers/1} document
     * @return the programme
     */
    public static TierProgram read(Node root) {
        version(root);
        allowOnly(root, "a tier programme", ROOT);
        Currency currency = currency(required(root, "currency"));
        TierProgram.Builder b = TierProgram.builder(currency);
        qualification(required(root, "qualification"), b);
        Node v;
        if ((v = root.get("match")) != null) {
            b.match(enumValue(v, TierProgram.Match.class, "match"));
        }
        if ((v = root.get("grace")) != null) {
            b.grace((int) integer(v, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        Node list = required(root, "tiers");
        expect(list, Node.Kind.ARRAY);
        for (Node item : list.items()) {
            b.tier(tier(item, currency));
        }
        try {
            return b.build();
        } catch (InvalidValueException e) {
            Node at = find(root, e.field());
            throw new TierJsonException("$." + e.field(), at.line(), at.column(), reason(e), e);
        }
    }

    private static void version(Node root) {
        expect(root, Node.Kind.OBJECT);
        Node v = root.get("crmkit");
        if (v == null) {
            throw error(root, "missing required field \"crmkit\" (the format version, \"" + TierJson.FORMAT + "\")");
        }
        String version = string(v);
        if (version.equals(TierJson.FORMAT)) {
            return;
        }
        if (version.equals(SegmentJson.SEGMENT_FORMAT) || version.equals(SegmentJson.CATALOG_FORMAT)) {
            throw error(
                    v,
                    "expected a \"" + TierJson.FORMAT + "\" document but this is a \"" + version
                            + "\" document (read it with "
                            + (version.equals(SegmentJson.SEGMENT_FORMAT)
                                    ? "SegmentJson.fromJson"
                                    : "SegmentJson.catalogFromJson")
                            + ")");
        }
        throw error(
                v,
                "unsupported format version \"" + version + "\"; this version of crmkit reads \"" + TierJson.FORMAT
                        + "\"");
    }

    private static void qualification(Node n, TierProgram.Builder b) {
        expect(n, Node.Kind.OBJECT);
        allowOnly(n, "a qualification", List.of("calendar", "lastDays", "review"));
        Node calendar = n.get("calendar");
        Node days = n.get("lastDays");
        Node review = n.get("review");
        if (calendar != null) {
            if (days != null || review != null) {
                throw error(
                        n,
                        "a qualification is either {\"calendar\": period} or {\"lastDays\": n, \"review\": period},"
                                + " not both");
            }
            b.calendar(enumValue(calendar, TierProgram.Period.class, "period"));
            return;
        }
        if (days == null && review == null) {
            throw error(
                    n,
                    "a qualification needs \"calendar\" (spend in the calendar period so far), or \"lastDays\" and"
                            + " \"review\" (spend in the last days, reviewed every calendar period)");
        }
        long d = integer(required(n, "lastDays"), Long.MIN_VALUE, Long.MAX_VALUE);
        if (d < 1 || d > Window.MAX_DAYS) {
            throw error(days, "must be 1.." + Window.MAX_DAYS + ", was " + d);
        }
        b.rolling((int) d, enumValue(required(n, "review"), TierProgram.Period.class, "period"));
    }

    private static Tier tier(Node n, Currency currency) {
        expect(n, Node.Kind.OBJECT);
        allowOnly(n, "a tier", TIER);
        Node nameNode = required(n, "name");
        String name = string(nameNode);
        Tier t = attempt(nameNode, () -> Tier.named(name));
        Node v;
        if ((v = n.get("minSpend")) != null) {
            Money m = money(v, currency);
            Tier u = t;
            t = attempt(v, () -> u.minSpend(m));
        }
        if ((v = n.get("minOrders")) != null) {
            int orders = (int) integer(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            Tier u = t;
            t = attempt(v, () -> u.minOrders(orders));
        }
        if ((v = n.get("benefits")) != null) {
            expect(v, Node.Kind.OBJECT);
            for (Node.Field f : v.fields().values()) {
                Benefit value = benefit(f.value());
                Tier u = t;
                t = attemptAt(Node.child(v.path(), f.name()), f.line(), f.column(), () -> u.benefit(f.name(), value));
            }
        }
        return t;
    }

    private static Benefit benefit(Node n) {
        expect(n, Node.Kind.OBJECT, " such as {\"flag\": true}, {\"decimal\": \"1.5\"} or {\"text\": \"mug\"}");
        allowOnly(n, "a benefit", List.of("text", "decimal", "flag"));
        if (n.fields().size() != 1) {
            throw error(
                    n,
                    "a benefit has exactly one of \"text\", \"decimal\" or \"flag\", has "
                            + (n.fields().isEmpty()
                                    ? "none"
                                    : String.join(", ", n.fields().keySet())));
        }
        Node.Field f = n.fields().values().iterator().next();
        Node v = f.value();
        switch (f.name()) {
            case "text": {
                String t = string(v);
                return attempt(v, () -> Benefit.text(t));
            }
            case "decimal": {
                if (v.kind() == Node.Kind.INTEGER || v.kind() == Node.Kind.FRACTION) {
                    throw error(v, "expected a decimal as a string such as \"1.5\", found a number");
                }
                String t = string(v);
                if (!DECIMAL.matcher(t).matches()) {
                    throw error(v, "\"" + t + "\" is not a plain decimal such as \"1.5\"");
                }
                return attempt(v, () -> Benefit.decimal(new BigDecimal(t)));
            }
            default: {
                expect(v, Node.Kind.BOOLEAN);
                return Benefit.flag(v.text().equals("true"));
            }
        }
    }

    // ---- values -------------------------------------------------------------------------------

    private static Money money(Node n, Currency currency) {
        String example = Money.of(100_000, currency).toBigDecimal().toPlainString();
        if (n.kind() == Node.Kind.INTEGER || n.kind() == Node.Kind.FRACTION) {
            throw error(n, "expected an amount as a decimal string such as \"" + example + "\", found a number");
        }
        String t = string(n);
        if (!MONEY.matcher(t).matches()) {
            throw error(n, "\"" + t + "\" is not an amount (a plain decimal such as \"" + example + "\")");
        }
        int digits = Money.zero(currency).toBigDecimal().scale();
        int dot = t.indexOf('.');
        int decimals = dot < 0 ? 0 : t.length() - dot - 1;
        if (decimals > digits) {
            throw error(
                    n,
                    "\"" + t + "\" has " + decimals + " decimals; " + currency.getCurrencyCode() + " allows " + digits);
        }
        return attempt(n, () -> Money.of(new BigDecimal(t), currency));
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
        throw error(n, "\"" + code + "\" is not an ISO 4217 currency code such as \"TWD\"");
    }

    private static void allowOnly(Node n, String what, List<String> allowed) {
        for (Node.Field f : n.fields().values()) {
            if (!allowed.contains(f.name())) {
                throw new TierJsonException(
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
            throw error(n, "missing required field \"" + name + "\"");
        }
        return v;
    }

    private static void expect(Node n, Node.Kind kind) {
        expect(n, kind, "");
    }

    private static void expect(Node n, Node.Kind kind, String what) {
        if (n.kind() != kind) {
            throw error(
                    n,
                    "expected " + kind.description() + what + ", found "
                            + n.kind().description());
        }
    }

    private static String string(Node n) {
        expect(n, Node.Kind.STRING);
        return n.text();
    }

    private static long integer(Node n, long min, long max) {
        expect(n, Node.Kind.INTEGER);
        BigInteger v = new BigInteger(n.text());
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(n, n.text() + " is out of range " + min + ".." + max);
        }
        return v.longValue();
    }

    private static <E extends Enum<E>> E enumValue(Node n, Class<E> type, String what) {
        String allowed =
                Arrays.stream(type.getEnumConstants()).map(TierJsonWriter::code).collect(Collectors.joining(", "));
        expect(n, Node.Kind.STRING, " (one of: " + allowed + ")");
        String t = n.text();
        for (E e : type.getEnumConstants()) {
            if (TierJsonWriter.code(e).equals(t)) {
                return e;
            }
        }
        throw error(n, "unknown " + what + " \"" + t + "\"; allowed: " + allowed);
    }

    private static TierJsonException error(Node n, String reason) {
        return new TierJsonException(n.path(), n.line(), n.column(), reason, null);
    }

    /** Runs a constructor, turning its {@link InvalidValueException} into an error at the node. */
    private static <T> T attempt(Node n, Supplier<T> make) {
        return attemptAt(n.path(), n.line(), n.column(), make);
    }

    private static <T> T attemptAt(String path, int line, int column, Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidValueException e) {
            throw new TierJsonException(path, line, column, reason(e), e);
        }
    }

    /** The message of an {@link InvalidValueException} without its "field: " prefix. */
    private static String reason(InvalidValueException e) {
        String m = String.valueOf(e.getMessage());
        String prefix = e.field() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /**
     * @param root the document
     * @param field a path relative to the root, e.g. {@code tiers[2].minSpend}
     * @return the deepest node on that path that the document has
     */
    static Node find(Node root, String field) {
        Node at = root;
        Matcher m = STEP.matcher(field);
        int pos = 0;
        List<String> steps = new ArrayList<>();
        while (pos < field.length() && m.find(pos) && m.start() == pos) {
            steps.add(m.group(1) != null ? m.group(1) : "#" + m.group(2));
            pos = m.end();
        }
        for (String s : steps) {
            Node next;
            if (s.startsWith("#")) {
                int i = Integer.parseInt(s.substring(1));
                next = at.kind() == Node.Kind.ARRAY && i < at.items().size()
                        ? at.items().get(i)
                        : null;
            } else {
                next = at.get(s);
            }
            if (next == null) {
                return at;
            }
            at = next;
        }
        return at;
    }
}
