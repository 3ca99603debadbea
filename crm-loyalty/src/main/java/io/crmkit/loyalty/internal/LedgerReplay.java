package io.crmkit.loyalty.internal;

import io.crmkit.core.OrderId;
import io.crmkit.loyalty.Balance;
import io.crmkit.loyalty.LedgerEntry;
import io.crmkit.loyalty.NegativeBalancePolicy;
import io.crmkit.loyalty.StatementLine;
import io.crmkit.loyalty.StatementLine.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Replays one member's ledger entries (in sequence order, instants non-decreasing) up to an instant:
 * lots unlock and expire at their instants, redemptions take oldest-expiring lots first, clawbacks
 * take the order's own lots, then other available lots, then debt or write-off.
 */
public final class LedgerReplay {
    private static final class Lot {
        final LedgerEntry entry;
        long remaining;
        boolean unlocked;
        boolean expired;

        Lot(LedgerEntry entry) {
            this.entry = entry;
            this.remaining = entry.points();
        }

        @Nullable
        Instant expiresAt() {
            return entry.expiresAt().orElse(null);
        }
    }

    private record Event(Instant at, int type, Lot lot) {} // type 0 = expiry, 1 = unlock

    private static final Comparator<Lot> REDEMPTION_ORDER = Comparator.comparing(
                    Lot::expiresAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparingLong(l -> l.entry.sequence());

    private final List<Lot> lots = new ArrayList<>();
    private final TreeSet<Lot> redeemable = new TreeSet<>(REDEMPTION_ORDER);
    private final PriorityQueue<Event> events = new PriorityQueue<>(Comparator.comparing(Event::at)
            .thenComparingInt(Event::type)
            .thenComparingLong(e -> e.lot().entry.sequence()));
    private final @Nullable List<StatementLine> lines;
    private long available;
    private long pending;
    private long debt;
    private long earned;
    private long redeemed;
    private long expired;
    private long clawedBack;
    private long writtenOff;
    private long applied;

    private LedgerReplay(boolean withLines) {
        this.lines = withLines ? new ArrayList<>() : null;
    }

    /**
     * @param entries a member's entries in sequence order
     * @param asOf the instant
     * @param withLines whether to keep statement lines
     * @return the state as of the instant
     */
    public static LedgerReplay replay(List<LedgerEntry> entries, Instant asOf, boolean withLines) {
        LedgerReplay r = new LedgerReplay(withLines);
        for (LedgerEntry e : entries) {
            if (e.at().isAfter(asOf)) {
                break;
            }
            r.advance(e.at());
            r.apply(e);
        }
        r.advance(asOf);
        return r;
    }

    /** @return the redeemable balance (available minus debt) */
    public long points() {
        return available - debt;
    }

    /** @return the number of entries applied */
    public long applied() {
        return applied;
    }

    /**
     * @param member the member
     * @param asOf the instant
     * @return the balance
     */
    public Balance balance(io.crmkit.core.MemberId member, Instant asOf) {
        return new Balance(member, asOf, available, pending, debt, earned, redeemed, expired, clawedBack, writtenOff);
    }

    /** @return the statement lines, if kept */
    public List<StatementLine> lines() {
        return lines == null ? List.of() : lines;
    }

    /**
     * Applies events with an instant at or before {@code t}.
     *
     * @param t the instant
     */
    public void advance(Instant t) {
        while (!events.isEmpty() && !events.peek().at().isAfter(t)) {
            Event ev = events.poll();
            Lot lot = ev.lot();
            if (ev.type() == 0) {
                expire(lot, ev.at());
            } else {
                unlock(lot, ev.at(), false);
            }
        }
    }

    private void expire(Lot lot, Instant at) {
        if (lot.expired) {
            return;
        }
        lot.expired = true;
        long amount = lot.remaining;
        lot.remaining = 0;
        if (lot.unlocked) {
            redeemable.remove(lot);
            available -= amount;
        } else {
            pending -= amount; // cannot happen for valid entries: expiry is after availability
        }
        expired += amount;
        if (amount > 0) {
            line(at, Type.EXPIRED, -amount, amount, lot.entry.reference(), lot.entry.reason());
        }
    }

    private void unlock(Lot lot, Instant at, boolean immediate) {
        if (lot.unlocked || lot.expired) {
            return;
        }
        lot.unlocked = true;
        long amount = lot.remaining;
        pending -= amount;
        available += amount;
        if (immediate || amount > 0) {
            line(
                    at,
                    immediate ? Type.EARNED : Type.UNLOCKED,
                    amount,
                    amount,
                    lot.entry.reference(),
                    lot.entry.reason());
        }
        long repay = Math.min(debt, lot.remaining);
        if (repay > 0) {
            // repaying moves points from the lot to the debt: the redeemable balance does not change
            lot.remaining -= repay;
            debt -= repay;
            available -= repay;
            line(at, Type.DEBT_REPAID, 0, repay, lot.entry.reference(), lot.entry.reason());
        }
        if (lot.remaining > 0) {
            redeemable.add(lot);
        }
    }

    /**
     * Applies one entry at its instant (call {@link #advance} with its instant first).
     *
     * @param e the entry
     * @throws IllegalStateException if a stored redemption is not covered (a corrupt store)
     */
    public void apply(LedgerEntry e) {
        applied++;
        switch (e.kind()) {
            case EARN -> {
                Lot lot = new Lot(e);
                lots.add(lot);
                earned += e.points();
                e.expiresAt().ifPresent(x -> events.add(new Event(x, 0, lot)));
                pending += e.points();
                if (e.availableAt().isAfter(e.at())) {
                    line(e.at(), Type.EARNED_PENDING, 0, e.points(), e.reference(), e.reason());
                    events.add(new Event(e.availableAt(), 1, lot));
                } else {
                    unlock(lot, e.at(), true);
                }
            }
            case REDEEM -> {
                if (e.points() > points()) {
                    throw new IllegalStateException("ledger of " + e.member().value() + " entry " + e.sequence()
                            + " redeems " + e.points() + " points with " + points() + " available");
                }
                take(e.points());
                redeemed += e.points();
                line(e.at(), Type.REDEEMED, -e.points(), e.points(), e.reference(), e.reason());
            }
            case CLAWBACK -> {
                long want = e.points();
                clawedBack += want;
                OrderId order = e.order().orElseThrow();
                long before = points();
                for (Lot lot : lots) {
                    if (want == 0) {
                        break;
                    }
                    if (lot.remaining > 0
                            && !lot.expired
                            && lot.entry.order().filter(order::equals).isPresent()) {
                        long t = Math.min(want, lot.remaining);
                        if (lot.unlocked) {
                            lot.remaining -= t;
                            available -= t;
                            if (lot.remaining == 0) {
                                redeemable.remove(lot);
                            }
                        } else {
                            lot.remaining -= t;
                            pending -= t;
                        }
                        want -= t;
                    }
                }
                long fromAvailable = Math.min(want, available);
                take(fromAvailable);
                want -= fromAvailable;
                long shortfall = want;
                if (e.policy().orElseThrow() == NegativeBalancePolicy.ALLOW_NEGATIVE) {
                    debt += shortfall;
                } else {
                    writtenOff += shortfall;
                }
                line(e.at(), Type.CLAWED_BACK, points() - before, e.points(), e.reference(), e.reason());
                if (shortfall > 0 && e.policy().orElseThrow() == NegativeBalancePolicy.CLAMP_AT_ZERO) {
                    line(e.at(), Type.WRITTEN_OFF, 0, shortfall, e.reference(), e.reason());
                }
            }
        }
    }

    private void take(long amount) {
        long want = amount;
        while (want > 0) {
            Lot lot = redeemable.first();
            long t = Math.min(want, lot.remaining);
            lot.remaining -= t;
            available -= t;
            want -= t;
            if (lot.remaining == 0) {
                redeemable.pollFirst();
            }
        }
    }

    private long running;

    private void line(Instant at, Type type, long change, long amount, String reference, String reason) {
        if (lines != null) {
            running += change;
            lines.add(new StatementLine(at, type, change, amount, running, reference, reason));
        }
    }
}
