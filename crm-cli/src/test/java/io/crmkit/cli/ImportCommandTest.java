package io.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crmkit import}: the JSON contract, --emit, exit codes. */
class ImportCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path woo() throws IOException {
        Path p = dir.resolve("woo.csv");
        try (InputStream in = getClass().getResourceAsStream("woocommerce_webtoffee_sample_order.csv")) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    @Test
    void printsTheSummaryAsJsonAndEmitsMembers() throws IOException {
        Path emit = dir.resolve("members.jsonl");
        Result r = run(
                "import",
                "--preset",
                "woocommerce-webtoffee",
                "--orders",
                woo().toString(),
                "--emit",
                emit.toString(),
                "--format",
                "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip())
                .isEqualTo("{\"rowsRead\":3,\"accepted\":2,\"rejected\":1,\"members\":2,\"orders\":2}");
        List<String> lines = Files.readAllLines(emit, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .contains("\"email\":\"lilly@example.com\"")
                        .contains("\"external_ids\":\"WOOCOMMERCE:3\""));

        // the emitted members import back as the canonical JSON form
        Result back = run("import", "--members", emit.toString(), "--format", "json");
        assertThat(back.code()).as(back.err()).isZero();
        assertThat(back.out().strip())
                .isEqualTo("{\"rowsRead\":2,\"accepted\":2,\"rejected\":0,\"members\":2,\"orders\":0}");
    }

    @Test
    void aDryRunInTextShowsTheRejectionWithItsLine() throws IOException {
        Result r = run("import", "--orders", woo().toString(), "--dry-run");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("preset woocommerce-webtoffee").contains("dry run");
        assertThat(r.out()).containsPattern("rows read\\s+3");
        assertThat(r.out()).contains("woo.csv line 4 column \"billing_phone\": \"****999\" is not a phone number");
    }

    @Test
    void inputErrorsExitOneNamingFileLineAndReasonWithoutAStackTrace() throws IOException {
        Result strict = run("import", "--orders", woo().toString(), "--strict");
        assertThat(strict.code()).isEqualTo(1);
        assertThat(strict.err())
                .startsWith("crmkit import: ")
                .contains("woo.csv line 4 column \"billing_phone\": \"****999\" is not a phone number");
        assertThat(strict.err()).doesNotContain("\tat ");

        Result debug = run("import", "--orders", woo().toString(), "--strict", "--debug");
        assertThat(debug.code()).isEqualTo(1);
        assertThat(debug.err()).contains("\tat ");

        Result missing = run("import", "--orders", dir.resolve("nope.csv").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.csv: no such file");

        Path empty = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
        Result unknown = run("import", "--orders", empty.toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("x.csv: no preset for orders matches the header [a, b]");
    }

    @Test
    void rejectedRowsGoToTheQuarantineFileAndACheckpointIsRemovedWhenDone() throws IOException {
        Path quarantine = dir.resolve("rejected.csv");
        Path checkpoint = dir.resolve("import.checkpoint");
        Result r = run(
                "import",
                "--orders",
                woo().toString(),
                "--quarantine",
                quarantine.toString(),
                "--checkpoint",
                checkpoint.toString(),
                "--format",
                "json");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(quarantine, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("order_id,order_number,order_date");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("1002,1002,"));
        assertThat(checkpoint).doesNotExist();
    }

    @Test
    void usageErrorsExitTwo() throws IOException {
        assertThat(run("import", "--preset", "nope", "--orders", woo().toString())
                        .code())
                .isEqualTo(2);
        assertThat(run("import", "--preset", "cdnow").code()).isEqualTo(2); // no file
        assertThat(run("import", "--orders", "a.csv", "--members", "b.csv").code())
                .isEqualTo(2);
        assertThat(run("import", "--orders", woo().toString(), "--format", "xml")
                        .code())
                .isEqualTo(2);
        assertThat(run("import", "--orders", woo().toString(), "--encoding", "latin9")
                        .code())
                .isEqualTo(2);
    }

    @Test
    void aFamilyNameAndTheKindChooseThePreset() throws IOException {
        Path gen = dir.resolve("shop");
        assertThat(run("generate", "--members", "50", "--out", gen.toString()).code())
                .isZero();
        Result r = run(
                "import",
                "--preset",
                "canonical",
                "--orders",
                gen.resolve("orders.csv").toString(),
                "--format",
                "json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("{\"rowsRead\":").contains("\"rejected\":0,\"members\":0");
    }
}
