package io.crmkit.loyalty;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import java.time.Period;

/**
 * A paid membership plan (Costco's yearly fee, a brand's "black card" subscription).
 *
 * <pre>{@code
 * MembershipPlan plus = new MembershipPlan("plus", "Plus 會員", Money.of(1_200, twd), Period.ofYears(1), Period.ofDays(30));
 * }</pre>
 *
 * @param id the plan id, 1 to 100 characters
 * @param name its name
 * @param fee the fee per term
 * @param term how long one paid term lasts
 * @param renewalGrace how long after a term ends a payment still counts as a renewal (else a new join)
 */
public record MembershipPlan(String id, String name, Money fee, Period term, Period renewalGrace) {
    /** @throws InvalidValueException if a field is missing or out of range */
    public MembershipPlan {
        if (id == null
                || id.isBlank()
                || id.length() > 100
                || name == null
                || fee == null
                || term == null
                || renewalGrace == null) {
            throw new InvalidValueException(
                    "membershipPlan", "id (1 to 100 characters), name, fee, term, renewalGrace are required");
        }
        if (fee.isNegative()) {
            throw new InvalidValueException("membershipPlan[" + id + "].fee", "must not be negative");
        }
        if (term.isNegative() || term.isZero()) {
            throw new InvalidValueException("membershipPlan[" + id + "].term", "must be positive, was " + term);
        }
        if (renewalGrace.isNegative()) {
            throw new InvalidValueException("membershipPlan[" + id + "].renewalGrace", "must not be negative");
        }
    }
}
