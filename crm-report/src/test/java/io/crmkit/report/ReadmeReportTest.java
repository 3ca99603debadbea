package io.crmkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README.md's "The report" block, compiled and run; the README copy must stay identical. */
class ReadmeReportTest {
    @TempDir
    Path tmp;

    @Test
    void theReadmeCodeRuns() throws IOException {
        Crm crm = Shops.small();
        Path out = tmp.resolve("out");
        // readme:report:start
        ShopReport report = ShopReport.analyse(
                crm,
                ReportOptions.custom()
                        .locale(Locale.ENGLISH) // default zh-TW
                        .progress(step -> System.err.println(step + "..."))
                        .build()); // as of the day after the last order; a Snapshot read once
        report.kpis().buyers();
        report.table("rfm_grid").orElseThrow().toCsv(); // every chart's numbers, as data
        report.write(out); // out/report.html, out/tables/*.csv|json, out/segments/*.json
        // readme:report:end
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        assertThat(out.resolve("tables/rfm_grid.csv")).isNotEmptyFile();
        assertThat(report.kpis().buyers()).isPositive();
        assertReadmeShows("report");
    }

    static void assertReadmeShows(String block) throws IOException {
        String test = Files.readString(
                Path.of("src/test/java/" + ReadmeReportTest.class.getName().replace('.', '/') + ".java"),
                StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        int marker = readme.indexOf("<!-- readme:" + block);
        assertThat(marker)
                .as("README.md has a <!-- readme:%s --> marker", block)
                .isNotNegative();
        assertThat(normalise(between(readme.substring(marker), "```java", "```")))
                .isEqualTo(normalise(between(test, "// readme:" + block + ":start", "// readme:" + block + ":end")));
    }

    private static String between(String text, String start, String end) {
        int a = text.indexOf(start);
        int b = text.indexOf(end, a + start.length());
        assertThat(a).as("marker %s", start).isNotNegative();
        assertThat(b).as("marker %s", end).isGreaterThan(a);
        return text.substring(a + start.length(), b);
    }

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
