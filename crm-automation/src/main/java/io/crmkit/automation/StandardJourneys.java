package io.crmkit.automation;

import io.crmkit.core.InteractionType;
import io.crmkit.segmentation.Where;
import io.crmkit.segmentation.Window;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Period;
import java.util.List;
import java.util.Map;

/**
 * The flows every brand starts with (DOMAIN.md §4, ORDERLY's standard flows), ready to deploy or to
 * adapt with {@link Journey#toBuilder()}. Messages go to the member's preferred reachable channel;
 * template ids and coupon campaigns are the names below, for the host to map to its own.
 *
 * <table>
 *   <caption>The standard journeys</caption>
 *   <tr><th>id</th><th>entry</th><th>steps</th><th>goal</th></tr>
 *   <tr><td>{@code welcome}</td><td>registered</td><td>wait 1 day; if no purchase yet: coupon
 *       {@code welcome}, message {@code welcome} with {@code ${coupon}}</td><td>an order within 14 days</td></tr>
 *   <tr><td>{@code first-purchase-thanks}</td><td>first purchase</td><td>wait 3 days; message
 *       {@code thanks-first-purchase}</td><td>—</td></tr>
 *   <tr><td>{@code survey-7d}</td><td>every order</td><td>wait 7 days; message {@code survey-7d}</td>
 *       <td>a survey answer within 14 days</td></tr>
 *   <tr><td>{@code win-back}</td><td>2 × the personal repurchase cycle after the last purchase (90
 *       days for one-time buyers), 11:00; at most once per 90 days</td><td>split 90% treated / 10%
 *       control; treated: coupon {@code win-back}, message {@code we-miss-you}</td><td>an order within 30 days</td></tr>
 *   <tr><td>{@code birthday}</td><td>the birthday at 10:00 local time; once per 11 months</td>
 *       <td>coupon {@code birthday}, message {@code happy-birthday} with {@code ${member.name}} and
 *       {@code ${coupon}}</td><td>an order within 30 days</td></tr>
 * </table>
 */
public final class StandardJourneys {
    private StandardJourneys() {}

    /** @return the welcome journey */
    public static Journey welcome() {
        return Journey.builder("welcome")
                .name("Welcome: a new-customer coupon the day after signing up without buying")
                .entry(Entry.on(Trigger.memberRegistered()))
                .step(Step.waitFor("next-day", Duration.ofDays(1)))
                .step(Step.branch("bought", Where.orderCount(Window.allTime()).atLeast(1), "done", "coupon"))
                .step(Step.issueCoupon("coupon", "welcome"))
                .step(Step.send("welcome", null, "welcome", Map.of("name", "${member.name}", "code", "${coupon}")))
                .step(Step.exit("done"))
                .goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(14)))
                .build();
    }

    /** @return the first-purchase thank-you journey */
    public static Journey firstPurchaseThanks() {
        return Journey.builder("first-purchase-thanks")
                .name("Thank-you and needs survey 3 days after a first purchase")
                .entry(Entry.on(Trigger.firstOrder()))
                .step(Step.waitFor("wait-3d", Duration.ofDays(3)))
                .step(Step.send("thanks", null, "thanks-first-purchase", Map.of("name", "${member.name}")))
                .build();
    }

    /** @return the 7-day satisfaction survey journey */
    public static Journey survey7d() {
        return Journey.builder("survey-7d")
                .name("Satisfaction survey 7 days after every purchase")
                .entry(Entry.on(Trigger.orderPlaced()))
                .reentry(Reentry.always())
                .step(Step.waitFor("wait-7d", Duration.ofDays(7)))
                .step(Step.send("survey", null, "survey-7d", Map.of("name", "${member.name}")))
                .goal(Goal.of(Trigger.interaction(InteractionType.SURVEY_ANSWERED), Duration.ofDays(14)))
                .build();
    }

    /** @return the win-back journey, with a 10% control group */
    public static Journey winBack() {
        return Journey.builder("win-back")
                .name("We miss you: 2 repurchase cycles without a purchase")
                .entry(Entry.repurchaseDue(2.0, 90, LocalTime.of(11, 0)))
                .reentry(Reentry.oncePer(Period.ofDays(90)))
                .step(Step.split("ab", Step.arm("treated", 90, "coupon"), Step.control(10)))
                .step(Step.issueCoupon("coupon", "win-back"))
                .step(Step.send("miss-you", null, "we-miss-you", Map.of("name", "${member.name}", "code", "${coupon}")))
                .goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(30)))
                .build();
    }

    /** @return the birthday journey */
    public static Journey birthday() {
        return Journey.builder("birthday")
                .name("Birthday greeting with the member's name and a coupon, 10:00 local time")
                .entry(Entry.birthday(0, LocalTime.of(10, 0)))
                .reentry(Reentry.oncePer(Period.ofMonths(11)))
                .step(Step.issueCoupon("gift", "birthday"))
                .step(Step.send(
                        "greeting", null, "happy-birthday", Map.of("name", "${member.name}", "code", "${coupon}")))
                .goal(Goal.of(Trigger.orderPlaced(), Duration.ofDays(30)))
                .build();
    }

    /** @return welcome, first-purchase thanks, 7-day survey, win-back and birthday */
    public static List<Journey> all() {
        return List.of(welcome(), firstPurchaseThanks(), survey7d(), winBack(), birthday());
    }
}
