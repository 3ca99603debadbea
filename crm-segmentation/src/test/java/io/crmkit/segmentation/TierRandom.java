package io.crmkit.segmentation;

import io.crmkit.core.Category;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.ProductId;
import io.crmkit.core.Refund;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/** Random tier programmes and order histories for the tier properties, from a seed. */
final class TierRandom {
    static final Currency TWD = Currency.getInstance("TWD");
    private static final String[] CURRENCIES = {"TWD", "JPY", "USD", "KWD"};
    private static final String[] PIECES = {
        "金", "卡", "黑", "鑽", "a", "Z", "7", " ", "\"", "\\", "/", "\n", "\t", "\u0000", "\u007f", "\u2028", "é", "😀",
        "🇹🇼", "\ud800", "\udc00", "{", "}", ":", ","
    };
    private static final String[] KEYS = {
        "freeShipping", "pointsMultiplier", "birthdayGift", "parking", "vip-line", "a.b_c"
    };
    static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    static final long SPAN_SECONDS = 5L * 365 * 86_400;

    private TierRandom() {}

    static String text(Random r, int max) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            b.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    static String name(Random r, int i) {
        String s = text(r, 6) + "-" + i;
        try {
            Tier.named(s);
            return s;
        } catch (InvalidValueException e) {
            return "tier" + i;
        }
    }

    static Benefit benefit(Random r) {
        switch (r.nextInt(3)) {
            case 0:
                return Benefit.text(text(r, 8));
            case 1:
                return Benefit.decimal(
                        new BigDecimal(BigInteger.valueOf(r.nextInt(2_000_001) - 1_000_000), r.nextInt(10) - 3));
            default:
                return Benefit.flag(r.nextBoolean());
        }
    }

    /**
     * @param r randomness
     * @param currency the currency, or null for a random one
     * @param realistic thresholds in a range that random shops reach (for evaluation), else anywhere
     * @return a valid programme
     */
    static TierProgram program(Random r, Currency currency, boolean realistic) {
        Currency c = currency != null ? currency : Currency.getInstance(CURRENCIES[r.nextInt(CURRENCIES.length)]);
        TierProgram.Builder b = TierProgram.builder(c);
        TierProgram.Period[] periods = TierProgram.Period.values();
        if (r.nextBoolean()) {
            b.calendar(periods[r.nextInt(periods.length)]);
        } else {
            int days = realistic ? 1 + r.nextInt(400) : 1 + r.nextInt(36_600);
            b.rolling(days, periods[r.nextInt(periods.length)]);
        }
        boolean any = r.nextBoolean();
        b.match(any ? TierProgram.Match.ANY : TierProgram.Match.ALL);
        b.grace(r.nextInt(realistic ? 3 : 5));
        int count = 1 + r.nextInt(5);
        boolean base = r.nextBoolean();
        boolean spend = r.nextBoolean();
        boolean orders = !spend || r.nextBoolean();
        long lastSpend = 0;
        int lastOrders = 0;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String name = name(r, i);
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                name = "tier" + i;
                names.add(name);
            }
            Tier t = Tier.named(name);
            if (!(base && i == 0)) {
                if (i > 0 && !(base && i == 1)) {
                    // which requirements continue: ALL may add one, ANY may drop one (keeping at least one)
                    if (any) {
                        if (spend && orders && r.nextInt(4) == 0) {
                            if (r.nextBoolean()) {
                                spend = false;
                            } else {
                                orders = false;
                            }
                        }
                    } else if (r.nextInt(4) == 0) {
                        spend = true;
                        orders = true;
                    }
                }
                if (spend) {
                    long step = realistic ? 1 + r.nextInt(8_000) : 1 + (long) r.nextInt(Integer.MAX_VALUE);
                    lastSpend += step;
                    t = t.minSpend(Money.ofMinor(realistic ? lastSpend * 100 : lastSpend, c));
                }
                if (orders) {
                    lastOrders += 1 + r.nextInt(realistic ? 2 : 1000);
                    t = t.minOrders(lastOrders);
                }
            }
            int benefits = r.nextInt(4);
            for (int k = 0; k < benefits; k++) {
                t = t.benefit(KEYS[r.nextInt(KEYS.length)], benefit(r));
            }
            b.tier(t);
        }
        return b.build();
    }

    /**
     * A random instant in 2023 .. 2027; one in five is the first instant of a month in the zone (a
     * review instant for every period kind when it is January), so that events at boundaries are common.
     */
    static Instant instant(Random r, java.time.ZoneId zone) {
        if (r.nextInt(5) == 0) {
            return java.time.LocalDate.of(2023 + r.nextInt(5), 1 + (r.nextBoolean() ? 0 : r.nextInt(12)), 1)
                    .atStartOfDay(zone)
                    .toInstant();
        }
        return instant(r);
    }

    /** A random instant in 2023 .. 2027, sometimes with nanoseconds, often at a whole hour. */
    static Instant instant(Random r) {
        long s = (long) (r.nextDouble() * SPAN_SECONDS);
        if (r.nextInt(3) == 0) {
            s = s / 3600 * 3600; // on the hour: period boundaries in whole-hour zones
        }
        Instant t = START.plusSeconds(s);
        return r.nextInt(5) == 0 ? t.plusNanos(r.nextInt(1_000_000_000)) : t;
    }

    /** One member's random orders in TWD: some refunded in part or whole, some cancelled. */
    static List<Order> orders(Random r, String member, int max, java.time.ZoneId zone) {
        List<Order> out = new ArrayList<>();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            out.add(order(r, member, member + "-" + i, zone));
        }
        return out;
    }

    static Order order(Random r, String member, String id, java.time.ZoneId zone) {
        Instant placed = instant(r, zone);
        long amount = 100 + r.nextInt(9_000);
        Order.Builder b = Order.builder(OrderId.of(id), MemberId.of(member), placed)
                .line(OrderLine.of(
                        ProductId.of("P" + r.nextInt(5)), "thing", Category.of("Food"), 1, Money.of(amount, TWD)));
        int kind = r.nextInt(10);
        if (kind == 0) {
            b.status(OrderStatus.CANCELLED);
        } else if (kind <= 2) {
            Instant at = placed.plusSeconds(r.nextInt(200 * 86_400));
            long back = kind == 1 ? amount : 1 + r.nextInt((int) amount);
            b.refund(new Refund(at, Money.of(back, TWD), "return"));
        }
        return b.build();
    }
}
