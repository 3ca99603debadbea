package io.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.CampaignId;
import io.crmkit.core.Category;
import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import io.crmkit.core.StoreId;
import io.crmkit.segmentation.ReadmeBlocks;
import io.crmkit.segmentation.Tier;
import io.crmkit.segmentation.TierProgram;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README.md's "Loyalty", compiled and run; the README copy must stay identical. */
class ReadmeLoyaltyTest {
    @Test
    void theReadmeCodeRuns() {
        BrandSettings brand = BrandSettings.ofDefaults();
        Crm crm = Crm.inMemory(brand);
        Instant now = Instant.parse("2026-11-11T04:00:00Z");
        MemberId memberId = crm.members()
                .save(Member.builder(MemberId.of("M1"), now.minus(Duration.ofDays(30)))
                        .build())
                .id();
        Order order = Order.builder(OrderId.of("O1"), memberId, now)
                .line(OrderLine.of(ProductId.of("P1"), "咖啡機", Category.of("家電"), 1, Money.of(12_000, brand.currency())))
                .build();
        crm.orders().upsertAll(List.of(order));
        TierProgram tiers = TierProgram.builder(brand.currency())
                .calendar(TierProgram.Period.YEAR)
                .tier(Tier.named("member"))
                .tier(Tier.named("gold")
                        .minSpend(Money.of(10_000, brand.currency()))
                        .benefit("pointsMultiplier", new BigDecimal("2")))
                .build();

        // readme:loyalty-1:start
        Currency twd = brand.currency();
        PointsLedger ledger = PointsLedger.builder(brand)
                .rules(PointsRules.builder(twd)
                        .perAmount(Money.of(100, twd), 1) // 1 point per NT$100 of goods
                        .pendingDays(7) // redeemable after the return window
                        .expiry(ExpiryPolicy.afterMonths(12)) // in the brand's zone
                        .negativeBalance(NegativeBalancePolicy.CLAMP_AT_ZERO)
                        .build())
                .benefits(Benefits.of(tiers, crm)) // the tier's "pointsMultiplier"
                .build();
        ledger.earnForOrder(order, now); // reference "order:O1": a retry never earns twice
        ledger.earn(memberId, 50, "survey", "journey:survey:M1:1", now); // what a journey step awards
        Instant nextWeek = now.plus(Duration.ofDays(8));
        ledger.redeem(memberId, 100, "NT$10 off", "pos-4471", nextWeek); // oldest-expiring points first
        Balance balance = ledger.balance(memberId, nextWeek); // points(), pending(), expired(), ...
        Statement statement = ledger.statement(memberId, nextWeek); // with unlock and expiry lines

        CouponService coupons = CouponService.builder(brand).build();
        CouponCampaign birthday = coupons.define(CouponCampaign.builder(CampaignId.of("bday-2026"), "生日禮 NT$200")
                .valid(now, now.plus(Duration.ofDays(365)))
                .validFor(Duration.ofDays(30)) // unique, unguessable 13-character codes by default
                .perMember(1)
                .budget(50_000)
                .build());
        CouponIssue coupon = coupons.issue(birthday.id(), memberId, "bday:M1:2026", now); // a journey's coupon
        coupons.redeem(coupon.code(), memberId, OrderId.of("O2"), nextWeek); // once, against an order
        CouponReport report = coupons.report(birthday.id(), nextWeek); // issued / redeemed / expired

        VoucherService vouchers = VoucherService.builder(brand).build(); // 寄杯
        Voucher coffees = vouchers.buy(memberId, "美式咖啡 中杯", 10, Money.of(450, twd), Period.ofMonths(6), "pos-88", now);
        vouchers.redeem(coffees.id(), memberId, StoreId.of("S-101"), "pos-89", nextWeek); // 9 left, any store
        // readme:loyalty-1:end

        assertThat(balance.points()).isEqualTo(240 + 50 - 100);
        assertThat(statement.lines())
                .extracting(StatementLine::type)
                .containsExactly(
                        StatementLine.Type.EARNED_PENDING,
                        StatementLine.Type.EARNED,
                        StatementLine.Type.UNLOCKED,
                        StatementLine.Type.REDEEMED);
        assertThat(report.redeemed()).isEqualTo(1);
        assertThat(vouchers.find(coffees.id()).orElseThrow().remaining()).isEqualTo(9);
    }

    @Test
    void readmeShowsExactlyThisCode() throws IOException {
        ReadmeBlocks.assertReadmeShows(getClass(), "loyalty-1");
    }
}
