package io.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmkit.automation.JourneyJson;
import io.crmkit.automation.StandardJourneys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crmkit simulate}: journeys back-tested over a generated shop's orders. */
class SimulateCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeEach
    void shop() {
        Result g = run(
                "generate",
                "--members",
                "300",
                "--seed",
                "7",
                "--out",
                dir.resolve("shop").toString());
        assertThat(g.code()).as(g.err()).isZero();
    }

    private String[] args(String... more) {
        List<String> a = new java.util.ArrayList<>(List.of(
                "simulate",
                "--orders",
                dir.resolve("shop/orders.csv").toString(),
                "--members",
                dir.resolve("shop/members.csv").toString(),
                "--preset",
                "canonical",
                "--as-of",
                "2026-01-01"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void standardJourneysGiveOneRowPerStepAndASummary() throws IOException {
        Result r = run(args("--journeys", "standard", "--format", "json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows).isNotEmpty();
        long surveys = 0;
        for (JsonNode row : rows) {
            if (row.get("journey").asText().equals("survey-7d")
                    && row.get("step").asText().equals("survey")) {
                surveys = row.get("done").asLong();
            }
            assertThat(row.get("done").asLong())
                    .isLessThanOrEqualTo(row.get("arrived").asLong());
        }
        assertThat(surveys).isPositive();
        assertThat(r.err()).contains("survey-7d").contains("win-back").contains("entered");
    }

    @Test
    void aJourneyFileAndTheMessagesItWouldSend() throws IOException {
        Path file = dir.resolve("survey.json");
        Files.writeString(file, JourneyJson.toJson(StandardJourneys.survey7d()), StandardCharsets.UTF_8);
        Result r = run(args("--journeys", file.toString(), "--messages"));
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("at,member_id,journey,channel,template,key");
        assertThat(lines.subList(1, lines.size())).isNotEmpty().allMatch(l -> l.contains(",survey-7d,"));
    }

    @Test
    void aBadJourneyFileNamesTheFileAndThePath() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(
                file,
                JourneyJson.toJson(StandardJourneys.survey7d()).replace("\"P7D\"", "\"seven days\""),
                StandardCharsets.UTF_8);
        Result r = run(args("--journeys", file.toString()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad.json").contains("$.steps[0]").contains("line");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void usageErrorsExit2() {
        assertThat(run(args("--journeys", "nowhere.json")).code()).isEqualTo(2);
        assertThat(run(args("--journeys", "standard", "--format", "xml")).code())
                .isEqualTo(2);
    }
}
