package io.crmkit.loyalty;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.StoreId;
import io.crmkit.loyalty.NotAllowedException.Reason;
import io.crmkit.loyalty.internal.InMemoryVoucherStore;
import io.crmkit.loyalty.spi.VoucherStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Prepaid multi-use vouchers (寄杯): buy N units now, pick them up one at a time at any store
 * before they expire, give the rest to another member. Every change is idempotent by key and a
 * compare-and-set on the voucher's version, so two stores redeeming the last unit at once never
 * both succeed.
 *
 * <pre>{@code
 * VoucherService vouchers = VoucherService.builder(brand).build();
 * Voucher v = vouchers.buy(member, "美式咖啡 中杯", 10, Money.of(450, twd), Period.ofMonths(6), "pos-88", now);
 * vouchers.redeem(v.id(), member, StoreId.of("S-101"), "pos-89", now);  // 9 left
 * vouchers.gift(v.id(), member, friend, "app-gift-3", now);              // the friend holds 9
 * }</pre>
 */
public final class VoucherService {
    private static final int MAX_ATTEMPTS = 1_000;

    private final BrandSettings brand;
    private final VoucherStore store;
    private final CouponCodes ids = CouponCodes.secure(10);

    private VoucherService(BrandSettings brand, VoucherStore store) {
        this.brand = brand;
        this.store = store;
    }

    /**
     * @param brand the brand's settings (expiry days in its zone)
     * @return a builder with the in-memory store
     */
    public static Builder builder(BrandSettings brand) {
        if (brand == null) {
            throw new InvalidValueException("brand", "is required");
        }
        return new Builder(brand);
    }

    /**
     * Sells a voucher. It expires at the start of the day after purchase day + validity (brand zone).
     *
     * @param buyer who pays and holds it
     * @param product what one unit is
     * @param units 1 to 10,000
     * @param paid the price of all units
     * @param validity how long it can be used
     * @param key the idempotency key
     * @param at when
     * @return the voucher as bought
     * @throws IdempotencyConflictException if the key was used for something else
     */
    public Voucher buy(MemberId buyer, String product, int units, Money paid, Period validity, String key, Instant at) {
        CouponService.requireKey(key);
        if (buyer == null || validity == null || at == null || validity.isNegative() || validity.isZero()) {
            throw new InvalidValueException("buy", "buyer, a positive validity and at are required");
        }
        Optional<VoucherEvent> first = store.findEvent(key);
        if (first.isPresent()) {
            VoucherEvent e = first.get();
            Voucher v = e.after();
            if (e.type() != VoucherEvent.Type.PURCHASED
                    || !v.buyer().equals(buyer)
                    || !v.product().equals(product)
                    || v.units() != units
                    || !v.paid().equals(paid)) {
                throw new IdempotencyConflictException(key, "it recorded " + e.type() + " of " + v.id().value());
            }
            return v;
        }
        Instant expires = LocalDate.ofInstant(at, brand.zone())
                .plus(validity)
                .plusDays(1)
                .atStartOfDay(brand.zone())
                .toInstant();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Voucher v = new Voucher(
                    VoucherId.of("V-" + ids.next()), product, buyer, buyer, units, units, paid, at, expires, 1);
            VoucherEvent e = new VoucherEvent(
                    key, VoucherEvent.Type.PURCHASED, buyer, Optional.empty(), Optional.empty(), at, v);
            switch (store.apply(e)) {
                case APPLIED -> {
                    return v;
                }
                case DUPLICATE_KEY -> {
                    return buy(buyer, product, units, paid, validity, key, at);
                }
                case STALE_VERSION -> {
                    // id drawn twice: draw again
                }
            }
        }
        throw new ContentionException("voucher purchase " + key + ": no free id after " + MAX_ATTEMPTS + " draws");
    }

    /**
     * Picks up one unit.
     *
     * @param id the voucher
     * @param holder who uses it
     * @param storeId where
     * @param key the idempotency key
     * @param at when
     * @return the change, with the voucher after it
     * @throws UnknownCodeException if no voucher has the id
     * @throws NotAllowedException {@code NOT_HOLDER}, {@code EXPIRED}, {@code USED_UP}
     */
    public VoucherEvent redeem(VoucherId id, MemberId holder, StoreId storeId, String key, Instant at) {
        Objects.requireNonNull(storeId, "store");
        return change(id, holder, key, at, VoucherEvent.Type.REDEEMED, null, storeId);
    }

    /**
     * Gives the voucher with its remaining units to another member.
     *
     * @param id the voucher
     * @param from its holder
     * @param to the new holder, not {@code from}
     * @param key the idempotency key
     * @param at when
     * @return the change, with the voucher after it
     * @throws NotAllowedException {@code NOT_HOLDER}, {@code EXPIRED}, {@code USED_UP}
     */
    public VoucherEvent gift(VoucherId id, MemberId from, MemberId to, String key, Instant at) {
        if (to == null || to.equals(from)) {
            throw new InvalidValueException("to", "must be another member than the holder");
        }
        return change(id, from, key, at, VoucherEvent.Type.GIFTED, to, null);
    }

    private VoucherEvent change(
            VoucherId id,
            MemberId actor,
            String key,
            Instant at,
            VoucherEvent.Type type,
            MemberId to,
            StoreId storeId) {
        CouponService.requireKey(key);
        if (id == null || actor == null || at == null) {
            throw new InvalidValueException("voucher", "id, member and at are required");
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<VoucherEvent> first = store.findEvent(key);
            if (first.isPresent()) {
                VoucherEvent e = first.get();
                if (e.type() != type
                        || !e.after().id().equals(id)
                        || !e.actor().equals(actor)
                        || !e.to().equals(Optional.ofNullable(to))
                        || !e.store().equals(Optional.ofNullable(storeId))) {
                    throw new IdempotencyConflictException(
                            key,
                            "it recorded " + e.type() + " of " + e.after().id().value() + " by "
                                    + e.actor().value());
                }
                return e;
            }
            Voucher v =
                    store.find(id).orElseThrow(() -> new UnknownCodeException("voucher", id.value(), "does not exist"));
            if (!v.holder().equals(actor)) {
                throw new NotAllowedException(
                        Reason.NOT_HOLDER,
                        "voucher " + id.value() + " is held by another member, not " + actor.value());
            }
            if (!at.isBefore(v.expiresAt())) {
                throw new NotAllowedException(
                        Reason.EXPIRED, "voucher " + id.value() + " expired at " + v.expiresAt() + "; used at " + at);
            }
            if (v.remaining() == 0) {
                throw new NotAllowedException(
                        Reason.USED_UP, "voucher " + id.value() + " has no units left of " + v.units());
            }
            Voucher after = new Voucher(
                    v.id(),
                    v.product(),
                    v.buyer(),
                    to == null ? v.holder() : to,
                    v.units(),
                    type == VoucherEvent.Type.REDEEMED ? v.remaining() - 1 : v.remaining(),
                    v.paid(),
                    v.purchasedAt(),
                    v.expiresAt(),
                    v.version() + 1);
            VoucherEvent e = new VoucherEvent(
                    key, type, actor, Optional.ofNullable(to), Optional.ofNullable(storeId), at, after);
            if (store.apply(e) == VoucherStore.ApplyResult.APPLIED) {
                return e;
            }
            Thread.yield();
        }
        throw new ContentionException(
                "voucher " + id.value() + ": lost the compare-and-set " + MAX_ATTEMPTS + " times");
    }

    /**
     * @param id a voucher id
     * @return its current state
     */
    public Optional<Voucher> find(VoucherId id) {
        return store.find(id);
    }

    /**
     * @param member a member
     * @param asOf an instant
     * @return the vouchers the member holds that are usable then
     */
    public List<Voucher> usable(MemberId member, Instant asOf) {
        return store.heldBy(member).stream().filter(v -> v.isUsable(asOf)).toList();
    }

    /**
     * @param id a voucher
     * @return its history, oldest first
     */
    public List<VoucherEvent> history(VoucherId id) {
        return store.events(id);
    }

    /** Collects the service's parts. */
    public static final class Builder {
        private final BrandSettings brand;
        private VoucherStore store;

        private Builder(BrandSettings brand) {
            this.brand = brand;
        }

        /**
         * @param store where vouchers live (default: in memory)
         * @return this builder
         */
        public Builder store(VoucherStore store) {
            if (store == null) {
                throw new InvalidValueException("store", "is required");
            }
            this.store = store;
            return this;
        }

        /** @return the service */
        public VoucherService build() {
            return new VoucherService(brand, store == null ? new InMemoryVoucherStore() : store);
        }
    }
}
