package io.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract of {@code crmkit clv summary|fit|predict}, on the CDNOW data in test resources. */
class ClvCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String resource(String name) {
        try {
            return Path.of(ClvCommandTest.class.getResource("/cdnow/" + name).toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String[]> lines(String text) {
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    private static double round2(String v) {
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    private static final String[] CDNOW_CSV = {
        "--transactions",
        resource("cdnow_sample.csv"),
        "--customer-column",
        "sample_id",
        "--date-column",
        "date",
        "--time-unit",
        "weeks"
    };

    private static String[] args(String[] head, String... tail) {
        String[] all = new String[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void summaryPrintsThePublishedCdnowSummary() throws IOException {
        Result r = run(args(new String[] {"clv", "summary"}, args(CDNOW_CSV, "--observation-end", "1997-09-30")));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String[]> ours = lines(r.out());
        List<String> published = Files.readAllLines(Path.of(resource("cdnow_customers_summary.csv")));
        assertThat(String.join(",", ours.get(0))).isEqualTo("id,frequency,recency,T");
        assertThat(ours).hasSize(published.size()).hasSize(2358);
        for (int i = 1; i < ours.size(); i++) {
            String[] o = ours.get(i);
            String[] p = published.get(i).split(",");
            assertThat(Integer.parseInt(o[0])).isEqualTo(Integer.parseInt(p[0]));
            assertThat(o[1]).isEqualTo(p[1]);
            assertThat(round2(o[2])).as("recency of %s", p[0]).isEqualTo(Double.parseDouble(p[2]));
            assertThat(round2(o[3])).as("T of %s", p[0]).isEqualTo(Double.parseDouble(p[3]));
        }
        assertThat(String.join(",", ours.get(1))).isEqualTo("0001,2,30.428571428571427,38.857142857142854");
    }

    @Test
    void summaryWithAmountAndCalibrationEndAddsSpendAndHoldout() {
        Result r = run(args(
                new String[] {"clv", "summary"},
                args(
                        CDNOW_CSV,
                        "--amount-column",
                        "dollars",
                        "--observation-end",
                        "19980630",
                        "--calibration-end",
                        "1997-09-30")));
        assertThat(r.code()).as(r.err()).isZero();
        List<String[]> rows = lines(r.out());
        assertThat(String.join(",", rows.get(0)))
                .isEqualTo("id,frequency,recency,T,monetary_value,frequency_holdout,duration_holdout");
        assertThat(String.join(",", rows.get(1))).isEqualTo("0001,2,30.428571428571427,38.857142857142854,22.345,1,39");
        double holdout = 0;
        for (String[] row : rows.subList(1, rows.size())) {
            holdout += Double.parseDouble(row[5]);
        }
        assertThat(holdout).isEqualTo(1882);
    }

    @Test
    void summaryAsJsonAndFromTheWhitespaceFile() throws IOException {
        Result json = run(args(
                new String[] {"clv", "summary"},
                args(CDNOW_CSV, "--observation-end", "1997-09-30", "--format", "json")));
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertThat(rows.size()).isEqualTo(2357);
        assertThat(rows.get(0).toString())
                .isEqualTo("{\"id\":\"0001\",\"frequency\":2,\"recency\":30.428571428571427,\"T\":38.857142857142854}");
        Result csv = run(args(new String[] {"clv", "summary"}, args(CDNOW_CSV, "--observation-end", "1997-09-30")));
        Result blanks = run(
                "clv",
                "summary",
                "--transactions",
                resource("CDNOW_sample.txt"),
                "--transactions-format",
                "whitespace",
                "--customer-column",
                "2",
                "--date-column",
                "3",
                "--observation-end",
                "1997-09-30",
                "--time-unit",
                "weeks");
        assertThat(blanks.code()).as(blanks.err()).isZero();
        assertThat(blanks.out()).isEqualTo(csv.out());
    }

    @Test
    void fitPrintsTheContractJsonWithThePublishedParameters() throws IOException {
        Result r = run(
                "clv",
                "fit",
                "--model",
                "bg-nbd",
                "--summary",
                resource("cdnow_customers_summary.csv"),
                "--format",
                "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode fit = new ObjectMapper().readTree(r.out());
        assertThat(names(fit)).containsExactly("model", "customers", "parameters", "logLikelihood");
        assertThat(fit.get("model").asText()).isEqualTo("bg-nbd");
        assertThat(fit.get("customers").asInt()).isEqualTo(2357);
        assertThat(names(fit.get("parameters"))).containsExactly("r", "alpha", "a", "b");
        assertThat(fit.get("parameters").get("r").asDouble()).isCloseTo(0.243, within(0.01));
        assertThat(fit.get("parameters").get("alpha").asDouble()).isCloseTo(4.414, within(0.01));
        assertThat(fit.get("parameters").get("a").asDouble()).isCloseTo(0.793, within(0.01));
        assertThat(fit.get("parameters").get("b").asDouble()).isCloseTo(2.426, within(0.01));
        assertThat(fit.get("logLikelihood").asDouble()).isCloseTo(-9582.43, within(0.01));

        Result p = run(args(
                new String[] {"clv", "fit", "--model", "pareto-nbd"},
                args(CDNOW_CSV, "--observation-end", "1997-09-30")));
        JsonNode pf = new ObjectMapper().readTree(p.out());
        assertThat(names(pf.get("parameters"))).containsExactly("r", "alpha", "s", "beta");
        assertThat(pf.get("parameters").get("beta").asDouble()).isCloseTo(11.669, within(0.01));

        Result g = run(args(
                new String[] {"clv", "fit", "--model", "gamma-gamma"},
                args(CDNOW_CSV, "--amount-column", "dollars", "--observation-end", "1997-09-30")));
        JsonNode gf = new ObjectMapper().readTree(g.out());
        assertThat(gf.get("customers").asInt()).isEqualTo(946);
        assertThat(names(gf.get("parameters"))).containsExactly("p", "q", "v");
        assertThat(gf.get("parameters").get("v").asDouble()).isCloseTo(15.44, within(0.01));

        Result b = run("clv", "fit", "--model", "bg-bb", "--summary", resource("donations.csv"));
        assertThat(b.code()).as(b.err()).isZero();
        JsonNode bf = new ObjectMapper().readTree(b.out());
        assertThat(names(bf.get("parameters"))).containsExactly("alpha", "beta", "gamma", "delta");
        assertThat(bf.get("parameters").get("delta").asDouble()).isCloseTo(2.783, within(0.01));
        assertThat(bf.get("customers").asInt()).isEqualTo(22);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    @Test
    void predictWritesPAliveExpectedPurchasesAndClv() {
        Result r = run(
                "clv",
                "predict",
                "--model",
                "bg-nbd",
                "--summary",
                resource("cdnow_customers_summary.csv"),
                "--horizon",
                "39",
                "--parameters",
                "r=0.242593,alpha=4.413532,a=0.792886,b=2.425752");
        assertThat(r.code()).as(r.err()).isZero();
        List<String[]> rows = lines(r.out());
        assertThat(String.join(",", rows.get(0))).isEqualTo("id,p_alive,expected_purchases");
        assertThat(rows.get(1)[0]).isEqualTo("1");
        assertThat(Double.parseDouble(rows.get(1)[1])).isCloseTo(0.7266, within(1e-4));
        assertThat(Double.parseDouble(rows.get(1)[2])).isCloseTo(1.226, within(0.001));

        Result clv = run(args(
                new String[] {
                    "clv", "predict", "--model", "bg-nbd", "--horizon", "52", "--steps", "12", "--discount-rate", "0.01"
                },
                args(CDNOW_CSV, "--amount-column", "dollars", "--observation-end", "1997-09-30")));
        assertThat(clv.code()).as(clv.err()).isZero();
        List<String[]> c = lines(clv.out());
        assertThat(String.join(",", c.get(0))).isEqualTo("id,p_alive,expected_purchases,expected_spend,clv");
        assertThat(c).hasSize(2358);
        double spend = Double.parseDouble(c.get(1)[3]);
        double purchases = Double.parseDouble(c.get(1)[2]);
        double value = Double.parseDouble(c.get(1)[4]);
        assertThat(spend).isCloseTo(24.65, within(0.1)); // Hardie note 025, customer 1
        assertThat(value).isLessThan(spend * purchases).isGreaterThan(spend * purchases / Math.pow(1.01, 12));

        Result bb = run("clv", "predict", "--model", "bg-bb", "--summary", resource("donations.csv"), "--horizon", "5");
        assertThat(bb.code()).as(bb.err()).isZero();
        assertThat(lines(bb.out()).get(1)[0]).isEqualTo("0"); // the first column of donations.csv is the id
    }

    @Test
    void badInputIsExit1WithTheFileAndBadUsageIsExit2() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "member,day\nA,2024-01-02\nA,2024-13-02\n");
        Result bad = run(
                "clv",
                "summary",
                "--transactions",
                f.toString(),
                "--customer-column",
                "member",
                "--date-column",
                "day",
                "--observation-end",
                "2024-12-31");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains(f + " line 3 column \"day\": \"2024-13-02\" is not a date");
        Result missing = run(
                "clv",
                "summary",
                "--transactions",
                f.toString(),
                "--customer-column",
                "who",
                "--date-column",
                "day",
                "--observation-end",
                "2024-12-31");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("crmkit clv summary: " + f + ": has no column \"who\"");
        Result zeros = run(
                "clv",
                "fit",
                "--model",
                "bg-nbd",
                "--transactions",
                f.toString(),
                "--customer-column",
                "member",
                "--date-column",
                "day",
                "--observation-end",
                "2024-01-31");
        assertThat(zeros.code()).isEqualTo(1);

        assertThat(run(
                                "clv",
                                "summary",
                                "--transactions",
                                f.toString(),
                                "--customer-column",
                                "member",
                                "--date-column",
                                "day",
                                "--observation-end",
                                "31.12.2024")
                        .code())
                .isEqualTo(2);
        assertThat(run("clv", "fit", "--model", "bg-nbd", "--summary", f.toString(), "--transactions", f.toString())
                        .code())
                .isEqualTo(2);
        assertThat(run("clv", "fit", "--model", "nbd", "--summary", f.toString())
                        .code())
                .isEqualTo(2);
        assertThat(run("clv", "fit", "--model", "bg-bb", "--transactions", f.toString())
                        .code())
                .isEqualTo(2);
        assertThat(run("clv", "summary", "--transactions", f.toString()).code()).isEqualTo(2);
        assertThat(run("clv").code()).isEqualTo(2);
        assertThat(run("clv", "fit", "--model", "bg-nbd", "--summary", f.toString(), "--columns", "bogus=x")
                        .code())
                .isEqualTo(2);
    }
}
