package io.crmkit.loyalty;

import static io.crmkit.loyalty.Fixtures.BRAND;
import static io.crmkit.loyalty.Fixtures.MEI;
import static io.crmkit.loyalty.Fixtures.T0;
import static io.crmkit.loyalty.Fixtures.TWD;
import static io.crmkit.loyalty.Fixtures.days;
import static io.crmkit.loyalty.Fixtures.order;
import static io.crmkit.loyalty.Fixtures.twd;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.segmentation.Benefit;
import io.crmkit.segmentation.Tier;
import io.crmkit.segmentation.TierProgram;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenefitsTest {
    @Test
    void tierBenefitsAreReadAtTheInstantAndMultiplyAnOrdersPoints() {
        Crm crm = Crm.inMemory(BRAND);
        crm.members().save(Member.builder(MEI, T0.minusSeconds(86_400)).build());
        TierProgram tiers = TierProgram.builder(TWD)
                .calendar(TierProgram.Period.YEAR)
                .tier(Tier.named("member").benefit(Benefits.BIRTHDAY_GIFT, Benefit.text("咖啡豆 200g")))
                .tier(Tier.named("gold")
                        .minSpend(twd(10_000))
                        .benefit(Benefits.FREE_SHIPPING, true)
                        .benefit(Benefits.POINTS_MULTIPLIER, new BigDecimal("1.5")))
                .build();
        Benefits benefits = Benefits.of(tiers, crm);
        PointsLedger ledger = PointsLedger.builder(BRAND)
                .rules(PointsRules.builder(TWD).perAmount(twd(100), 1).build())
                .benefits(benefits)
                .build();

        assertThat(benefits.pointsMultiplier(MEI, T0)).isEqualByComparingTo("1");
        assertThat(benefits.freeShipping(MEI, T0)).isFalse();
        assertThat(benefits.birthdayGift(MEI, T0)).contains("咖啡豆 200g");
        crm.orders().upsertAll(List.of(order("O1", MEI, T0, 12_000)));
        assertThat(benefits.tier(MEI, days(1)).orElseThrow().tierName()).contains("gold");
        assertThat(benefits.freeShipping(MEI, days(1))).isTrue();
        assertThat(benefits.pointsMultiplier(MEI, T0.minusSeconds(1))).isEqualByComparingTo("1");

        // the order that made gold is placed when gold starts: 120 × 1.5
        assertThat(ledger.pointsFor(order("O1", MEI, T0, 12_000))).isEqualTo(180);
        assertThat(ledger.pointsFor(order("O2", MEI, days(2), 1_000))).isEqualTo(15);
        assertThat(Benefits.none().pointsMultiplier(MemberId.of("X"), T0)).isEqualByComparingTo("1");
        assertThat(benefits.tier(MemberId.of("unknown"), T0)).isEmpty();
    }
}
