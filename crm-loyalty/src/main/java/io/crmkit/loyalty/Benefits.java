package io.crmkit.loyalty;

import io.crmkit.core.Crm;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.segmentation.Benefit;
import io.crmkit.segmentation.TierProgram;
import io.crmkit.segmentation.TierStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The tier benefits a member holds at an instant, for the other modules to ask: the points
 * multiplier, free shipping, the birthday gift, or any benefit key. Tiers are crm-segmentation's
 * {@link TierProgram}: a member's tier is evaluated from their orders as of the instant.
 *
 * <pre>{@code
 * Benefits benefits = Benefits.of(tiers, crm);
 * benefits.pointsMultiplier(member, order.placedAt()); // 2 for diamond, 1 without the benefit
 * benefits.freeShipping(member, now);
 * benefits.birthdayGift(member, now);                  // Optional["咖啡豆 200g"]
 * }</pre>
 */
public final class Benefits {
    /** The benefit key of the points multiplier (a decimal). */
    public static final String POINTS_MULTIPLIER = "pointsMultiplier";
    /** The benefit key of free shipping (a flag). */
    public static final String FREE_SHIPPING = "freeShipping";
    /** The benefit key of the birthday gift (a text). */
    public static final String BIRTHDAY_GIFT = "birthdayGift";

    private static final Benefits NONE = new Benefits(null, null);

    private final TierProgram program;
    private final Crm crm;

    private Benefits(TierProgram program, Crm crm) {
        this.program = program;
        this.crm = crm;
    }

    /**
     * @param program the tier programme
     * @param crm the CRM whose members and orders decide the tier
     * @return the benefits of that programme's tiers
     */
    public static Benefits of(TierProgram program, Crm crm) {
        if (program == null || crm == null) {
            throw new InvalidValueException("benefits", "program and crm are required");
        }
        return new Benefits(program, crm);
    }

    /** @return no tiers: every member has no benefit, multiplier 1 */
    public static Benefits none() {
        return NONE;
    }

    /**
     * @param member a member
     * @param at the instant
     * @return the member's tier status then; empty for an unknown member or {@link #none()}
     */
    public Optional<TierStatus> tier(MemberId member, Instant at) {
        if (program == null) {
            return Optional.empty();
        }
        return program.evaluate(crm, member, at);
    }

    /**
     * @param member a member
     * @param key a benefit key
     * @param at the instant
     * @return the benefit of the tier the member holds then, if it gives one
     */
    public Optional<Benefit> benefit(MemberId member, String key, Instant at) {
        return tier(member, at).flatMap(s -> s.benefit(key));
    }

    /**
     * @param member a member
     * @param at the instant
     * @return the tier's {@value #POINTS_MULTIPLIER} benefit, 1 if none; never below 0
     */
    public BigDecimal pointsMultiplier(MemberId member, Instant at) {
        return multiplier(member, POINTS_MULTIPLIER, at);
    }

    /**
     * @param member a member
     * @param key the benefit key holding a multiplier
     * @param at the instant
     * @return the decimal benefit, 1 if none, 0 if negative
     */
    public BigDecimal multiplier(MemberId member, String key, Instant at) {
        BigDecimal m = benefit(member, key, at).flatMap(Benefit::asDecimal).orElse(BigDecimal.ONE);
        return m.signum() < 0 ? BigDecimal.ZERO : m;
    }

    /**
     * @param member a member
     * @param at the instant
     * @return true if the tier gives {@value #FREE_SHIPPING}
     */
    public boolean freeShipping(MemberId member, Instant at) {
        return benefit(member, FREE_SHIPPING, at).flatMap(Benefit::asFlag).orElse(false);
    }

    /**
     * @param member a member
     * @param at the instant
     * @return the tier's {@value #BIRTHDAY_GIFT}, if any
     */
    public Optional<String> birthdayGift(MemberId member, Instant at) {
        return benefit(member, BIRTHDAY_GIFT, at).flatMap(Benefit::asText);
    }
}
