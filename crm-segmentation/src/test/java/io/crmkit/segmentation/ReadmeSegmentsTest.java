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
        ReadmeBlocks.assertReadmeShows(getClass(), "segments-1", "segments-2");
    }
}
