package io.crmkit.loyalty;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.loyalty.NotAllowedException.Reason;
import io.crmkit.loyalty.internal.InMemoryPointsLedgerStore;
import io.crmkit.loyalty.internal.LedgerReplay;
import io.crmkit.loyalty.spi.PointsLedgerStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A points ledger per member: earn (per amount spent with tier and campaign multipliers, per
 * activity, or any amount), pending points that unlock after the return window, redemption
 * (partial, oldest-expiring first), expiry, clawback when an order is refunded, and the balance and
 * statement as of any instant. Append-only; thread-safe; every change is idempotent by its
 * reference, and concurrent redemptions never overdraw (each change is a compare-and-set on the
 * member's next sequence number in the {@link PointsLedgerStore}).
 *
 * <pre>{@code
 * PointsLedger ledger = PointsLedger.builder(brand).rules(rules).benefits(Benefits.of(tiers, crm)).build();
 * ledger.earnForOrder(order, now);                          // 1 point per NT$100 × tier × campaign, pending 7 days
 * ledger.earn(member, 50, "survey", "survey-2026-11-M1", now); // a journey's PointsAwarder
 * ledger.redeem(member, 120, "NT$12 off", "pos-4471", now);
 * ledger.clawback(refundedOrder, now);                      // proportional to the refunded amount
 * Balance b = ledger.balance(member, now);
 * }</pre>
 */
public final class PointsLedger {
    private final BrandSettings brand;
    private final PointsRules rules;
    private final PointsLedgerStore store;
    private final Benefits benefits;
    private final Duration maxClockSkew;
    private final int maxAttempts;

    private PointsLedger(Builder b) {
        this.brand = b.brand;
        this.rules = b.rules == null ? PointsRules.builder(b.brand.currency()).build() : b.rules;
        this.store = b.store == null ? new InMemoryPointsLedgerStore() : b.store;
        this.benefits = b.benefits;
        this.maxClockSkew = b.maxClockSkew;
        this.maxAttempts = b.maxAttempts;
    }

    /**
     * @param brand the brand's settings (zone for expiry days, currency)
     * @return a builder with no earn rules, the in-memory store and no tiers
     */
    public static Builder builder(BrandSettings brand) {
        if (brand == null) {
            throw new InvalidValueException("brand", "is required");
        }
        return new Builder(brand);
    }

    /** @return the rules */
    public PointsRules rules() {
        return rules;
    }

    /**
     * Earns points available at once, expiring per the rules' {@link ExpiryPolicy}: bonuses, a
     * journey step's reward (its idempotency key as the reference).
     *
     * @param member the member
     * @param points positive
     * @param reason shown on statements
     * @param reference the idempotency key, unique across the ledger
     * @param at when
     * @return the entry (the first one if this reference was recorded before with the same content)
     * @throws IdempotencyConflictException if the reference was used for something else
     */
    public LedgerEntry earn(MemberId member, long points, String reason, String reference, Instant at) {
        requirePoints(points);
        return record(
                        member,
                        reference,
                        at,
                        earnEntry(member, points, reason, reference, null, at, false),
                        ctx -> earnEntry(member, points, reason, reference, null, ctx.at, false))
                .orElseThrow();
    }

    /**
     * Earns the points of an activity named in the rules, with the member's tier multiplier.
     *
     * @param member the member
     * @param activity an activity of the rules
     * @param reference the idempotency key
     * @param at when
     * @return the entry
     * @throws UnknownCodeException if the rules do not know the activity
     */
    public LedgerEntry earnForActivity(MemberId member, String activity, String reference, Instant at) {
        long base = rules.activityPoints(activity)
                .orElseThrow(() -> new UnknownCodeException("activity", activity, "is not one of the points rules"));
        long points = multiply(base, benefits.multiplier(member, rules.tierMultiplierKey(), at));
        if (points <= 0) {
            throw new InvalidValueException("activity", "\"" + activity + "\" earns no points for " + member.value());
        }
        return earn(member, points, "activity " + activity, reference, at);
    }

    /**
     * The points an order earns: base points of its goods (total minus shipping fee) times the
     * member's tier multiplier at the order's instant times the highest campaign multiplier then,
     * rounded down. Cancelled orders earn nothing.
     *
     * @param order an order
     * @return the points
     */
    public long pointsFor(Order order) {
        if (order.isCancelled()) {
            return 0;
        }
        long base = rules.basePoints(order.total().minus(order.shippingFee()));
        BigDecimal m = benefits.multiplier(order.memberId(), rules.tierMultiplierKey(), order.placedAt())
                .multiply(rules.campaignMultiplier(order.placedAt()));
        return multiply(base, m);
    }

    /**
     * Earns an order's points ({@link #pointsFor}), pending for the rules' pending days. The
     * reference is {@code "order:" + id}, so a retried or replayed order never earns twice.
     *
     * @param order the order
     * @param at when it is recorded
     * @return the entry; empty if the order earns no points
     */
    public Optional<LedgerEntry> earnForOrder(Order order, Instant at) {
        long points = pointsFor(order);
        if (points <= 0) {
            return Optional.empty();
        }
        String reference = "order:" + order.id().value();
        return record(
                order.memberId(),
                reference,
                at,
                earnEntry(order.memberId(), points, "order " + order.id().value(), reference, order.id(), at, true),
                ctx -> earnEntry(
                        order.memberId(), points, "order " + order.id().value(), reference, order.id(), ctx.at, true));
    }

    /**
     * Redeems points, oldest-expiring first (then oldest earned), partially from a lot if need be.
     *
     * @param member the member
     * @param points positive
     * @param reason shown on statements
     * @param reference the idempotency key
     * @param at when
     * @return the entry
     * @throws InsufficientPointsException if fewer points are available at {@code at}
     */
    public LedgerEntry redeem(MemberId member, long points, String reason, String reference, Instant at) {
        requirePoints(points);
        LedgerEntry request = new LedgerEntry(
                member,
                0,
                LedgerEntry.Kind.REDEEM,
                points,
                at,
                reference,
                reason,
                Optional.empty(),
                at,
                Optional.empty(),
                Optional.empty());
        return record(member, reference, at, request, ctx -> {
                    if (ctx.state.points() < points) {
                        throw new InsufficientPointsException(member, points, Math.max(0, ctx.state.points()));
                    }
                    return new LedgerEntry(
                            member,
                            0,
                            LedgerEntry.Kind.REDEEM,
                            points,
                            ctx.at,
                            reference,
                            reason,
                            Optional.empty(),
                            ctx.at,
                            Optional.empty(),
                            Optional.empty());
                })
                .orElseThrow();
    }

    /**
     * Redeems the points a cash discount costs ({@link PointsRules#pointsForDiscount}: the discount
     * divided by the rules' point value, rounded up), oldest-expiring first.
     *
     * @param member the member
     * @param discount the discount, positive
     * @param reference the idempotency key (e.g. the order or POS transaction)
     * @param at when
     * @return the entry
     * @throws InsufficientPointsException if the member has fewer points
     * @throws InvalidValueException if the rules have no point value
     */
    public LedgerEntry redeemForDiscount(MemberId member, Money discount, String reference, Instant at) {
        return redeem(member, rules.pointsForDiscount(discount), "discount " + discount, reference, at);
    }

    /**
     * Takes back the points of a refunded (or cancelled) order in proportion to its refunds as of
     * {@code at}: {@code floor(earned × refunded / total)} in all, minus what earlier clawbacks took.
     * Points come from the order's own lots first (pending or not), then from other available points;
     * what is left follows the rules' {@link NegativeBalancePolicy}. The reference is {@code
     * "clawback:" + id + ":" + refunded minor units}, so calling it again for the same refunds does nothing.
     *
     * @param order the order with its refunds
     * @param at when
     * @return the entry; empty if nothing (more) is to be taken back
     */
    public Optional<LedgerEntry> clawback(Order order, Instant at) {
        Money refunded = order.refunded(at);
        String reference = "clawback:" + order.id().value() + ":"
                + (order.isCancelled() ? "cancelled" : Long.toString(refunded.minorUnits()));
        return record(order.memberId(), reference, at, null, ctx -> {
            long earned = 0;
            long taken = 0;
            for (LedgerEntry e : ctx.entries) {
                if (e.order().filter(order.id()::equals).isPresent()) {
                    if (e.kind() == LedgerEntry.Kind.EARN) {
                        earned += e.points();
                    } else if (e.kind() == LedgerEntry.Kind.CLAWBACK) {
                        taken += e.points();
                    }
                }
            }
            long target;
            if (order.isCancelled()
                    || !refunded.isLessThan(order.total())
                    || !order.total().isPositive()) {
                target = earned;
            } else {
                target = BigInteger.valueOf(earned)
                        .multiply(BigInteger.valueOf(refunded.minorUnits()))
                        .divide(BigInteger.valueOf(order.total().minorUnits()))
                        .longValueExact();
            }
            long delta = target - taken;
            if (delta <= 0) {
                return null;
            }
            return new LedgerEntry(
                    order.memberId(),
                    0,
                    LedgerEntry.Kind.CLAWBACK,
                    delta,
                    ctx.at,
                    reference,
                    "refund of order " + order.id().value(),
                    Optional.of(order.id()),
                    ctx.at,
                    Optional.empty(),
                    Optional.of(rules.negativeBalance()));
        });
    }

    /**
     * @param member a member
     * @param asOf an instant
     * @return the balance then (later entries are not seen)
     */
    public Balance balance(MemberId member, Instant asOf) {
        return LedgerReplay.replay(store.entries(member), asOf, false).balance(member, asOf);
    }

    /**
     * @param member a member
     * @param asOf an instant
     * @return every line up to then, with unlocks, expiries, debt repayments and write-offs
     */
    public Statement statement(MemberId member, Instant asOf) {
        LedgerReplay r = LedgerReplay.replay(store.entries(member), asOf, true);
        return new Statement(r.lines(), r.balance(member, asOf));
    }

    /**
     * Sums every member's balance as of an instant (one pass over the store's members).
     *
     * @param asOf an instant
     * @return the totals, e.g. the points liability for the books
     */
    public LedgerTotals totals(Instant asOf) {
        long[] t = new long[9];
        store.members().forEach(m -> {
            List<LedgerEntry> entries = store.entries(m);
            if (entries.isEmpty() || entries.get(0).at().isAfter(asOf)) {
                return;
            }
            Balance b = LedgerReplay.replay(entries, asOf, false).balance(m, asOf);
            t[0]++;
            t[1] += b.available();
            t[2] += b.pending();
            t[3] += b.debt();
            t[4] += b.earned();
            t[5] += b.redeemed();
            t[6] += b.expired();
            t[7] += b.clawedBack();
            t[8] += b.writtenOff();
        });
        return new LedgerTotals(asOf, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8]);
    }

    /**
     * @param member a member
     * @return the member's stored entries in sequence order
     */
    public List<LedgerEntry> entries(MemberId member) {
        return store.entries(member);
    }

    /**
     * @param order an order
     * @return the points the order earned, net of its clawbacks
     */
    public long netPointsOf(Order order) {
        long net = 0;
        for (LedgerEntry e : store.entries(order.memberId())) {
            if (e.order().filter(order.id()::equals).isPresent()) {
                net += e.kind() == LedgerEntry.Kind.EARN ? e.points() : -e.points();
            }
        }
        return net;
    }

    private LedgerEntry earnEntry(
            MemberId member,
            long points,
            String reason,
            String reference,
            @Nullable OrderId order,
            Instant at,
            boolean pending) {
        Instant availableAt = pending && rules.pendingDays() > 0
                ? at.atZone(brand.zone()).plusDays(rules.pendingDays()).toInstant()
                : at;
        Optional<Instant> expiresAt = rules.expiry().expiresAt(availableAt, brand.zone());
        return new LedgerEntry(
                member,
                0,
                LedgerEntry.Kind.EARN,
                points,
                at,
                reference,
                reason,
                Optional.ofNullable(order),
                availableAt,
                expiresAt,
                Optional.empty());
    }

    private static final class Context {
        final List<LedgerEntry> entries;
        final LedgerReplay state;
        final Instant at;

        Context(List<LedgerEntry> entries, LedgerReplay state, Instant at) {
            this.entries = entries;
            this.state = state;
            this.at = at;
        }
    }

    private Optional<LedgerEntry> record(
            MemberId member,
            String reference,
            Instant at,
            @Nullable LedgerEntry request,
            Function<Context, @Nullable LedgerEntry> make) {
        if (member == null || at == null) {
            throw new InvalidValueException("ledger", "member and at are required");
        }
        if (reference == null || reference.isBlank() || reference.length() > LedgerEntry.MAX_TEXT) {
            throw new InvalidValueException("reference", "must be 1 to " + LedgerEntry.MAX_TEXT + " characters");
        }
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            Optional<LedgerEntry> first = store.findByReference(reference);
            if (first.isPresent()) {
                // a retry: the first result, whatever happened since (the reference fixes a clawback's content)
                if (request != null) {
                    Optional<String> diff = first.get().differenceFrom(request);
                    if (diff.isPresent()) {
                        throw new IdempotencyConflictException(reference, diff.get());
                    }
                }
                return first;
            }
            List<LedgerEntry> entries = store.entries(member);
            Instant effective = at;
            if (!entries.isEmpty()) {
                Instant last = entries.get(entries.size() - 1).at();
                if (at.isBefore(last)) {
                    if (Duration.between(at, last).compareTo(maxClockSkew) > 0) {
                        throw new NotAllowedException(
                                Reason.OUT_OF_ORDER,
                                "member " + member.value() + ": " + at + " is before the ledger's last entry at " + last
                                        + " (more than the allowed clock skew " + maxClockSkew + ")");
                    }
                    effective = last;
                }
            }
            LedgerReplay state = LedgerReplay.replay(entries, effective, false);
            LedgerEntry draft = make.apply(new Context(entries, state, effective));
            if (draft == null) {
                return Optional.empty();
            }
            LedgerEntry entry = draft.withSequence(entries.size());
            switch (store.append(entry)) {
                case APPENDED -> {
                    return Optional.of(entry);
                }
                case STALE_SEQUENCE, DUPLICATE_REFERENCE -> Thread.yield();
            }
        }
        throw new ContentionException("member " + member.value() + ": reference \"" + reference
                + "\" lost the compare-and-set " + maxAttempts + " times");
    }

    private static void requirePoints(long points) {
        if (points <= 0) {
            throw new InvalidValueException("points", "must be positive, was " + points);
        }
    }

    private static long multiply(long base, BigDecimal factor) {
        return new BigDecimal(base)
                .multiply(factor)
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }

    /** Collects the ledger's parts. */
    public static final class Builder {
        private final BrandSettings brand;
        private PointsRules rules;
        private PointsLedgerStore store;
        private Benefits benefits = Benefits.none();
        private Duration maxClockSkew = Duration.ofMinutes(1);
        private int maxAttempts = 10_000;

        private Builder(BrandSettings brand) {
            this.brand = brand;
        }

        /**
         * @param rules the earn, pending, expiry and clawback rules (in the brand's currency)
         * @return this builder
         */
        public Builder rules(PointsRules rules) {
            if (rules == null || !rules.currency().equals(brand.currency())) {
                throw new InvalidValueException("rules", "must be given in the brand's currency " + brand.currency());
            }
            this.rules = rules;
            return this;
        }

        /**
         * @param store where the entries live (default: in memory)
         * @return this builder
         */
        public Builder store(PointsLedgerStore store) {
            if (store == null) {
                throw new InvalidValueException("store", "is required");
            }
            this.store = store;
            return this;
        }

        /**
         * @param benefits the tier benefits whose points multiplier applies (default: none)
         * @return this builder
         */
        public Builder benefits(Benefits benefits) {
            if (benefits == null) {
                throw new InvalidValueException("benefits", "is required");
            }
            this.benefits = benefits;
            return this;
        }

        /**
         * @param skew how much earlier than a member's last entry a request may be; it is then
         *     recorded at the last entry's instant (threads reading the clock race). Default 1 minute.
         * @return this builder
         */
        public Builder maxClockSkew(Duration skew) {
            if (skew == null || skew.isNegative()) {
                throw new InvalidValueException("maxClockSkew", "must be zero or positive");
            }
            this.maxClockSkew = skew;
            return this;
        }

        /** @return the ledger */
        public PointsLedger build() {
            return new PointsLedger(this);
        }
    }
}
