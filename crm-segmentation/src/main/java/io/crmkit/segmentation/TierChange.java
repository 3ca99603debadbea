package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of a member's tier history: when it happened, the tier before and after (empty for
 * "no tier") and why.
 *
 * <pre>{@code
 * for (TierChange c : status.history()) {
 *     // 2025-06-03T04:00:00Z UPGRADE silver -> gold
 *     System.out.println(c.at() + " " + c.reason() + " " + c.from().orElse("-") + " -> " + c.to().orElse("-"));
 * }
 * }</pre>
 *
 * @param at when it happened: the joining instant, the instant of the order that made the member
 *     qualify, or the review instant (the first instant of the next period)
 * @param from the tier before, empty for none
 * @param to the tier after, empty for none; for {@link Reason#GRACE_USED} the same as {@code from}
 * @param reason why
 */
public record TierChange(Instant at, Optional<String> from, Optional<String> to, Reason reason) {

    /** Why a member's tier changed (or, for {@link #GRACE_USED}, did not). */
    public enum Reason {
        /** The member joined: they get the tier they qualify for then (the base tier, if any). */
        JOINED,
        /** An order made the member qualify for a higher tier; upgrades happen at once. */
        UPGRADE,
        /** At a review the member fell short of their tier and had no grace left for it. */
        REVIEW_DOWNGRADE,
        /** At a review the member fell short of their tier but kept it, using one review of grace. */
        GRACE_USED
    }

    /** @throws InvalidValueException if a field is null */
    public TierChange {
        if (at == null || from == null || to == null || reason == null) {
            throw new InvalidValueException("tierChange", "at, from, to and reason are required");
        }
    }

    @Override
    public String toString() {
        return at + " " + reason + " " + from.orElse("(none)") + " -> " + to.orElse("(none)");
    }
}
