package io.crmkit.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The examples of {@code docs/journey-json.md} cannot drift: each is read and compared with the
 * value built in Java ({@link Flows}), and written back to exactly the same text; the golden
 * examples are exactly the files in {@code src/test/resources/journeys}; every error example fails
 * with exactly the message shown.
 */
class JourneyJsonDocTest {
    static final Path DOC = Path.of("..", "docs", "journey-json.md");

    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- example: ([a-z0-9-]+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ERROR = Pattern.compile(
            "<!-- error: ([a-z0-9-]+) -->\\s*```json\\n(.*?)```\\s*```text\\n(.*?)\\n```", Pattern.DOTALL);

    static Map<String, Object> expected() {
        Map<String, Object> m = new LinkedHashMap<>(Flows.golden());
        m.put("every-kind", Flows.everyKind());
        m.put("guards", Flows.guards());
        return m;
    }

    static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    static Map<String, String> examples(String doc) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(doc);
        while (m.find()) {
            assertThat(found.put(m.group(1), m.group(2)))
                    .as("example %s appears once", m.group(1))
                    .isNull();
        }
        return found;
    }

    @Test
    void everyExampleIsCheckedAndEveryFlowIsInTheDocument() throws IOException {
        assertThat(examples(doc()).keySet())
                .containsExactlyInAnyOrderElementsOf(expected().keySet());
    }

    @Test
    void theExamplesShowEveryEntryStepTriggerAndReentryType() throws IOException {
        Set<String> types = new TreeSet<>();
        for (String json : examples(doc()).values()) {
            Matcher m = Pattern.compile("\"type\": \"([a-zA-Z_]+)\"").matcher(json);
            while (m.find()) {
                types.add(m.group(1));
            }
        }
        assertThat(types)
                .contains(
                        // entries
                        "event",
                        "segment",
                        "birthday",
                        "joinAnniversary",
                        "daysAfterLastPurchase",
                        "repurchaseDue",
                        "broadcast",
                        // steps
                        "wait",
                        "waitUntil",
                        "waitForEvent",
                        "branch",
                        "split",
                        "send",
                        "issueCoupon",
                        "tag",
                        "untag",
                        "awardPoints",
                        "custom",
                        "exit",
                        // triggers
                        "member_registered",
                        "order_placed",
                        "first_order",
                        "order_delivered",
                        "interaction",
                        // re-entry
                        "once",
                        "once_per",
                        "always");
    }

    @TestFactory
    Stream<DynamicTest> examplesReadAsDocumentedAndWriteBackToTheSameText() throws IOException {
        Map<String, Object> expected = expected();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> e : examples(doc()).entrySet()) {
            String name = e.getKey();
            String json = e.getValue();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Object want = expected.get(name);
                if (want instanceof Journey j) {
                    assertThat(JourneyJson.fromJson(json)).isEqualTo(j);
                    assertThat(JourneyJson.toJson(j)).isEqualTo(json);
                    assertThat(JourneyJsonGoldenTest.resource(name))
                            .as("docs/journey-json.md shows the golden file journeys/%s.json", name)
                            .isEqualTo(json);
                } else if (want instanceof Guards g) {
                    assertThat(JourneyJson.guardsFromJson(json)).isEqualTo(g);
                    assertThat(JourneyJson.toJson(g)).isEqualTo(json);
                } else {
                    @SuppressWarnings("unchecked")
                    List<Journey> list = (List<Journey>) want;
                    assertThat(JourneyJson.journeysFromJson(json)).isEqualTo(list);
                    assertThat(JourneyJson.toJson(list)).isEqualTo(json);
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> errorExamplesFailWithTheDocumentedMessage() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Matcher m = ERROR.matcher(doc());
        while (m.find()) {
            String json = m.group(2);
            String message = m.group(3);
            tests.add(DynamicTest.dynamicTest(
                    m.group(1),
                    () -> assertThatThrownBy(() -> read(json))
                            .isInstanceOf(JourneyJsonException.class)
                            .hasMessage(message)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(12);
        return tests.stream();
    }

    private static Object read(String json) {
        if (json.contains("\"crmkit\": \"journeys/1\"")) {
            return JourneyJson.journeysFromJson(json);
        }
        if (json.contains("\"crmkit\": \"guards/1\"")) {
            return JourneyJson.guardsFromJson(json);
        }
        return JourneyJson.fromJson(json);
    }
}
