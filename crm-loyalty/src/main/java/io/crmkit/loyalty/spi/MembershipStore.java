package io.crmkit.loyalty.spi;

import io.crmkit.core.MemberId;
import io.crmkit.loyalty.MembershipTerm;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where paid membership terms live: append-only per member, with a compare-and-set on the next
 * sequence number and a unique idempotency key, like {@link PointsLedgerStore}.
 *
 * <pre>{@code
 * MembershipService m = MembershipService.builder(brand).store(myStore).plan(plus).build();
 * }</pre>
 */
public interface MembershipStore {
    /**
     * @param member a member
     * @return the member's terms in sequence order
     */
    List<MembershipTerm> terms(MemberId member);

    /**
     * @param key an idempotency key
     * @return the term paid with it
     */
    Optional<MembershipTerm> findByKey(String key);

    /**
     * Stores the term if its sequence equals the member's number of terms and its key is new; atomically.
     *
     * @param term the term
     * @return the same outcomes as the ledger's append
     */
    PointsLedgerStore.AppendResult append(MembershipTerm term);

    /** @return members with at least one term, in id order */
    Stream<MemberId> members();
}
