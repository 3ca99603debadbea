package io.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    static Path shared;

    static Path shop;
    static Path demo;
    static Result demoRun;

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    static Map<String, JsonNode> summary(String json) throws Exception {
        Map<String, JsonNode> m = new HashMap<>();
        for (JsonNode row : new ObjectMapper().readTree(json)) {
            m.put(row.get("name").asText(), row.get("value"));
        }
        return m;
    }

    @BeforeAll
    static void generate() {
        shop = shared.resolve("shop");
        assertThat(run("generate", "--members", "1500", "--seed", "7", "--out", shop.toString())
                        .code())
                .isZero();
        demo = shared.resolve("demo");
        demoRun = run("demo", "--members", "1500", "--seed", "7", "--out", demo.toString(), "--format", "json");
    }

    @Test
    void demoWritesTheReportTablesAndSegments() throws Exception {
        assertThat(demoRun.code()).as(demoRun.err()).isZero();
        Map<String, JsonNode> s = summary(demoRun.out());
        assertThat(s.get("members").asLong()).isEqualTo(1500);
        assertThat(s.get("buyers").asLong()).isPositive().isLessThan(1500);
        assertThat(Path.of(s.get("report").asText()))
                .isEqualTo(demo.resolve("report.html").toAbsolutePath());
        String html = Files.readString(demo.resolve("report.html"));
        assertThat(html).contains("data-chart=\"rfm-grid\"", "會員經營報表");
        for (String t : List.of("kpis", "rfm_grid", "segments", "segment_overlap", "clv_top", "weekday_hour")) {
            assertThat(demo.resolve("tables/" + t + ".csv")).isNotEmptyFile();
            assertThat(demo.resolve("tables/" + t + ".json")).isNotEmptyFile();
        }
        assertThat(demo.resolve("segments/vip-at-risk.json")).isNotEmptyFile();
        // progress only on a terminal: the test has none
        assertThat(demoRun.err()).isEmpty();
    }

    @Test
    void demoOnAnExportGivesTheSameNumbersAsOnTheGeneratedShop() throws Exception {
        Path out = shared.resolve("from-file");
        Result r = run(
                "demo",
                "--orders",
                shop.resolve("orders.csv").toString(),
                "--customers",
                shop.resolve("members.csv").toString(),
                "--preset",
                "canonical",
                "--out",
                out.toString(),
                "--locale",
                "en",
                "--format",
                "json");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, JsonNode> a = summary(r.out());
        Map<String, JsonNode> b = summary(demoRun.out());
        for (String k : List.of("members", "buyers", "orders", "revenue", "segment_vip_at_risk", "as_of")) {
            assertThat(a.get(k)).as(k).isEqualTo(b.get(k));
        }
        assertThat(Files.readString(out.resolve("report.html"))).contains("New vs returning customers per month");
    }

    @Test
    void reportCommandOnAnExport() throws Exception {
        Path out = shared.resolve("report");
        Result r = run(
                "report",
                "--orders",
                shop.resolve("orders.csv").toString(),
                "--members",
                shop.resolve("members.csv").toString(),
                "--preset",
                "canonical",
                "--as-of",
                "2026-01-01",
                "--out",
                out.toString(),
                "--format",
                "csv");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("name,value\n").contains("\nmembers,1500\n");
        assertThat(out.resolve("report.html")).isNotEmptyFile();
    }

    @Test
    void segmentCountListAndExplainAgree() throws Exception {
        String def = demo.resolve("segments/win-back.json").toString();
        List<String> data = List.of(
                "--orders",
                shop.resolve("orders.csv").toString(),
                "--members",
                shop.resolve("members.csv").toString(),
                "--preset",
                "canonical",
                "--as-of",
                "2026-01-01");
        Result count = run(concat(List.of("segment", "count", "--definition", def, "--format", "json"), data));
        assertThat(count.code()).as(count.err()).isZero();
        JsonNode c = new ObjectMapper().readTree(count.out()).get(0);
        long n = c.get("members").asLong();
        assertThat(n)
                .isEqualTo(summary(demoRun.out()).get("segment_win_back").asLong())
                .isPositive();
        assertThat(c.get("of_members").asLong()).isEqualTo(1500);
        Result list = run(concat(List.of("segment", "list", "--definition", def, "--format", "csv"), data));
        assertThat(list.code()).isZero();
        assertThat(list.out().lines().skip(1).count()).isEqualTo(n);
        Result limited = run(concat(List.of("segment", "list", "-d", def, "--limit", "3"), data));
        assertThat(limited.out().lines().skip(1).count()).isEqualTo(Math.min(3, n));
        Result explain = run(concat(List.of("segment", "explain", "-d", def, "--format", "json"), data));
        assertThat(explain.code()).isZero();
        JsonNode root = new ObjectMapper().readTree(explain.out()).get(0);
        assertThat(root.get("kept").asLong()).isEqualTo(n);
        assertThat(root.get("of").asLong()).isEqualTo(1500);
    }

    @Test
    void usageErrorsExit2WithTheUsage() {
        for (String[] args : List.of(
                new String[] {"demo", "--locale", "fr"},
                new String[] {"demo", "--members", "0"},
                new String[] {"demo", "--members", "10", "--orders", "x.csv"},
                new String[] {"demo", "--preset", "canonical"},
                new String[] {"demo", "--format", "xml"},
                new String[] {"segment"},
                new String[] {"segment", "count"},
                new String[] {"report", "--orders", "x.csv"},
                new String[] {"nonsense"})) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).contains("Usage:");
        }
    }

    @Test
    void inputErrorsExit1NamingTheFileWithoutAStackTrace() throws Exception {
        Result missing = run(
                "demo",
                "--orders",
                shared.resolve("nope.csv").toString(),
                "--out",
                shared.resolve("x").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.csv").doesNotContain("\tat ").doesNotContain("Exception");
        Path bad = shared.resolve("bad.json");
        Files.writeString(bad, "{\"crmkit\": \"segment/1\",\n \"id\": 3}");
        Result r = run(
                "segment",
                "count",
                "-d",
                bad.toString(),
                "--orders",
                shop.resolve("orders.csv").toString(),
                "--preset",
                "canonical",
                "--as-of",
                "2026-01-01");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad.json", "line 2, column").doesNotContain("\tat ");
        Result debug = run(
                "segment",
                "count",
                "-d",
                bad.toString(),
                "--orders",
                shop.resolve("orders.csv").toString(),
                "--preset",
                "canonical",
                "--as-of",
                "2026-01-01",
                "--debug");
        assertThat(debug.code()).isEqualTo(1);
        assertThat(debug.err()).contains("\tat ");
    }

    @Test
    void everyCommandHasCompleteHelp() {
        Result top = run("--help");
        assertThat(top.code()).isZero();
        assertThat(top.out())
                .contains(
                        "demo",
                        "report",
                        "segment",
                        "generate",
                        "import",
                        "rfm",
                        "lifecycle",
                        "clv",
                        "--debug",
                        "Exit codes");
        for (List<String> cmd : List.of(
                List.of("demo"),
                List.of("report"),
                List.of("segment"),
                List.of("segment", "count"),
                List.of("segment", "list"),
                List.of("segment", "explain"),
                List.of("generate"),
                List.of("import"),
                List.of("rfm"),
                List.of("lifecycle"),
                List.of("clv"))) {
            Result r = run(concat(cmd, List.of("--help")));
            assertThat(r.code()).as(cmd.toString()).isZero();
            assertThat(r.out()).as(cmd.toString()).contains("Usage: crmkit " + String.join(" ", cmd));
        }
        assertThat(run("demo", "--help").out())
                .contains("--members", "--seed", "--orders", "--preset", "--out", "--locale", "--format", "Exit codes");
    }

    @Test
    void clvCommandsTakeEveryFormatWithTheSameNumbers() throws Exception {
        List<String> in = List.of(
                "--transactions", "src/test/resources/cdnow/cdnow_sample.csv",
                "--customer-column", "sample_id",
                "--date-column", "date",
                "--observation-end", "1997-09-30",
                "--time-unit", "weeks");
        JsonNode fit = new ObjectMapper()
                .readTree(run(concat(List.of("clv", "fit", "--model", "bg-nbd"), in))
                        .out());
        Result csv = run(concat(List.of("clv", "fit", "--model", "bg-nbd", "--format", "csv"), in));
        assertThat(csv.out())
                .contains(
                        "customers,2357\n",
                        "r," + fit.get("parameters").get("r").asText());
        Result table = run(concat(List.of("clv", "fit", "--model", "bg-nbd", "--format", "table"), in));
        assertThat(table.out()).containsPattern("customers\\s+2357");
        Result predictCsv = run(concat(List.of("clv", "predict", "--model", "bg-nbd", "--horizon", "52"), in));
        JsonNode predictJson = new ObjectMapper()
                .readTree(run(concat(
                                List.of("clv", "predict", "--model", "bg-nbd", "--horizon", "52", "--format", "json"),
                                in))
                        .out());
        List<String> lines = predictCsv.out().lines().toList();
        assertThat(predictJson.size()).isEqualTo(lines.size() - 1).isEqualTo(2357);
        String[] first = lines.get(1).split(",");
        assertThat(predictJson.get(0).get("id").asText()).isEqualTo(first[0]);
        assertThat(predictJson.get(0).get("p_alive").asDouble()).isEqualTo(Double.parseDouble(first[1]));
        Result summaryTable = run(concat(List.of("clv", "summary", "--format", "table"), in));
        assertThat(summaryTable.code()).isZero();
        assertThat(summaryTable.out().lines().count()).isEqualTo(2358);
        assertThat(run(concat(List.of("clv", "fit", "--model", "bg-nbd", "--format", "xml"), in))
                        .code())
                .isEqualTo(2);
    }

    static String[] concat(List<String> a, List<String> b) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all.toArray(new String[0]);
    }
}
