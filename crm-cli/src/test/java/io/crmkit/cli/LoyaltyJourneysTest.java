package io.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.automation.Entry;
import io.crmkit.automation.Journey;
import io.crmkit.automation.JourneyEngine;
import io.crmkit.automation.JourneyEvent;
import io.crmkit.automation.Reentry;
import io.crmkit.automation.Step;
import io.crmkit.automation.Trigger;
import io.crmkit.automation.spi.Message;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.CampaignId;
import io.crmkit.core.Category;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import io.crmkit.loyalty.CouponCampaign;
import io.crmkit.loyalty.CouponService;
import io.crmkit.loyalty.PointsLedger;
import io.crmkit.loyalty.PointsRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/journeys.md "With crm-loyalty": the coupon service and the points ledger plugged into the
 * journey engine, one line each; a journey's idempotency key is their reference, so running an
 * effect again (as after a crash) neither issues a second coupon nor awards points twice.
 */
class LoyaltyJourneysTest {
    @Test
    void couponsAndPointsFromAJourneyCountOnce() {
        BrandSettings brand = BrandSettings.ofDefaults();
        Crm crm = Crm.inMemory(brand);
        Instant now = Instant.parse("2026-11-11T04:00:00Z");
        MemberId m = crm.members()
                .save(Member.builder(MemberId.of("M1"), now.minus(Duration.ofDays(30)))
                        .email(Email.parse("m1@example.com"))
                        .consent(Consent.optIn(ContactChannel.EMAIL, now.minus(Duration.ofDays(30)), "signup"))
                        .build())
                .id();
        CouponService coupons = CouponService.builder(brand).build();
        coupons.define(CouponCampaign.builder(CampaignId.of("first-order"), "首購禮")
                .valid(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)))
                .validFor(Duration.ofDays(30))
                .perMember(1)
                .budget(1_000)
                .build());
        PointsLedger ledger = PointsLedger.builder(brand)
                .rules(PointsRules.builder(brand.currency()).build())
                .build();
        List<Message> sent = new ArrayList<>();

        JourneyEngine engine = JourneyEngine.builder(crm)
                .coupons(r -> coupons.issue(CampaignId.of(r.campaign()), r.member(), r.key(), r.at())
                        .code())
                .points(r -> ledger.earn(r.member(), r.points(), r.reason(), r.key(), r.at()))
                .messages(sent::add)
                .build();
        engine.deploy(Journey.builder("first-order")
                .entry(Entry.on(Trigger.firstOrder()))
                .reentry(Reentry.once())
                .step(Step.issueCoupon("coupon", "first-order"))
                .step(Step.awardPoints("points", 200, "first order"))
                .step(Step.send("thanks", ContactChannel.EMAIL, "thanks", Map.of("code", "${coupon}")))
                .build());
        Order o = Order.builder(OrderId.of("O1"), m, now)
                .line(OrderLine.of(ProductId.of("P1"), "咖啡豆", Category.of("食品"), 1, Money.of(500, brand.currency())))
                .build();
        crm.orders().upsertAll(List.of(o));
        engine.publish(JourneyEvent.orderPlaced(o, true));

        assertThat(sent).hasSize(1);
        String code = sent.get(0).variables().get("code");
        assertThat(coupons.report(CampaignId.of("first-order"), now).issued()).isEqualTo(1);
        assertThat(ledger.balance(m, now.plusSeconds(1)).points()).isEqualTo(200);

        // the gateways called again with the same keys (what a restarted engine does): nothing new
        String again = coupons.issue(CampaignId.of("first-order"), m, "first-order/v1/M1/order:O1/coupon#0", now)
                .code();
        ledger.earn(m, 200, "first order", "first-order/v1/M1/order:O1/points#1", now);
        assertThat(again).isEqualTo(code);
        assertThat(coupons.report(CampaignId.of("first-order"), now).issued()).isEqualTo(1);
        assertThat(ledger.balance(m, now.plusSeconds(1)).points()).isEqualTo(200);
    }
}
