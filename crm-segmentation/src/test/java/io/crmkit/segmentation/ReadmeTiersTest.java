package io.crmkit.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README.md's "Membership tiers", compiled and run; the README copy must stay identical. */
class ReadmeTiersTest {
    @Test
    void theReadmeCodeRuns() {
        BrandSettings brand = BrandSettings.ofDefaults();
        Crm crm = Crm.inMemory(brand);
        Instant joined = brand.now().minusSeconds(86_400);
        MemberId memberId = crm.members()
                .save(Member.builder(MemberId.of("M1"), joined).build())
                .id();
        crm.orders()
                .upsertAll(List.of(Order.builder(OrderId.of("O1"), memberId, joined.plusSeconds(60))
                        .line(OrderLine.of(
                                ProductId.of("P1"),
                                "thing",
                                Category.of("Food"),
                                1,
                                Money.of(12_000, brand.currency())))
                        .build()));

        // readme:tiers-1:start
        Currency twd = brand.currency();
        TierProgram tiers = TierProgram.builder(twd)
                .calendar(TierProgram.Period.YEAR) // spend this calendar year; reviewed on 1 January
                .grace(1) // one short year is forgiven
                .tier(Tier.named("member")) // base tier: every member from joining
                .tier(Tier.named("gold").minSpend(Money.of(10_000, twd)).benefit("freeShipping", true))
                .tier(Tier.named("diamond")
                        .minSpend(Money.of(50_000, twd))
                        .minOrders(6)
                        .benefit("freeShipping", true)
                        .benefit("pointsMultiplier", new BigDecimal("2")))
                .build(); // every bad setting fails here, naming it

        TierStatus status = tiers.evaluate(crm, memberId, brand.now()).orElseThrow();
        status.tier(); // the tier held; since(), nextReview(), history()
        status.toNext(); // the next tier and the spend / orders still missing
        boolean free =
                tiers.benefit("gold", "freeShipping").flatMap(Benefit::asFlag).orElse(false);
        TierAssignments all = tiers.evaluateAll(crm, brand.now()); // counts per tier, tierOf(member)
        String json = TierJson.toJson(tiers); // "crmkit": "tiers/1"
        // readme:tiers-1:end

        assertThat(status.tierName()).contains("gold");
        assertThat(status.toNext().orElseThrow().missingSpend()).contains(Money.of(38_000, twd));
        assertThat(free).isTrue();
        assertThat(all.count("gold")).isEqualTo(1);
        assertThat(TierJson.fromJson(json)).isEqualTo(tiers);
    }

    @Test
    void readmeShowsExactlyThisCode() throws IOException {
        ReadmeBlocks.assertReadmeShows(getClass(), "tiers-1");
    }
}
