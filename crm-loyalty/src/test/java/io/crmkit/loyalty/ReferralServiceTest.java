package io.crmkit.loyalty;

import static io.crmkit.loyalty.Fixtures.BRAND;
import static io.crmkit.loyalty.Fixtures.T0;
import static io.crmkit.loyalty.Fixtures.days;
import static io.crmkit.loyalty.Fixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.loyalty.NotAllowedException.Reason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferralServiceTest {
    private static final MemberId A = MemberId.of("A");
    private static final MemberId B = MemberId.of("B");
    private static final MemberId C = MemberId.of("C");
    private static final MemberId D = MemberId.of("D");

    private static void assertReason(Runnable call, Reason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        NotAllowedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void attributionRewardsOnTheFirstPurchaseAndRefusesSelfSecondReferrerAndLoops() {
        PointsLedger ledger = PointsLedger.builder(BRAND).build();
        ReferralService rs =
                ReferralService.builder(BRAND).ledger(ledger).rewards(200, 100).build();
        String a = rs.codeFor(A);
        assertThat(rs.codeFor(A)).isEqualTo(a);
        Referral ab = rs.attribute(B, a.toLowerCase(), T0);
        assertThat(rs.attribute(B, a, days(1))).isEqualTo(ab);
        assertReason(() -> rs.attribute(A, a, T0), Reason.SELF_REFERRAL);
        assertReason(() -> rs.attribute(B, rs.codeFor(C), T0), Reason.ALREADY_REFERRED);
        rs.attribute(C, rs.codeFor(B), T0); // A → B → C
        assertReason(() -> rs.attribute(A, rs.codeFor(C), T0), Reason.REFERRAL_LOOP);
        assertThatThrownBy(() -> rs.attribute(D, "NOPE2345", T0)).isInstanceOf(UnknownCodeException.class);

        assertThat(rs.onOrder(order("O1", B, days(2), 500), days(2))).isPresent();
        assertThat(rs.onOrder(order("O1", B, days(2), 500), days(3))).isPresent(); // a retry: paid once
        assertThat(rs.onOrder(order("O2", B, days(4), 500), days(4))).isEmpty(); // not the first order
        assertThat(ledger.balance(A, days(5)).points()).isEqualTo(200);
        assertThat(ledger.balance(B, days(5)).points()).isEqualTo(100);
        assertThat(rs.onOrder(order("O3", D, days(2), 500), days(2))).isEmpty(); // D was never referred
    }

    @Test
    void seedCustomersRankByConvertedThenDescendants() {
        ReferralService rs = ReferralService.builder(BRAND).build();
        rs.attribute(B, rs.codeFor(A), T0);
        rs.attribute(C, rs.codeFor(A), T0);
        rs.attribute(D, rs.codeFor(B), T0);
        rs.attribute(MemberId.of("E"), rs.codeFor(D), T0);
        rs.onOrder(order("O1", D, days(1), 100), days(1));
        assertThat(rs.seedCustomers(10, days(2)))
                .containsExactly(
                        new SeedCustomer(B, 1, 1, 2, Optional.empty()),
                        new SeedCustomer(A, 2, 0, 4, Optional.empty()),
                        new SeedCustomer(D, 1, 0, 1, Optional.empty()));
        assertThat(rs.seedCustomers(1, T0.minusSeconds(1))).isEmpty();
    }

    @Test
    void withACrmRefereesMustBeNewAndSeedCustomersShowTheirRefereesSpend() {
        Crm crm = Crm.inMemory(BRAND);
        for (MemberId m : List.of(A, B, C)) {
            crm.members().save(Member.builder(m, T0.minusSeconds(3_600)).build());
        }
        crm.orders().upsertAll(List.of(order("O0", C, T0.minusSeconds(60), 300)));
        ReferralService rs = ReferralService.builder(BRAND).crm(crm).build();
        String a = rs.codeFor(A);
        rs.attribute(B, a, T0);
        assertReason(() -> rs.attribute(C, a, T0), Reason.NOT_NEW_MEMBER); // bought before
        assertReason(() -> rs.attribute(D, a, T0), Reason.NOT_NEW_MEMBER); // not in the CRM
        crm.orders().upsertAll(List.of(order("O1", B, days(1), 1_200), order("O2", B, days(3), 800)));
        assertThat(rs.seedCustomers(5, days(2)))
                .containsExactly(new SeedCustomer(A, 1, 0, 1, Optional.of(Fixtures.twd(1_200))));
        assertThat(rs.seedCustomers(5, days(4)).get(0).referredSpend()).contains(Fixtures.twd(2_000));
    }
}
