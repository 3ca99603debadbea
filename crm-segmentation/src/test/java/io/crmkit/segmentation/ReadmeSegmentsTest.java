package io.crmkit.segmentation;

import static io.crmkit.segmentation.Where.allOf;
import static io.crmkit.segmentation.Where.bought;
import static io.crmkit.segmentation.Where.daysSinceLastPurchase;
import static io.crmkit.segmentation.Where.not;
import static io.crmkit.segmentation.Where.reachableBy;
import static io.crmkit.segmentation.Where.repurchaseCycleDays;
import static io.crmkit.segmentation.Where.spend;
import static io.crmkit.segmentation.Where.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.segmentation.Condition.Item;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/** README.md's "Segments in 5 minutes", compiled and run; the README copies must stay identical. */
class ReadmeSegmentsTest {
    @Test
    void theReadmeCodeRuns() {
        BrandSettings brand = BrandSettings.ofDefaults();
        Crm crm = Crm.inMemory(brand);
        MemberId memberId = crm.members()
                .save(Member.builder(MemberId.of("M1"), brand.now()).build())
                .id();

        // readme:segments-1:start
        Currency twd = brand.currency();
        Segment lapsedVip = Segment.of(
                "lapsed-vip",
                "Lapsed VIPs",
                allOf(
                        spend(Window.lastDays(365)).atLeast(Money.of(10_000, twd)), // net of refunds
                        daysSinceLastPurchase().moreThan(90),
                        not(tagged("do-not-contact")),
                        reachableBy(ContactChannel.LINE))); // LINE id known and opted in

        // S3: behaviour beats demographics: pad buyers on a ~3-month rhythm, whoever they are
        Condition padRhythm = allOf(
                bought(Item.category(Category.of("個人護理 > 生理用品")), Window.lastDays(365))
                        .atLeast(2),
                repurchaseCycleDays().between(75, 105));
        // readme:segments-1:end

        // readme:segments-2:start
        SegmentCatalog catalog = SegmentCatalog.builder().segment(lapsedVip).build(); // checks references, cycles
        SegmentEngine engine = SegmentEngine.of(crm, catalog);
        boolean in = engine.test(lapsedVip.condition(), crm.view(memberId).orElseThrow());

        Snapshot snapshot = engine.snapshot(); // columnar, ~23 bytes per order
        MemberSet members = snapshot.evaluate(lapsedVip.condition(), brand.now());
        members.count();
        members.page(null, 500);
        members.sample(100, 7);
        snapshot.explain(lapsedVip.condition(), brand.now()).render(); // how many each clause keeps
        snapshot = snapshot.refresh(); // re-reads only the members that changed
        // readme:segments-2:end

        assertThat(in).isFalse();
        assertThat(members.count()).isZero();
        assertThat(padRhythm).isInstanceOf(Condition.And.class);
        assertThat(snapshot.size()).isEqualTo(1);
    }

    @Test
    void readmeShowsExactlyThisCode() throws IOException {
        String test = Files.readString(
                Path.of("src/test/java/io/crmkit/segmentation/ReadmeSegmentsTest.java"), StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        for (String block : new String[] {"segments-1", "segments-2"}) {
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
