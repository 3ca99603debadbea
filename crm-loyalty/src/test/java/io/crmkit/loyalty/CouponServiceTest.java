package io.crmkit.loyalty;

import static io.crmkit.loyalty.Fixtures.BRAND;
import static io.crmkit.loyalty.Fixtures.HAO;
import static io.crmkit.loyalty.Fixtures.MEI;
import static io.crmkit.loyalty.Fixtures.T0;
import static io.crmkit.loyalty.Fixtures.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.CampaignId;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.OrderId;
import io.crmkit.loyalty.NotAllowedException.Reason;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CouponServiceTest {
    private static final CampaignId BDAY = CampaignId.of("bday-2026");
    private static final CampaignId D11 = CampaignId.of("d11");

    private static CouponService service() {
        CouponService s = CouponService.builder(BRAND).build();
        s.define(CouponCampaign.builder(BDAY, "生日禮 NT$200")
                .valid(T0, days(365))
                .validFor(Duration.ofDays(30))
                .budget(3)
                .build());
        s.define(CouponCampaign.builder(D11, "雙11 9折")
                .sharedCode("double11")
                .valid(days(10), days(20))
                .perMember(2)
                .build());
        return s;
    }

    private static void assertReason(Runnable call, Reason reason, String... mentions) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(NotAllowedException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            for (String m : mentions) {
                assertThat(e.getMessage()).contains(m);
            }
        });
    }

    @Test
    void aUniqueCouponIsIssuedOnceRedeemedOnceAndExpiresAfterItsValidity() {
        CouponService s = service();
        CouponIssue c = s.issue(BDAY, MEI, "bday:M1", T0);
        assertThat(s.issue(BDAY, MEI, "bday:M1", days(1))).isEqualTo(c);
        assertThat(c.code()).hasSize(13);
        assertThat(CouponCodes.isWellFormed(c.code())).isTrue();
        assertThat(c.expiresAt()).isEqualTo(days(30));

        String typed = c.code().substring(0, 4).toLowerCase() + "-" + c.code().substring(4);
        CouponIssue r = s.redeem(typed, MEI, OrderId.of("O1"), days(2));
        assertThat(r.redemption().orElseThrow().order()).isEqualTo(OrderId.of("O1"));
        assertThat(s.redeem(c.code(), MEI, OrderId.of("O1"), days(3))).isEqualTo(r); // a retry
        assertReason(() -> s.redeem(c.code(), MEI, OrderId.of("O2"), days(3)), Reason.ALREADY_REDEEMED, "O1");

        CouponIssue other = s.issue(BDAY, HAO, "bday:M2", T0);
        assertReason(() -> s.redeem(other.code(), MEI, OrderId.of("O3"), days(3)), Reason.NOT_HOLDER, "M1");
        assertReason(() -> s.redeem(other.code(), HAO, OrderId.of("O3"), days(30)), Reason.EXPIRED, other.code());
        assertThat(s.find("bday:M2").orElseThrow().redemption()).isEmpty();
    }

    @Test
    void limitsPerMemberAndInTotalAreTypedErrors() {
        CouponService s = service();
        s.issue(BDAY, MEI, "a", T0);
        assertReason(() -> s.issue(BDAY, MEI, "b", T0), Reason.MEMBER_LIMIT, "M1", "bday-2026");
        s.issue(BDAY, HAO, "c", T0);
        s.issue(BDAY, MemberId.of("M3"), "d", T0);
        assertReason(() -> s.issue(BDAY, MemberId.of("M4"), "e", T0), Reason.BUDGET_EXHAUSTED, "3");
        assertReason(() -> s.issue(BDAY, MemberId.of("M4"), "f", days(365)), Reason.EXPIRED);
        assertThatThrownBy(() -> s.issue(CampaignId.of("nope"), MEI, "g", T0))
                .isInstanceOf(UnknownCodeException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> s.issue(D11, MEI, "a", T0))
                .isInstanceOf(IdempotencyConflictException.class)
                .hasMessageContaining("campaign bday-2026 ≠ d11");
    }

    @Test
    void unknownAndMistypedCodesAreRefusedBeforeAnyLookUp() {
        CouponService s = service();
        CouponIssue c = s.issue(BDAY, MEI, "a", T0);
        char last = c.code().charAt(5);
        char typo = CouponCodes.ALPHABET.charAt((CouponCodes.ALPHABET.indexOf(last) + 1) % 32);
        String wrong = c.code().substring(0, 5) + typo + c.code().substring(6);
        assertThatThrownBy(() -> s.redeem(wrong, MEI, OrderId.of("O1"), days(1)))
                .isInstanceOf(UnknownCodeException.class)
                .hasMessageContaining("check character");
        assertThatThrownBy(() -> s.redeem(CouponCodes.secure(12).next(), MEI, OrderId.of("O1"), days(1)))
                .isInstanceOf(UnknownCodeException.class)
                .hasMessageContaining("never issued");
    }

    @Test
    void aSharedCodeIsIssuedOnTheSpotWithinItsWindowAndPerMemberLimit() {
        CouponService s = service();
        assertReason(() -> s.redeem("DOUBLE11", MEI, OrderId.of("O1"), days(9)), Reason.NOT_YET_VALID);
        CouponIssue a = s.redeem("double 11", MEI, OrderId.of("O1"), days(10));
        assertThat(a.code()).isEqualTo("DOUBLE11");
        assertThat(s.redeem("DOUBLE11", MEI, OrderId.of("O1"), days(11))).isEqualTo(a);
        s.redeem("DOUBLE11", MEI, OrderId.of("O2"), days(11));
        assertReason(() -> s.redeem("DOUBLE11", MEI, OrderId.of("O3"), days(12)), Reason.MEMBER_LIMIT);
        assertReason(() -> s.redeem("DOUBLE11", HAO, OrderId.of("O4"), days(20)), Reason.EXPIRED);
        assertThat(s.report(D11, days(30)).redeemed()).isEqualTo(2);
    }

    @Test
    void reportsCountIssuedRedeemedAndExpiredPerCampaignAndSegmentAsOfAnInstant() {
        CouponService s = service();
        CouponIssue a = s.issue(BDAY, MEI, "a", T0);
        s.issue(BDAY, HAO, "b", days(1));
        s.issue(BDAY, MemberId.of("M3"), "c", days(40));
        s.redeem(a.code(), MEI, OrderId.of("O1"), days(5));

        assertThat(s.report(BDAY, days(3))).isEqualTo(new CouponReport(BDAY, days(3), 2, 0, 0, 2));
        assertThat(s.report(BDAY, days(45))).isEqualTo(new CouponReport(BDAY, days(45), 3, 1, 1, 1));
        Set<MemberId> vip = Set.of(MEI, MemberId.of("M3"));
        assertThat(s.report(BDAY, vip::contains, days(45))).isEqualTo(new CouponReport(BDAY, days(45), 2, 1, 0, 1));
        assertThat(s.report(BDAY, days(45)).redemptionRate()).isEqualTo(1 / 3.0);
        assertThat(s.reports(m -> true, days(45))).containsOnlyKeys(BDAY, D11);
    }

    @Test
    void campaignsRefuseBadSettingsNamingThem() {
        assertThatThrownBy(() -> CouponCampaign.builder(BDAY, "x").valid(T0, T0).build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("campaign[bday-2026].validUntil");
        assertThatThrownBy(() -> CouponCampaign.builder(BDAY, "x")
                        .sharedCode("a!")
                        .valid(T0, days(1))
                        .build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("sharedCode");
        assertThatThrownBy(() -> CouponCampaign.builder(BDAY, "x")
                        .budget(0)
                        .valid(T0, days(1))
                        .build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("budget");
        CouponService s = service();
        assertThatThrownBy(() -> s.define(CouponCampaign.builder(CampaignId.of("other"), "x")
                        .sharedCode("DOUBLE11")
                        .valid(T0, days(1))
                        .build()))
                .isInstanceOf(IdempotencyConflictException.class)
                .hasMessageContaining("d11");
    }

    @Test
    void codesUseTheAlphabetAndAreDistinctAtScale() {
        CouponCodes codes = CouponCodes.secure(12);
        Set<String> many = codes.distinct(200_000);
        assertThat(many).hasSize(200_000);
        for (String c : many) {
            assertThat(CouponCodes.isWellFormed(c)).isTrue();
        }
        assertThat(String.join("", many)).doesNotContain("0", "O", "1", "I");
        // every character position is uniform enough: each letter appears at position 0 about 1/32 of the time
        int[] counts = new int[32];
        for (String c : many) {
            counts[CouponCodes.ALPHABET.indexOf(c.charAt(0))]++;
        }
        for (int n : counts) {
            assertThat(n).isBetween(200_000 / 32 - 600, 200_000 / 32 + 600);
        }
    }

    @Property(tries = 300)
    void theCheckCharacterCatchesEverySingleSubstitutionAndAdjacentSwap(
            @ForAll @IntRange(min = 0, max = 12) int position, @ForAll @IntRange(min = 1, max = 31) int shift) {
        String code = CouponCodes.secure(12).next();
        char[] c = code.toCharArray();
        c[position] = CouponCodes.ALPHABET.charAt((CouponCodes.ALPHABET.indexOf(c[position]) + shift) % 32);
        assertThat(CouponCodes.isWellFormed(new String(c))).isFalse();
        char[] s = code.toCharArray();
        int p = Math.min(position, 11);
        if (s[p] != s[p + 1]) {
            char t = s[p];
            s[p] = s[p + 1];
            s[p + 1] = t;
            Set<String> distinct = new HashSet<>(Set.of(code));
            if (distinct.add(new String(s))) {
                // Luhn mod N misses only swaps of the two values whose doubled sums coincide (rare); count them
                boolean ok = !CouponCodes.isWellFormed(new String(s)) || luhnBlindSpot(s[p], s[p + 1]);
                assertThat(ok).as("swap at %d of %s", p, code).isTrue();
            }
        }
    }

    private static boolean luhnBlindSpot(char a, char b) {
        int x = CouponCodes.ALPHABET.indexOf(a);
        int y = CouponCodes.ALPHABET.indexOf(b);
        return (x == 0 && y == 31) || (x == 31 && y == 0) || Math.abs(x - y) == 31;
    }
}
