package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Money;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@code rfm/1} and {@code lifecycle/1}: round trips (jqwik), the examples of {@code
 * docs/classifier-json.md} as golden texts, and errors that name the path.
 */
class ClassifierJsonTest {
    static final Path DOC = Path.of("..", "docs", "classifier-json.md");
    static final Currency TWD = Currency.getInstance("TWD");
    private static final Pattern EXAMPLE =
            Pattern.compile("<!-- example: ([a-z0-9-]+) -->\\s*```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ERROR = Pattern.compile(
            "<!-- error: ([a-z0-9-]+) -->\\s*```json\\n(.*?)```\\s*```text\\n(.*?)\\n```", Pattern.DOTALL);

    static Map<String, Object> expected() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rfm-default", RfmModel.ofDefaults());
        m.put(
                "rfm-fixed",
                RfmModel.builder()
                        .window(Window.lastDays(365))
                        .frequency(RfmModel.Frequency.PURCHASE_DAYS)
                        .fixed(
                                new long[] {30, 90, 180, 365},
                                new long[] {2, 3, 5, 10},
                                List.of(
                                        Money.of(1_000, TWD),
                                        Money.of(3_000, TWD),
                                        Money.of(10_000, TWD),
                                        Money.of(30_000, TWD)))
                        .segments(List.of(
                                RfmSegmentRule.named("VIP").r(4, 5).fm(4.5, 5),
                                RfmSegmentRule.named("Sleeping VIP").r(1, 2).m(5, 5),
                                RfmSegmentRule.named("Everyone else")))
                        .build());
        m.put("lifecycle-napl", LifecycleModel.napl().window(Period.ofMonths(6)).build());
        m.put(
                "lifecycle-orderly",
                LifecycleModel.orderly()
                        .lapseFactor(2.5)
                        .invalidContact(Where.not(Where.reachableBy(io.crmkit.core.ContactChannel.EMAIL)))
                        .build());
        return m;
    }

    static String doc() throws IOException {
        return Files.readString(DOC, StandardCharsets.UTF_8);
    }

    static Object read(String json) {
        return json.contains("\"rfm/1\"") ? ClassifierJson.rfmFromJson(json) : ClassifierJson.lifecycleFromJson(json);
    }

    static String write(Object model) {
        return model instanceof RfmModel r ? ClassifierJson.toJson(r) : ClassifierJson.toJson((LifecycleModel) model);
    }

    @Test
    void everyExampleReadsAsExpectedAndWritesBackToTheSameText() throws IOException {
        Map<String, Object> want = expected();
        Matcher m = EXAMPLE.matcher(doc());
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1);
            String json = m.group(2);
            assertThat(want).as("example %s has an expected value", name).containsKey(name);
            assertThat(read(json)).as(name).isEqualTo(want.get(name));
            assertThat(write(want.get(name))).as(name).isEqualTo(json);
            seen.add(name);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(want.keySet());
    }

    @Test
    void everyErrorExampleFailsWithItsMessage() throws IOException {
        Matcher m = ERROR.matcher(doc());
        int n = 0;
        while (m.find()) {
            String json = m.group(2);
            String message = m.group(3);
            assertThatThrownBy(() -> read(json))
                    .as(m.group(1))
                    .isInstanceOf(SegmentJsonException.class)
                    .hasMessage(message);
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(4);
    }

    @Provide
    Arbitrary<RfmModel> rfmModels() {
        Arbitrary<Window> windows = Arbitraries.oneOf(
                Arbitraries.just(Window.allTime()),
                Arbitraries.integers().between(1, Window.MAX_DAYS).map(Window::lastDays),
                Arbitraries.integers()
                        .between(0, 3000)
                        .map(d -> Window.between(
                                LocalDate.of(2020, 1, 1).plusDays(d),
                                LocalDate.of(2020, 1, 1).plusDays(d + 30))));
        Arbitrary<List<RfmSegmentRule>> rules = Combinators.combine(
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                        Arbitraries.integers().between(1, 5),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(2, 10))
                .as((name, lo, span, fm2) ->
                        RfmSegmentRule.named(name).r(lo, Math.min(5, lo + span)).fm(1, fm2 / 2.0))
                .list()
                .ofMaxSize(4)
                .uniqueElements(RfmSegmentRule::name);
        return Combinators.combine(
                        windows,
                        Arbitraries.of(RfmModel.Frequency.values()),
                        Arbitraries.of(RfmModel.Monetary.values()),
                        Arbitraries.of(RfmModel.Strategy.values()),
                        rules,
                        Arbitraries.longs().between(1, 1_000))
                .as((w, f, m, s, r, base) -> {
                    RfmModel.Builder b = RfmModel.builder()
                            .window(w)
                            .frequency(f)
                            .monetary(m)
                            .segments(r);
                    if (s == RfmModel.Strategy.FIXED) {
                        b.fixed(
                                new long[] {base, base * 2, base * 3, base * 4},
                                new long[] {2, 3, 4, 5 + base},
                                List.of(
                                        Money.ofMinor(base, TWD),
                                        Money.ofMinor(base * 10, TWD),
                                        Money.ofMinor(base * 100, TWD),
                                        Money.ofMinor(base * 1000 + 7, TWD)));
                    } else {
                        b.strategy(s);
                    }
                    return b.build();
                });
    }

    @Provide
    Arbitrary<LifecycleModel> lifecycleModels() {
        return Combinators.combine(
                        Arbitraries.of(LifecycleModel.Kind.values()),
                        Arbitraries.integers().between(1, 400),
                        Arbitraries.integers().between(1, 24),
                        Arbitraries.of(0.5, 1.0, 2.5, 3.0, 10.0),
                        Arbitraries.integers().between(1, 400),
                        ConditionArbitraries.conditions(3))
                .as((k, days, months, factor, cycle, contact) -> LifecycleModel.from(
                                switch (k) {
                                    case ORDERLY -> LifecycleModel.orderly().build();
                                    case NAPL -> LifecycleModel.napl().build();
                                    default -> LifecycleModel.nasld().build();
                                })
                        .window(Period.ofDays(days))
                        .deepSleep(Period.ofMonths(months).plusDays(days + 31))
                        .lapseFactor(factor)
                        .defaultCycleDays(cycle)
                        .invalidContact(contact)
                        .build());
    }

    @Property(tries = 200)
    void rfmModelsRoundTrip(@ForAll("rfmModels") RfmModel model) {
        String json = ClassifierJson.toJson(model);
        assertThat(ClassifierJson.rfmFromJson(json)).isEqualTo(model);
    }

    @Property(tries = 200)
    void lifecycleModelsRoundTrip(@ForAll("lifecycleModels") LifecycleModel model) {
        String json = ClassifierJson.toJson(model);
        assertThat(ClassifierJson.lifecycleFromJson(json)).isEqualTo(model);
    }
}
