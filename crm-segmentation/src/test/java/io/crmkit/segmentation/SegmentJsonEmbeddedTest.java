package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.crmkit.core.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link SegmentJson#conditionFromJson(String, String, int, int)}: a condition embedded in a host's
 * document reads as the condition, and fails with the path, line and column of the enclosing
 * document — exactly what reading the enclosing document as a whole reports. The oracle is a
 * {@code segment/1} document, whose condition stands at {@code $.condition}.
 */
class SegmentJsonEmbeddedTest {

    /** A segment document, and where its condition's text stands in it. */
    record Embedded(String document, int start, int end, int line, int column) {
        static Embedded of(String document) {
            int start = document.indexOf("\"condition\": ") + "\"condition\": ".length();
            int end = document.lastIndexOf('}', document.lastIndexOf('}') - 1) + 1;
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < start; i++) {
                if (document.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new Embedded(document, start, end, line, start - lineStart + 1);
        }

        String fragment() {
            return document.substring(start, end);
        }

        Condition read() {
            return SegmentJson.conditionFromJson(fragment(), "$.condition", line, column);
        }
    }

    private static String segmentWith(String condition) {
        return "{\n  \"crmkit\": \"segment/1\",\n  \"id\": \"s\",\n  \"name\": \"S\",\n  \"condition\": " + condition
                + "\n}\n";
    }

    @Property(tries = 500)
    void anEmbeddedConditionReadsAsItself(@ForAll("conditions") Condition c) {
        Embedded e = Embedded.of(SegmentJson.toJson(new Segment(SegmentId.of("s"), "S", "", c)));
        assertThat(e.read()).isEqualTo(c);
    }

    /**
     * Replacing any scalar of an embedded condition by another value keeps the structure, so the
     * whole-document reader and the embedded reader see the same condition: both succeed with the
     * same value or fail with the same path, line, column and reason.
     */
    @Property(tries = 1000)
    void errorsInsideAnEmbeddedConditionAreThoseOfTheWholeDocument(
            @ForAll("conditions") Condition c, @ForAll("replacements") String replacement, @ForAll long seed) {
        String doc = SegmentJson.toJson(new Segment(SegmentId.of("s"), "S", "", c));
        Embedded e = Embedded.of(doc);
        List<int[]> scalars = new ArrayList<>();
        Matcher m = SCALAR.matcher(doc);
        while (m.find()) {
            if (m.start(1) >= e.start() && m.end(1) <= e.end()) {
                scalars.add(new int[] {m.start(1), m.end(1)});
            }
        }
        int[] at = scalars.get((int) Math.floorMod(seed, (long) scalars.size()));
        String edited = doc.substring(0, at[0]) + replacement + doc.substring(at[1]);
        Embedded ed =
                new Embedded(edited, e.start(), e.end() + replacement.length() - (at[1] - at[0]), e.line(), e.column());
        Object whole;
        Object embedded;
        try {
            whole = SegmentJson.fromJson(edited).condition();
        } catch (SegmentJsonException x) {
            whole = x.getMessage();
        }
        try {
            embedded = ed.read();
        } catch (SegmentJsonException x) {
            embedded = x.getMessage();
        }
        assertThat(embedded).isEqualTo(whole);
    }

    /** A scalar value after a colon or in an array: a string, a number, a boolean. */
    private static final Pattern SCALAR = Pattern.compile(
            "(?<=: |^ *)(\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9][0-9.eE+-]*|true|false)(?=,?$)", Pattern.MULTILINE);

    @Provide
    Arbitrary<Condition> conditions() {
        return ConditionArbitraries.conditions(4);
    }

    @Provide
    Arbitrary<String> replacements() {
        return Arbitraries.of("7", "-1", "\"x\"", "true", "null", "[]", "{}", "\"net_spend\"", "1.5", "\"\"");
    }

    @Test
    void aWrongTypeDeepInsideNamesTheEnclosingDocumentsPathAndPosition() {
        String doc = segmentWith("{\n    \"type\": \"and\",\n    \"of\": [\n      {\"type\": \"tagged\", \"tag\": 7},\n"
                + "      {\"type\": \"all\"}\n    ]\n  }");
        Embedded e = Embedded.of(doc);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.column()).isEqualTo(16);
        SegmentJsonException x = catchThrowableOfType(SegmentJsonException.class, e::read);
        assertThat(x.getMessage())
                .isEqualTo("$.condition.of[0].tag (line 8, column 33): expected a string, found an integer");
        assertThat(catchThrowableOfType(SegmentJsonException.class, () -> SegmentJson.fromJson(doc))
                        .getMessage())
                .isEqualTo(x.getMessage());
    }

    @Test
    void anErrorOnTheConditionsFirstLineIsShiftedByItsColumn() {
        String doc = segmentWith("{\"type\": \"tagged\", \"tagg\": \"vip\"}");
        SegmentJsonException x = catchThrowableOfType(SegmentJsonException.class, Embedded.of(doc)::read);
        assertThat(x.path()).isEqualTo("$.condition.tagg");
        assertThat(x.line()).hasValue(5);
        assertThat(x.column()).hasValue(35);
        assertThat(x.getMessage())
                .isEqualTo(catchThrowableOfType(SegmentJsonException.class, () -> SegmentJson.fromJson(doc))
                        .getMessage());
    }

    @Test
    void malformedTextAndDuplicateFieldsInsideAreReportedInTheEnclosingDocument() {
        SegmentJsonException dup = catchThrowableOfType(
                SegmentJsonException.class,
                () -> SegmentJson.conditionFromJson(
                        "{\"type\": \"all\",\n \"type\": \"none\"}", "$.journeys[2].filter", 40, 17));
        assertThat(dup.getMessage())
                .isEqualTo("$.journeys[2].filter.type (line 41, column 2): duplicate field \"type\"");

        SegmentJsonException bad = catchThrowableOfType(
                SegmentJsonException.class,
                () -> SegmentJson.conditionFromJson("{\"type\": \"all\",}", "$.filter", 3, 13));
        assertThat(bad.path()).isEqualTo("$.filter");
        assertThat(bad.line()).hasValue(3);
        assertThat(bad.column()).hasValue(28);
        assertThat(bad.reason()).startsWith("malformed JSON: ");

        SegmentJsonException notObject = catchThrowableOfType(
                SegmentJsonException.class,
                () -> SegmentJson.conditionFromJson("\"vip\"", "$.steps[1].condition", 9, 20));
        assertThat(notObject.getMessage()).startsWith("$.steps[1].condition (line 9, column 20): ");
    }

    @Test
    void theJavadocExampleSaysWhatHappens() {
        assertThatThrownBy(() -> SegmentJson.conditionFromJson(
                        "{\"type\": \"tagged\", \"tag\": 7}", "$.steps[3].condition", 12, 20))
                .isInstanceOf(SegmentJsonException.class)
                .hasMessage("$.steps[3].condition.tag (line 12, column 46): expected a string, found an integer");
    }

    @Test
    void theOriginIsChecked() {
        assertThatThrownBy(() -> SegmentJson.conditionFromJson("{\"type\": \"all\"}", "steps[1]", 1, 1))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("starting with $");
        assertThatThrownBy(() -> SegmentJson.conditionFromJson("{\"type\": \"all\"}", "$", 0, 1))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("must be 1 or more");
        assertThat(SegmentJson.conditionFromJson("{\"type\": \"all\"}", "$", 1, 1))
                .isEqualTo(new Condition.All());
    }
}
