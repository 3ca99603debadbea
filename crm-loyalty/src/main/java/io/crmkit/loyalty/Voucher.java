package io.crmkit.loyalty;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import java.time.Instant;

/**
 * A prepaid multi-use voucher (寄杯): units bought at once and picked up one at a time at any
 * store until they expire; the holder may give it to another member.
 *
 * <pre>{@code
 * Voucher v = vouchers.buy(member, "美式咖啡 中杯", 10, Money.of(450, twd), Period.ofMonths(6), "pos-88", now);
 * v.remaining(); // 10
 * }</pre>
 *
 * @param id the voucher id
 * @param product what one unit is
 * @param buyer who paid
 * @param holder who may use it now
 * @param units units bought, 1 to 10,000
 * @param remaining units left
 * @param paid the price paid for all units
 * @param purchasedAt when bought
 * @param expiresAt from when no unit can be used
 * @param version 1 when bought, +1 per change (the store's compare-and-set)
 */
public record Voucher(
        VoucherId id,
        String product,
        MemberId buyer,
        MemberId holder,
        int units,
        int remaining,
        Money paid,
        Instant purchasedAt,
        Instant expiresAt,
        long version) {

    /** @throws InvalidValueException if a field is missing or out of range */
    public Voucher {
        if (id == null
                || product == null
                || buyer == null
                || holder == null
                || paid == null
                || purchasedAt == null
                || expiresAt == null) {
            throw new InvalidValueException("voucher", "no field may be null");
        }
        if (product.isBlank() || product.length() > 500) {
            throw new InvalidValueException("voucher.product", "must be 1 to 500 characters");
        }
        if (units < 1 || units > 10_000) {
            throw new InvalidValueException("voucher.units", "must be 1 to 10,000, was " + units);
        }
        if (remaining < 0 || remaining > units) {
            throw new InvalidValueException("voucher.remaining", "must be 0 to " + units + ", was " + remaining);
        }
        if (paid.isNegative()) {
            throw new InvalidValueException("voucher.paid", "must not be negative, was " + paid);
        }
        if (!expiresAt.isAfter(purchasedAt)) {
            throw new InvalidValueException(
                    "voucher.expiresAt", expiresAt + " must be after the purchase " + purchasedAt);
        }
        if (version < 1) {
            throw new InvalidValueException("voucher.version", "must be at least 1");
        }
    }

    /**
     * @param asOf an instant
     * @return true if units are left and it has not expired
     */
    public boolean isUsable(Instant asOf) {
        return remaining > 0 && asOf.isBefore(expiresAt);
    }
}
