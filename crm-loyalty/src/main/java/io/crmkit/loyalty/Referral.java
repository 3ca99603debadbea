package io.crmkit.loyalty;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.OrderId;
import java.time.Instant;
import java.util.Optional;

/**
 * A new member attributed to the member who referred them, and the reward once the referee first buys.
 *
 * <pre>{@code
 * Referral r = referrals.attribute(newMember, "K7Q2M9XWP", now);
 * referrals.onOrder(firstOrder, now).flatMap(Referral::reward);
 * }</pre>
 *
 * @param referee the new member
 * @param referrer who referred them
 * @param code the referral code used
 * @param at when it was attributed
 * @param reward the reward, once the referee's first purchase was rewarded
 */
public record Referral(MemberId referee, MemberId referrer, String code, Instant at, Optional<Reward> reward) {

    /**
     * The reward of a referral.
     *
     * @param order the referee's first order
     * @param at when it was rewarded
     * @param referrerPoints points given to the referrer
     * @param refereePoints points given to the referee
     */
    public record Reward(OrderId order, Instant at, long referrerPoints, long refereePoints) {
        /** @throws InvalidValueException if a field is null or points are negative */
        public Reward {
            if (order == null || at == null || referrerPoints < 0 || refereePoints < 0) {
                throw new InvalidValueException("reward", "order and at are required; points not negative");
            }
        }
    }

    /** @throws InvalidValueException if a field is null or the referee is the referrer */
    public Referral {
        if (referee == null || referrer == null || code == null || at == null || reward == null) {
            throw new InvalidValueException("referral", "no field may be null");
        }
        if (referee.equals(referrer)) {
            throw new InvalidValueException("referral", "a member cannot refer themselves: " + referee.value());
        }
    }

    /**
     * @param r the reward
     * @return this referral, rewarded
     */
    public Referral rewarded(Reward r) {
        return new Referral(referee, referrer, code, at, Optional.of(r));
    }
}
