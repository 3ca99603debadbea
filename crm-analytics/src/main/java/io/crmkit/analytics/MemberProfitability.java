package io.crmkit.analytics;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionType;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderLine;
import io.crmkit.core.Refund;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.InteractionStore;
import io.crmkit.core.spi.OrderStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * Profit per member: revenue − cost of goods − discounts and coupons − marketing cost (messages sent
 * × cost per channel, from the interaction log) − service cost, with the costs from {@link
 * ProfitSettings}. Orders and interactions are each read once into per-member columns.
 *
 * <p>Definitions: revenue is the lines' gross amount (unit price × quantity) plus shipping, minus
 * refunds; discounts are line and order discounts (coupons included), so revenue − discounts is
 * what the member paid net of refunds; cost of goods is the lines' unit cost × quantity, or the
 * settings' assumed rate × net amount for lines without a cost (without a rate such lines count 0
 * and the member's row says the cost is incomplete); cancelled orders count nothing; service cost is
 * per order; marketing cost counts {@code MESSAGE_SENT} interactions by channel. Goods refunded keep
 * their cost (not restocked).
 *
 * <pre>{@code
 * MemberProfitability p = MemberProfitability.of(crm.orders(), crm.interactions(), brand, costs);
 * for (MemberProfitability.MemberProfit m : p.top(10)) {
 *     System.out.println(m.memberId() + " " + m.profit());
 * }
 * p.distribution(); // quantiles and the share of members who cost more than they bring
 * }</pre>
 */
public final class MemberProfitability {
    private final Currency currency;
    private final List<MemberId> ids;
    private final long[] revenue;
    private final long[] costOfGoods;
    private final long[] discounts;
    private final long[] marketing;
    private final long[] service;
    private final boolean[] incomplete;
    private final long[] profit;

    private MemberProfitability(
            Currency currency,
            List<MemberId> ids,
            long[] revenue,
            long[] costOfGoods,
            long[] discounts,
            long[] marketing,
            long[] service,
            boolean[] incomplete) {
        this.currency = currency;
        this.ids = ids;
        this.revenue = revenue;
        this.costOfGoods = costOfGoods;
        this.discounts = discounts;
        this.marketing = marketing;
        this.service = service;
        this.incomplete = incomplete;
        this.profit = new long[ids.size()];
        for (int i = 0; i < profit.length; i++) {
            profit[i] = revenue[i] - costOfGoods[i] - discounts[i] - marketing[i] - service[i];
        }
    }

    /**
     * One member's profit and its parts.
     *
     * @param memberId the member
     * @param revenue gross line amounts plus shipping, minus refunds
     * @param costOfGoods unit costs × quantities (or the assumed rate)
     * @param discounts line and order discounts, coupons included
     * @param marketingCost messages sent × cost per channel
     * @param serviceCost service cost per order × orders
     * @param profit revenue minus the four costs
     * @param costOfGoodsComplete false if some line had no unit cost and no rate was set
     */
    public record MemberProfit(
            MemberId memberId,
            Money revenue,
            Money costOfGoods,
            Money discounts,
            Money marketingCost,
            Money serviceCost,
            Money profit,
            boolean costOfGoodsComplete) {}

    /**
     * The spread of profit over members.
     *
     * @param members members with an order or a message
     * @param total the sum of all profits
     * @param p10 10th percentile (nearest rank)
     * @param p25 25th percentile
     * @param median 50th percentile
     * @param p75 75th percentile
     * @param p90 90th percentile
     * @param unprofitable members whose profit is below zero
     */
    public record Distribution(
            int members, Money total, Money p10, Money p25, Money median, Money p75, Money p90, int unprofitable) {}

    /**
     * Reads all orders and interactions once.
     *
     * @param orders the order store
     * @param interactions the interaction store
     * @param brand the brand (its currency)
     * @param settings the costs
     * @return the profitability of every member with an order or an interaction
     * @throws AnalyticsException if an order is in another currency than the brand's
     * @throws InvalidValueException if the settings are in another currency than the brand's
     */
    public static MemberProfitability of(
            OrderStore orders, InteractionStore interactions, BrandSettings brand, ProfitSettings settings) {
        Currency cur = brand.currency();
        if (!settings.currency().equals(cur)) {
            throw new InvalidValueException(
                    "settings", "costs are in " + settings.currency() + ", the brand's currency is " + cur);
        }
        Map<MemberId, Integer> index = new HashMap<>();
        List<MemberId> ids = new ArrayList<>();
        long[][] cols = new long[5][1024]; // revenue, cogs, discounts, marketing, service
        boolean[] incomplete = new boolean[1024];
        long perOrder = settings.serviceCostPerOrder().minorUnits();
        double rate = settings.assumedCostOfGoodsRate().orElse(-1.0);
        try (Stream<Order> s = orders.streamPlaced(TimeRange.all())) {
            Iterator<Order> it = s.iterator();
            while (it.hasNext()) {
                Order o = it.next();
                if (o.isCancelled()) {
                    continue;
                }
                if (!o.currency().equals(cur)) {
                    throw new AnalyticsException(
                            "order " + o.id().value() + " is in " + o.currency() + "; profitability is in " + cur);
                }
                int m = ordinal(index, ids, o.memberId());
                if (m == cols[0].length) {
                    for (int k = 0; k < 5; k++) {
                        cols[k] = Arrays.copyOf(cols[k], m * 2);
                    }
                    incomplete = Arrays.copyOf(incomplete, m * 2);
                }
                long gross = o.shippingFee().minorUnits();
                long disc = o.orderDiscount().minorUnits();
                long cogs = 0;
                for (OrderLine l : o.lines()) {
                    gross += l.grossAmount().minorUnits();
                    disc += l.discount().minorUnits();
                    if (l.totalCost().isPresent()) {
                        cogs += l.totalCost().get().minorUnits();
                    } else if (rate >= 0) {
                        cogs += Math.round(l.netAmount().minorUnits() * rate);
                    } else {
                        incomplete[m] = true;
                    }
                }
                for (Refund r : o.refunds()) {
                    gross -= r.amount().minorUnits();
                }
                cols[0][m] += gross;
                cols[1][m] += cogs;
                cols[2][m] += disc;
                cols[4][m] += perOrder;
            }
        }
        long[] channelCost = new long[ContactChannel.values().length];
        for (ContactChannel c : ContactChannel.values()) {
            channelCost[c.ordinal()] = settings.messageCost(c).minorUnits();
        }
        try (Stream<Interaction> s = interactions.streamIn(TimeRange.all())) {
            Iterator<Interaction> it = s.iterator();
            while (it.hasNext()) {
                Interaction i = it.next();
                if (i.type() != InteractionType.MESSAGE_SENT || i.channel().isEmpty()) {
                    continue;
                }
                int m = ordinal(index, ids, i.memberId());
                if (m >= cols[0].length) {
                    for (int k = 0; k < 5; k++) {
                        cols[k] = Arrays.copyOf(cols[k], Math.max(m + 1, cols[k].length * 2));
                    }
                    incomplete = Arrays.copyOf(incomplete, cols[0].length);
                }
                cols[3][m] += channelCost[i.channel().get().ordinal()];
            }
        }
        int n = ids.size();
        return new MemberProfitability(
                cur,
                List.copyOf(ids),
                Arrays.copyOf(cols[0], n),
                Arrays.copyOf(cols[1], n),
                Arrays.copyOf(cols[2], n),
                Arrays.copyOf(cols[3], n),
                Arrays.copyOf(cols[4], n),
                Arrays.copyOf(incomplete, n));
    }

    private static int ordinal(Map<MemberId, Integer> index, List<MemberId> ids, MemberId id) {
        Integer m = index.get(id);
        if (m == null) {
            m = ids.size();
            index.put(id, m);
            ids.add(id);
        }
        return m;
    }

    /** @return the number of members with an order or a message */
    public int size() {
        return ids.size();
    }

    /**
     * @param i a row, 0-based, in the order members were first seen
     * @return that member's profit and its parts
     */
    public MemberProfit row(int i) {
        return new MemberProfit(
                ids.get(i),
                Money.ofMinor(revenue[i], currency),
                Money.ofMinor(costOfGoods[i], currency),
                Money.ofMinor(discounts[i], currency),
                Money.ofMinor(marketing[i], currency),
                Money.ofMinor(service[i], currency),
                Money.ofMinor(profit[i], currency),
                !incomplete[i]);
    }

    /**
     * @param n how many, {@code >= 1}
     * @return the n most profitable members, most profitable first (ties by member id)
     */
    public List<MemberProfit> top(int n) {
        return extreme(n, true);
    }

    /**
     * @param n how many, {@code >= 1}
     * @return the n least profitable members, least profitable first (ties by member id)
     */
    public List<MemberProfit> bottom(int n) {
        return extreme(n, false);
    }

    private int compare(int a, int b, boolean high) {
        int k = high ? Long.compare(profit[b], profit[a]) : Long.compare(profit[a], profit[b]);
        return k != 0 ? k : ids.get(a).value().compareTo(ids.get(b).value());
    }

    private List<MemberProfit> extreme(int n, boolean high) {
        if (n < 1) {
            throw new InvalidValueException("n", n + " is below 1");
        }
        // keep the n best in a heap whose head is the worst of them
        PriorityQueue<Integer> heap = new PriorityQueue<>((a, b) -> compare(b, a, high));
        for (int i = 0; i < profit.length; i++) {
            heap.add(i);
            if (heap.size() > n) {
                heap.poll();
            }
        }
        List<Integer> rows = new ArrayList<>(heap);
        rows.sort((a, b) -> compare(a, b, high));
        List<MemberProfit> out = new ArrayList<>();
        for (int i : rows) {
            out.add(row(i));
        }
        return out;
    }

    /**
     * @return quantiles (nearest rank) of profit over members, the total and the number of
     *     unprofitable members
     * @throws AnalyticsException if there are no members
     */
    public Distribution distribution() {
        if (profit.length == 0) {
            throw new AnalyticsException("no member has an order or a message");
        }
        long[] sorted = profit.clone();
        Arrays.sort(sorted);
        long total = 0;
        int negative = 0;
        for (long p : sorted) {
            total = Math.addExact(total, p);
            negative += p < 0 ? 1 : 0;
        }
        return new Distribution(
                sorted.length,
                Money.ofMinor(total, currency),
                q(sorted, 0.10),
                q(sorted, 0.25),
                q(sorted, 0.50),
                q(sorted, 0.75),
                q(sorted, 0.90),
                negative);
    }

    private Money q(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length); // nearest rank, 1-based
        return Money.ofMinor(sorted[Math.max(0, rank - 1)], currency);
    }
}
