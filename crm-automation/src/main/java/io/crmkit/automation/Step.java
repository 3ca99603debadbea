package io.crmkit.automation;

import io.crmkit.core.ContactChannel;
import io.crmkit.core.InvalidValueException;
import io.crmkit.segmentation.Condition;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One step of a journey. Every step has an {@link #id()}, unique in its journey and part of every
 * effect's idempotency key, and goes on to {@link #next()} — or, when that is null, to the step
 * written after it (the journey ends after the last one). Branches and splits name their targets.
 *
 * <pre>{@code
 * Step.waitFor("wait-7d", Duration.ofDays(7));
 * Step.waitUntil("at-10", LocalTime.of(10, 0));                    // next 10:00 in the member's zone
 * Step.waitForEvent("rated", Trigger.interaction(SURVEY_ANSWERED), Duration.ofDays(14), "no-answer");
 * Step.branch("vip?", Where.tagged("vip"), "vip-offer", "plain-offer");
 * Step.split("ab", Step.arm("a", 45, "offer-a"), Step.arm("b", 45, "offer-b"), Step.control(10));
 * Step.send("survey", ContactChannel.EMAIL, "survey-7d", Map.of("name", "${member.name}"));
 * Step.issueCoupon("coupon", "birthday-2026");
 * Step.tag("tagged", "surveyed"); Step.untag("untagged", "lapsed");
 * Step.awardPoints("points", 100, "birthday");
 * Step.custom("crm-ticket", "open-ticket", Map.of("queue", "vip"));
 * Step.exit("done");
 * }</pre>
 */
public sealed interface Step
        permits Step.Wait,
                Step.WaitUntil,
                Step.WaitForEvent,
                Step.Branch,
                Step.Split,
                Step.Send,
                Step.IssueCoupon,
                Step.Tag,
                Step.AwardPoints,
                Step.Custom,
                Step.Exit {

    /** Step ids: a letter or digit, then up to 63 letters, digits, {@code - _ . ?}. */
    Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.?-]{0,63}");

    /** @return the step's id, unique in its journey */
    String id();

    /** @return the step to go on to, or null for the step written after this one */
    @Nullable
    String next();

    /** @return whether this step has an effect outside the engine (message, coupon, points, tag, custom) */
    default boolean isAction() {
        return false;
    }

    /**
     * Waits a fixed time.
     *
     * @param id the id
     * @param duration how long, positive
     * @param next the step after, or null
     */
    record Wait(String id, Duration duration, @Nullable String next) implements Step {
        /** @throws InvalidValueException if the id or duration is not valid */
        public Wait {
            checkId(id, next);
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new InvalidValueException("step " + id + ".duration", "must be positive");
            }
        }
    }

    /**
     * Waits until the first time of day {@code at} on one of {@code days}, in the member's zone,
     * strictly after the moment of arriving.
     *
     * @param id the id
     * @param at the local time
     * @param days the weekdays allowed (all seven for any day)
     * @param next the step after, or null
     */
    record WaitUntil(
            String id,
            LocalTime at,
            Set<DayOfWeek> days,
            @Nullable String next) implements Step {
        /** @throws InvalidValueException if a field is missing or no day is allowed */
        public WaitUntil {
            checkId(id, next);
            if (at == null || days == null || days.isEmpty()) {
                throw new InvalidValueException("step " + id, "a time and at least one weekday are required");
            }
            days = Set.copyOf(EnumSet.copyOf(days));
        }
    }

    /**
     * Waits for an event of the member; goes on to {@link #next()} when it comes, or to {@code
     * onTimeout} when {@code timeout} passes first.
     *
     * @param id the id
     * @param trigger the awaited event
     * @param timeout how long to wait, positive
     * @param onTimeout the step on timeout, or null to leave the journey
     * @param next the step after the event, or null
     */
    record WaitForEvent(
            String id,
            Trigger trigger,
            Duration timeout,
            @Nullable String onTimeout,
            @Nullable String next) implements Step {
        /** @throws InvalidValueException if a field is missing or the timeout is not positive */
        public WaitForEvent {
            checkId(id, next);
            if (trigger == null) {
                throw new InvalidValueException("step " + id + ".trigger", "is required");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new InvalidValueException("step " + id + ".timeout", "must be positive");
            }
            checkTarget(id, "onTimeout", onTimeout);
        }
    }

    /**
     * Tests a segment condition on the member's current view and goes to {@code then} or {@code
     * otherwise}.
     *
     * @param id the id
     * @param condition the test
     * @param then the step when it holds
     * @param otherwise the step when it does not
     */
    record Branch(String id, Condition condition, String then, String otherwise) implements Step {
        /** @throws InvalidValueException if a field is missing */
        public Branch {
            checkId(id, null);
            if (condition == null || then == null || otherwise == null) {
                throw new InvalidValueException("step " + id, "condition, then and otherwise are required");
            }
            checkTarget(id, "then", then);
            checkTarget(id, "otherwise", otherwise);
        }

        @Override
        public @Nullable String next() {
            return null;
        }
    }

    /**
     * One arm of a {@link Split}.
     *
     * @param label the arm's name in reports
     * @param percent its share, 1..100
     * @param target the step it goes to; null for a control arm, whose members take no further step
     *     but stay until the goal's window ends so that their conversions are counted
     */
    record Arm(String label, int percent, @Nullable String target) {
        /** @throws InvalidValueException if out of range */
        public Arm {
            if (label == null || !ID.matcher(label).matches()) {
                throw new InvalidValueException("arm.label", "\"" + label + "\" is not a valid label");
            }
            if (percent < 1 || percent > 100) {
                throw new InvalidValueException("arm " + label + ".percent", "must be 1..100, not " + percent);
            }
        }

        /** @return whether this is a control (hold-out) arm */
        public boolean control() {
            return target == null;
        }
    }

    /**
     * Splits members at random by percentages. A member's arm is a stable hash of the member and
     * the journey id, so re-entering (or a new version) takes the same arm while the arms stay the
     * same.
     *
     * @param id the id
     * @param arms the arms, percentages adding up to 100
     */
    record Split(String id, List<Arm> arms) implements Step {
        /** @throws InvalidValueException if the arms are not valid */
        public Split {
            checkId(id, null);
            if (arms == null || arms.size() < 2) {
                throw new InvalidValueException("step " + id + ".arms", "needs at least two arms");
            }
            arms = List.copyOf(arms);
            int sum = 0;
            Map<String, Arm> seen = new LinkedHashMap<>();
            for (Arm a : arms) {
                sum += a.percent();
                if (seen.put(a.label(), a) != null) {
                    throw new InvalidValueException("step " + id + ".arms", "label \"" + a.label() + "\" used twice");
                }
                checkTarget(id, "arm " + a.label(), a.target());
            }
            if (sum != 100) {
                throw new InvalidValueException("step " + id + ".arms", "percentages add up to " + sum + ", not 100");
            }
        }

        @Override
        public @Nullable String next() {
            return null;
        }
    }

    /**
     * Sends a message through the {@link io.crmkit.automation.spi.MessageGateway}. Variables may
     * name member fields ({@code ${member.name}}, {@code ${member.id}}, {@code ${member.email}}) and
     * results of earlier steps ({@code ${coupon}}: the code of the last coupon issued in this entry).
     *
     * @param id the id
     * @param channel the channel, or null for the member's preferred reachable channel
     * @param template the host's template id
     * @param variables personal variables for the template
     * @param next the step after, or null
     */
    record Send(
            String id,
            @Nullable ContactChannel channel,
            String template,
            Map<String, String> variables,
            @Nullable String next)
            implements Step {
        /** @throws InvalidValueException if the template is missing */
        public Send {
            checkId(id, next);
            if (template == null || template.isBlank()) {
                throw new InvalidValueException("step " + id + ".template", "is required");
            }
            variables = Map.copyOf(variables == null ? Map.of() : variables);
        }

        @Override
        public boolean isAction() {
            return true;
        }
    }

    /**
     * Issues a coupon of a campaign through the {@link io.crmkit.automation.spi.CouponIssuer}.
     *
     * @param id the id
     * @param campaign the coupon campaign
     * @param next the step after, or null
     */
    record IssueCoupon(String id, String campaign, @Nullable String next) implements Step {
        /** @throws InvalidValueException if the campaign is missing */
        public IssueCoupon {
            checkId(id, next);
            if (campaign == null || campaign.isBlank()) {
                throw new InvalidValueException("step " + id + ".campaign", "is required");
            }
        }

        @Override
        public boolean isAction() {
            return true;
        }
    }

    /**
     * Adds or removes a tag through the {@link io.crmkit.automation.spi.TagWriter}.
     *
     * @param id the id
     * @param tag the tag name
     * @param add true to add, false to remove
     * @param next the step after, or null
     */
    record Tag(String id, String tag, boolean add, @Nullable String next) implements Step {
        /** @throws InvalidValueException if the tag is missing */
        public Tag {
            checkId(id, next);
            if (tag == null || tag.isBlank()) {
                throw new InvalidValueException("step " + id + ".tag", "is required");
            }
        }

        @Override
        public boolean isAction() {
            return true;
        }
    }

    /**
     * Awards points through the {@link io.crmkit.automation.spi.PointsAwarder}.
     *
     * @param id the id
     * @param points how many, positive
     * @param reason why, shown on the member's statement
     * @param next the step after, or null
     */
    record AwardPoints(
            String id, long points, String reason, @Nullable String next) implements Step {
        /** @throws InvalidValueException if the points are not positive */
        public AwardPoints {
            checkId(id, next);
            if (points <= 0) {
                throw new InvalidValueException("step " + id + ".points", "must be positive");
            }
            if (reason == null || reason.isBlank()) {
                throw new InvalidValueException("step " + id + ".reason", "is required");
            }
        }

        @Override
        public boolean isAction() {
            return true;
        }
    }

    /**
     * Calls a host's {@link io.crmkit.automation.spi.CustomAction} by name.
     *
     * @param id the id
     * @param action the action's name
     * @param params its parameters
     * @param next the step after, or null
     */
    record Custom(
            String id,
            String action,
            Map<String, String> params,
            @Nullable String next) implements Step {
        /** @throws InvalidValueException if the action is missing */
        public Custom {
            checkId(id, next);
            if (action == null || action.isBlank()) {
                throw new InvalidValueException("step " + id + ".action", "is required");
            }
            params = Map.copyOf(params == null ? Map.of() : params);
        }

        @Override
        public boolean isAction() {
            return true;
        }
    }

    /**
     * Leaves the journey (members with a goal stay counted until its window ends).
     *
     * @param id the id
     */
    record Exit(String id) implements Step {
        /** @throws InvalidValueException if the id is not valid */
        public Exit {
            checkId(id, null);
        }

        @Override
        public @Nullable String next() {
            return null;
        }
    }

    /**
     * @param id the id
     * @param duration how long
     * @return a fixed wait
     */
    static Step waitFor(String id, Duration duration) {
        return new Wait(id, duration, null);
    }

    /**
     * @param id the id
     * @param at the local time
     * @return a wait until the next such time on any day
     */
    static Step waitUntil(String id, LocalTime at) {
        return new WaitUntil(id, at, EnumSet.allOf(DayOfWeek.class), null);
    }

    /**
     * @param id the id
     * @param at the local time
     * @param days the weekdays allowed
     * @return a wait until the next such time on one of the days
     */
    static Step waitUntil(String id, LocalTime at, Set<DayOfWeek> days) {
        return new WaitUntil(id, at, days, null);
    }

    /**
     * @param id the id
     * @param trigger the awaited event
     * @param timeout how long to wait
     * @param onTimeout the step on timeout, or null to leave
     * @return a wait for an event
     */
    static Step waitForEvent(String id, Trigger trigger, Duration timeout, @Nullable String onTimeout) {
        return new WaitForEvent(id, trigger, timeout, onTimeout, null);
    }

    /**
     * @param id the id
     * @param condition the test
     * @param then the step when it holds
     * @param otherwise the step when not
     * @return a branch
     */
    static Step branch(String id, Condition condition, String then, String otherwise) {
        return new Branch(id, condition, then, otherwise);
    }

    /**
     * @param id the id
     * @param arms the arms
     * @return a random split
     */
    static Step split(String id, Arm... arms) {
        return new Split(id, List.of(arms));
    }

    /**
     * @param label the arm's label
     * @param percent its share
     * @param target the step it goes to
     * @return a split arm
     */
    static Arm arm(String label, int percent, String target) {
        if (target == null) {
            throw new InvalidValueException("arm " + label + ".target", "is required (use control() for a hold-out)");
        }
        return new Arm(label, percent, target);
    }

    /**
     * @param percent its share
     * @return a control (hold-out) arm labelled {@code control}
     */
    static Arm control(int percent) {
        return new Arm("control", percent, null);
    }

    /**
     * @param id the id
     * @param channel the channel, or null for the member's preferred one
     * @param template the template id
     * @return a message without variables
     */
    static Step send(String id, @Nullable ContactChannel channel, String template) {
        return new Send(id, channel, template, Map.of(), null);
    }

    /**
     * @param id the id
     * @param channel the channel, or null for the member's preferred one
     * @param template the template id
     * @param variables personal variables
     * @return a message
     */
    static Step send(String id, @Nullable ContactChannel channel, String template, Map<String, String> variables) {
        return new Send(id, channel, template, variables, null);
    }

    /**
     * @param id the id
     * @param campaign the coupon campaign
     * @return a coupon
     */
    static Step issueCoupon(String id, String campaign) {
        return new IssueCoupon(id, campaign, null);
    }

    /**
     * @param id the id
     * @param tag the tag
     * @return adds the tag
     */
    static Step tag(String id, String tag) {
        return new Tag(id, tag, true, null);
    }

    /**
     * @param id the id
     * @param tag the tag
     * @return removes the tag
     */
    static Step untag(String id, String tag) {
        return new Tag(id, tag, false, null);
    }

    /**
     * @param id the id
     * @param points how many
     * @param reason why
     * @return awards points
     */
    static Step awardPoints(String id, long points, String reason) {
        return new AwardPoints(id, points, reason, null);
    }

    /**
     * @param id the id
     * @param action the action's name
     * @param params its parameters
     * @return calls a custom action
     */
    static Step custom(String id, String action, Map<String, String> params) {
        return new Custom(id, action, params, null);
    }

    /**
     * @param id the id
     * @return leaves the journey
     */
    static Step exit(String id) {
        return new Exit(id);
    }

    /**
     * @param step a step
     * @param next the step to go on to
     * @return the same step going on to {@code next} instead of the following step
     * @throws InvalidValueException for branches, splits and exits, which name their own targets
     */
    static Step goTo(Step step, String next) {
        checkTarget(step.id(), "next", next);
        if (step instanceof Wait w) {
            return new Wait(w.id(), w.duration(), next);
        } else if (step instanceof WaitUntil w) {
            return new WaitUntil(w.id(), w.at(), w.days(), next);
        } else if (step instanceof WaitForEvent w) {
            return new WaitForEvent(w.id(), w.trigger(), w.timeout(), w.onTimeout(), next);
        } else if (step instanceof Send s) {
            return new Send(s.id(), s.channel(), s.template(), s.variables(), next);
        } else if (step instanceof IssueCoupon c) {
            return new IssueCoupon(c.id(), c.campaign(), next);
        } else if (step instanceof Tag t) {
            return new Tag(t.id(), t.tag(), t.add(), next);
        } else if (step instanceof AwardPoints p) {
            return new AwardPoints(p.id(), p.points(), p.reason(), next);
        } else if (step instanceof Custom c) {
            return new Custom(c.id(), c.action(), c.params(), next);
        }
        throw new InvalidValueException(
                "step " + step.id() + ".next",
                "a " + step.getClass().getSimpleName().toLowerCase() + " names its own targets");
    }

    private static void checkId(String id, @Nullable String next) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidValueException(
                    "step.id",
                    "\"" + id + "\" is not a step id (a letter or digit, then up to 63 of A-Z a-z 0-9 _ . ? -)");
        }
        checkTarget(id, "next", next);
    }

    private static void checkTarget(String id, String field, @Nullable String target) {
        if (target != null && !ID.matcher(target).matches()) {
            throw new InvalidValueException("step " + id + "." + field, "\"" + target + "\" is not a step id");
        }
    }
}
