package io.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static long summaryNumber(String out, String label) {
        Matcher m = Pattern.compile("(?m)^  " + label + "\\s+([\\d,]+)").matcher(out);
        assertThat(m.find()).as(label + " in\n" + out).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static long rows(Path file) throws IOException {
        long n = 0;
        try (MappingIterator<Map<String, String>> it = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(file.toFile())) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    private static long distinctOrders(Path file) throws IOException {
        Set<String> ids = new HashSet<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(file.toFile())) {
            while (it.hasNext()) {
                ids.add(it.next().get("order_id"));
            }
        }
        return ids.size();
    }

    @Test
    void generateWritesTheFilesAndASummaryThatMatchesThem() throws IOException {
        Path out = dir.resolve("shop");
        Result r = run("generate", "--members", "500", "--seed", "3", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        for (String f : new String[] {"members.csv", "orders.csv", "products.csv", "interactions.csv"}) {
            assertThat(out.resolve(f)).exists();
        }
        assertThat(summaryNumber(r.out(), "members")).isEqualTo(500).isEqualTo(rows(out.resolve("members.csv")));
        assertThat(summaryNumber(r.out(), "orders")).isEqualTo(distinctOrders(out.resolve("orders.csv")));
        assertThat(summaryNumber(r.out(), "order lines")).isEqualTo(rows(out.resolve("orders.csv")));
        assertThat(summaryNumber(r.out(), "interactions")).isEqualTo(rows(out.resolve("interactions.csv")));
        assertThat(summaryNumber(r.out(), "products")).isEqualTo(300).isEqualTo(rows(out.resolve("products.csv")));
        assertThat(summaryNumber(r.out(), "buyers")).isBetween(200L, 400L);
        assertThat(r.out())
                .contains("revenue", "NT$", "Revenue by month", "2023-01", "2025-12", "Top 5 categories by revenue")
                .containsPattern("(?m)^  1\\. \\S+ > \\S+")
                .contains("orders/s");
    }

    @Test
    void sameSeedWritesIdenticalFiles() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(run("generate", "-n", "200", "-s", "9", "-o", a.toString()).code())
                .isZero();
        assertThat(run("generate", "-n", "200", "-s", "9", "-o", b.toString()).code())
                .isZero();
        for (String f : new String[] {"members.csv", "orders.csv", "products.csv", "interactions.csv"}) {
            assertThat(Files.mismatch(a.resolve(f), b.resolve(f))).as(f).isEqualTo(-1L);
        }
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Path out = dir.resolve("shop");
        assertThat(run("generate", "-n", "50", "-o", out.toString()).code()).isZero();
        long before = Files.size(out.resolve("orders.csv"));
        Result again = run("generate", "-n", "80", "-o", out.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("members.csv", "already exist", "--force");
        assertThat(again.out()).isEmpty();
        assertThat(Files.size(out.resolve("orders.csv"))).isEqualTo(before);
        Result forced = run("generate", "-n", "80", "-o", out.toString(), "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(rows(out.resolve("members.csv"))).isEqualTo(80);
    }

    @Test
    void badFlagsAndValuesExitWith2AndNameTheProblem() {
        Result negative = run("generate", "--members", "-5", "--out", dir.toString());
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("--members", "-5", "Usage: crmkit generate");
        assertThat(negative.out()).isEmpty();

        Result notANumber = run("generate", "--members", "abc", "--out", dir.toString());
        assertThat(notANumber.code()).isEqualTo(2);
        assertThat(notANumber.err()).contains("'--members'", "'abc' is not an int");

        Result tooMany = run("generate", "--members", "100000000", "--out", dir.toString());
        assertThat(tooMany.code()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--members", "99999999");

        Result unknown = run("generate", "--bogus", "--out", dir.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--bogus'");

        Result missingOut = run("generate", "--members", "10");
        assertThat(missingOut.code()).isEqualTo(2);
        assertThat(missingOut.err()).contains("Missing required option: '--out=DIR'");

        Result badDate = run("generate", "--start", "2024-13-01", "--out", dir.toString());
        assertThat(badDate.code()).isEqualTo(2);
        assertThat(badDate.err()).contains("--start", "2024-13-01");

        Result reversed = run("generate", "--start", "2025-01-01", "--end", "2024-01-01", "--out", dir.toString());
        assertThat(reversed.code()).isEqualTo(2);
        assertThat(reversed.err()).contains("--end 2024-01-01 is before --start 2025-01-01");

        Result catalogue = run("generate", "--catalogue", "5", "--out", dir.toString());
        assertThat(catalogue.code()).isEqualTo(2);
        assertThat(catalogue.err()).contains("--catalogue", "must be between 27");

        Result noCommand = run();
        assertThat(noCommand.code()).isEqualTo(2);
        assertThat(noCommand.err()).contains("Missing command", "Usage: crmkit");

        Result unknownCommand = run("frobnicate");
        assertThat(unknownCommand.code()).isEqualTo(2);
        assertThat(unknownCommand.err()).contains("frobnicate");
    }

    @Test
    void helpAndVersionWork() {
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: crmkit", "generate", "bench-generate", "Exit codes");
        Result generateHelp = run("generate", "--help");
        assertThat(generateHelp.code()).isZero();
        assertThat(generateHelp.out()).contains("--members", "--seed", "--out", "--force");
        Result version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).containsPattern("crmkit \\d+\\.\\d+\\.\\d+");
    }

    @Test
    void benchGeneratePrintsRates() {
        Result r = run("bench-generate", "--members", "2000", "--warmup", "500", "--runs", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("warm-up", "run 1", "run 2", "orders/s", "members/s", "median");
        Result bad = run("bench-generate", "--runs", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--runs");
    }
}
