package io.crmkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README.md's quick start, compiled and run; the README copy must stay identical to this one. */
class ReadmeQuickStartTest {

    static void quickStart() {
        // quickstart:start
        BrandSettings brand = BrandSettings.ofDefaults(); // Asia/Taipei, TWD
        Crm crm = Crm.inMemory(brand);
        Currency twd = brand.currency();
        Instant now = Instant.parse("2026-11-11T04:00:00Z");

        Member mei = crm.members()
                .save(Member.builder(MemberId.of("M1"), now.minus(Duration.ofDays(400)))
                        .name("林美玲")
                        .phone(PhoneNumber.parse("0912-345-678", brand.countryCallingCode()))
                        .consent(Consent.optIn(ContactChannel.SMS, now.minus(Duration.ofDays(400)), "pos"))
                        .build());

        crm.orders()
                .upsertAll(List.of(
                        Order.builder(OrderId.of("O1"), mei.id(), now.minus(Duration.ofDays(95)))
                                .line(OrderLine.of(
                                        ProductId.of("P42"), "可可粉 500g", Category.of("食品 > 飲品"), 2, Money.of(180, twd)))
                                .build(),
                        Order.builder(OrderId.of("O2"), mei.id(), now.minus(Duration.ofDays(5)))
                                .line(OrderLine.of(
                                        ProductId.of("P7"),
                                        "衛生棉 量多型",
                                        Category.of("個人護理 > 生理用品"),
                                        3,
                                        Money.of(129, twd)))
                                .paymentMethod(PaymentMethod.LINE_PAY)
                                .build()));

        MemberView view = crm.view(mei.id(), now).orElseThrow();
        MemberStats stats = view.stats();
        System.out.println(stats.orderCount() + " orders, " + stats.netSpend() + ", buys every "
                + stats.averageRepurchaseDays().orElseThrow() + " days, reachable by SMS: "
                + view.member().isReachableBy(ContactChannel.SMS));
        // prints: 2 orders, TWD 747.00, buys every 90.0 days, reachable by SMS: true
        // quickstart:end
    }

    @Test
    void quickStartRunsAndPrintsWhatTheReadmeSays() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            quickStart();
        } finally {
            System.setOut(original);
        }
        assertThat(buf.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("2 orders, TWD 747.00, buys every 90.0 days, reachable by SMS: true");
    }

    @Test
    void readmeShowsExactlyThisCode() throws IOException {
        String test = Files.readString(
                Path.of("src/test/java/io/crmkit/core/ReadmeQuickStartTest.java"), StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        int marker = readme.indexOf("<!-- quickstart");
        assertThat(marker).as("README.md has a <!-- quickstart --> marker").isGreaterThanOrEqualTo(0);
        assertThat(normalise(between(readme.substring(marker), "```java", "```")))
                .isEqualTo(normalise(between(test, "// quickstart:start", "// quickstart:end")));
    }

    private static String between(String text, String start, String end) {
        int a = text.indexOf(start);
        int b = text.indexOf(end, a + 1);
        assertThat(a).as("marker %s", start).isGreaterThanOrEqualTo(0);
        assertThat(b).as("marker %s", end).isGreaterThan(a);
        return text.substring(a + start.length(), b);
    }

    /** Compares code line by line, ignoring indentation. */
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
