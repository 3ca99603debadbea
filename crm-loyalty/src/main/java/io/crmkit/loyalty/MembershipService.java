package io.crmkit.loyalty;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.loyalty.internal.InMemoryMembershipStore;
import io.crmkit.loyalty.spi.MembershipStore;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Paid memberships: a fee buys a term; paying while a term runs (or within the plan's renewal grace
 * after it) is a renewal, later a new join; status at any instant and the renewal-rate report.
 * Terms are computed in the brand's zone (a year from 29 Feb ends on 28 Feb).
 *
 * <pre>{@code
 * MembershipService memberships = MembershipService.builder(brand).plan(plus).build();
 * memberships.pay(member, "plus", "pay-771", now);             // joins: now … now + 1 year
 * memberships.pay(member, "plus", "pay-990", nextYearMinus10d); // renews from the end of the first term
 * memberships.renewalReport("plus", from, to, now).rate();
 * }</pre>
 */
public final class MembershipService {
    private static final int MAX_ATTEMPTS = 1_000;

    private final BrandSettings brand;
    private final MembershipStore store;
    private final Map<String, MembershipPlan> plans;

    private MembershipService(Builder b) {
        this.brand = b.brand;
        this.store = b.store == null ? new InMemoryMembershipStore() : b.store;
        this.plans = Map.copyOf(b.plans);
    }

    /**
     * @param brand the brand's settings
     * @return a builder with the in-memory store and no plans
     */
    public static Builder builder(BrandSettings brand) {
        if (brand == null) {
            throw new InvalidValueException("brand", "is required");
        }
        return new Builder(brand);
    }

    /**
     * Records a paid term of a plan.
     *
     * @param member the member
     * @param planId the plan
     * @param key the idempotency key (the payment's id)
     * @param at when it was paid
     * @return the term
     * @throws UnknownCodeException if the plan is not known
     * @throws IdempotencyConflictException if the key paid for another member or plan
     */
    public MembershipTerm pay(MemberId member, String planId, String key, Instant at) {
        CouponService.requireKey(key);
        if (member == null || at == null) {
            throw new InvalidValueException("pay", "member and at are required");
        }
        MembershipPlan plan = plan(planId);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<MembershipTerm> first = store.findByKey(key);
            if (first.isPresent()) {
                if (!first.get().member().equals(member)
                        || !first.get().planId().equals(planId)) {
                    throw new IdempotencyConflictException(
                            key,
                            "it paid " + first.get().planId() + " for "
                                    + first.get().member().value());
                }
                return first.get();
            }
            List<MembershipTerm> terms = store.terms(member);
            Instant start = at;
            boolean renewal = false;
            if (!terms.isEmpty()) {
                MembershipTerm last = terms.get(terms.size() - 1);
                if (at.isBefore(last.paidAt())) {
                    throw new NotAllowedException(
                            NotAllowedException.Reason.OUT_OF_ORDER,
                            "member " + member.value() + ": payment at " + at + " is before the last one at "
                                    + last.paidAt());
                }
                Instant graceEnd = plus(last.end(), plan.renewalGrace());
                if (at.isBefore(last.end())) {
                    start = last.end();
                    renewal = true;
                } else if (at.isBefore(graceEnd) || at.equals(last.end())) {
                    renewal = true;
                }
            }
            MembershipTerm term = new MembershipTerm(
                    member, terms.size(), planId, start, plus(start, plan.term()), plan.fee(), at, renewal, key);
            if (store.append(term) == io.crmkit.loyalty.spi.PointsLedgerStore.AppendResult.APPENDED) {
                return term;
            }
            Thread.yield();
        }
        throw new ContentionException(
                "membership of " + member.value() + ": lost the compare-and-set " + MAX_ATTEMPTS + " times");
    }

    /**
     * @param member a member
     * @param asOf an instant
     * @return the membership in force then, if any
     */
    public Optional<MembershipStatus> status(MemberId member, Instant asOf) {
        List<MembershipTerm> terms = store.terms(member);
        Instant since = null;
        Instant until = null;
        int paid = 0;
        String plan = null;
        for (MembershipTerm t : terms) {
            if (t.paidAt().isAfter(asOf)) {
                break;
            }
            if (until == null || t.start().isAfter(until)) {
                since = t.start();
                paid = 0;
            }
            until = until == null || t.end().isAfter(until) ? t.end() : until;
            paid++;
            plan = t.planId();
        }
        if (since == null || asOf.isBefore(since) || !asOf.isBefore(until)) {
            return Optional.empty();
        }
        return Optional.of(new MembershipStatus(plan, since, until, paid));
    }

    /**
     * @param planId a plan
     * @param from first term end counted
     * @param to term ends before this are counted
     * @param asOf when the report is made: later payments are not seen
     * @return terms of the plan ending in [from, to): renewed, lapsed, undecided
     */
    public RenewalReport renewalReport(String planId, Instant from, Instant to, Instant asOf) {
        MembershipPlan plan = plan(planId);
        long due = 0;
        long renewed = 0;
        long lapsed = 0;
        for (MemberId m : (Iterable<MemberId>) store.members()::iterator) {
            List<MembershipTerm> terms = store.terms(m);
            for (int i = 0; i < terms.size(); i++) {
                MembershipTerm t = terms.get(i);
                if (!t.planId().equals(planId)
                        || t.end().isBefore(from)
                        || !t.end().isBefore(to)
                        || t.paidAt().isAfter(asOf)) {
                    continue;
                }
                due++;
                boolean next = i + 1 < terms.size()
                        && terms.get(i + 1).renewal()
                        && !terms.get(i + 1).paidAt().isAfter(asOf);
                if (next) {
                    renewed++;
                } else if (!asOf.isBefore(plus(t.end(), plan.renewalGrace()))) {
                    lapsed++;
                }
            }
        }
        return new RenewalReport(planId, from, to, asOf, due, renewed, lapsed, due - renewed - lapsed);
    }

    /**
     * Terms ending in a range that are not renewed as of an instant: whom to remind to renew.
     *
     * @param from first end instant (inclusive)
     * @param to end instants before this
     * @param asOf payments after this are not seen
     * @return the last paid term of each such member, by end then member id
     */
    public List<MembershipTerm> dueForRenewal(Instant from, Instant to, Instant asOf) {
        List<MembershipTerm> due = new java.util.ArrayList<>();
        for (MemberId m : (Iterable<MemberId>) store.members()::iterator) {
            MembershipTerm last = null;
            for (MembershipTerm t : store.terms(m)) {
                if (!t.paidAt().isAfter(asOf)) {
                    last = t;
                }
            }
            if (last != null && !last.end().isBefore(from) && last.end().isBefore(to)) {
                due.add(last);
            }
        }
        due.sort(java.util.Comparator.comparing(MembershipTerm::end).thenComparing(MembershipTerm::member));
        return due;
    }

    private MembershipPlan plan(String planId) {
        MembershipPlan plan = planId == null ? null : plans.get(planId);
        if (plan == null) {
            throw new UnknownCodeException(
                    "membership plan", String.valueOf(planId), "is not one of " + plans.keySet());
        }
        return plan;
    }

    private Instant plus(Instant t, java.time.Period p) {
        ZonedDateTime z = t.atZone(brand.zone());
        return z.plus(p).toInstant();
    }

    /** Collects the service's parts. */
    public static final class Builder {
        private final BrandSettings brand;
        private MembershipStore store;
        private final Map<String, MembershipPlan> plans = new LinkedHashMap<>();

        private Builder(BrandSettings brand) {
            this.brand = brand;
        }

        /**
         * @param plan a plan members can pay for
         * @return this builder
         */
        public Builder plan(MembershipPlan plan) {
            if (plan == null || plans.containsKey(plan.id())) {
                throw new InvalidValueException("plan", "must be given once per id");
            }
            plans.put(plan.id(), plan);
            return this;
        }

        /**
         * @param store where terms live (default: in memory)
         * @return this builder
         */
        public Builder store(MembershipStore store) {
            if (store == null) {
                throw new InvalidValueException("store", "is required");
            }
            this.store = store;
            return this;
        }

        /** @return the service */
        public MembershipService build() {
            return new MembershipService(this);
        }
    }
}
