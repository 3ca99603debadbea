package io.crmkit.loyalty.spi;

import io.crmkit.core.MemberId;
import io.crmkit.loyalty.LedgerEntry;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the points ledger lives: append-only entries per member with a compare-and-set on the
 * member's next sequence number and a unique reference across the whole ledger. A SQL adapter keeps
 * a table with primary key (member, sequence) and a unique index on reference, and appends with one
 * {@code INSERT} that fails on either.
 *
 * <pre>{@code
 * PointsLedger ledger = PointsLedger.builder(brand).store(myStore).build();
 * }</pre>
 */
public interface PointsLedgerStore {
    /** The outcome of {@link #append}. */
    enum AppendResult {
        /** Stored. */
        APPENDED,
        /** The member's ledger already has an entry at that sequence: re-read and retry. */
        STALE_SEQUENCE,
        /** Another entry (of any member) has that reference: nothing stored. */
        DUPLICATE_REFERENCE
    }

    /**
     * @param member a member
     * @return the member's entries in sequence order (0, 1, 2 … without gaps); empty if none
     */
    List<LedgerEntry> entries(MemberId member);

    /**
     * @param reference an idempotency key
     * @return the entry stored with it, if any
     */
    Optional<LedgerEntry> findByReference(String reference);

    /**
     * Stores the entry if and only if its sequence equals the number of entries the member has and
     * no entry has its reference; atomically.
     *
     * @param entry the entry
     * @return what happened
     */
    AppendResult append(LedgerEntry entry);

    /** @return the members with at least one entry, in id order */
    Stream<MemberId> members();
}
