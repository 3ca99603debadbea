package io.crmkit.automation;

import static io.crmkit.automation.Sim.local;
import static io.crmkit.automation.Sim.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Member;
import io.crmkit.core.Order;
import io.crmkit.segmentation.Where;
import io.crmkit.segmentation.Window;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** The flows of DOMAIN.md §4 (S4, S5, birthday), run on a virtual clock. */
class ScenarioTest {

    static Journey survey7d() {
        return Journey.builder("survey-7d")
                .entry(Entry.on(Trigger.orderPlaced()))
                .reentry(Reentry.always())
                .step(Step.waitFor("wait-7d", Duration.ofDays(7)))
                .step(Step.send("survey", ContactChannel.EMAIL, "survey", vars("name", "${member.name}")))
                .goal(Goal.of(Trigger.interaction(InteractionType.SURVEY_ANSWERED), Duration.ofDays(14)))
                .build();
    }

    static Journey firstPurchaseThanks() {
        return Journey.builder("first-thanks")
                .entry(Entry.on(Trigger.firstOrder()))
                .step(Step.waitFor("wait-3d", Duration.ofDays(3)))
                .step(Step.send("thanks", ContactChannel.EMAIL, "thanks-needs-survey"))
                .build();
    }

    static Journey repeatBuyerOffer() {
        return Journey.builder("repeat-offer")
                .entry(Entry.on(Trigger.orderPlaced()))
                .reentry(Reentry.once())
                .filter(Where.orderCount(Window.allTime()).atLeast(3))
                .step(Step.send("offer", ContactChannel.EMAIL, "referral-bonus"))
                .build();
    }

    static Journey winBack() {
        return Journey.builder("win-back")
                .entry(Entry.repurchaseDue(2.0, 90, LocalTime.of(11, 0)))
                .reentry(Reentry.oncePer(Period.ofDays(30)))
                .step(Step.send("miss-you", ContactChannel.EMAIL, "we-miss-you"))
                .goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(30)))
                .build();
    }

    @Test
    void s4OrderlyStandardFlows() {
        Sim sim = new Sim();
        for (Journey j : java.util.List.of(survey7d(), firstPurchaseThanks(), repeatBuyerOffer(), winBack())) {
            sim.engine.deploy(j);
        }
        sim.member("M1", local("2026-01-01T09:00"));
        sim.order("M1", local("2026-01-05T20:00"), true);
        sim.order("M1", local("2026-01-25T20:00"), false);
        sim.order("M1", local("2026-02-14T20:00"), false);
        // average cycle 20 days → win-back due 40 days after 14 Feb, at 11:00
        sim.advance(local("2026-06-01T00:00"));

        assertThat(sim.log())
                .containsExactly(
                        "2026-01-08T20:00 M1 thanks-needs-survey",
                        "2026-01-12T20:00 M1 survey {name=會員 M1}",
                        "2026-02-01T20:00 M1 survey {name=會員 M1}",
                        "2026-02-14T20:00 M1 referral-bonus",
                        "2026-02-21T20:00 M1 survey {name=會員 M1}",
                        "2026-03-26T11:00 M1 we-miss-you");
        assertThat(sim.engine.metrics().journey(JourneyId.of("win-back")).entered())
                .isEqualTo(1);
    }

    @Test
    void winBackIsCancelledWhenTheMemberBuysAgainAndConvertsWithinTheWindow() {
        Sim sim = new Sim();
        sim.engine.deploy(winBack());
        sim.member("M1", local("2026-01-01T09:00"));
        sim.order("M1", local("2026-01-05T20:00"), true); // one purchase: fallback 90 days x 2 = 180 days
        sim.order("M1", local("2026-01-15T20:00"), false); // cycle 10 days → due 20 days later
        sim.advance(local("2026-02-04T12:00"));
        assertThat(sim.log()).containsExactly("2026-02-04T11:00 M1 we-miss-you");
        sim.order("M1", local("2026-02-10T10:00"), false); // converts; schedules the next due date
        assertThat(sim.engine.metrics().journey(JourneyId.of("win-back")).converted())
                .isEqualTo(1);
        assertThat(sim.engine
                        .metrics()
                        .step(JourneyId.of("win-back"), 1, "miss-you")
                        .conversions())
                .isEqualTo(1);
        // the 180-day entry of the first order is cancelled: its anchor is no longer the last purchase;
        // the third order's cycle is 18 days → due 36 days later
        sim.advance(local("2026-12-31T00:00"));
        assertThat(sim.log()).containsExactly("2026-02-04T11:00 M1 we-miss-you", "2026-03-18T11:00 M1 we-miss-you");
        assertThat(sim.engine.metrics().journey(JourneyId.of("win-back")).cancelled())
                .isEqualTo(1);
    }

    static Journey s5() {
        return Journey.builder("s5-lifecycle")
                .entry(Entry.on(Trigger.memberRegistered()))
                .step(Step.waitFor("next-day", Duration.ofDays(1)))
                .step(Step.branch(
                        "bought?", Where.orderCount(Window.allTime()).atLeast(1), "wait-delivery", "welcome-coupon"))
                .step(Step.issueCoupon("welcome-coupon", "new-customer-30off"))
                .step(Step.goTo(
                        Step.send("welcome", ContactChannel.EMAIL, "welcome", vars("code", "${coupon}")),
                        "wait-delivery"))
                .step(new Step.WaitForEvent("wait-delivery", Trigger.orderDelivered(), Duration.ofDays(60), null, null))
                .step(Step.waitFor("day-after", Duration.ofDays(1)))
                .step(Step.send("tips", ContactChannel.EMAIL, "thanks-usage-tips"))
                .step(Step.waitFor("ten-days", Duration.ofDays(10)))
                .step(Step.send("rate", ContactChannel.EMAIL, "rating-request"))
                .step(Step.waitForEvent(
                        "rated", Trigger.interaction(InteractionType.SURVEY_ANSWERED, 5), Duration.ofDays(14), "later"))
                .step(Step.issueCoupon("five-stars", "thanks-10off"))
                .step(Step.send("thank-coupon", ContactChannel.EMAIL, "thanks-coupon", vars("code", "${coupon}")))
                .step(Step.goTo(Step.waitFor("later", Duration.ofDays(90)), "reminder"))
                .step(Step.send("reminder", ContactChannel.EMAIL, "reminder-new-picks"))
                .build();
    }

    @Test
    void s5LifecycleFlow() {
        Sim sim = new Sim();
        sim.engine.deploy(s5());
        Member m = sim.member("M5", local("2026-03-01T21:00"));
        sim.register(m);
        Order o = sim.order("M5", local("2026-03-03T12:00"), true);
        sim.deliver(o, local("2026-03-05T15:00"));
        sim.answer("M5", local("2026-03-17T08:00"), 5);
        sim.advance(local("2026-12-31T00:00"));

        assertThat(sim.log())
                .containsExactly(
                        "2026-03-02T21:00 M5 welcome {code=CPN-1}",
                        "2026-03-06T15:00 M5 thanks-usage-tips",
                        "2026-03-16T15:00 M5 rating-request",
                        "2026-03-17T08:00 M5 thanks-coupon {code=CPN-2}",
                        "2026-06-15T08:00 M5 reminder-new-picks");
        assertThat(sim.coupons).extracting(r -> r.campaign()).containsExactly("new-customer-30off", "thanks-10off");
    }

    @Test
    void s5LowRatingGetsNoCouponButTheReminderAfterTheTimeout() {
        Sim sim = new Sim();
        sim.engine.deploy(s5());
        Member m = sim.member("M6", local("2026-03-01T21:00"));
        sim.register(m);
        Order o = sim.order("M6", local("2026-03-01T22:00"), true); // bought before the welcome: no coupon
        sim.deliver(o, local("2026-03-04T10:00"));
        sim.answer("M6", local("2026-03-16T08:00"), 3);
        sim.advance(local("2026-12-31T00:00"));
        assertThat(sim.log())
                .containsExactly(
                        "2026-03-05T10:00 M6 thanks-usage-tips",
                        "2026-03-15T10:00 M6 rating-request",
                        "2026-06-27T10:00 M6 reminder-new-picks");
        assertThat(sim.coupons).isEmpty();
    }

    static Journey birthday() {
        return Journey.builder("birthday")
                .entry(Entry.birthday(0, LocalTime.of(10, 0)))
                .reentry(Reentry.oncePer(Period.ofMonths(11)))
                .step(Step.issueCoupon("gift", "birthday-cake"))
                .step(Step.send(
                        "greeting", null, "happy-birthday", vars("name", "${member.name}", "code", "${coupon}")))
                .build();
    }

    @Test
    void birthdayAtTenLocalTimeAcrossZonesAndLeapDays() {
        Sim sim = new Sim();
        sim.member("TPE", local("2020-01-01T00:00"), b -> b.birthday(LocalDate.of(1990, 3, 3)));
        sim.member("LEAP", local("2020-01-01T00:00"), b -> b.birthday(LocalDate.of(1996, 2, 29)));
        sim.member(
                "NYC",
                local("2020-01-01T00:00"),
                b -> b.birthday(LocalDate.of(1985, 3, 3)).attribute(Guards.ZONE, "America/New_York"));
        sim.member("NONE", local("2020-01-01T00:00"), b -> b.birthday(null));
        sim.engine.deploy(birthday());
        sim.advance(local("2027-01-01T00:00").minusSeconds(1)); // the cursor starts here: 2026-12-31
        sim.engine.tick(local("2027-01-01T00:00"));
        sim.advance(local("2029-03-05T00:00"));

        assertThat(sim.log())
                .containsExactly(
                        "2027-02-28T10:00 LEAP happy-birthday {code=CPN-1, name=會員 LEAP}",
                        "2027-03-03T10:00 TPE happy-birthday {code=CPN-2, name=會員 TPE}",
                        "2027-03-03T23:00 NYC happy-birthday {code=CPN-3, name=會員 NYC}", // 10:00 EST
                        "2028-02-29T10:00 LEAP happy-birthday {code=CPN-4, name=會員 LEAP}",
                        "2028-03-03T10:00 TPE happy-birthday {code=CPN-5, name=會員 TPE}",
                        "2028-03-03T23:00 NYC happy-birthday {code=CPN-6, name=會員 NYC}",
                        "2029-02-28T10:00 LEAP happy-birthday {code=CPN-7, name=會員 LEAP}",
                        "2029-03-03T10:00 TPE happy-birthday {code=CPN-8, name=會員 TPE}",
                        "2029-03-03T23:00 NYC happy-birthday {code=CPN-9, name=會員 NYC}");
        assertThat(sim.store.find(JourneyInstance.idOf(
                        JourneyId.of("birthday"), io.crmkit.core.MemberId.of("TPE"), "birthday:2028")))
                .get()
                .extracting(JourneyInstance::outcome)
                .isEqualTo(JourneyInstance.Outcome.COMPLETED);
    }
}
