package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The check the README tests share (this module's, and others' through crm-segmentation's test jar): each {@code <!-- readme:NAME -->} block of
 * README.md shows exactly the code between {@code // readme:NAME:start} and {@code // readme:NAME:end}
 * in the test that compiles and runs it (indentation and blank lines aside).
 */
public final class ReadmeBlocks {
    private ReadmeBlocks() {}

    /**
     * @param testClass the test class, whose source holds the blocks
     * @param blocks the block names
     */
    public static void assertReadmeShows(Class<?> testClass, String... blocks) throws IOException {
        String test = Files.readString(
                Path.of("src/test/java/" + testClass.getName().replace('.', '/') + ".java"), StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        for (String block : blocks) {
            int marker = readme.indexOf("<!-- readme:" + block);
            assertThat(marker)
                    .as("README.md has a <!-- readme:%s --> marker", block)
                    .isGreaterThanOrEqualTo(0);
            assertThat(normalise(between(readme.substring(marker), "```java", "```")))
                    .as("README block %s", block)
                    .isEqualTo(
                            normalise(between(test, "// readme:" + block + ":start", "// readme:" + block + ":end")));
        }
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
