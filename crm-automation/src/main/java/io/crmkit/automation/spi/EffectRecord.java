package io.crmkit.automation.spi;

import io.crmkit.automation.JourneyId;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The engine's log entry for one effect: written as {@link Status#PENDING} before a gateway is
 * called and completed after, so that a restarted engine knows, by {@link #key()}, what was done.
 *
 * @param key the idempotency key: {@code journey/v<version>/member/entryKey/step#n}
 * @param kind what kind of effect
 * @param journey the journey
 * @param journeyVersion its version
 * @param member the member
 * @param step the step
 * @param at when the effect was intended
 * @param status its state
 * @param detail the result (a coupon code) or the failure's message, or null
 * @param completedAt when it was completed, or null while pending
 */
public record EffectRecord(
        String key,
        Kind kind,
        JourneyId journey,
        int journeyVersion,
        MemberId member,
        String step,
        Instant at,
        Status status,
        @Nullable String detail,
        @Nullable Instant completedAt) {

    /** The kinds of effect. */
    public enum Kind {
        /** A message through the {@link MessageGateway}. */
        MESSAGE,
        /** A coupon through the {@link CouponIssuer}. */
        COUPON,
        /** Points through the {@link PointsAwarder}. */
        POINTS,
        /** A tag through the {@link TagWriter}. */
        TAG,
        /** A {@link CustomAction}. */
        CUSTOM
    }

    /** The state of an effect. */
    public enum Status {
        /** Intended; the gateway may or may not have carried it out. */
        PENDING,
        /** Carried out. */
        DONE,
        /** Failed for good (a permanent failure, or transient failures until the retries ran out). */
        FAILED
    }

    /** @throws InvalidValueException if a field is missing */
    public EffectRecord {
        if (key == null
                || kind == null
                || journey == null
                || member == null
                || step == null
                || at == null
                || status == null) {
            throw new InvalidValueException("effect", "key, kind, journey, member, step, at and status are required");
        }
    }

    /**
     * @param s the final status
     * @param d the detail, or null
     * @param when when completed
     * @return the completed record
     */
    public EffectRecord complete(Status s, @Nullable String d, Instant when) {
        return new EffectRecord(key, kind, journey, journeyVersion, member, step, at, s, d, when);
    }
}
