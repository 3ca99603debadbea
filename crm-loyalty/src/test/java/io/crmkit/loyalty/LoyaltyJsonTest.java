package io.crmkit.loyalty;

import static io.crmkit.loyalty.Fixtures.T0;
import static io.crmkit.loyalty.Fixtures.TWD;
import static io.crmkit.loyalty.Fixtures.days;
import static io.crmkit.loyalty.Fixtures.twd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.CampaignId;
import io.crmkit.core.Money;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.MonthDay;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LoyaltyJsonTest {
    static final String CAMPAIGN = """
            {
              "crmkit": "coupon-campaign/1",
              "id": "bday-2026",
              "name": "生日禮 NT$200",
              "codeLength": 12,
              "validFrom": "2026-01-01T00:00:00Z",
              "validUntil": "2027-01-01T00:00:00Z",
              "validFor": "PT720H",
              "perMember": 1,
              "budget": 50000
            }""";

    static final String RULES = """
            {
              "crmkit": "points-rules/1",
              "currency": "TWD",
              "perAmount": {"amount": "100", "points": 1},
              "activities": {"review": 20},
              "campaignMultipliers": [
                {"name": "double-11", "from": "2026-11-10T16:00:00Z", "until": "2026-11-11T16:00:00Z", "factor": "2"}
              ],
              "pendingDays": 7,
              "expiry": {"kind": "fixedDates", "minMonths": 12, "dates": ["06-30", "12-31"]},
              "negativeBalance": "ALLOW_NEGATIVE",
              "tierMultiplierKey": "pointsMultiplier",
              "pointValue": "0.5"
            }""";

    @Test
    void theDocumentedExamplesReadAndRoundTrip() {
        CouponCampaign c = LoyaltyJson.campaignFromJson(CAMPAIGN);
        assertThat(c.budget()).isEqualTo(50_000);
        assertThat(c.validFor()).contains(Duration.ofDays(30));
        assertThat(LoyaltyJson.campaignFromJson(LoyaltyJson.toJson(c))).isEqualTo(c);
        PointsRules r = LoyaltyJson.rulesFromJson(RULES);
        assertThat(r.basePoints(twd(1_299))).isEqualTo(12);
        assertThat(r.expiry()).isEqualTo(ExpiryPolicy.fixedDates(12, MonthDay.of(6, 30), MonthDay.of(12, 31)));
        assertThat(r.negativeBalance()).isEqualTo(NegativeBalancePolicy.ALLOW_NEGATIVE);
        assertThat(LoyaltyJson.rulesFromJson(LoyaltyJson.toJson(r))).isEqualTo(r);
    }

    @Test
    void everyExampleInTheDocumentIsTheTestedOne() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/loyalty.md"));
        java.util.List<String> blocks = new java.util.ArrayList<>();
        for (int i = doc.indexOf("```json\n"); i >= 0; i = doc.indexOf("```json\n", i + 1)) {
            blocks.add(doc.substring(i + 8, doc.indexOf("```", i + 8)).strip());
        }
        assertThat(blocks).containsExactly(RULES.strip(), CAMPAIGN.strip());
    }

    @Test
    void badDocumentsNameThePathLineAndColumn() {
        assertThatThrownBy(() -> LoyaltyJson.campaignFromJson(CAMPAIGN.replace("\"budget\": 50000", "\"budget\": 0")))
                .isInstanceOfSatisfying(LoyaltyJsonException.class, e -> {
                    assertThat(e.path()).isEqualTo("$.budget");
                    assertThat(e.line()).isEqualTo(10);
                    assertThat(e.column()).isEqualTo(13);
                });
        assertThatThrownBy(() ->
                        LoyaltyJson.rulesFromJson(RULES.replace("\"kind\": \"fixedDates\"", "\"kind\": \"soon\"")))
                .isInstanceOf(LoyaltyJsonException.class)
                .hasMessageContaining("$.expiry.kind")
                .hasMessageContaining("soon");
        assertThatThrownBy(() -> LoyaltyJson.rulesFromJson(RULES.replace("\"06-30\"", "\"02-30\"")))
                .isInstanceOf(LoyaltyJsonException.class)
                .hasMessageContaining("$.expiry.dates[0]");
        assertThatThrownBy(() -> LoyaltyJson.rulesFromJson(RULES.replace("\"pendingDays\"", "\"pendingDayz\"")))
                .isInstanceOf(LoyaltyJsonException.class)
                .hasMessageContaining("unknown field \"pendingDayz\"");
        assertThatThrownBy(
                        () -> LoyaltyJson.campaignFromJson(CAMPAIGN.replace("coupon-campaign/1", "coupon-campaign/2")))
                .isInstanceOf(LoyaltyJsonException.class)
                .hasMessageContaining("$.crmkit");
        assertThatThrownBy(() -> LoyaltyJson.campaignFromJson("{\"crmkit\": "))
                .isInstanceOf(LoyaltyJsonException.class)
                .hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> LoyaltyJson.campaignFromJson(CAMPAIGN.replace(
                        "\"validUntil\": \"2027-01-01T00:00:00Z\"", "\"validUntil\": \"2025-01-01T00:00:00Z\"")))
                .isInstanceOf(LoyaltyJsonException.class)
                .hasMessageContaining("validUntil");
    }

    @Provide
    Arbitrary<CouponCampaign> campaigns() {
        return Combinators.combine(
                        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20),
                        Arbitraries.of("", "DOUBLE11", "VIP2026"),
                        Arbitraries.integers().between(8, 24),
                        Arbitraries.integers().between(1, 1000),
                        Arbitraries.integers().between(0, 100),
                        Arbitraries.longs().between(1, 10_000_000))
                .as((id, shared, len, days, validFor, budget) -> {
                    CouponCampaign.Builder b = CouponCampaign.builder(CampaignId.of(id), "name " + id)
                            .valid(T0, days(days))
                            .perMember(1 + (int) (budget % 5))
                            .budget(budget);
                    if (shared.isEmpty()) {
                        b.uniqueCodes(len);
                    } else {
                        b.sharedCode(shared);
                    }
                    if (validFor > 0) {
                        b.validFor(Duration.ofHours(validFor));
                    }
                    return b.build();
                });
    }

    @Property(tries = 200)
    void campaignsRoundTrip(@ForAll("campaigns") CouponCampaign c) {
        assertThat(LoyaltyJson.campaignFromJson(LoyaltyJson.toJson(c))).isEqualTo(c);
    }

    @Provide
    Arbitrary<PointsRules> rules() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 10_000),
                        Arbitraries.integers().between(0, 50),
                        Arbitraries.integers().between(0, 365),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(NegativeBalancePolicy.values()),
                        Arbitraries.of("1.5", "2", "3.25"))
                .as((unit, points, pending, expiry, policy, factor) -> PointsRules.builder(TWD)
                        .perAmount(twd(unit), points)
                        .activity("review", 1 + points)
                        .campaignMultiplier("c", T0, days(1 + pending), new BigDecimal(factor))
                        .pendingDays(pending)
                        .expiry(
                                expiry == 0
                                        ? ExpiryPolicy.never()
                                        : expiry == 1
                                                ? ExpiryPolicy.afterMonths(1 + pending)
                                                : ExpiryPolicy.fixedDates(
                                                        pending % 24, MonthDay.of(2, 29), MonthDay.of(12, 31)))
                        .negativeBalance(policy)
                        .pointValue(Money.ofMinor(1 + unit % 100, TWD))
                        .build());
    }

    @Property(tries = 200)
    void rulesRoundTrip(@ForAll("rules") PointsRules r) {
        assertThat(LoyaltyJson.rulesFromJson(LoyaltyJson.toJson(r))).isEqualTo(r);
    }

    @Property(tries = 300)
    void randomEditsFailOnlyWithTheJsonException(@ForAll("edits") String edited) {
        try {
            LoyaltyJson.rulesFromJson(edited);
        } catch (LoyaltyJsonException expected) {
            // the only allowed failure
        }
        try {
            LoyaltyJson.campaignFromJson(edited);
        } catch (LoyaltyJsonException expected) {
            // the only allowed failure
        }
    }

    @Provide
    Arbitrary<String> edits() {
        Arbitrary<String> base = Arbitraries.of(RULES, CAMPAIGN);
        return Combinators.combine(
                        base,
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 12),
                        Arbitraries.of(
                                "", "x", "\"", "{", "}", "[", "]", ",", ":", "0", "-1", "null", "true", "1e99", "\"\""))
                .as((text, at, cut, insert) -> {
                    int i = at % (text.length() + 1);
                    int j = Math.min(text.length(), i + cut);
                    return text.substring(0, i) + insert + text.substring(j);
                });
    }
}
