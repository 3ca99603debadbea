package io.crmkit.loyalty;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberStats;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.loyalty.NotAllowedException.Reason;
import io.crmkit.loyalty.internal.InMemoryReferralStore;
import io.crmkit.loyalty.spi.ReferralStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Referrals: one code per member, attribution of a new member to the code's owner (self-referrals,
 * second referrers and loops refused), a reward in points when the referee first buys, and the
 * ranking of "seed customers".
 *
 * <pre>{@code
 * ReferralService referrals = ReferralService.builder(brand).ledger(ledger).rewards(200, 100).build();
 * String code = referrals.codeFor(mei);                 // share it
 * referrals.attribute(newMember, code, now);            // at sign-up
 * referrals.onOrder(firstOrder, now);                   // 200 points to mei, 100 to the new member
 * referrals.seedCustomers(10, now);
 * }</pre>
 */
public final class ReferralService {
    private final ReferralStore store;
    private final io.crmkit.core.Crm crm;
    private final PointsLedger ledger;
    private final long referrerPoints;
    private final long refereePoints;
    private final CouponCodes codes = CouponCodes.secure(8);

    private ReferralService(Builder b) {
        this.store = b.store == null ? new InMemoryReferralStore() : b.store;
        this.crm = b.crm;
        this.ledger = b.ledger;
        this.referrerPoints = b.referrerPoints;
        this.refereePoints = b.refereePoints;
    }

    /**
     * @param brand the brand's settings
     * @return a builder with the in-memory store and no points rewards
     */
    public static Builder builder(BrandSettings brand) {
        if (brand == null) {
            throw new InvalidValueException("brand", "is required");
        }
        return new Builder();
    }

    /**
     * @param member a member
     * @return the member's referral code, created on first call (idempotent)
     */
    public String codeFor(MemberId member) {
        if (member == null) {
            throw new InvalidValueException("member", "is required");
        }
        for (int draw = 0; draw < 20; draw++) {
            Optional<String> code = store.putCodeIfAbsent(member, codes.next());
            if (code.isPresent()) {
                return code.get();
            }
        }
        throw new ContentionException("referral code for " + member.value() + ": 20 codes drawn were all taken");
    }

    /**
     * Attributes a new member to the owner of a code. Attributing the same referee to the same
     * referrer again returns the first referral.
     *
     * @param referee the new member
     * @param code the code they gave
     * @param at when
     * @return the referral
     * @throws UnknownCodeException if no member owns the code
     * @throws NotAllowedException {@code SELF_REFERRAL}, {@code ALREADY_REFERRED} (by someone else),
     *     {@code REFERRAL_LOOP}, {@code NOT_NEW_MEMBER} (with a CRM: unknown, or bought before {@code at})
     */
    public Referral attribute(MemberId referee, String code, Instant at) {
        if (referee == null || code == null || at == null) {
            throw new InvalidValueException("attribute", "referee, code and at are required");
        }
        String normal = CouponCodes.normalise(code);
        MemberId referrer = store.ownerOf(normal)
                .orElseThrow(() -> new UnknownCodeException("referral code", code, "belongs to no member"));
        if (referrer.equals(referee)) {
            throw new NotAllowedException(
                    Reason.SELF_REFERRAL, "member " + referee.value() + " used their own referral code");
        }
        Optional<Referral> earlier = store.referralOf(referee);
        if (crm != null && earlier.isEmpty()) {
            if (crm.members().find(referee).isEmpty()) {
                throw new NotAllowedException(
                        Reason.NOT_NEW_MEMBER, "member " + referee.value() + " is not in the CRM");
            }
            for (Order o : crm.orders().findByMember(referee, io.crmkit.core.TimeRange.until(at))) {
                if (!o.isCancelled()) {
                    throw new NotAllowedException(
                            Reason.NOT_NEW_MEMBER,
                            "member " + referee.value() + " already bought (order " + o.id().value() + " at "
                                    + o.placedAt() + ") before the referral at " + at);
                }
            }
        }
        Referral r = new Referral(referee, referrer, normal, at, Optional.empty());
        switch (store.attribute(r)) {
            case ATTRIBUTED -> {
                return r;
            }
            case ALREADY_REFERRED -> {
                Referral first = store.referralOf(referee).orElseThrow();
                if (first.referrer().equals(referrer)) {
                    return first;
                }
                throw new NotAllowedException(
                        Reason.ALREADY_REFERRED,
                        "member " + referee.value() + " was already referred by "
                                + first.referrer().value() + " at " + first.at());
            }
            case LOOP ->
                throw new NotAllowedException(
                        Reason.REFERRAL_LOOP,
                        "member " + referrer.value() + " was referred (directly or not) by " + referee.value()
                                + "; attributing " + referee.value() + " to them would close a loop");
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * Rewards a referral when its referee's first order (not cancelled, placed after the
     * attribution) arrives: the referral is marked once, then the points are earned with the
     * references {@code "referral:" + referee + ":referrer"} and {@code ":referee"}, so a retry after
     * a crash completes the reward without paying twice (the points are recorded at this call's instant).
     *
     * @param order an order
     * @param at when
     * @return the rewarded referral, if this order is the one that earned the reward
     */
    public Optional<Referral> onOrder(Order order, Instant at) {
        if (order.isCancelled()) {
            return Optional.empty();
        }
        Optional<Referral> r = store.referralOf(order.memberId());
        if (r.isEmpty() || order.placedAt().isBefore(r.get().at())) {
            return Optional.empty();
        }
        if (r.get().reward().isPresent() && !r.get().reward().get().order().equals(order.id())) {
            return Optional.empty();
        }
        Referral rewarded = store.reward(
                        order.memberId(), new Referral.Reward(order.id(), at, referrerPoints, refereePoints))
                .orElseThrow();
        Referral.Reward reward = rewarded.reward().orElseThrow();
        if (!reward.order().equals(order.id())) {
            return Optional.empty();
        }
        if (ledger != null) {
            String base = "referral:" + rewarded.referee().value();
            if (reward.referrerPoints() > 0) {
                ledger.earn(
                        rewarded.referrer(),
                        reward.referrerPoints(),
                        "referral of " + rewarded.referee().value(),
                        base + ":referrer",
                        at);
            }
            if (reward.refereePoints() > 0) {
                ledger.earn(
                        rewarded.referee(),
                        reward.refereePoints(),
                        "welcome, referred by " + rewarded.referrer().value(),
                        base + ":referee",
                        at);
            }
        }
        return Optional.of(rewarded);
    }

    /**
     * @param referee a member
     * @return their referral
     */
    public Optional<Referral> referralOf(MemberId referee) {
        return store.referralOf(referee);
    }

    /**
     * The best "seed customers": referrers ranked by referees who bought, then by all descendants
     * (referred at any depth), then by direct referrals, then by member id.
     *
     * @param top how many, at least 1
     * @param asOf referrals and rewards after this are not counted
     * @return the ranking
     */
    public List<SeedCustomer> seedCustomers(int top, Instant asOf) {
        if (top < 1) {
            throw new InvalidValueException("top", "must be at least 1, was " + top);
        }
        Map<MemberId, List<MemberId>> children = new HashMap<>();
        Map<MemberId, Money> spend = new HashMap<>();
        Map<MemberId, long[]> counts = new HashMap<>();
        store.referrals().forEach(r -> {
            if (r.at().isAfter(asOf)) {
                return;
            }
            children.computeIfAbsent(r.referrer(), m -> new ArrayList<>()).add(r.referee());
            if (crm != null) {
                MemberStats stats = MemberStats.of(
                        crm.orders().findByMember(r.referee()),
                        io.crmkit.core.TimeRange.of(r.at(), asOf.plusNanos(1)),
                        asOf,
                        crm.settings());
                spend.merge(r.referrer(), stats.netSpend(), Money::plus);
            }
            long[] c = counts.computeIfAbsent(r.referrer(), m -> new long[2]);
            c[0]++;
            if (r.reward().filter(w -> !w.at().isAfter(asOf)).isPresent()) {
                c[1]++;
            }
        });
        Map<MemberId, Long> descendants = new HashMap<>();
        List<SeedCustomer> all = new ArrayList<>();
        for (Map.Entry<MemberId, long[]> e : counts.entrySet()) {
            all.add(new SeedCustomer(
                    e.getKey(),
                    e.getValue()[0],
                    e.getValue()[1],
                    descendants(e.getKey(), children, descendants),
                    crm == null
                            ? Optional.empty()
                            : Optional.of(spend.getOrDefault(
                                    e.getKey(), Money.zero(crm.settings().currency())))));
        }
        all.sort(Comparator.comparingLong(SeedCustomer::converted)
                .thenComparingLong(SeedCustomer::descendants)
                .thenComparingLong(SeedCustomer::referred)
                .reversed()
                .thenComparing(SeedCustomer::member));
        return List.copyOf(all.subList(0, Math.min(top, all.size())));
    }

    /** Descendant counts, iteratively (referral chains can be long), memoised. */
    private static long descendants(MemberId root, Map<MemberId, List<MemberId>> children, Map<MemberId, Long> memo) {
        Long known = memo.get(root);
        if (known != null) {
            return known;
        }
        ArrayList<MemberId> stack = new ArrayList<>();
        ArrayList<MemberId> order = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            MemberId m = stack.remove(stack.size() - 1);
            if (memo.containsKey(m)) {
                continue;
            }
            order.add(m);
            for (MemberId c : children.getOrDefault(m, List.of())) {
                stack.add(c);
            }
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            MemberId m = order.get(i);
            long n = 0;
            for (MemberId c : children.getOrDefault(m, List.of())) {
                n += 1 + memo.getOrDefault(c, 0L);
            }
            memo.put(m, n);
        }
        return memo.get(root);
    }

    /** Collects the service's parts. */
    public static final class Builder {
        private ReferralStore store;
        private PointsLedger ledger;
        private io.crmkit.core.Crm crm;
        private long referrerPoints;
        private long refereePoints;

        private Builder() {}

        /**
         * @param store where codes and referrals live (default: in memory)
         * @return this builder
         */
        public Builder store(ReferralStore store) {
            if (store == null) {
                throw new InvalidValueException("store", "is required");
            }
            this.store = store;
            return this;
        }

        /**
         * @param ledger the ledger the rewards are earned in
         * @return this builder
         */
        public Builder ledger(PointsLedger ledger) {
            if (ledger == null) {
                throw new InvalidValueException("ledger", "is required");
            }
            this.ledger = ledger;
            return this;
        }

        /**
         * @param crm the CRM: referees must be members with no purchase before the attribution, and
         *     seed customers report their referees' spend
         * @return this builder
         */
        public Builder crm(io.crmkit.core.Crm crm) {
            if (crm == null) {
                throw new InvalidValueException("crm", "is required");
            }
            this.crm = crm;
            return this;
        }

        /**
         * @param forReferrer points for the referrer when the referee first buys, 0 or more
         * @param forReferee points for the referee then, 0 or more
         * @return this builder
         */
        public Builder rewards(long forReferrer, long forReferee) {
            if (forReferrer < 0 || forReferee < 0) {
                throw new InvalidValueException("rewards", "points must not be negative");
            }
            this.referrerPoints = forReferrer;
            this.refereePoints = forReferee;
            return this;
        }

        /** @return the service */
        public ReferralService build() {
            return new ReferralService(this);
        }
    }
}
