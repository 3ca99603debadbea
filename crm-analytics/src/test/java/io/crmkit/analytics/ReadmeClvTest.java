package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** README.md's "Customer lifetime value" example, compiled and run; the README copy must stay identical. */
class ReadmeClvTest {
    @Test
    void theReadmeCodeRuns() {
        Path file = Cdnow.resource("cdnow_sample.csv");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            run(file);
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().count()).isEqualTo(2357);
        assertThat(text).startsWith("0001 alive 0.73, next year 1.56 purchases, CLV $36.19\n");
    }

    private static void run(Path file) {

        // readme:clv-1:start
        TransactionSummarizer summarizer = TransactionSummarizer.of(SummaryOptions.custom(LocalDate.parse("1997-09-30"))
                .unit(PeriodUnit.WEEKS)
                .build());
        TransactionFile.csv("sample_id", "date").amountColumn("dollars").readInto(file, summarizer);
        CustomerSummary summary = summarizer.summarize(); // frequency, recency, T, mean repeat spend

        BgNbd purchases = BgNbd.fit(summary).model(); // r 0.243, α 4.414, a 0.793, b 2.426
        GammaGamma spend = GammaGamma.fit(summary).model(); // p 6.25, q 3.74, v 15.44
        Clv clv = new Clv(purchases, spend, 12, 52 / 12.0, 0.01); // a year in monthly steps, 1% a month
        for (int i = 0; i < summary.size(); i++) {
            double x = summary.frequency(i), tx = summary.recency(i), t = summary.t(i);
            double m = summary.monetaryValue(i).orElseThrow();
            System.out.printf(
                    Locale.ROOT,
                    "%s alive %.2f, next year %.2f purchases, CLV $%.2f%n",
                    summary.id(i),
                    purchases.probabilityAlive(x, tx, t),
                    purchases.conditionalExpectedPurchases(52, x, tx, t),
                    clv.value(x, tx, t, m));
        }
        // prints: 0001 alive 0.73, next year 1.56 purchases, CLV $36.19 ...
        // readme:clv-1:end

        assertThat(purchases.r()).isCloseTo(0.243, within(0.01));
        assertThat(spend.p()).isCloseTo(6.25, within(0.01));
    }

    @Test
    void readmeShowsExactlyThisCode() throws IOException {
        String test = Files.readString(
                Path.of("src/test/java/io/crmkit/analytics/ReadmeClvTest.java"), StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        int marker = readme.indexOf("<!-- readme:clv-1");
        assertThat(marker).as("README.md has a <!-- readme:clv-1 --> marker").isGreaterThanOrEqualTo(0);
        assertThat(normalise(between(readme.substring(marker), "```java", "```")))
                .isEqualTo(normalise(between(test, "// readme:clv-1:start", "// readme:clv-1:end")));
    }

    private static String between(String text, String start, String end) {
        int a = text.indexOf(start);
        int b = text.indexOf(end, a + start.length());
        assertThat(a).as("marker %s", start).isGreaterThanOrEqualTo(0);
        assertThat(b).as("marker %s", end).isGreaterThan(a);
        return text.substring(a + start.length(), b);
    }

    /** Compares code line by line, ignoring indentation and blank lines. */
    private static String normalise(String code) {
        StringBuilder b = new StringBuilder();
        for (String line : code.split("\n")) {
            if (!line.isBlank()) {
                b.append(line.strip()).append('\n');
            }
        }
        return b.toString();
    }
}
