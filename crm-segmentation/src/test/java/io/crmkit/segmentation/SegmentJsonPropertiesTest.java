package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.MemberView;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link SegmentJson}: what is written reads back equal and writes back to the same
 * text; whatever a random edit does to a valid document, reading it either succeeds or fails with a
 * {@link SegmentJsonException}, never with anything else.
 */
class SegmentJsonPropertiesTest {

    // ---- round trips --------------------------------------------------------------------------

    @Property(tries = 2000)
    void conditionsRoundTrip(@ForAll("conditions") Condition c) {
        String json = SegmentJson.toJson(c);
        Condition back = SegmentJson.conditionFromJson(json);
        assertThat(back).isEqualTo(c);
        assertThat(SegmentJson.toJson(back)).isEqualTo(json);
    }

    @Property(tries = 500)
    void segmentsRoundTrip(@ForAll("segments") Segment s) {
        String json = SegmentJson.toJson(s);
        Segment back = SegmentJson.fromJson(json);
        assertThat(back).isEqualTo(s);
        assertThat(SegmentJson.toJson(back)).isEqualTo(json);
    }

    @Property(tries = 300)
    void catalogsRoundTrip(@ForAll("catalogs") List<Segment> segments) {
        SegmentCatalog.Builder b = SegmentCatalog.builder().predicate(ANY);
        segments.forEach(b::segment);
        SegmentCatalog catalog = b.build();
        String json = SegmentJson.toJson(catalog);
        SegmentCatalog back = SegmentJson.catalogFromJson(json, ANY);
        assertThat(new ArrayList<>(back.segments())).isEqualTo(segments);
        assertThat(SegmentJson.toJson(back)).isEqualTo(json);
    }

    @Test
    void theGeneratorsReachEveryNodeTypeAndEveryKindOfValue() {
        Set<Class<?>> types = new HashSet<>();
        Set<AttributeKey.Type> attributeTypes = EnumSet.noneOf(AttributeKey.Type.class);
        Set<Condition.AttributeTest> tests = EnumSet.noneOf(Condition.AttributeTest.class);
        Set<Measure> measures = EnumSet.noneOf(Measure.class);
        Set<String> windows = new HashSet<>();
        Set<String> bounds = new HashSet<>();
        Set<Integer> fractionDigits = new HashSet<>();
        ConditionArbitraries.conditions().sampleStream().limit(3000).forEach(root -> {
            Deque<Condition> pending = new ArrayDeque<>(List.of(root));
            while (!pending.isEmpty()) {
                Condition c = pending.pop();
                types.add(c.getClass());
                if (c instanceof Condition.And a) {
                    pending.addAll(a.parts());
                } else if (c instanceof Condition.Or o) {
                    pending.addAll(o.parts());
                } else if (c instanceof Condition.Not n) {
                    pending.add(n.condition());
                } else if (c instanceof Condition.Attribute a) {
                    attributeTypes.add(a.key().type());
                    tests.add(a.test());
                } else if (c instanceof Condition.Compare cmp) {
                    measures.add(cmp.measure());
                    windows.add(kind(cmp.window()));
                    bounds.add(shape(cmp.bound()));
                    cmp.currency().ifPresent(cur -> fractionDigits.add(cur.getDefaultFractionDigits()));
                } else if (c instanceof Condition.SpendOn s) {
                    fractionDigits.add(s.currency().getDefaultFractionDigits());
                }
            }
        });
        assertThat(types).hasSize(16);
        assertThat(attributeTypes).containsExactlyInAnyOrder(AttributeKey.Type.values());
        assertThat(tests).containsExactlyInAnyOrder(Condition.AttributeTest.values());
        assertThat(measures).containsExactlyInAnyOrder(Measure.values());
        assertThat(windows).containsExactlyInAnyOrder("all", "last", "between");
        assertThat(bounds).containsExactlyInAnyOrder("open", "atLeast", "atMost", "between");
        assertThat(fractionDigits).contains(-1, 0, 2, 3);
    }

    private static String kind(Window w) {
        return w.isAllTime() ? "all" : w.from() != null ? "between" : "last";
    }

    private static String shape(Bound b) {
        boolean lo = b.min() != Long.MIN_VALUE;
        boolean hi = b.max() != Long.MAX_VALUE;
        return lo && hi ? "between" : lo ? "atLeast" : hi ? "atMost" : "open";
    }

    // ---- mutations ----------------------------------------------------------------------------

    @Property(tries = 3000)
    void mutatedSegmentsFailOnlyWithSegmentJsonException(
            @ForAll("segments") Segment s, @ForAll Random random, @ForAll @IntRange(min = 1, max = 3) int edits) {
        String json = mutate(SegmentJson.toJson(s), random, edits);
        Segment read;
        try {
            read = SegmentJson.fromJson(json);
        } catch (SegmentJsonException expected) {
            assertThat(expected.getMessage()).startsWith(expected.path());
            Statistics.collect(outcome(expected));
            return;
        }
        Statistics.collect("accepted");
        // whatever is accepted is a valid segment, and writes and reads back equal
        assertThat(SegmentJson.fromJson(SegmentJson.toJson(read))).isEqualTo(read);
    }

    @Property(tries = 1500)
    void mutatedConditionsFailOnlyWithSegmentJsonException(
            @ForAll("conditions") Condition c, @ForAll Random random, @ForAll @IntRange(min = 1, max = 3) int edits) {
        String json = mutate(SegmentJson.toJson(c), random, edits);
        Condition read;
        try {
            read = SegmentJson.conditionFromJson(json);
        } catch (SegmentJsonException expected) {
            return;
        }
        assertThat(SegmentJson.conditionFromJson(SegmentJson.toJson(read))).isEqualTo(read);
    }

    @Property(tries = 1000)
    void mutatedCatalogsFailOnlyWithSegmentJsonException(
            @ForAll("catalogs") List<Segment> segments,
            @ForAll Random random,
            @ForAll @IntRange(min = 1, max = 3) int edits) {
        SegmentCatalog.Builder b = SegmentCatalog.builder().predicate(ANY);
        segments.forEach(b::segment);
        String json = mutate(SegmentJson.toJson(b.build()), random, edits);
        try {
            SegmentJson.catalogFromJson(json, ANY);
        } catch (SegmentJsonException expected) {
            // the only failure allowed
        }
    }

    /** The kind of failure, for the statistics report: the reason up to its first quote or number. */
    private static String outcome(SegmentJsonException e) {
        String r = e.reason();
        if (r.startsWith("malformed JSON")) {
            return "malformed JSON";
        }
        return r.replaceAll("[\"0-9].*", "").strip();
    }

    private static final String[] VALUES = {
        "null",
        "true",
        "false",
        "0",
        "-1",
        "1",
        "2",
        "36601",
        "2147483648",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "1.5",
        "1e3",
        "-0",
        "\"\"",
        "\" \"",
        "\"x\"",
        "\"X\"",
        "\"台北市\"",
        "\"美妝>保養\"",
        "\"美妝 > 保養\"",
        "\"2025-02-30\"",
        "\"2025-11-11\"",
        "\"+10000-01-01\"",
        "\"2025-11-11T04:00:00Z\"",
        "\"2025-11-11T04:00:00+08:00\"",
        "\"12.345\"",
        "\"-0.01\"",
        "\"1E+3\"",
        "\"1e99999999999\"",
        "\"99999999999999999999.99\"",
        "\"TWD\"",
        "\"twd\"",
        "\"XXX\"",
        "\"JPY\"",
        "\"KWD\"",
        "\"net_spend\"",
        "\"age\"",
        "\"order_count\"",
        "\"between\"",
        "\"in\"",
        "\"exists\"",
        "\"email\"",
        "\"boolean\"",
        "\"decimal\"",
        "\"date\"",
        "\"instant\"",
        "\"string\"",
        "\"integer\"",
        "\"and\"",
        "\"or\"",
        "\"not\"",
        "\"all\"",
        "\"compare\"",
        "\"orders\"",
        "\"spendOn\"",
        "\"interactions\"",
        "\"custom\"",
        "\"inSegment\"",
        "\"attribute\"",
        "\"profile\"",
        "\"lapsed-vip\"",
        "\"Bad Id\"",
        "\"segment/1\"",
        "\"catalog/1\"",
        "\"segment/2\"",
        "\"\\ud800\"",
        "\"a\\u0000b\"",
        "[]",
        "{}",
        "[1, 2]",
        "[\"a\", \"a\"]",
        "[2, 1]",
        "[true]",
        "{\"lastDays\": 0}",
        "{\"lastDays\": 7}",
        "{\"from\": \"2025-01-02\", \"to\": \"2025-01-01\"}",
        "{\"type\": \"all\"}",
        "[{\"type\": \"all\"}]",
        "[{\"type\": \"all\"}, {\"type\": \"none\"}]",
        "{\"sku\": \"A\"}",
        "{\"sku\": \"A\", \"product\": \"B\"}",
        "{\"interaction\": \"page_viewed\"}",
    };

    private static final String[] KEYS = {
        "type",
        "of",
        "condition",
        "measure",
        "window",
        "min",
        "max",
        "currency",
        "field",
        "anyOf",
        "key",
        "valueType",
        "test",
        "values",
        "filter",
        "item",
        "anyCoupon",
        "coupon",
        "paymentMethod",
        "shippingMethod",
        "pickupStore",
        "channel",
        "store",
        "interaction",
        "campaign",
        "minScore",
        "minDurationSeconds",
        "tag",
        "segment",
        "name",
        "params",
        "lastDays",
        "from",
        "to",
        "category",
        "product",
        "sku",
        "crmkit",
        "id",
        "description",
        "segments",
        "bogus",
        "\\ud800",
    };

    /** A scalar member value, or a scalar array item alone on its line. */
    private static final Pattern SCALAR = Pattern.compile(
            "(?<=: )(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*|true|false|null)"
                    + "|(?<=^ {2,32})(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*|true|false|null)(?=,?$)",
            Pattern.MULTILINE);

    private static final Pattern KEY = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"(?=: )");
    private static final String CHARS = "{}[]\",:0-1.eE\\ \na台\u0000";

    /** Applies some random edits: characters, values, fields, lines. */
    static String mutate(String json, Random random, int edits) {
        String s = json;
        for (int i = 0; i < edits; i++) {
            s = mutateOnce(s, random);
        }
        return s;
    }

    private static String mutateOnce(String s, Random random) {
        if (s.isEmpty()) {
            return "{";
        }
        switch (random.nextInt(12)) {
            case 0: { // delete a character
                int at = random.nextInt(s.length());
                return s.substring(0, at) + s.substring(at + 1);
            }
            case 1: { // insert a character
                int at = random.nextInt(s.length() + 1);
                return s.substring(0, at) + CHARS.charAt(random.nextInt(CHARS.length())) + s.substring(at);
            }
            case 2:
            case 3:
            case 9:
            case 10:
            case 11: { // change a value
                List<int[]> spans = spans(SCALAR.matcher(s));
                if (spans.isEmpty()) {
                    return s;
                }
                int[] span = spans.get(random.nextInt(spans.size()));
                return s.substring(0, span[0]) + VALUES[random.nextInt(VALUES.length)] + s.substring(span[1]);
            }
            case 4: { // rename a field
                List<int[]> spans = spans(KEY.matcher(s));
                if (spans.isEmpty()) {
                    return s;
                }
                int[] span = spans.get(random.nextInt(spans.size()));
                return s.substring(0, span[0]) + "\"" + KEYS[random.nextInt(KEYS.length)] + "\"" + s.substring(span[1]);
            }
            case 5: { // insert a field after an opening brace
                List<Integer> braces = new ArrayList<>();
                for (int k = 0; k < s.length(); k++) {
                    if (s.charAt(k) == '{') {
                        braces.add(k);
                    }
                }
                if (braces.isEmpty()) {
                    return s;
                }
                int at = braces.get(random.nextInt(braces.size())) + 1;
                String field =
                        "\"" + KEYS[random.nextInt(KEYS.length)] + "\": " + VALUES[random.nextInt(VALUES.length)];
                boolean empty = s.substring(at).stripLeading().startsWith("}");
                return s.substring(0, at) + field + (empty ? "" : ",") + s.substring(at);
            }
            case 6: { // delete a line
                List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
                lines.remove(random.nextInt(lines.size()));
                return String.join("\n", lines);
            }
            case 7: { // repeat a line
                List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
                int at = random.nextInt(lines.size());
                lines.add(at, lines.get(at));
                return String.join("\n", lines);
            }
            case 8: { // cut the document short
                return s.substring(0, random.nextInt(s.length()));
            }
            default:
                throw new IllegalStateException();
        }
    }

    private static List<int[]> spans(Matcher m) {
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }

    // ---- generators ---------------------------------------------------------------------------

    /** A custom predicate that accepts every parameter. */
    static final CustomPredicate ANY = new CustomPredicate() {
        @Override
        public String name() {
            return "crm.any";
        }

        @Override
        public boolean test(MemberView member, Map<String, String> params, Instant asOf) {
            return true;
        }
    };

    @Provide
    Arbitrary<Condition> conditions() {
        return ConditionArbitraries.conditions(3);
    }

    @Provide
    Arbitrary<Segment> segments() {
        return ConditionArbitraries.segments();
    }

    /**
     * Segments whose references all resolve: each may refer to segments before it, and to the
     * {@link #ANY} predicate.
     */
    @Provide
    Arbitrary<List<Segment>> catalogs() {
        Arbitrary<Condition> leaves = Arbitraries.oneOf(List.of(
                ConditionArbitraries.selfContainedLeaves(),
                ConditionArbitraries.text()
                        .filter(ConditionArbitraries::wellFormed)
                        .map(v -> (Condition) new Condition.Custom("crm.any", Map.of("k", v)))));
        Arbitrary<Segment> segment = Combinators.combine(
                        ConditionArbitraries.segmentIds(),
                        ConditionArbitraries.text().filter(t -> !t.isBlank()),
                        ConditionArbitraries.text(),
                        ConditionArbitraries.tree(leaves, 2))
                .as(Segment::new);
        return Combinators.combine(
                        segment.list().ofMaxSize(6).uniqueElements(Segment::id),
                        Arbitraries.integers().between(0, 1000).list().ofSize(6))
                .as((list, refs) -> {
                    List<Segment> out = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        Segment s = list.get(i);
                        int r = refs.get(i);
                        if (i > 0 && r % 3 != 0) {
                            SegmentId target = list.get(r % i).id();
                            Condition c = r % 2 == 0
                                    ? new Condition.And(List.of(s.condition(), new Condition.InSegment(target)))
                                    : new Condition.Not(new Condition.InSegment(target));
                            s = new Segment(s.id(), s.name(), s.description(), c);
                        }
                        out.add(s);
                    }
                    return out;
                });
    }
}
