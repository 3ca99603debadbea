package io.crmkit.loyalty.spi;

import io.crmkit.core.MemberId;
import io.crmkit.loyalty.Referral;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where referral codes and referrals live. A code belongs to one member and a member has one code;
 * a referee has at most one referral; {@link #attribute} refuses, atomically, a referral that would
 * close a loop (the referrer was referred, at any depth, by the referee). A SQL adapter checks the
 * loop with a recursive query inside a serializable transaction.
 *
 * <pre>{@code
 * ReferralService r = ReferralService.builder(brand).store(myStore).build();
 * }</pre>
 */
public interface ReferralStore {
    /** The outcome of {@link #attribute}. */
    enum AttributeResult {
        /** Stored. */
        ATTRIBUTED,
        /** The referee already has a referral: nothing stored. */
        ALREADY_REFERRED,
        /** The referrer descends from the referee: nothing stored. */
        LOOP
    }

    /**
     * Gives a member a code unless they have one; atomically.
     *
     * @param member the member
     * @param code a new code
     * @return the member's code afterwards (their earlier one if they had one); empty if the code
     *     belongs to another member (draw another)
     */
    Optional<String> putCodeIfAbsent(MemberId member, String code);

    /**
     * @param member a member
     * @return their code
     */
    Optional<String> codeOf(MemberId member);

    /**
     * @param code a code
     * @return who owns it
     */
    Optional<MemberId> ownerOf(String code);

    /**
     * @param referral a new, unrewarded referral
     * @return what happened
     */
    AttributeResult attribute(Referral referral);

    /**
     * @param referee a member
     * @return their referral
     */
    Optional<Referral> referralOf(MemberId referee);

    /**
     * Records the reward if the referral has none; atomically.
     *
     * @param referee the referee
     * @param reward the reward
     * @return the referral afterwards (with the earlier reward if it had one); empty if none
     */
    Optional<Referral> reward(MemberId referee, Referral.Reward reward);

    /** @return every referral, in referee id order */
    Stream<Referral> referrals();
}
