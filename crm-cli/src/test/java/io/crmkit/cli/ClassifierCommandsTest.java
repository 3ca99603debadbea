package io.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crmkit rfm} and {@code crmkit lifecycle} on the CDNOW master log (crm-segmentation's test
 * resource, where DuckDB checks the same scores member by member): the row contract, formats, exit
 * codes.
 */
class ClassifierCommandsTest {
    static final String CDNOW = Path.of(
                    "..", "crm-segmentation", "src", "test", "resources", "cdnow", "CDNOW_master.txt")
            .toString();

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void rfmPrintsOneRowPerBuyer() {
        Result r = run("rfm", "--orders", CDNOW, "--preset", "cdnow", "--as-of", "1998-07-01");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("member_id,recency_days,frequency,monetary,r,f,m,segment");
        assertThat(lines).hasSize(23_571);
        // customer 00002: two rows on 1997-01-12 ($12.00 + $77.00), last purchase 535 days before the as-of date
        assertThat(lines).contains("CDNOW-00002,535,2,89.00,1,3,4,At Risk");
        assertThat(lines).contains("CDNOW-00003,34,6,156.46,5,5,5,Champions");
    }

    @Test
    void rfmAsJsonAndWithFixedThresholds() throws IOException {
        Result r = run(
                "rfm",
                "--orders",
                CDNOW,
                "--preset",
                "cdnow",
                "--as-of",
                "1998-07-01",
                "--strategy",
                "fixed",
                "--thresholds",
                "r=30,90,180,365;f=2,3,5,10;m=20,50,100,500",
                "--format",
                "json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows.size()).isEqualTo(23_570);
        JsonNode first = rows.get(0);
        assertThat(first.get("member_id").asText()).isEqualTo("CDNOW-00001");
        // 546 days ago: more than 365 → R 1; one order → F 1; $11.77 → M 1
        assertThat(first.get("r").asInt()).isEqualTo(1);
        assertThat(first.get("f").asInt()).isEqualTo(1);
        assertThat(first.get("m").asInt()).isEqualTo(1);
        assertThat(first.get("monetary").decimalValue()).isEqualByComparingTo("11.77");
    }

    @Test
    void rfmReadsAModelFile() throws IOException {
        Path model = dir.resolve("rfm.json");
        Files.writeString(model, "{\"crmkit\": \"rfm/1\", \"scores\": 3, \"segments\": []}", StandardCharsets.UTF_8);
        Result r = run(
                "rfm", "--orders", CDNOW, "--preset", "cdnow", "--as-of", "1998-07-01", "--model", model.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()
                        .lines()
                        .skip(1)
                        .map(l -> l.split(",", -1)[4])
                        .distinct()
                        .sorted())
                .containsExactly("1", "2", "3");
    }

    @Test
    void lifecycleCountsAndRows() {
        Result counts = run("lifecycle", "--orders", CDNOW, "--preset", "cdnow", "--as-of", "1998-07-01", "--counts");
        assertThat(counts.code()).as(counts.err()).isZero();
        List<String> lines = counts.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("stage,members");
        assertThat(lines).hasSize(6); // potential, new, active, dormant, lost
        long sum = lines.stream()
                .skip(1)
                .mapToLong(l -> Long.parseLong(l.split(",")[1]))
                .sum();
        assertThat(sum).isEqualTo(23_570);
        assertThat(lines).contains("potential,0", "new,0"); // everyone bought in 1997-Q1

        Result rows = run(
                "lifecycle", "--orders", CDNOW, "--preset", "cdnow", "--as-of", "1998-07-01", "--scheme", "orderly");
        assertThat(rows.code()).isZero();
        assertThat(rows.out().lines().toList()).hasSize(23_571).first().isEqualTo("member_id,stage");
    }

    @Test
    void usageAndInputErrors() {
        Result badDate = run("rfm", "--orders", CDNOW, "--preset", "cdnow", "--as-of", "1998-13-01");
        assertThat(badDate.code()).isEqualTo(2);
        assertThat(badDate.err()).contains("--as-of 1998-13-01 is not a date");

        Result badStrategy =
                run("rfm", "--orders", CDNOW, "--preset", "cdnow", "--as-of", "1998-07-01", "--strategy", "x");
        assertThat(badStrategy.code()).isEqualTo(2);
        assertThat(badStrategy.err()).contains("--strategy must be ntile, quantile or fixed");

        Result fixedWithout =
                run("rfm", "--orders", CDNOW, "--preset", "cdnow", "--as-of", "1998-07-01", "--strategy", "fixed");
        assertThat(fixedWithout.code()).isEqualTo(2);

        Result missing = run("rfm", "--orders", "no-such-file.csv", "--preset", "cdnow", "--as-of", "1998-07-01");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no-such-file.csv").doesNotContain("\tat ");

        Result badScheme = run("lifecycle", "--orders", CDNOW, "--as-of", "1998-07-01", "--scheme", "abc");
        assertThat(badScheme.code()).isEqualTo(2);
    }
}
