package io.crmkit.automation.spi;

import io.crmkit.automation.JourneyId;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One member's entry into one journey: where it is, when it runs next, and what it remembers.
 * Stored by a {@link JourneyStateStore}; a store must keep every field exactly.
 *
 * @param id {@code journey/member/entryKey}, unique
 * @param journey the journey
 * @param journeyVersion the version the member entered (and finishes on)
 * @param member the member
 * @param entryKey what made it enter, e.g. {@code order:O-17} or {@code birthday:2026}
 * @param enteredAt when it entered (or is due to enter, when {@link Status#SCHEDULED})
 * @param status where it is in its life
 * @param step the step to run (or being waited on), null when finished
 * @param dueAt when it runs next, null when it waits only for an event or is finished
 * @param arm the split arm it took last, or null
 * @param lastStep the last action step it carried out (for attribution), or null
 * @param actions how many action steps it has passed (part of the idempotency key)
 * @param attempt the attempt number of the current action after transient failures, 0 at first
 * @param context values remembered between steps (e.g. {@code coupon} → the issued code)
 * @param outcome how it ended, null while not finished
 * @param version optimistic-lock version, 1 when first stored
 */
public record JourneyInstance(
        String id,
        JourneyId journey,
        int journeyVersion,
        MemberId member,
        String entryKey,
        Instant enteredAt,
        Status status,
        @Nullable String step,
        @Nullable Instant dueAt,
        @Nullable String arm,
        @Nullable String lastStep,
        int actions,
        int attempt,
        Map<String, String> context,
        @Nullable Outcome outcome,
        long version) {

    /** Where an instance is in its life. */
    public enum Status {
        /** Due to enter at {@code dueAt} (date rules, inactivity); not yet admitted by the re-entry policy. */
        SCHEDULED,
        /** Runnable at {@code dueAt} (just entered, woke up, or retrying an action). */
        RUNNING,
        /** Waiting for a time; goes on at {@code dueAt}. */
        WAITING,
        /** Waiting for an event; times out at {@code dueAt}. */
        WAITING_EVENT,
        /** Took no more steps (finished or control group) but counts a goal until {@code dueAt}. */
        AWAITING_GOAL,
        /** Finished; see {@code outcome}. */
        DONE
    }

    /** How an instance ended. */
    public enum Outcome {
        /** Reached the end of its steps (and the goal's window passed without a conversion). */
        COMPLETED,
        /** The goal event came within the window. */
        CONVERTED,
        /** A scheduled entry that the re-entry policy or the entry filter refused. */
        NOT_ADMITTED,
        /** A scheduled entry that no longer applied when due (e.g. the member bought again). */
        CANCELLED,
        /** Left through an exit step or a wait-for-event timeout without a target. */
        EXITED
    }

    /** @throws InvalidValueException if a field is missing */
    public JourneyInstance {
        if (id == null
                || journey == null
                || member == null
                || entryKey == null
                || enteredAt == null
                || status == null) {
            throw new InvalidValueException(
                    "instance", "id, journey, member, entryKey, enteredAt and status are required");
        }
        if ((status == Status.DONE) != (outcome != null)) {
            throw new InvalidValueException("instance " + id + ".outcome", "is required when done and only then");
        }
        context = Map.copyOf(context == null ? Map.of() : context);
    }

    /**
     * @param journey the journey
     * @param member the member
     * @param entryKey the entry key
     * @return the instance id {@code journey/member/entryKey}
     */
    public static String idOf(JourneyId journey, MemberId member, String entryKey) {
        return journey.value() + "/" + member.value() + "/" + entryKey;
    }

    /**
     * @return the start of every idempotency key of this instance's effects, {@code
     *     journey/v<version>/member/entryKey/}; a key adds {@code step#n} (step ids hold no {@code /})
     */
    public String effectKeyPrefix() {
        return journey.value() + "/v" + journeyVersion + "/" + member.value() + "/" + entryKey + "/";
    }

    /** @return whether the instance is still in the journey (running or waiting; not awaiting a goal only) */
    public boolean inJourney() {
        return status == Status.RUNNING || status == Status.WAITING || status == Status.WAITING_EVENT;
    }

    /** @return whether an event can still change it (in the journey or awaiting a goal) */
    public boolean live() {
        return inJourney() || status == Status.AWAITING_GOAL;
    }

    /**
     * @param s the new status
     * @param newStep the new step
     * @param due when it runs next
     * @return a copy, one version later
     */
    public JourneyInstance moveTo(Status s, @Nullable String newStep, @Nullable Instant due) {
        return new JourneyInstance(
                id,
                journey,
                journeyVersion,
                member,
                entryKey,
                enteredAt,
                s,
                newStep,
                due,
                arm,
                lastStep,
                actions,
                s == status && java.util.Objects.equals(newStep, step) ? attempt : 0,
                context,
                null,
                version + 1);
    }

    /**
     * @param o the outcome
     * @return a finished copy, one version later
     */
    public JourneyInstance finish(Outcome o) {
        return new JourneyInstance(
                id,
                journey,
                journeyVersion,
                member,
                entryKey,
                enteredAt,
                Status.DONE,
                null,
                null,
                arm,
                lastStep,
                actions,
                0,
                context,
                o,
                version + 1);
    }

    /**
     * @param a the arm taken
     * @return a copy with the arm (same version: not yet stored)
     */
    public JourneyInstance withArm(String a) {
        return new JourneyInstance(
                id,
                journey,
                journeyVersion,
                member,
                entryKey,
                enteredAt,
                status,
                step,
                dueAt,
                a,
                lastStep,
                actions,
                attempt,
                context,
                outcome,
                version);
    }

    /**
     * @param actionStep the action step carried out
     * @param key a context key to remember, or null
     * @param value its value
     * @return a copy that has passed one more action (same version: not yet stored)
     */
    public JourneyInstance afterAction(String actionStep, @Nullable String key, @Nullable String value) {
        Map<String, String> c = context;
        if (key != null && value != null) {
            java.util.Map<String, String> m = new java.util.HashMap<>(context);
            m.put(key, value);
            c = m;
        }
        return new JourneyInstance(
                id,
                journey,
                journeyVersion,
                member,
                entryKey,
                enteredAt,
                status,
                step,
                dueAt,
                arm,
                actionStep,
                actions + 1,
                0,
                c,
                outcome,
                version);
    }

    /**
     * @param due when to try again
     * @return a copy retrying the current action at {@code due}, one attempt and one version later
     */
    public JourneyInstance retryAt(Instant due) {
        return new JourneyInstance(
                id,
                journey,
                journeyVersion,
                member,
                entryKey,
                enteredAt,
                Status.RUNNING,
                step,
                due,
                arm,
                lastStep,
                actions,
                attempt + 1,
                context,
                null,
                version + 1);
    }
}
