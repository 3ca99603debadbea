package io.crmkit.loyalty;

import java.time.Instant;

/**
 * A member's paid membership at an instant.
 *
 * <pre>{@code
 * memberships.status(member, now).ifPresent(s -> s.until());
 * }</pre>
 *
 * @param planId the plan of the current term
 * @param since start of the unbroken run of terms that includes now
 * @param until end of the last paid term of that run
 * @param termsPaid terms paid in that run
 */
public record MembershipStatus(String planId, Instant since, Instant until, int termsPaid) {}
