package io.crmkit.loyalty;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.StoreId;
import java.time.Instant;
import java.util.Optional;

/**
 * One change of a voucher, stored with its idempotency key: the purchase, a unit picked up, a gift.
 *
 * <pre>{@code
 * VoucherEvent e = vouchers.redeem(id, member, StoreId.of("S-101"), "pos-9912", now);
 * e.after().remaining(); // 9
 * }</pre>
 *
 * @param key the idempotency key, unique across vouchers
 * @param type what happened
 * @param actor the member who bought, used or gave it
 * @param to for a gift, the new holder
 * @param store for a redemption, the store
 * @param at when
 * @param after the voucher after the change
 */
public record VoucherEvent(
        String key,
        Type type,
        MemberId actor,
        Optional<MemberId> to,
        Optional<StoreId> store,
        Instant at,
        Voucher after) {

    /** Kinds of voucher changes. */
    public enum Type {
        /** Bought. */
        PURCHASED,
        /** One unit picked up. */
        REDEEMED,
        /** Given to another member. */
        GIFTED
    }

    /** @throws InvalidValueException if a field is null */
    public VoucherEvent {
        if (key == null
                || key.isBlank()
                || type == null
                || actor == null
                || to == null
                || store == null
                || at == null
                || after == null) {
            throw new InvalidValueException("voucherEvent", "no field may be null; key not blank");
        }
    }
}
