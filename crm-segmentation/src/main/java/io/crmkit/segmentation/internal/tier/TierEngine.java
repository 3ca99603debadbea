package io.crmkit.segmentation.internal.tier;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberStats;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.TimeRange;
import io.crmkit.segmentation.Tier;
import io.crmkit.segmentation.TierChange;
import io.crmkit.segmentation.TierProgram;
import io.crmkit.segmentation.TierStatus;
import io.crmkit.segmentation.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Replays one member's orders through a program's rules, event by event in time order: joining,
 * each instant at which orders were placed (upgrades), and each review (the start of a period).
 *
 * <p>State: the index of the tier held ({@code -1} for none) and, for each tier up to it, how many
 * reviews in a row the member fell short of that tier. An upgrade to tier {@code q} resets the counts
 * of tiers {@code 0..q}; at a review with qualified tier {@code q}, every held tier above {@code q}
 * either uses one review of its grace or is lost. A lower tier never has a higher count than a
 * higher one (falling short of it means falling short of every tier above), so the tiers held are
 * always {@code 0..k}: the member holds the highest of them. Because everything only grows with more
 * spend, adding an order never lowers the tier held at any instant.
 *
 * <p>Cost: one {@link MemberStats#of} over the orders in the qualification window per event, so
 * about {@code orders × orders-per-window} steps per member. Reviews while the member holds no tier
 * or only the base tier change nothing and are skipped.
 */
public final class TierEngine {
    private static final Comparator<Order> BY_TIME =
            Comparator.comparing(Order::placedAt).thenComparing(Order::id);

    private final Tier[] tiers;
    private final long[] minSpend;
    private final int[] minOrders;
    private final boolean any;
    private final int grace;
    private final int rollingDays;
    private final TierProgram.Period period;
    private final Currency currency;
    private final boolean hasBase;

    /** @param program the program, validated */
    public TierEngine(TierProgram program) {
        List<Tier> list = program.tiers();
        int k = list.size();
        this.tiers = list.toArray(new Tier[0]);
        this.minSpend = new long[k];
        this.minOrders = new int[k];
        for (int i = 0; i < k; i++) {
            Tier t = tiers[i];
            minSpend[i] = t.minSpend().map(Money::minorUnits).orElse(-1L);
            minOrders[i] = t.minOrders().orElse(0);
        }
        this.any = program.match() == TierProgram.Match.ANY;
        this.grace = program.grace();
        this.rollingDays = program.rollingDays().orElse(0);
        this.period = program.period();
        this.currency = program.currency();
        this.hasBase = tiers[0].isBase();
    }

    /**
     * @param t an instant
     * @param brand the brand's zone
     * @return the first review after {@code t}
     */
    public Instant nextReview(Instant t, BrandSettings brand) {
        return Periods.boundaryAfter(t, period, brand.zone());
    }

    /**
     * @param orders one member's orders, any order; those placed after {@code asOf} are ignored
     * @param joinedAt when the member joined
     * @param asOf the instant to evaluate as of
     * @param brand the brand's zone and currency
     * @return the status
     */
    public TierStatus evaluate(Collection<Order> orders, Instant joinedAt, Instant asOf, BrandSettings brand) {
        if (!brand.currency().equals(currency)) {
            throw new CurrencyMismatchException(currency, brand.currency(), "tier program and brand settings");
        }
        List<Order> kept = new ArrayList<>(orders.size());
        MemberId member = null;
        for (Order o : orders) {
            if (o == null) {
                throw new InvalidValueException("orders", "must not hold null");
            }
            if (member == null) {
                member = o.memberId();
            } else if (!member.equals(o.memberId())) {
                throw new InvalidValueException(
                        "orders", "must be one member's orders; found orders of " + member + " and " + o.memberId());
            }
            if (!o.placedAt().isAfter(asOf)) {
                kept.add(o);
            }
        }
        kept.sort(BY_TIME);
        return new Replay(kept.toArray(new Order[0]), brand).run(joinedAt, asOf);
    }

    /** One evaluation. */
    private final class Replay {
        private final Order[] orders;
        private final List<Order> view;
        private final BrandSettings brand;
        private final int[] shortfalls = new int[tiers.length];
        private final List<TierChange> history = new ArrayList<>();
        private int held = -1;
        private Instant since = Instant.MIN;
        private long spend;
        private int count;
        private @Nullable Instant periodStart;
        private Instant periodEnd = Instant.MIN;

        Replay(Order[] orders, BrandSettings brand) {
            this.orders = orders;
            this.view = Arrays.asList(orders);
            this.brand = brand;
        }

        TierStatus run(Instant joinedAt, Instant asOf) {
            if (!joinedAt.isAfter(asOf)) {
                replay(joinedAt, asOf);
            }
            int q = qualified(asOf);
            Optional<TierStatus.Progress> toNext =
                    held + 1 < tiers.length ? Optional.of(progress(held + 1)) : Optional.empty();
            Optional<TierStatus.Progress> toKeep =
                    held >= 0 && !tiers[held].isBase() ? Optional.of(progress(held)) : Optional.empty();
            return new TierStatus(
                    asOf,
                    held < 0 ? Optional.empty() : Optional.of(tiers[held]),
                    held < 0 ? Optional.empty() : Optional.of(since),
                    held < 0 ? 0 : shortfalls[held],
                    nextReview(asOf, brand),
                    Money.ofMinor(spend, currency),
                    count,
                    q < 0 ? Optional.empty() : Optional.of(tiers[q]),
                    toNext,
                    toKeep,
                    history);
        }

        private void replay(Instant joinedAt, Instant asOf) {
            int q = qualified(joinedAt);
            if (q >= 0) {
                Arrays.fill(shortfalls, 0, q + 1, 0);
                held = q;
                since = joinedAt;
                history.add(new TierChange(joinedAt, Optional.empty(), name(q), TierChange.Reason.JOINED));
            }
            int i = firstAfter(joinedAt);
            // the next review while the member holds a tier that a review can take away
            Instant review = atFloor() ? null : nextReview(joinedAt, brand);
            while (true) {
                Instant order = i < orders.length ? orders[i].placedAt() : null;
                if (atFloor()) {
                    // reviews change nothing: go straight to the next order, and the first review after it
                    if (order == null) {
                        return;
                    }
                    if (review == null || !review.isAfter(order)) {
                        review = nextReview(order, brand);
                    }
                    i = skip(i, order);
                    upgrade(order);
                } else if (review != null && !review.isAfter(asOf) && (order == null || !review.isAfter(order))) {
                    review(review); // a review at an order's instant comes first: it closes the period before
                    review = nextReview(review, brand);
                } else if (order != null) {
                    i = skip(i, order);
                    upgrade(order);
                } else {
                    return;
                }
            }
        }

        /** @return the index of the first order after those placed at {@code t}, from {@code i} */
        private int skip(int i, Instant t) {
            while (i < orders.length && orders[i].placedAt().equals(t)) {
                i++;
            }
            return i;
        }

        private boolean noShortfall() {
            for (int k = 0; k <= held; k++) {
                if (shortfalls[k] != 0) {
                    return false;
                }
            }
            return true;
        }

        private boolean atFloor() {
            return held < 0 || (held == 0 && hasBase);
        }

        private void upgrade(Instant t) {
            if (held == tiers.length - 1 && noShortfall()) {
                return; // at the top with no grace used: an order cannot change anything
            }
            int q = qualified(t);
            if (q < 0) {
                return;
            }
            Arrays.fill(shortfalls, 0, q + 1, 0);
            if (q > held) {
                history.add(new TierChange(t, name(held), name(q), TierChange.Reason.UPGRADE));
                held = q;
                since = t;
            }
        }

        private void review(Instant at) {
            // the period that ends here is measured as of its last instant
            // q never exceeds the tier held: the window as of the period's last instant holds no order
            // that was not already measured at its own instant (or at joining), and refunds only lower it
            int q = qualified(at.minusNanos(1));
            int before = held;
            int keep = q;
            for (int k = 0; k <= before; k++) {
                if (k <= q) {
                    shortfalls[k] = 0;
                } else if (shortfalls[k] < grace) {
                    shortfalls[k]++;
                    keep = k;
                } else {
                    break; // this tier and every tier above it are lost
                }
            }
            if (keep < before) {
                history.add(new TierChange(at, name(before), name(keep), TierChange.Reason.REVIEW_DOWNGRADE));
                held = keep;
                since = at;
            } else if (q < before) {
                history.add(new TierChange(at, name(before), name(before), TierChange.Reason.GRACE_USED));
            }
        }

        /** The calendar period so far; the last period's bounds are kept, as events come in time order. */
        private TimeRange periodSoFar(Instant t) {
            if (periodStart == null || t.isBefore(periodStart) || !t.isBefore(periodEnd)) {
                TimeRange r = Periods.soFar(t, period, brand.zone());
                periodStart = r.from();
                periodEnd = Periods.boundaryAfter(t, period, brand.zone());
                return r;
            }
            return TimeRange.of(periodStart, t.plusNanos(1));
        }

        /** Measures the qualification window as of {@code t} and returns the highest tier met. */
        private int qualified(Instant t) {
            if (firstAfter(t) == 0) {
                // no order yet: nothing to measure (and no date to compute for a very early instant)
                spend = 0;
                count = 0;
                return tiers[0].isBase() ? 0 : -1;
            }
            TimeRange range = rollingDays > 0 ? Window.lastDays(rollingDays).range(t, brand) : periodSoFar(t);
            int lo = firstAtOrAfter(range.from());
            int hi = firstAtOrAfter(range.to());
            MemberStats s = MemberStats.of(view.subList(lo, Math.max(lo, hi)), range, t, brand);
            spend = s.netSpend().minorUnits();
            count = s.orderCount();
            for (int k = tiers.length - 1; k >= 0; k--) {
                if (meets(k)) {
                    return k;
                }
            }
            return -1;
        }

        private boolean meets(int k) {
            boolean hasSpend = minSpend[k] >= 0;
            boolean hasOrders = minOrders[k] > 0;
            if (!hasSpend && !hasOrders) {
                return true;
            }
            boolean spendMet = hasSpend && spend >= minSpend[k];
            boolean ordersMet = hasOrders && count >= minOrders[k];
            return any ? spendMet || ordersMet : (!hasSpend || spendMet) && (!hasOrders || ordersMet);
        }

        private TierStatus.Progress progress(int k) {
            Optional<Money> missingSpend = minSpend[k] >= 0
                    ? Optional.of(Money.ofMinor(Math.max(0, minSpend[k] - spend), currency))
                    : Optional.empty();
            OptionalInt missingOrders =
                    minOrders[k] > 0 ? OptionalInt.of(Math.max(0, minOrders[k] - count)) : OptionalInt.empty();
            return new TierStatus.Progress(tiers[k], meets(k), missingSpend, missingOrders);
        }

        private Optional<String> name(int k) {
            return k < 0 ? Optional.empty() : Optional.of(tiers[k].name());
        }

        /** @return the index of the first order placed at or after {@code t} */
        private int firstAtOrAfter(Instant t) {
            int lo = 0;
            int hi = orders.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (orders[mid].placedAt().isBefore(t)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** @return the index of the first order placed after {@code t} */
        private int firstAfter(Instant t) {
            int lo = 0;
            int hi = orders.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (!orders[mid].placedAt().isAfter(t)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
