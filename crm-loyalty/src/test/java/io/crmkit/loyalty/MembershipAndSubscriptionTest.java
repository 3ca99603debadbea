package io.crmkit.loyalty;

import static io.crmkit.loyalty.Fixtures.BRAND;
import static io.crmkit.loyalty.Fixtures.HAO;
import static io.crmkit.loyalty.Fixtures.MEI;
import static io.crmkit.loyalty.Fixtures.T0;
import static io.crmkit.loyalty.Fixtures.days;
import static io.crmkit.loyalty.Fixtures.twd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.MemberId;
import io.crmkit.core.ProductId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;

class MembershipAndSubscriptionTest {
    private static final MembershipPlan PLUS =
            new MembershipPlan("plus", "Plus 會員", twd(1_200), Period.ofYears(1), Period.ofDays(30));

    @Test
    void payingDuringATermRenewsFromItsEndAndLateWithinGraceStillCountsAsRenewal() {
        MembershipService ms = MembershipService.builder(BRAND).plan(PLUS).build();
        MembershipTerm t1 = ms.pay(MEI, "plus", "pay-1", T0);
        assertThat(t1.renewal()).isFalse();
        assertThat(t1.end()).isEqualTo(Instant.parse("2027-03-01T02:00:00Z"));
        assertThat(ms.pay(MEI, "plus", "pay-1", days(1))).isEqualTo(t1);
        MembershipTerm t2 = ms.pay(MEI, "plus", "pay-2", days(355));
        assertThat(t2.renewal()).isTrue();
        assertThat(t2.start()).isEqualTo(t1.end());
        assertThat(ms.status(MEI, days(400)).orElseThrow()).isEqualTo(new MembershipStatus("plus", T0, t2.end(), 2));

        MembershipTerm h1 = ms.pay(HAO, "plus", "pay-3", T0);
        MembershipTerm h2 = ms.pay(HAO, "plus", "pay-4", h1.end().plus(Period.ofDays(10)));
        assertThat(h2.renewal()).isTrue();
        assertThat(ms.status(HAO, h1.end().plusSeconds(1))).isEmpty(); // a gap: not a member meanwhile
        assertThatThrownBy(() -> ms.pay(MEI, "gold", "pay-5", T0))
                .isInstanceOf(UnknownCodeException.class)
                .hasMessageContaining("gold");
        assertThatThrownBy(() -> ms.pay(HAO, "plus", "pay-1", T0)).isInstanceOf(IdempotencyConflictException.class);
    }

    @Test
    void theRenewalReportCountsRenewedLapsedAndUndecidedTerms() {
        MembershipService ms = MembershipService.builder(BRAND).plan(PLUS).build();
        for (int i = 0; i < 10; i++) {
            ms.pay(MemberId.of("M" + i), "plus", "join-" + i, T0);
        }
        Instant end = Instant.parse("2027-03-01T02:00:00Z");
        for (int i = 0; i < 7; i++) {
            ms.pay(MemberId.of("M" + i), "plus", "renew-" + i, end.minus(Period.ofDays(5)));
        }
        ms.pay(MemberId.of("M7"), "plus", "renew-7", end.plus(Period.ofDays(10))); // late, within grace
        RenewalReport during = ms.renewalReport("plus", T0, days(400), end.plus(Period.ofDays(5)));
        assertThat(during.due()).isEqualTo(10);
        assertThat(during.renewed()).isEqualTo(7);
        assertThat(during.undecided()).isEqualTo(3);
        RenewalReport after = ms.renewalReport("plus", T0, days(400), end.plus(Period.ofDays(31)));
        assertThat(after.renewed()).isEqualTo(8);
        assertThat(after.lapsed()).isEqualTo(2);
        assertThat(after.rate()).isEqualTo(0.8);
        // reminders a month before the end: M7, M8, M9 have not renewed yet; after M7's late payment only M8, M9
        assertThat(ms.dueForRenewal(end.minus(Period.ofDays(30)), end.plusSeconds(1), end.minus(Period.ofDays(1))))
                .extracting(t -> t.member().value())
                .containsExactly("M7", "M8", "M9");
        assertThat(ms.dueForRenewal(T0, days(400), end.plus(Period.ofDays(31))))
                .extracting(t -> t.member().value())
                .containsExactly("M8", "M9");
    }

    private static final SubscriptionPlan BEANS =
            new SubscriptionPlan(ProductId.of("P-BEANS"), "咖啡豆 500g", 1, twd(520), Period.ofMonths(1), 3);

    @Test
    void monthlyDeliveriesKeepTheMonthEndAndStopWhenCancelled() {
        SubscriptionService ss = SubscriptionService.builder(BRAND).build();
        Subscription s = ss.subscribe(MEI, BEANS, LocalDate.of(2026, 3, 31), "web-1", T0);
        assertThat(ss.subscribe(MEI, BEANS, LocalDate.of(2026, 3, 31), "web-1", days(1)))
                .isEqualTo(s);
        assertThat(ss.expectedOrders(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 7, 1)))
                .extracting(ExpectedOrder::date)
                .containsExactly(
                        LocalDate.of(2026, 3, 31),
                        LocalDate.of(2026, 4, 30),
                        LocalDate.of(2026, 5, 31),
                        LocalDate.of(2026, 6, 30));
        assertThat(ss.reminders(LocalDate.of(2026, 4, 27), LocalDate.of(2026, 4, 28)))
                .containsExactly(new Reminder("web-1", MEI, LocalDate.of(2026, 4, 27), LocalDate.of(2026, 4, 30)));
        assertThat(ss.expectedOrders(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 2, 1)))
                .extracting(ExpectedOrder::delivery)
                .containsExactly(46);

        ss.cancel("web-1", MEI, LocalDate.of(2026, 6, 1), "web-2", days(10));
        assertThat(ss.expectedOrders(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 12, 1)))
                .extracting(ExpectedOrder::date)
                .containsExactly(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 31));
        assertThatThrownBy(() -> ss.cancel("web-1", HAO, LocalDate.of(2026, 5, 1), "web-3", days(10)))
                .isInstanceOfSatisfying(
                        NotAllowedException.class,
                        e -> assertThat(e.reason()).isEqualTo(NotAllowedException.Reason.NOT_HOLDER));
        assertThatThrownBy(() -> ss.subscribe(MEI, BEANS, LocalDate.of(2026, 2, 1), "web-4", T0))
                .isInstanceOf(io.crmkit.core.InvalidValueException.class)
                .hasMessageContaining("firstDelivery");
    }
}
