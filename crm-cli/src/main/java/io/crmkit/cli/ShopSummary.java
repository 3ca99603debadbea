package io.crmkit.cli;

import io.crmkit.core.Order;
import io.crmkit.core.OrderLine;
import io.crmkit.core.Refund;
import io.crmkit.generator.GeneratedMember;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts and revenue of a generated shop, for the summary that {@code generate} prints. Revenue is
 * what members paid for orders that were not cancelled, less refunds; category revenue is the net
 * amount of the lines.
 */
final class ShopSummary {
    private final ZoneId zone;
    private final Currency currency;
    private final long factor;
    long members;
    long buyers;
    long orders;
    long cancelled;
    long lines;
    long interactions;
    long revenueMinor;
    private final Map<YearMonth, long[]> byMonth = new TreeMap<>();
    private final Map<String, Long> byCategory = new HashMap<>();

    ShopSummary(ZoneId zone, Currency currency) {
        this.zone = zone;
        this.currency = currency;
        long f = 1;
        for (int i = 0; i < Math.max(0, currency.getDefaultFractionDigits()); i++) {
            f *= 10;
        }
        this.factor = f;
    }

    void add(GeneratedMember m) {
        members++;
        if (m.isBuyer()) {
            buyers++;
        }
        interactions += m.interactions().size();
        for (Order o : m.orders()) {
            orders++;
            lines += o.lines().size();
            if (o.isCancelled()) {
                cancelled++;
                continue;
            }
            long paid = o.total().minorUnits();
            for (Refund r : o.refunds()) {
                paid -= r.amount().minorUnits();
            }
            revenueMinor += paid;
            long[] month = byMonth.computeIfAbsent(YearMonth.from(o.placedAt().atZone(zone)), k -> new long[2]);
            month[0]++;
            month[1] += paid;
            for (OrderLine l : o.lines()) {
                byCategory.merge(l.category().path(), l.netAmount().minorUnits(), Long::sum);
            }
        }
    }

    String money(long minor) {
        String symbol = currency.getCurrencyCode().equals("TWD") ? "NT$" : currency.getCurrencyCode() + " ";
        return symbol + String.format(Locale.ROOT, "%,d", Math.round((double) minor / factor));
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    List<Map.Entry<String, Long>> topCategories(int n) {
        List<Map.Entry<String, Long>> all = new ArrayList<>(byCategory.entrySet());
        all.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return all.subList(0, Math.min(n, all.size()));
    }

    void print(PrintWriter out, long products) {
        out.printf(Locale.ROOT, "  %-14s %14s%n", "members", count(members));
        out.printf(
                Locale.ROOT,
                "  %-14s %14s  (%.1f%% of members; %.1f%% never bought)%n",
                "buyers",
                count(buyers),
                pct(buyers, members),
                100 - pct(buyers, members));
        out.printf(Locale.ROOT, "  %-14s %14s  (%s cancelled)%n", "orders", count(orders), count(cancelled));
        out.printf(Locale.ROOT, "  %-14s %14s%n", "order lines", count(lines));
        out.printf(Locale.ROOT, "  %-14s %14s%n", "interactions", count(interactions));
        out.printf(Locale.ROOT, "  %-14s %14s%n", "products", count(products));
        long paidOrders = orders - cancelled;
        out.printf(
                Locale.ROOT,
                "  %-14s %14s  (net of cancellations and refunds; average order %s)%n",
                "revenue",
                money(revenueMinor),
                paidOrders == 0 ? "-" : money(revenueMinor / paidOrders));
        out.println();
        out.println("Revenue by month");
        out.printf(Locale.ROOT, "  %-8s %10s %16s%n", "month", "orders", "revenue");
        for (Map.Entry<YearMonth, long[]> e : byMonth.entrySet()) {
            out.printf(Locale.ROOT, "  %-8s %10s %16s%n", e.getKey(), count(e.getValue()[0]), money(e.getValue()[1]));
        }
        out.println();
        out.println("Top 5 categories by revenue");
        long lineRevenue =
                byCategory.values().stream().mapToLong(Long::longValue).sum();
        int rank = 1;
        for (Map.Entry<String, Long> e : topCategories(5)) {
            out.printf(
                    Locale.ROOT,
                    "  %d. %s  %s (%.1f%%)%n",
                    rank++,
                    e.getKey(),
                    money(e.getValue()),
                    pct(e.getValue(), lineRevenue));
        }
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
