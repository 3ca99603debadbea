package io.crmkit.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import io.crmkit.core.Refund;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of earns (immediate and pending), order earns, redemptions and partial refunds,
 * under both negative-balance policies, against a brute-force model that steps through time hour by
 * hour over plain lists: every call succeeds or fails as the model says, and the balance (with all
 * its totals) equals the model's after every step and long after; totals always reconcile and the
 * statement ends at the balance.
 */
class LedgerModelPropertiesTest {
    private static final Currency TWD = Currency.getInstance("TWD");
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final BrandSettings BRAND =
            BrandSettings.custom().zone(ZoneOffset.UTC).currency(TWD).build();
    private static final int PENDING_DAYS = 3;
    private static final MemberId M = MemberId.of("M1");

    /** One operation at an hour. kind: 0 earn, 1 order earn, 2 redeem, 3 refund part of an order. */
    record Op(int kind, int gapHours, int amount, int target) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 24 * 12),
                        Arbitraries.integers().between(1, 300),
                        Arbitraries.integers().between(0, 1000))
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void theLedgerAgreesWithTheModel(@ForAll("ops") List<Op> ops, @ForAll boolean allowNegative) {
        NegativeBalancePolicy policy =
                allowNegative ? NegativeBalancePolicy.ALLOW_NEGATIVE : NegativeBalancePolicy.CLAMP_AT_ZERO;
        PointsLedger ledger = PointsLedger.builder(BRAND)
                .rules(PointsRules.builder(TWD)
                        .perAmount(Money.of(1, TWD), 1)
                        .pendingDays(PENDING_DAYS)
                        .expiry(ExpiryPolicy.afterMonths(1))
                        .negativeBalance(policy)
                        .build())
                .build();
        Model model = new Model(allowNegative);
        List<Order> orders = new ArrayList<>();
        Map<OrderId, Long> refunded = new HashMap<>();
        int hour = 0;
        int n = 0;
        for (Op op : ops) {
            hour += op.gapHours();
            Instant at = BASE.plusSeconds(hour * 3600L);
            model.advanceTo(hour);
            String ref = "op-" + n++;
            switch (op.kind()) {
                case 0 -> {
                    ledger.earn(M, op.amount(), "bonus", ref, at);
                    model.earn(hour, op.amount(), null, false);
                }
                case 1 -> {
                    Order o = Order.builder(OrderId.of("O" + n), M, at)
                            .line(OrderLine.of(ProductId.of("P"), "p", Category.of("c"), 1, Money.of(op.amount(), TWD)))
                            .build();
                    orders.add(o);
                    ledger.earnForOrder(o, at);
                    model.earn(hour, op.amount(), o.id(), true);
                }
                case 2 -> {
                    boolean ok = model.points() >= op.amount();
                    try {
                        ledger.redeem(M, op.amount(), "gift", ref, at);
                        assertThat(ok)
                                .as("the ledger redeemed %d with the model at %d", op.amount(), model.points())
                                .isTrue();
                        model.redeem(op.amount());
                    } catch (InsufficientPointsException e) {
                        assertThat(ok)
                                .as("the ledger refused %d with the model at %d", op.amount(), model.points())
                                .isFalse();
                        assertThat(e.available()).isEqualTo(Math.max(0, model.points()));
                    }
                }
                default -> {
                    if (orders.isEmpty()) {
                        continue;
                    }
                    Order o = orders.get(op.target() % orders.size());
                    long total = o.total().minorUnits() / 100;
                    long done = refunded.getOrDefault(o.id(), 0L);
                    long part = Math.min(total - done, 1 + op.amount() % total);
                    if (part <= 0) {
                        continue;
                    }
                    refunded.put(o.id(), done + part);
                    Order.Builder b = o.toBuilder();
                    // the refunds so far, then this one
                    Order withRefund = b.refund(new Refund(at, Money.of(part, TWD), "return"))
                            .build();
                    orders.set(orders.indexOf(o), withRefund);
                    ledger.clawback(withRefund, at);
                    long target = model.earnedFor(o.id()) * (done + part) / total;
                    model.clawback(o.id(), target - model.clawedFor(o.id()));
                }
            }
            check(ledger.balance(M, at), model);
        }
        int end = hour + 24 * 120;
        model.advanceTo(end);
        Instant last = BASE.plusSeconds(end * 3600L);
        check(ledger.balance(M, last), model);
        Statement s = ledger.statement(M, last);
        long shown =
                s.lines().isEmpty() ? 0 : s.lines().get(s.lines().size() - 1).balanceAfter();
        assertThat(shown).isEqualTo(s.balance().points());
    }

    private static void check(Balance b, Model m) {
        assertThat(b.reconciles()).as("reconciles: %s", b).isTrue();
        assertThat(new long[] {
                    b.available(),
                    b.pending(),
                    b.debt(),
                    b.earned(),
                    b.redeemed(),
                    b.expired(),
                    b.clawedBack(),
                    b.writtenOff()
                })
                .as("available, pending, debt, earned, redeemed, expired, clawedBack, writtenOff")
                .containsExactly(
                        m.available(),
                        m.pending(),
                        m.debt,
                        m.earned,
                        m.redeemed,
                        m.expired,
                        m.clawedBack,
                        m.writtenOff);
    }

    /** Plain lists, stepped hour by hour: expiries, then unlocks, then the operation. */
    static final class Model {
        final boolean allowNegative;
        final List<long[]> lots =
                new ArrayList<>(); // [seq, remaining, availableHour, expiryHour, unlocked(0/1), expired(0/1)]
        final List<OrderId> lotOrders = new ArrayList<>();
        final Map<OrderId, Long> clawed = new HashMap<>();
        int now;
        long debt;
        long earned;
        long redeemed;
        long expired;
        long clawedBack;
        long writtenOff;

        Model(boolean allowNegative) {
            this.allowNegative = allowNegative;
        }

        void advanceTo(int hour) {
            for (int h = now + 1; h <= hour; h++) {
                for (long[] lot : lots) {
                    if (lot[5] == 0 && lot[3] == h) {
                        lot[5] = 1;
                        if (lot[4] == 1) {
                            expired += lot[1];
                            lot[1] = 0;
                        }
                    }
                }
                for (long[] lot : lots) {
                    if (lot[4] == 0 && lot[5] == 0 && lot[2] == h) {
                        unlock(lot);
                    }
                }
            }
            now = Math.max(now, hour);
        }

        void unlock(long[] lot) {
            lot[4] = 1;
            long repay = Math.min(debt, lot[1]);
            lot[1] -= repay;
            debt -= repay;
        }

        void earn(int hour, long points, OrderId order, boolean pending) {
            int available = pending ? hour + PENDING_DAYS * 24 : hour;
            // valid through the same day a month after the day the points became available
            LocalDate day =
                    BASE.plusSeconds(available * 3600L).atZone(ZoneOffset.UTC).toLocalDate();
            long expiryHour = (day.plusMonths(1).plusDays(1).toEpochDay()
                            - LocalDate.of(2026, 1, 1).toEpochDay())
                    * 24;
            long[] lot = {lots.size(), points, available, expiryHour, 0, 0};
            lots.add(lot);
            lotOrders.add(order);
            if (order != null) {
                original.merge(order, points, Long::sum);
            }
            earned += points;
            if (!pending) {
                unlock(lot);
            }
        }

        long available() {
            long a = 0;
            for (long[] lot : lots) {
                if (lot[4] == 1 && lot[5] == 0) {
                    a += lot[1];
                }
            }
            return a;
        }

        long pending() {
            long p = 0;
            for (long[] lot : lots) {
                if (lot[4] == 0 && lot[5] == 0) {
                    p += lot[1];
                }
            }
            return p;
        }

        long points() {
            return available() - debt;
        }

        /** Usable lots, soonest expiry first, then oldest. */
        List<long[]> usable() {
            List<long[]> u = new ArrayList<>();
            for (long[] lot : lots) {
                if (lot[4] == 1 && lot[5] == 0 && lot[1] > 0) {
                    u.add(lot);
                }
            }
            u.sort((x, y) -> x[3] != y[3] ? Long.compare(x[3], y[3]) : Long.compare(x[0], y[0]));
            return u;
        }

        void redeem(long points) {
            redeemed += points;
            take(points);
        }

        long take(long points) {
            long want = points;
            for (long[] lot : usable()) {
                long t = Math.min(want, lot[1]);
                lot[1] -= t;
                want -= t;
            }
            return want;
        }

        long earnedFor(OrderId order) {
            return original.getOrDefault(order, 0L);
        }

        final Map<OrderId, Long> original = new HashMap<>();

        long clawedFor(OrderId order) {
            return clawed.getOrDefault(order, 0L);
        }

        void clawback(OrderId order, long points) {
            if (points <= 0) {
                return;
            }
            clawed.merge(order, points, Long::sum);
            clawedBack += points;
            long want = points;
            for (int i = 0; i < lots.size() && want > 0; i++) {
                long[] lot = lots.get(i);
                if (order.equals(lotOrders.get(i)) && lot[5] == 0) {
                    long t = Math.min(want, lot[1]);
                    lot[1] -= t;
                    want -= t;
                }
            }
            want = take(want);
            if (allowNegative) {
                debt += want;
            } else {
                writtenOff += want;
            }
        }
    }
}
