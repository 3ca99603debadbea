package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A member's standing in a {@link TierProgram} as of an instant: the tier they hold and since when,
 * the next review, what they spent over the qualification window so far, what is missing for the
 * next tier and to keep the current one, and the full history of changes.
 *
 * <pre>{@code
 * TierStatus s = program.evaluate(orders, member.joinedAt(), brand.now(), brand);
 * String tier = s.tier().map(Tier::name).orElse("none");
 * s.toNext().flatMap(TierStatus.Progress::missingSpend)
 *         .ifPresent(m -> show(m + " more for " + s.toNext().get().tier().name())); // "TWD 2300.00 more for gold"
 * }</pre>
 *
 * @param asOf the instant the status describes
 * @param tier the tier the member holds, empty if none
 * @param since when the member got the tier they hold (the last change of tier), empty if none
 * @param graceUsed how many reviews in a row the member fell short of their tier and kept it on grace
 * @param nextReview the first review after {@code asOf}: the start of the next period in the brand's zone
 * @param qualifyingSpend the net spend over the qualification window as of {@code asOf}
 * @param qualifyingOrders the orders that count over the qualification window as of {@code asOf}
 * @param qualifiedTier the highest tier that spend and orders reach now (a review compares this, as
 *     of the period's last instant, with the tier held); empty if none
 * @param toNext the tier above the one held and what is missing for it; empty at the top tier
 * @param toKeep what is missing, as of now, to keep the held tier at the next review; empty with no
 *     tier or a base tier
 * @param history every change up to {@code asOf}, oldest first
 */
public record TierStatus(
        Instant asOf,
        Optional<Tier> tier,
        Optional<Instant> since,
        int graceUsed,
        Instant nextReview,
        Money qualifyingSpend,
        int qualifyingOrders,
        Optional<Tier> qualifiedTier,
        Optional<Progress> toNext,
        Optional<Progress> toKeep,
        List<TierChange> history) {

    /**
     * How far a member is from a tier's requirements.
     *
     * <pre>{@code
     * Progress p = status.toNext().orElseThrow();
     * p.missingSpend();   // Optional[TWD 2300.00]; empty if the tier asks for no spend
     * p.missingOrders();  // OptionalInt[0]: that requirement is met
     * }</pre>
     *
     * @param tier the tier
     * @param reached true if the requirements are met (as the program's {@link TierProgram.Match} combines them)
     * @param missingSpend how much more net spend the tier's spend requirement needs, zero if met;
     *     empty if the tier has no spend requirement
     * @param missingOrders how many more orders the tier's order requirement needs, zero if met;
     *     empty if the tier has no order requirement
     */
    public record Progress(Tier tier, boolean reached, Optional<Money> missingSpend, OptionalInt missingOrders) {
        /** @throws InvalidValueException if a field is null */
        public Progress {
            if (tier == null || missingSpend == null || missingOrders == null) {
                throw new InvalidValueException("progress", "tier, missingSpend and missingOrders are required");
            }
        }
    }

    /** @throws InvalidValueException if a field is null or negative */
    public TierStatus {
        if (asOf == null
                || tier == null
                || since == null
                || nextReview == null
                || qualifyingSpend == null
                || qualifiedTier == null
                || toNext == null
                || toKeep == null
                || history == null) {
            throw new InvalidValueException("tierStatus", "no field may be null");
        }
        if (graceUsed < 0 || qualifyingOrders < 0) {
            throw new InvalidValueException("tierStatus", "graceUsed and qualifyingOrders must not be negative");
        }
        if (tier.isPresent() != since.isPresent()) {
            throw new InvalidValueException("tierStatus.since", "must be present exactly when a tier is held");
        }
        history = List.copyOf(history);
    }

    /** @return the name of the tier held, empty if none */
    public Optional<String> tierName() {
        return tier.map(Tier::name);
    }

    /**
     * A benefit of the tier held, e.g. for the points multiplier of an order placed now.
     *
     * <pre>{@code
     * BigDecimal multiplier = status.benefit("pointsMultiplier").flatMap(Benefit::asDecimal).orElse(BigDecimal.ONE);
     * }</pre>
     *
     * @param key a benefit key
     * @return its value, if the member holds a tier that gives it
     */
    public Optional<Benefit> benefit(String key) {
        return tier.flatMap(t -> t.benefit(key));
    }
}
