package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Money;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The examples of {@code docs/tiers.md} are golden texts: each is read, compared with the programme
 * built here in Java, and written back to exactly the same text. Every error example fails with
 * exactly the message shown there.
 */
class TierJsonExamplesTest {
    static final Path DOC = Path.of("..", "docs", "tiers.md");
    static final Currency TWD = Currency.getInstance("TWD");

    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- example: ([a-z0-9-]+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ERROR = Pattern.compile(
            "<!-- error: ([a-z0-9-]+) -->\\s*```json\\n(.*?)```\\s*```text\\n(.*?)\\n```", Pattern.DOTALL);

    static Money twd(long major) {
        return Money.of(major, TWD);
    }

    /** What each example of the document must read as. */
    static Map<String, TierProgram> expected() {
        Map<String, TierProgram> m = new LinkedHashMap<>();
        m.put(
                "yearly",
                TierProgram.builder(TWD)
                        .calendar(TierProgram.Period.YEAR)
                        .grace(1)
                        .tier(Tier.named("member"))
                        .tier(Tier.named("silver")
                                .minSpend(twd(3_000))
                                .benefit("pointsMultiplier", new BigDecimal("1.2")))
                        .tier(Tier.named("gold")
                                .minSpend(twd(10_000))
                                .benefit("pointsMultiplier", new BigDecimal("1.5"))
                                .benefit("freeShipping", true)
                                .benefit("birthdayGift", "保溫杯"))
                        .build());
        m.put(
                "rolling",
                TierProgram.builder(TWD)
                        .rolling(365, TierProgram.Period.QUARTER)
                        .tier(Tier.named("白卡").minSpend(twd(1)))
                        .tier(Tier.named("金卡")
                                .minSpend(twd(10_000))
                                .minOrders(3)
                                .benefit("parking", "2 hours"))
                        .tier(Tier.named("黑卡")
                                .minSpend(twd(50_000))
                                .minOrders(6)
                                .benefit("parking", "all day")
                                .benefit("vipLine", true))
                        .build());
        m.put(
                "match-any",
                TierProgram.builder(TWD)
                        .calendar(TierProgram.Period.HALF_YEAR)
                        .match(TierProgram.Match.ANY)
                        .tier(Tier.named("member"))
                        .tier(Tier.named("vip").minSpend(twd(20_000)).minOrders(5))
                        .build());
        return m;
    }

    static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    static Map<String, String> examples(String doc) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(doc);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Test
    void everyExpectedProgrammeIsInTheDocument() throws IOException {
        assertThat(examples(doc()).keySet())
                .containsExactlyElementsOf(expected().keySet());
    }

    @TestFactory
    Stream<DynamicTest> examplesReadAsDocumentedAndWriteBackToTheSameText() throws IOException {
        Map<String, TierProgram> expected = expected();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> e : examples(doc()).entrySet()) {
            String json = e.getValue();
            TierProgram want = expected.get(e.getKey());
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                assertThat(TierJson.fromJson(json)).isEqualTo(want);
                assertThat(TierJson.fromJson(new StringReader(json))).isEqualTo(want);
                assertThat(TierJson.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                        .isEqualTo(want);
                assertThat(TierJson.toJson(want)).isEqualTo(json);
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
                    () -> assertThatThrownBy(() -> TierJson.fromJson(json))
                            .isInstanceOf(TierJsonException.class)
                            .hasMessage(message)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        return tests.stream();
    }

    /** Prints the error examples' messages, for writing the document. */
    public static void main(String[] args) throws IOException {
        Matcher m = ERROR.matcher(doc());
        while (m.find()) {
            try {
                TierJson.fromJson(m.group(2));
                System.out.println(m.group(1) + ": NO ERROR");
            } catch (RuntimeException e) {
                System.out.println(m.group(1) + " => " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
