package io.crmkit.loyalty;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import java.time.Instant;

/**
 * One paid term of a membership, as stored (append-only per member).
 *
 * <pre>{@code
 * MembershipTerm t = memberships.pay(member, plus, "pay-771", now);
 * t.renewal(); t.start(); t.end();
 * }</pre>
 *
 * @param member the member
 * @param sequence its position among the member's terms, from 0
 * @param planId the plan
 * @param start first instant of the term
 * @param end the instant it ends (exclusive)
 * @param paid the fee paid
 * @param paidAt when it was paid
 * @param renewal true if paid before the previous term ended or within the plan's renewal grace
 * @param key the idempotency key
 */
public record MembershipTerm(
        MemberId member,
        long sequence,
        String planId,
        Instant start,
        Instant end,
        Money paid,
        Instant paidAt,
        boolean renewal,
        String key) {
    /** @throws InvalidValueException if a field is missing or inconsistent */
    public MembershipTerm {
        if (member == null
                || planId == null
                || start == null
                || end == null
                || paid == null
                || paidAt == null
                || key == null
                || key.isBlank()) {
            throw new InvalidValueException("membershipTerm", "no field may be null; key not blank");
        }
        if (!end.isAfter(start) || sequence < 0) {
            throw new InvalidValueException("membershipTerm", "end must be after start and sequence not negative");
        }
    }
}
