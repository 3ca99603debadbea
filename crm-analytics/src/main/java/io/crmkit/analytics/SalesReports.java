package io.crmkit.analytics;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.OrderStore;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Dashboard reports as data, computed from a columnar copy of the orders: the store is read once
 * ({@link OrderStore#streamPlaced}) into primitive arrays, and each report is one pass over them.
 *
 * <p>Definitions: cancelled orders are left out; revenue is the order total (line amounts after
 * discounts, plus shipping) before refunds, and a line's revenue its net amount; a member's first
 * order is the first one read (so read all of a member's history: the default range is
 * everything); a "returning" order is any later one; days, months, weekdays and hours are those of
 * the brand's zone; every amount must be in the brand's currency.
 *
 * <pre>{@code
 * SalesReports reports = SalesReports.of(crm.orders(), brand);
 * for (SalesReports.MonthlyCustomers m : reports.monthlyCustomers()) {
 *     System.out.println(m.month() + " new " + m.newCustomers() + " (" + m.newRevenue() + "), returning "
 *             + m.returningCustomers() + " (" + m.returningRevenue() + ")");
 * }
 * }</pre>
 */
public final class SalesReports {
    private final Currency currency;
    private final ZoneId zone;
    // orders, in placement order
    private final int orders;
    private final int[] member;
    private final int[] day; // local epoch day
    private final byte[] weekday; // 0 = Monday
    private final byte[] hour;
    private final long[] total;
    private final boolean[] first;
    // lines
    private final int lines;
    private final int[] lineOrder;
    private final int[] product;
    private final int[] category;
    private final long[] net;
    private final long[] cost; // Long.MIN_VALUE when unknown
    private final int[] quantity;
    private final int members;
    private final List<ProductId> products;
    private final List<String> productNames;
    private final List<String> categories;

    private SalesReports(Builder b) {
        this.currency = b.currency;
        this.zone = b.zone;
        this.orders = b.orders;
        this.member = Arrays.copyOf(b.member, b.orders);
        this.day = Arrays.copyOf(b.day, b.orders);
        this.weekday = Arrays.copyOf(b.weekday, b.orders);
        this.hour = Arrays.copyOf(b.hour, b.orders);
        this.total = Arrays.copyOf(b.total, b.orders);
        this.first = Arrays.copyOf(b.first, b.orders);
        this.lines = b.lines;
        this.lineOrder = Arrays.copyOf(b.lineOrder, b.lines);
        this.product = Arrays.copyOf(b.product, b.lines);
        this.category = Arrays.copyOf(b.category, b.lines);
        this.net = Arrays.copyOf(b.net, b.lines);
        this.cost = Arrays.copyOf(b.cost, b.lines);
        this.quantity = Arrays.copyOf(b.quantity, b.lines);
        this.members = b.memberIndex.size();
        this.products = List.copyOf(b.products);
        this.productNames = List.copyOf(b.productNames);
        this.categories = List.copyOf(b.categories);
    }

    /**
     * Reads every order of the store once.
     *
     * @param store the orders
     * @param brand zone and currency
     * @return the reports
     * @throws AnalyticsException if an order is in another currency
     */
    public static SalesReports of(OrderStore store, BrandSettings brand) {
        return of(store, brand, TimeRange.all());
    }

    /**
     * Reads the orders placed in a range once.
     *
     * @param store the orders
     * @param brand zone and currency
     * @param range the orders to read; members' first orders are the first ones in the range
     * @return the reports
     * @throws AnalyticsException if an order is in another currency
     */
    public static SalesReports of(OrderStore store, BrandSettings brand, TimeRange range) {
        Builder b = new Builder(brand);
        try (Stream<Order> s = store.streamPlaced(range)) {
            Iterator<Order> it = s.iterator();
            while (it.hasNext()) {
                b.add(it.next());
            }
        }
        return new SalesReports(b);
    }

    /** @return the number of orders read (not cancelled) */
    public int orders() {
        return orders;
    }

    /** @return the number of members with at least one order */
    public int customers() {
        return members;
    }

    private Money money(long minor) {
        return Money.ofMinor(minor, currency);
    }

    // ---- monthly new vs returning -------------------------------------------------------------

    /**
     * One month of {@link #monthlyCustomers()}.
     *
     * @param month the month, in the brand's zone
     * @param newCustomers members whose first order is in this month
     * @param returningCustomers members who ordered this month and first ordered earlier
     * @param newRevenue revenue of the new customers' orders this month
     * @param returningRevenue revenue of the returning customers' orders this month
     * @param orders orders this month
     */
    public record MonthlyCustomers(
            YearMonth month,
            long newCustomers,
            long returningCustomers,
            Money newRevenue,
            Money returningRevenue,
            long orders) {}

    /** @return per month with orders, new and returning customers and their revenue, oldest first */
    public List<MonthlyCustomers> monthlyCustomers() {
        int[] firstMonth = new int[members];
        int[] lastMonth = new int[members];
        Arrays.fill(lastMonth, Integer.MIN_VALUE);
        Map<Integer, long[]> byMonth = new HashMap<>(); // new, returning, newRev, retRev, orders
        for (int i = 0; i < orders; i++) {
            int m = member[i];
            int month = monthIndex(day[i]);
            if (first[i]) {
                firstMonth[m] = month;
            }
            long[] acc = byMonth.computeIfAbsent(month, k -> new long[5]);
            boolean isNew = firstMonth[m] == month;
            if (lastMonth[m] != month) {
                lastMonth[m] = month;
                acc[isNew ? 0 : 1]++;
            }
            acc[isNew ? 2 : 3] += total[i];
            acc[4]++;
        }
        List<MonthlyCustomers> out = new ArrayList<>();
        byMonth.keySet().stream().sorted().forEach(month -> {
            long[] a = byMonth.get(month);
            out.add(new MonthlyCustomers(
                    YearMonth.of(Math.floorDiv(month, 12), Math.floorMod(month, 12) + 1),
                    a[0],
                    a[1],
                    money(a[2]),
                    money(a[3]),
                    a[4]));
        });
        return out;
    }

    private static int monthIndex(int epochDay) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        return d.getYear() * 12 + d.getMonthValue() - 1;
    }

    // ---- order-total histogram ----------------------------------------------------------------

    /**
     * One bin of {@link #orderTotalHistogram()}: totals in {@code [from, to)}.
     *
     * @param from lower edge, inclusive
     * @param to upper edge, exclusive
     * @param orders orders in the bin
     * @param revenue their revenue
     */
    public record Bin(Money from, Money to, long orders, Money revenue) {}

    /**
     * @return order totals in bins with readable edges: 0, then 1-2-5 steps of whole currency
     *     units (…, 100, 200, 500, 1,000, 2,000, …) from the one below the smallest total to the one
     *     above the largest; empty bins in between are kept
     */
    public List<Bin> orderTotalHistogram() {
        if (orders == 0) {
            return List.of();
        }
        long unit = minorPerMajor();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < orders; i++) {
            min = Math.min(min, total[i]);
            max = Math.max(max, total[i]);
        }
        List<Long> edges = new ArrayList<>();
        edges.add(Math.min(0, min));
        long e = unit;
        while (e <= min) {
            long next = nextEdge(e, unit);
            if (next > min) {
                break;
            }
            e = next;
        }
        if (e > edges.get(0)) {
            edges.add(e);
        }
        while (edges.get(edges.size() - 1) <= max) {
            e = nextEdge(e, unit);
            edges.add(e);
        }
        long[] lo = edges.stream().mapToLong(Long::longValue).toArray();
        long[] count = new long[lo.length - 1];
        long[] rev = new long[lo.length - 1];
        for (int i = 0; i < orders; i++) {
            int k = Arrays.binarySearch(lo, total[i]);
            int bin = k >= 0 ? k : -k - 2;
            count[bin]++;
            rev[bin] += total[i];
        }
        List<Bin> out = new ArrayList<>();
        for (int k = 0; k < count.length; k++) {
            out.add(new Bin(money(lo[k]), money(lo[k + 1]), count[k], money(rev[k])));
        }
        return out;
    }

    /** The next 1-2-5 edge after e (in minor units of a currency with {@code unit} minor per major). */
    private static long nextEdge(long e, long unit) {
        long major = e / unit;
        long p = 1;
        while (p * 10 <= major) {
            p *= 10;
        }
        long lead = major / p;
        long next = lead < 2 ? 2 * p : lead < 5 ? 5 * p : 10 * p;
        return Math.multiplyExact(next, unit);
    }

    private long minorPerMajor() {
        long f = 1;
        for (int i = 0; i < Math.max(0, currency.getDefaultFractionDigits()); i++) {
            f *= 10;
        }
        return f;
    }

    // ---- weekday x hour -----------------------------------------------------------------------

    /**
     * Orders by weekday and hour of {@link #weekdayHourHeatmap()}. The arrays are the report's own
     * copy: change them and only your copy changes.
     *
     * @param orders orders[weekday 0 = Monday][hour 0-23]
     * @param revenue revenue in minor units, same layout
     */
    public record Heatmap(long[][] orders, long[][] revenue) {
        /**
         * @param day a weekday
         * @param hour an hour, 0-23
         * @return orders placed on that weekday in that hour
         */
        public long count(DayOfWeek day, int hour) {
            return orders[day.getValue() - 1][hour];
        }
    }

    /** @return orders and revenue by weekday and hour of the day, in the brand's zone */
    public Heatmap weekdayHourHeatmap() {
        long[][] n = new long[7][24];
        long[][] r = new long[7][24];
        for (int i = 0; i < orders; i++) {
            n[weekday[i]][hour[i]]++;
            r[weekday[i]][hour[i]] += total[i];
        }
        return new Heatmap(n, r);
    }

    // ---- repurchase intervals -----------------------------------------------------------------

    /** Upper edges (inclusive, days) of the repurchase-interval bins; the last bin is open. */
    public static final int[] INTERVAL_EDGES = {7, 14, 30, 60, 90, 180, 365};

    /**
     * One bin of {@link #repurchaseIntervals()}: intervals of {@code fromDays..toDays} days.
     *
     * @param fromDays shortest interval in the bin
     * @param toDays longest interval in the bin, or {@link Integer#MAX_VALUE} for the open last bin
     * @param count intervals in the bin
     */
    public record IntervalBin(int fromDays, int toDays, long count) {}

    /**
     * @return the days between a member's consecutive purchase days (several orders on one day are
     *     one purchase day), in bins 1-7, 8-14, 15-30, 31-60, 61-90, 91-180, 181-365, 366+
     */
    public List<IntervalBin> repurchaseIntervals() {
        int[] last = new int[members];
        Arrays.fill(last, Integer.MIN_VALUE);
        long[] count = new long[INTERVAL_EDGES.length + 1];
        for (int i = 0; i < orders; i++) {
            int m = member[i];
            if (last[m] != Integer.MIN_VALUE && day[i] > last[m]) {
                int gap = day[i] - last[m];
                int k = Arrays.binarySearch(INTERVAL_EDGES, gap);
                count[k >= 0 ? k : -k - 1]++;
            }
            if (day[i] > last[m]) {
                last[m] = day[i];
            }
        }
        List<IntervalBin> out = new ArrayList<>();
        int from = 1;
        for (int k = 0; k < count.length; k++) {
            int to = k < INTERVAL_EDGES.length ? INTERVAL_EDGES[k] : Integer.MAX_VALUE;
            out.add(new IntervalBin(from, to, count[k]));
            from = to == Integer.MAX_VALUE ? to : to + 1;
        }
        return out;
    }

    // ---- cohort retention ---------------------------------------------------------------------

    /**
     * One first-purchase-month cohort of {@link #cohortRetention()}.
     *
     * @param cohort the month of the members' first order
     * @param size members in the cohort
     * @param active active[k]: members of the cohort who ordered in month cohort + k (active[0] = size)
     */
    public record Cohort(YearMonth cohort, long size, long[] active) {
        /**
         * @param k months after the first
         * @return the share of the cohort that ordered in month cohort + k
         */
        public double retention(int k) {
            return k < active.length ? (double) active[k] / size : 0;
        }
    }

    /** @return per first-purchase month, how many of its members ordered in each later month */
    public List<Cohort> cohortRetention() {
        int[] cohort = new int[members];
        int[] lastMonth = new int[members];
        Arrays.fill(lastMonth, Integer.MIN_VALUE);
        int maxMonth = Integer.MIN_VALUE;
        int minMonth = Integer.MAX_VALUE;
        for (int i = 0; i < orders; i++) {
            int month = monthIndex(day[i]);
            maxMonth = Math.max(maxMonth, month);
            minMonth = Math.min(minMonth, month);
        }
        if (orders == 0) {
            return List.of();
        }
        int span = maxMonth - minMonth + 1;
        long[][] active = new long[span][];
        for (int i = 0; i < orders; i++) {
            int m = member[i];
            int month = monthIndex(day[i]);
            if (first[i]) {
                cohort[m] = month;
            }
            if (lastMonth[m] != month) {
                lastMonth[m] = month;
                int c = cohort[m] - minMonth;
                if (active[c] == null) {
                    active[c] = new long[maxMonth - cohort[m] + 1];
                }
                active[c][month - cohort[m]]++;
            }
        }
        List<Cohort> out = new ArrayList<>();
        for (int c = 0; c < span; c++) {
            if (active[c] != null) {
                int month = minMonth + c;
                out.add(new Cohort(
                        YearMonth.of(Math.floorDiv(month, 12), Math.floorMod(month, 12) + 1), active[c][0], active[c]));
            }
        }
        return out;
    }

    // ---- categories ---------------------------------------------------------------------------

    /**
     * One row of {@link #categoryRanking()}.
     *
     * @param category the top-level category
     * @param revenue net line amounts
     * @param units quantities sold
     * @param grossProfit revenue minus cost of goods, when every line of the category has a unit cost
     */
    public record CategoryRow(String category, Money revenue, long units, Optional<Money> grossProfit) {}

    /** @return top-level categories by revenue, highest first (ties by name) */
    public List<CategoryRow> categoryRanking() {
        int n = categories.size();
        long[] rev = new long[n];
        long[] units = new long[n];
        long[] profit = new long[n];
        boolean[] costMissing = new boolean[n];
        for (int i = 0; i < lines; i++) {
            int c = category[i];
            rev[c] += net[i];
            units[c] += quantity[i];
            if (cost[i] == Long.MIN_VALUE) {
                costMissing[c] = true;
            } else {
                profit[c] += net[i] - cost[i];
            }
        }
        List<CategoryRow> out = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            out.add(new CategoryRow(
                    categories.get(c),
                    money(rev[c]),
                    units[c],
                    costMissing[c] ? Optional.empty() : Optional.of(money(profit[c]))));
        }
        out.sort((x, y) -> {
            int k = Long.compare(y.revenue().minorUnits(), x.revenue().minorUnits());
            return k != 0 ? k : x.category().compareTo(y.category());
        });
        return out;
    }

    /**
     * @return the categories whose gross profit is known, by gross profit, highest first
     */
    public List<CategoryRow> categoryRankingByGrossProfit() {
        List<CategoryRow> out = new ArrayList<>();
        for (CategoryRow r : categoryRanking()) {
            if (r.grossProfit().isPresent()) {
                out.add(r);
            }
        }
        out.sort((x, y) -> {
            int k = Long.compare(
                    y.grossProfit().orElseThrow().minorUnits(),
                    x.grossProfit().orElseThrow().minorUnits());
            return k != 0 ? k : x.category().compareTo(y.category());
        });
        return out;
    }

    // ---- products among returning customers ----------------------------------------------------

    /**
     * One row of {@link #returningProductRanking(int)}.
     *
     * @param product the product
     * @param name its name on the first line read
     * @param revenue net line amounts in returning orders
     * @param units quantities in returning orders
     * @param buyers distinct members who bought it in a returning order
     */
    public record ProductRow(ProductId product, String name, Money revenue, long units, long buyers) {}

    /**
     * @param top how many rows, {@code >= 1}
     * @return products by revenue in returning orders (every order of a member but the first), highest
     *     first (ties by product id)
     */
    public List<ProductRow> returningProductRanking(int top) {
        if (top < 1) {
            throw new io.crmkit.core.InvalidValueException("top", top + " is below 1");
        }
        int n = products.size();
        long[] rev = new long[n];
        long[] units = new long[n];
        long[] pairs = new long[lines];
        int p = 0;
        for (int i = 0; i < lines; i++) {
            int o = lineOrder[i];
            if (first[o]) {
                continue;
            }
            rev[product[i]] += net[i];
            units[product[i]] += quantity[i];
            pairs[p++] = ((long) product[i] << 32) | member[o];
        }
        Arrays.sort(pairs, 0, p);
        long[] buyers = new long[n];
        for (int i = 0; i < p; i++) {
            if (i == 0 || pairs[i] != pairs[i - 1]) {
                buyers[(int) (pairs[i] >>> 32)]++;
            }
        }
        List<ProductRow> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (units[k] > 0 || rev[k] != 0) {
                out.add(new ProductRow(products.get(k), productNames.get(k), money(rev[k]), units[k], buyers[k]));
            }
        }
        out.sort((x, y) -> {
            int k = Long.compare(y.revenue().minorUnits(), x.revenue().minorUnits());
            return k != 0 ? k : x.product().value().compareTo(y.product().value());
        });
        return out.size() > top ? List.copyOf(out.subList(0, top)) : out;
    }

    /** Reads orders into columns. */
    private static final class Builder {
        final Currency currency;
        final ZoneId zone;
        final ZoneRules rules;
        final Map<MemberId, Integer> memberIndex = new HashMap<>();
        final Map<ProductId, Integer> productIndex = new HashMap<>();
        final Map<String, Integer> categoryIndex = new HashMap<>();
        final Map<Category, Integer> byCategory = new HashMap<>();
        final List<ProductId> products = new ArrayList<>();
        final List<String> productNames = new ArrayList<>();
        final List<String> categories = new ArrayList<>();
        int orders;
        int[] member = new int[1024];
        int[] day = new int[1024];
        byte[] weekday = new byte[1024];
        byte[] hour = new byte[1024];
        long[] total = new long[1024];
        boolean[] first = new boolean[1024];
        int lines;
        int[] lineOrder = new int[2048];
        int[] product = new int[2048];
        int[] category = new int[2048];
        long[] net = new long[2048];
        long[] cost = new long[2048];
        int[] quantity = new int[2048];

        Builder(BrandSettings brand) {
            this.currency = brand.currency();
            this.zone = brand.zone();
            this.rules = zone.getRules();
        }

        void add(Order o) {
            if (o.isCancelled()) {
                return;
            }
            if (!o.currency().equals(currency)) {
                throw new AnalyticsException("order " + o.id().value() + " is in " + o.currency()
                        + "; the reports are in the brand's currency " + currency);
            }
            if (orders == member.length) {
                int n = orders * 2;
                member = Arrays.copyOf(member, n);
                day = Arrays.copyOf(day, n);
                weekday = Arrays.copyOf(weekday, n);
                hour = Arrays.copyOf(hour, n);
                total = Arrays.copyOf(total, n);
                first = Arrays.copyOf(first, n);
            }
            Integer m = memberIndex.get(o.memberId());
            boolean isFirst = m == null;
            if (m == null) {
                m = memberIndex.size();
                memberIndex.put(o.memberId(), m);
            }
            Instant at = o.placedAt();
            ZoneOffset offset = rules.getOffset(at);
            long local = at.getEpochSecond() + offset.getTotalSeconds();
            long epochDay = Math.floorDiv(local, 86_400L);
            int secondOfDay = (int) Math.floorMod(local, 86_400L);
            member[orders] = m;
            day[orders] = Math.toIntExact(epochDay);
            weekday[orders] = (byte) Math.floorMod(epochDay + 3, 7); // 1970-01-01 was a Thursday
            hour[orders] = (byte) (secondOfDay / 3600);
            total[orders] = o.total().minorUnits();
            first[orders] = isFirst;
            for (OrderLine l : o.lines()) {
                if (lines == lineOrder.length) {
                    int n = lines * 2;
                    lineOrder = Arrays.copyOf(lineOrder, n);
                    product = Arrays.copyOf(product, n);
                    category = Arrays.copyOf(category, n);
                    net = Arrays.copyOf(net, n);
                    cost = Arrays.copyOf(cost, n);
                    quantity = Arrays.copyOf(quantity, n);
                }
                Integer p = productIndex.get(l.productId());
                if (p == null) {
                    p = products.size();
                    productIndex.put(l.productId(), p);
                    products.add(l.productId());
                    productNames.add(l.name());
                }
                Integer c = byCategory.get(l.category()); // the path's hash is cached; top() would allocate
                if (c == null) {
                    String top = l.category().top();
                    c = categoryIndex.get(top);
                    if (c == null) {
                        c = categories.size();
                        categoryIndex.put(top, c);
                        categories.add(top);
                    }
                    byCategory.put(l.category(), c);
                }
                lineOrder[lines] = orders;
                product[lines] = p;
                category[lines] = c;
                long gross = Math.multiplyExact(l.unitPrice().minorUnits(), (long) l.quantity());
                net[lines] = gross - l.discount().minorUnits();
                cost[lines] = l.unitCost().isPresent()
                        ? Math.multiplyExact(l.unitCost().get().minorUnits(), (long) l.quantity())
                        : Long.MIN_VALUE;
                quantity[lines] = l.quantity();
                lines++;
            }
            orders++;
        }
    }

    @Override
    public String toString() {
        return "SalesReports[" + orders + " orders, " + lines + " lines, " + members + " customers, " + zone + "]";
    }
}
