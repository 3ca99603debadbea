package io.crmkit.loyalty.spi;

import io.crmkit.core.MemberId;
import io.crmkit.loyalty.Voucher;
import io.crmkit.loyalty.VoucherEvent;
import io.crmkit.loyalty.VoucherId;
import java.util.List;
import java.util.Optional;

/**
 * Where prepaid vouchers live: the current state of each voucher with a version, and its events
 * with unique idempotency keys. {@link #apply} is a compare-and-set of the version plus the insert
 * of the event, atomically.
 *
 * <pre>{@code
 * VoucherService vouchers = VoucherService.builder(brand).store(myStore).build();
 * }</pre>
 */
public interface VoucherStore {
    /** The outcome of {@link #apply}. */
    enum ApplyResult {
        /** Stored. */
        APPLIED,
        /** The stored version is not {@code event.after().version() - 1} (or the voucher exists, for version 1). */
        STALE_VERSION,
        /** An event with that key exists: nothing stored. */
        DUPLICATE_KEY
    }

    /**
     * @param id a voucher id
     * @return its current state
     */
    Optional<Voucher> find(VoucherId id);

    /**
     * @param member a member
     * @return the vouchers the member holds now, in id order
     */
    List<Voucher> heldBy(MemberId member);

    /**
     * @param key an idempotency key
     * @return the event stored with it
     */
    Optional<VoucherEvent> findEvent(String key);

    /**
     * @param id a voucher id
     * @return its events, oldest first
     */
    List<VoucherEvent> events(VoucherId id);

    /**
     * Stores {@code event.after()} as the voucher's new state and the event, if the key is new and
     * the stored version is one less (absent for version 1); atomically.
     *
     * @param event the change
     * @return what happened
     */
    ApplyResult apply(VoucherEvent event);
}
