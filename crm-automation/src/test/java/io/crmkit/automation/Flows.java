package io.crmkit.automation;

import io.crmkit.core.ContactChannel;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Money;
import io.crmkit.segmentation.SegmentId;
import io.crmkit.segmentation.Where;
import io.crmkit.segmentation.Window;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.Period;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The journeys of DOMAIN.md §4.1-4.3 (ORDERLY's standard flows S4, the S5 lifecycle, the birthday
 * greeting), built with the fluent API: what the golden files in {@code src/test/resources/journeys}
 * and the examples of {@code docs/journey-json.md} must read as.
 */
final class Flows {
    static final Currency TWD = Currency.getInstance("TWD");

    private Flows() {}

    /** S4: 7 days after a purchase, a satisfaction survey. */
    static Journey survey7d() {
        return Journey.builder("survey-7d")
                .name("7 days after a purchase: satisfaction survey")
                .entry(Entry.on(Trigger.orderPlaced()))
                .reentry(Reentry.always())
                .step(Step.waitFor("wait-7d", Duration.ofDays(7)))
                .step(Step.send("survey", ContactChannel.EMAIL, "survey-7d", Map.of("name", "${member.name}")))
                .goal(Goal.of(Trigger.interaction(InteractionType.SURVEY_ANSWERED), Duration.ofDays(14)))
                .build();
    }

    /** S4: 3 days after a first purchase, thanks and a needs survey. */
    static Journey firstPurchaseThanks() {
        return Journey.builder("first-purchase-thanks")
                .name("首購感謝：3 天後感謝與需求調查")
                .entry(Entry.on(Trigger.firstOrder()))
                .step(Step.waitFor("wait-3d", Duration.ofDays(3)))
                .step(Step.send(
                        "thanks",
                        ContactChannel.LINE,
                        "first-purchase-thanks",
                        Map.of("name", "${member.name}", "survey", "needs-survey")))
                .goal(Goal.of(Trigger.interaction(InteractionType.SURVEY_ANSWERED), Duration.ofDays(7)))
                .build();
    }

    /** S4: after several repeat purchases, a special offer, or a referral bonus for the most loyal. */
    static Journey repeatBuyerOffer() {
        return Journey.builder("repeat-buyer-offer")
                .name("Repeat buyers: special offer or referral bonus")
                .entry(Entry.on(Trigger.orderPlaced()))
                .filter(Where.orderCount(Window.allTime()).atLeast(3))
                .reentry(Reentry.oncePer(Period.ofYears(1)))
                .step(Step.branch(
                        "five-plus?", Where.orderCount(Window.allTime()).atLeast(5), "referral", "coupon"))
                .step(Step.issueCoupon("coupon", "repeat-offer"))
                .step(Step.goTo(
                        Step.send(
                                "offer",
                                ContactChannel.LINE,
                                "repeat-offer",
                                Map.of("name", "${member.name}", "coupon", "${coupon}")),
                        "done"))
                .step(Step.send("referral", ContactChannel.EMAIL, "referral-bonus", Map.of("name", "${member.name}")))
                .step(Step.awardPoints("referral-points", 200, "referral programme"))
                .step(Step.exit("done"))
                .goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(30)))
                .build();
    }

    /** S4: no purchase for 2 × the member's own repurchase cycle: "we miss you", with a control group. */
    static Journey winBack() {
        return Journey.builder("win-back")
                .name("We miss you: 2 × the repurchase cycle without a purchase")
                .entry(Entry.repurchaseDue(2.0, 90, LocalTime.of(11, 0)))
                .filter(Where.not(Where.tagged("do-not-contact")))
                .reentry(Reentry.oncePer(Period.ofMonths(6)))
                .step(Step.split("ab", Step.arm("offer", 90, "miss-you-coupon"), Step.control(10)))
                .step(Step.issueCoupon("miss-you-coupon", "win-back"))
                .step(Step.send(
                        "miss-you", null, "we-miss-you", Map.of("name", "${member.name}", "coupon", "${coupon}")))
                .goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(30)))
                .build();
    }

    /**
     * S5: signs up without buying → next day a welcome mail with a high-discount coupon; buys → the
     * day after delivery thanks with usage tips; 10 days later a rating request; 5 stars → a
     * low-discount thank-you coupon; 3 months later a reminder with new recommendations, no discount.
     */
    static Journey lifecycle() {
        return Journey.builder("s5-lifecycle")
                .name("S5 lifecycle: welcome to reminder")
                .entry(Entry.on(Trigger.memberRegistered()))
                .step(Step.waitFor("next-day", Duration.ofDays(1)))
                .step(Step.branch(
                        "bought?", Where.orderCount(Window.allTime()).atLeast(1), "delivered", "welcome-coupon"))
                .step(Step.issueCoupon("welcome-coupon", "new-customer-high"))
                .step(Step.send(
                        "welcome",
                        ContactChannel.EMAIL,
                        "welcome",
                        Map.of("name", "${member.name}", "coupon", "${coupon}")))
                .step(Step.waitForEvent("first-order", Trigger.firstOrder(), Duration.ofDays(30), "end"))
                .step(Step.waitForEvent("delivered", Trigger.orderDelivered(), Duration.ofDays(30), "end"))
                .step(Step.waitFor("day-after-delivery", Duration.ofDays(1)))
                .step(Step.send(
                        "thanks-tips", ContactChannel.EMAIL, "thanks-usage-tips", Map.of("name", "${member.name}")))
                .step(Step.waitFor("ten-days", Duration.ofDays(10)))
                .step(Step.send("rating-request", ContactChannel.EMAIL, "rating-request"))
                .step(Step.waitForEvent(
                        "five-stars",
                        Trigger.interaction(InteractionType.SURVEY_ANSWERED, 5),
                        Duration.ofDays(14),
                        "three-months"))
                .step(Step.issueCoupon("thanks-coupon", "thanks-low"))
                .step(Step.send(
                        "five-star-thanks", ContactChannel.EMAIL, "five-star-thanks", Map.of("coupon", "${coupon}")))
                .step(Step.waitFor("three-months", Duration.ofDays(90)))
                .step(Step.send(
                        "reminder",
                        ContactChannel.EMAIL,
                        "replenish-recommendations",
                        Map.of("name", "${member.name}")))
                .step(Step.exit("end"))
                .goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(180)))
                .build();
    }

    /** §4.3: on the birthday at 10:00, a coupon and a greeting with the member's name. */
    static Journey birthday() {
        return Journey.builder("birthday")
                .name("生日禮：10:00 問候與優惠券")
                .entry(Entry.birthday(0, LocalTime.of(10, 0)))
                .reentry(Reentry.oncePer(Period.ofYears(1)))
                .step(Step.issueCoupon("birthday-coupon", "birthday"))
                .step(Step.send(
                        "greeting",
                        ContactChannel.LINE,
                        "birthday-greeting",
                        Map.of("name", "${member.name}", "coupon", "${coupon}")))
                .goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(30)))
                .build();
    }

    /** The golden journeys by file name (without {@code .json}). */
    static Map<String, Journey> golden() {
        Map<String, Journey> m = new LinkedHashMap<>();
        m.put("survey-7d", survey7d());
        m.put("first-purchase-thanks", firstPurchaseThanks());
        m.put("repeat-buyer-offer", repeatBuyerOffer());
        m.put("win-back", winBack());
        m.put("s5-lifecycle", lifecycle());
        m.put("birthday", birthday());
        return m;
    }

    /** Journeys that use every other entry and step kind, for the {@code journeys/1} example. */
    static List<Journey> everyKind() {
        Journey atRisk = Journey.builder("vip-at-risk")
                .name("VIP at risk: a call from the store")
                .entry(Entry.segmentEntered(SegmentId.of("vip-at-risk")))
                .step(Step.goTo(
                        Step.waitUntil(
                                "weekday-morning",
                                LocalTime.of(9, 30),
                                EnumSet.of(
                                        DayOfWeek.MONDAY,
                                        DayOfWeek.TUESDAY,
                                        DayOfWeek.WEDNESDAY,
                                        DayOfWeek.THURSDAY,
                                        DayOfWeek.FRIDAY)),
                        "ticket"))
                .step(Step.exit("unused"))
                .step(Step.custom("ticket", "open-ticket", Map.of("queue", "vip", "priority", "high")))
                .step(Step.tag("tagged", "called"))
                .build();
        Journey leftVip = Journey.builder("left-vip")
                .entry(Entry.segmentExited(SegmentId.of("vip")))
                .reentry(Reentry.always())
                .step(Step.untag("untag", "vip-perks"))
                .build();
        Journey anniversary = Journey.builder("join-anniversary")
                .name("Membership anniversary")
                .entry(Entry.joinAnniversary(LocalTime.of(10, 0)))
                .reentry(Reentry.oncePer(Period.ofYears(1)))
                .step(Step.awardPoints("points", 100, "anniversary"))
                .step(Step.send("note", ContactChannel.APP_PUSH, "anniversary"))
                .build();
        Journey lapsed = Journey.builder("lapsed-90d")
                .name("90 days without a purchase")
                .entry(Entry.daysAfterLastPurchase(90, LocalTime.of(11, 0)))
                .step(Step.split("ab", Step.arm("a", 45, "offer-a"), Step.arm("b", 45, "offer-b"), Step.control(10)))
                .step(Step.goTo(Step.send("offer-a", ContactChannel.SMS, "lapsed-a"), "wait"))
                .step(Step.send("offer-b", ContactChannel.SMS, "lapsed-b"))
                .step(new Step.WaitForEvent(
                        "wait",
                        Trigger.interaction(InteractionType.MESSAGE_CLICKED),
                        Duration.ofHours(36),
                        null,
                        "clicked"))
                .step(Step.tag("clicked", "re-engaged"))
                .goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(14).plusHours(12)))
                .build();
        Journey double11 = Journey.builder("double-11")
                .name("11/11 broadcast")
                .version(3)
                .entry(Entry.broadcast(
                        Where.allOf(
                                Where.spend(Window.lastDays(365)).atLeast(Money.of(3_000, TWD)),
                                Where.optedIn(ContactChannel.LINE)),
                        Instant.parse("2026-11-11T02:00:00Z"),
                        Period.ofYears(1)))
                .step(Step.waitUntil("at-20", LocalTime.of(20, 0)))
                .step(Step.send("announce", ContactChannel.LINE, "double-11"))
                .build();
        return List.of(atRisk, leftVip, anniversary, lapsed, double11);
    }

    /** Guards with every setting. */
    static Guards guards() {
        return Guards.builder()
                .frequencyCap(3, Duration.ofDays(7))
                .quietHours(LocalTime.of(21, 0), LocalTime.of(9, 0))
                .suppressTags(Set.of("do-not-contact", "complaint-open"))
                .suppressAudience(Where.allOf(Where.tagged("staff"), Where.not(Where.optedIn(ContactChannel.EMAIL))))
                .build();
    }
}
