package io.crmkit.jdbc.internal;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.TimeRange;
import io.crmkit.jdbc.SqlDialect;
import io.crmkit.segmentation.Bound;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.Segment;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.SegmentId;
import io.crmkit.segmentation.SegmentationException;
import io.crmkit.segmentation.Window;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Compiles a segment {@link Condition} to one parameterised SQL query over the store's tables, with
 * exactly the meaning of the per-member evaluator (crm-segmentation's {@code MemberEvaluator}).
 *
 * <p>Shape: {@code WITH} the refunds by the as-of instant, then per window the orders that count ({@code cnt}: not cancelled,
 * placed by then, not fully refunded by then, net of the refunds made by then), one per-member
 * aggregate per window and per order / spend / interaction leaf, then {@code SELECT ... FROM member m
 * LEFT JOIN} those aggregates {@code WHERE} the condition as a boolean expression. Every value is a
 * bind parameter; the only text that is not fixed SQL is the schema name, a checked identifier.
 *
 * <p>Throwing: a node that the per-member path throws at (an unknown segment or predicate, a money
 * bound in another currency) compiles to {@code FALSE}, and before that the compiler asks the
 * database whether any member reaches it: the members for which the written-order {@code and} parts
 * before it hold and the {@code or} parts before it fail. If some member does, the node's exception
 * is thrown, as the per-member path throws for that member. Custom predicates without SQL are
 * evaluated in Java for exactly the members that reach them, and enter the query as a list of ids.
 */
public final class SegmentSql {
    /** What the compiler asks of the database while compiling (nothing, for an explanation). */
    public interface Oracle {
        /**
         * @param query an {@code EXISTS}-style query: does any member reach the node?
         * @return true if some member does
         */
        boolean anyReaches(Frag query);

        /**
         * @param reach the query of the ids of the members that reach the custom node, in id order
         * @param predicate the predicate
         * @param params its parameters
         * @return the ids of the members among them that the predicate keeps
         */
        String[] custom(Frag reach, CustomPredicate predicate, Map<String, String> params);
    }

    private final String schema;
    private final SqlDialect dialect;
    private final BrandSettings brand;
    private final SegmentCatalog catalog;
    private final Instant asOf;
    private final LocalDate asOfDate;
    private final Oracle oracle;

    private final List<Frag> ctes = new ArrayList<>();
    private final StringBuilder joins = new StringBuilder();
    private final Map<Window, String> statsByWindow = new HashMap<>();
    private final Map<Window, String> daysByWindow = new HashMap<>();
    private boolean counting;
    private int aliases;

    /**
     * @param schema the schema of the tables
     * @param dialect the SQL dialect
     * @param brand the brand (zone and currency)
     * @param catalog saved segments and custom predicates
     * @param asOf the as-of instant
     * @param oracle what answers the compiler's questions
     */
    public SegmentSql(
            String schema,
            SqlDialect dialect,
            BrandSettings brand,
            SegmentCatalog catalog,
            Instant asOf,
            Oracle oracle) {
        this.schema = schema;
        this.dialect = dialect;
        this.brand = brand;
        this.catalog = catalog;
        this.asOf = asOf;
        this.asOfDate = brand.dateOf(asOf);
        this.oracle = oracle;
    }

    private String t(String table) {
        return schema + "." + table;
    }

    /**
     * @param condition the condition
     * @return the boolean expression over the member alias {@code m}; {@link #query} wraps it
     */
    public Frag compile(Condition condition) {
        return eval(condition, Frag.of("TRUE"), new ArrayList<>());
    }

    /**
     * @param select what to select, e.g. {@code m.member_id} or {@code count(*)}
     * @param where the condition's expression
     * @param tail text after the WHERE clause, e.g. {@code ORDER BY m.member_id}
     * @return the whole query with the aggregates it needs
     */
    public Frag query(String select, Frag where, String tail) {
        Frag q = Frag.of();
        for (int i = 0; i < ctes.size(); i++) {
            q.sql(i == 0 ? "WITH " : ",\n").add(ctes.get(i));
        }
        if (!ctes.isEmpty()) {
            q.sql("\n");
        }
        q.sql("SELECT " + select + " FROM " + t("member") + " m" + joins + "\nWHERE ")
                .add(where)
                .sql(tail.isEmpty() ? "" : "\n" + tail);
        return q;
    }

    /**
     * The query of the first order of a member that counts as of the as-of instant in another
     * currency than the brand's: a member's view, and so every evaluation, fails on it.
     *
     * @return a query selecting (order_id, currency), or at most one row
     */
    public Frag foreignOrders() {
        Frag q = Frag.of("SELECT o.order_id, o.currency FROM " + t("orders") + " o JOIN " + t("member")
                + " m ON m.member_id = o.member_id WHERE (o.currency < ");
        String cur = brand.currency().getCurrencyCode();
        q.q(cur).sql(" OR o.currency > ").q(cur).sql(") AND o.status <> 'CANCELLED' AND ");
        List<Object> p = new ArrayList<>();
        q.sql(Pg.inRange("o.placed_at", "o.placed_nanos", TimeRange.until(asOf.plusNanos(1)), p), p);
        q.sql(" AND NOT (o.total > 0 AND o.total = (SELECT COALESCE(sum(r.amount), 0) FROM " + t("order_refund")
                + " r WHERE r.order_id = o.order_id AND ");
        List<Object> p2 = new ArrayList<>();
        q.sql(Pg.inRange("r.at", "r.at_nanos", TimeRange.until(asOf.plusNanos(1)), p2), p2);
        return q.sql(")) ORDER BY o.order_id LIMIT 1");
    }

    // ---- the tree ---------------------------------------------------------------------------------

    private Frag eval(Condition c, Frag reach, List<SegmentId> path) {
        if (c instanceof Condition.All) {
            return Frag.of("TRUE");
        } else if (c instanceof Condition.None) {
            return Frag.of("FALSE");
        } else if (c instanceof Condition.And a) {
            List<Frag> done = new ArrayList<>();
            for (Condition p : a.parts()) {
                Frag r = reach.copy();
                for (Frag d : done) {
                    r = Frag.of("(").add(r).sql(" AND ").add(d).sql(")");
                }
                done.add(eval(p, r, path));
            }
            return join(done, " AND ");
        } else if (c instanceof Condition.Or o) {
            List<Frag> done = new ArrayList<>();
            for (Condition p : o.parts()) {
                Frag r = reach.copy();
                for (Frag d : done) {
                    r = Frag.of("(").add(r).sql(" AND NOT ").add(d).sql(")");
                }
                done.add(eval(p, r, path));
            }
            return join(done, " OR ");
        } else if (c instanceof Condition.Not n) {
            return Frag.of("NOT ").add(eval(n.condition(), reach, path));
        } else if (c instanceof Condition.Compare cmp) {
            if (cmp.currency().isPresent() && !cmp.currency().get().equals(brand.currency())) {
                return throwing(reach, () -> mismatch(cmp.currency().get()));
            }
            return leaf(compare(cmp));
        } else if (c instanceof Condition.Profile p) {
            return leaf(profile(p));
        } else if (c instanceof Condition.Attribute a) {
            return leaf(attribute(a));
        } else if (c instanceof Condition.Orders o) {
            return leaf(orders(o));
        } else if (c instanceof Condition.SpendOn s) {
            if (!s.currency().equals(brand.currency())) {
                return throwing(reach, () -> mismatch(s.currency()));
            }
            return leaf(spendOn(s));
        } else if (c instanceof Condition.Interactions i) {
            return leaf(interactions(i));
        } else if (c instanceof Condition.Tagged tg) {
            return Frag.of("EXISTS (SELECT 1 FROM " + t("member_tag")
                            + " tg WHERE tg.member_id = m.member_id AND tg.name = ")
                    .q(tg.tag())
                    .sql(")");
        } else if (c instanceof Condition.Reachable r) {
            Frag f = optedIn(r.channel());
            String contact = switch (r.channel()) {
                case EMAIL -> "m.email IS NOT NULL";
                case SMS, PHONE_CALL -> "m.phone IS NOT NULL";
                case LINE -> "m.line_id IS NOT NULL";
                case FACEBOOK -> "m.facebook_id IS NOT NULL";
                case APP_PUSH -> "TRUE";
            };
            return Frag.of("(" + contact + " AND ").add(f).sql(")");
        } else if (c instanceof Condition.OptedIn o) {
            return optedIn(o.channel());
        } else if (c instanceof Condition.InSegment in) {
            var s = catalog.segment(in.segment());
            if (s.isEmpty()) {
                return throwing(reach, () -> new SegmentationException("unknown segment " + in.segment()));
            }
            if (path.contains(in.segment())) {
                throw new SegmentationException("segments refer to each other in a cycle through " + in.segment());
            }
            path.add(in.segment());
            Segment seg = s.get();
            Frag f = eval(seg.condition(), reach, path);
            path.remove(path.size() - 1);
            return Frag.of("(").add(f).sql(")");
        } else if (c instanceof Condition.Custom cu) {
            var p = catalog.predicate(cu.name());
            if (p.isEmpty()) {
                return throwing(
                        reach, () -> new SegmentationException("unknown custom predicate \"" + cu.name() + "\""));
            }
            String[] ids = oracle.custom(query("m.member_id", reach, "ORDER BY m.member_id"), p.get(), cu.params());
            return Frag.of().sql(dialect.inArray("m.member_id"), List.of((Object) ids));
        }
        throw new IllegalStateException("unhandled condition " + c.getClass());
    }

    /**
     * @param net the SQL of a non-negative amount
     * @param count the SQL of a positive count
     * @return net / count rounded half-even, as {@code Money.dividedBy(count, HALF_EVEN)}
     */
    public static String halfEven(String net, String count) {
        String n = net;
        String k = count;
        return "(CASE WHEN 2 * mod(" + n + ", " + k + ") > " + k + " OR (2 * mod(" + n + ", " + k + ") = " + k
                + " AND mod(div(" + n + ", " + k + "), 2) = 1) THEN div(" + n + ", " + k + ") + 1 ELSE div(" + n
                + ", " + k + ") END)";
    }

    private static Frag join(List<Frag> parts, String op) {
        Frag f = Frag.of("(");
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                f.sql(op);
            }
            f.add(parts.get(i));
        }
        return f.sql(")");
    }

    /** A leaf that may be NULL in SQL is false, as the per-member path has it. */
    private static Frag leaf(Frag f) {
        return Frag.of("COALESCE(").add(f).sql(", FALSE)");
    }

    private Frag throwing(Frag reach, Supplier<RuntimeException> error) {
        if (oracle.anyReaches(query("1", reach, "LIMIT 1"))) {
            throw error.get();
        }
        return Frag.of("FALSE");
    }

    private CurrencyMismatchException mismatch(Currency c) {
        return new CurrencyMismatchException(brand.currency(), c, "segment condition");
    }

    private Frag optedIn(ContactChannel ch) {
        return Frag.of("EXISTS (SELECT 1 FROM " + t("member_consent")
                        + " cs WHERE cs.member_id = m.member_id AND cs.opted_in AND cs.channel = ")
                .q(ch.name())
                .sql(")");
    }

    private static Frag between(String expr, Bound b) {
        return Frag.of(expr + " BETWEEN ").q(b.min()).sql(" AND ").q(b.max());
    }

    // ---- members ----------------------------------------------------------------------------------

    private Frag profile(Condition.Profile p) {
        String col = switch (p.field()) {
            case GENDER -> "m.gender";
            case REGION -> "m.region";
            case CITY -> "m.city";
            case SOURCE_CHANNEL -> "m.source_channel";
        };
        return Frag.of().sql(dialect.inArray(col), List.of((Object) p.anyOf().toArray(new String[0])));
    }

    private Frag attribute(Condition.Attribute a) {
        Frag f = Frag.of("EXISTS (SELECT 1 FROM " + t("member_attribute")
                        + " a WHERE a.member_id = m.member_id AND a.name = ")
                .q(a.key().name())
                .sql(" AND a.type = ")
                .q(a.key().type().name());
        String col = switch (a.key().type()) {
            case STRING -> "a.v_text";
            case INTEGER, LONG, DECIMAL, INSTANT -> "a.v_num";
            case DATE -> "a.v_date";
            case BOOLEAN -> "a.v_bool";
        };
        switch (a.test()) {
            case EXISTS -> {}
            case IN -> {
                f.sql(" AND (");
                for (int i = 0; i < a.values().size(); i++) {
                    f.sql(i == 0 ? "" : " OR ")
                            .sql(col + " = ")
                            .q(sqlValue(a.values().get(i)));
                }
                f.sql(")");
            }
            case BETWEEN ->
                f.sql(" AND " + col + " BETWEEN ")
                        .q(sqlValue(a.values().get(0)))
                        .sql(" AND ")
                        .q(sqlValue(a.values().get(1)));
        }
        return f.sql(")");
    }

    private static Object sqlValue(Object v) {
        BigDecimal n = PgMemberStore.number(v);
        return n != null ? n : v;
    }

    // ---- measures ---------------------------------------------------------------------------------

    /** The refunds made by the as-of instant, per order: one CTE that every order aggregate joins. */
    private void counting() {
        if (counting) {
            return;
        }
        counting = true;
        List<Object> p = new ArrayList<>();
        String refunds = Pg.inRange("at", "at_nanos", TimeRange.until(asOf.plusNanos(1)), p);
        ctes.add(Frag.of("ref AS (SELECT order_id, sum(amount) AS back FROM " + t("order_refund") + " WHERE ")
                .sql(refunds, p)
                .sql(" GROUP BY order_id)"));
    }

    /**
     * The orders placed in a window that count as of the as-of instant (not cancelled, placed by then,
     * not fully refunded by then), net of the refunds made by then: a subquery per aggregate, so that
     * the window's range reaches the index on placement time.
     */
    private Frag counted(Window w) {
        counting();
        List<Object> p = new ArrayList<>();
        String placed = Pg.inRange("o.placed_at", "o.placed_nanos", TimeRange.until(asOf.plusNanos(1)), p);
        List<Object> p2 = new ArrayList<>();
        String in = Pg.inRange("o.placed_at", "o.placed_nanos", w.range(asOf, brand), p2);
        return Frag.of("(SELECT o.order_id, o.member_id, o.placed_at, o.placed_nanos,"
                        + " o.total - COALESCE(r.back, 0) AS net, o.channel, o.store_id, o.pickup_store_id,"
                        + " o.payment_method, o.shipping_method, o.coupon_codes FROM " + t("orders")
                        + " o LEFT JOIN ref r ON r.order_id = o.order_id WHERE o.status <> 'CANCELLED' AND ")
                .sql(placed, p)
                .sql(" AND ")
                .sql(in, p2)
                .sql(" AND NOT (o.total > 0 AND COALESCE(r.back, 0) = o.total))");
    }

    private String alias(Frag cte) {
        String a = "x" + (++aliases);
        ctes.add(Frag.of(a + " AS (").add(cte).sql(")"));
        joins.append("\n LEFT JOIN ").append(a).append(" ON ").append(a).append(".member_id = m.member_id");
        return a;
    }

    /**
     * Adds (once per window) the per-member order statistics of a window over the orders that count:
     * {@code n}, {@code net}, {@code first_day} and {@code last_day} (the local dates of the first and
     * last purchase instants).
     *
     * @param w the window
     * @return the alias to read them from; members without such orders have NULLs
     */
    public String stats(Window w) {
        String a = statsByWindow.get(w);
        if (a != null) {
            return a;
        }
        List<Object> d1 = new ArrayList<>();
        String first = dialect.localDate("min(placed_at)", brand.zone(), d1);
        List<Object> d2 = new ArrayList<>();
        String last = dialect.localDate("max(placed_at)", brand.zone(), d2);
        a = alias(Frag.of("SELECT member_id, count(*) AS n, sum(net) AS net, ")
                .sql(first, d1)
                .sql(" AS first_day, ")
                .sql(last, d2)
                .sql(" AS last_day FROM ")
                .add(counted(w))
                .sql(" cnt GROUP BY member_id"));
        statsByWindow.put(w, a);
        return a;
    }

    /**
     * Adds (once per window) the distinct purchase dates per member, {@code days}: a separate aggregate
     * because it converts every order's instant to a local date and sorts, which the other measures
     * do not need.
     *
     * @param w the window
     * @return the alias to read {@code days} from; NULL for members without such orders
     */
    public String days(Window w) {
        String a = daysByWindow.get(w);
        if (a != null) {
            return a;
        }
        List<Object> d = new ArrayList<>();
        String day = dialect.localDate("placed_at", brand.zone(), d);
        a = alias(Frag.of("SELECT member_id, count(DISTINCT ")
                .sql(day, d)
                .sql(") AS days FROM ")
                .add(counted(w))
                .sql(" cnt GROUP BY member_id"));
        daysByWindow.put(w, a);
        return a;
    }

    private Frag compare(Condition.Compare c) {
        Bound b = c.bound();
        switch (c.measure()) {
            case ORDER_COUNT:
                return between("COALESCE(" + stats(c.window()) + ".n, 0)", b);
            case PURCHASE_DAYS:
                return between("COALESCE(" + days(c.window()) + ".days, 0)", b);
            case NET_SPEND:
                return between("COALESCE(" + stats(c.window()) + ".net, 0)", b);
            case AOV: {
                String s = stats(c.window());
                String n = s + ".net";
                String k = s + ".n";
                // net / count rounded half-even, as Money.dividedBy(count, HALF_EVEN); net is never negative
                String aov = "(CASE WHEN 2 * mod(" + n + ", " + k + ") > " + k + " OR (2 * mod(" + n + ", " + k
                        + ") = " + k + " AND mod(div(" + n + ", " + k + "), 2) = 1) THEN div(" + n + ", " + k
                        + ") + 1 ELSE div(" + n + ", " + k + ") END)";
                return Frag.of("(" + k + " IS NOT NULL AND ")
                        .add(between(aov, b))
                        .sql(")");
            }
            case DAYS_SINCE_LAST_PURCHASE: {
                String s = stats(Window.allTime());
                return Frag.of("(CAST(")
                        .q(asOfDate)
                        .sql(" AS date) - " + s + ".last_day) BETWEEN ")
                        .q(b.min())
                        .sql(" AND ")
                        .q(b.max());
            }
            case DAYS_SINCE_FIRST_PURCHASE: {
                String s = stats(Window.allTime());
                return Frag.of("(CAST(")
                        .q(asOfDate)
                        .sql(" AS date) - " + s + ".first_day) BETWEEN ")
                        .q(b.min())
                        .sql(" AND ")
                        .q(b.max());
            }
            case REPURCHASE_CYCLE_DAYS: {
                // span / (days - 1) in [min, max], compared exactly as span against min and max times (days - 1)
                String s = stats(Window.allTime());
                String d = days(Window.allTime()) + ".days";
                String span = "(" + s + ".last_day - " + s + ".first_day)";
                return Frag.of("(" + d + " >= 2 AND " + span + " >= CAST(")
                        .q(BigDecimal.valueOf(b.min()))
                        .sql(" AS numeric) * (" + d + " - 1) AND " + span + " <= CAST(")
                        .q(BigDecimal.valueOf(b.max()))
                        .sql(" AS numeric) * (" + d + " - 1))");
            }
            case AGE: {
                int y = asOfDate.getYear();
                Frag age = Frag.of("GREATEST(0, ")
                        .q(y)
                        .sql(" - " + BY + " - CASE WHEN (" + BM + ", ")
                        .add(birthDay(Year.isLeap(y)))
                        .sql(") > (")
                        .q(asOfDate.getMonthValue())
                        .sql(", ")
                        .q(asOfDate.getDayOfMonth())
                        .sql(") THEN 1 ELSE 0 END)");
                return Frag.of("(m.birthday IS NOT NULL AND ")
                        .add(age)
                        .sql(" BETWEEN ")
                        .q(b.min())
                        .sql(" AND ")
                        .q(b.max())
                        .sql(")");
            }
            case DAYS_SINCE_JOINED: {
                List<Object> p = new ArrayList<>();
                String joined = dialect.localDate("m.joined_at", brand.zone(), p);
                return Frag.of("(CAST(")
                        .q(asOfDate)
                        .sql(" AS date) - ")
                        .sql(joined, p)
                        .sql(") BETWEEN ")
                        .q(b.min())
                        .sql(" AND ")
                        .q(b.max());
            }
            case DAYS_TO_BIRTHDAY: {
                int y = asOfDate.getYear();
                Frag next = Frag.of("(CASE WHEN (" + BM + ", ")
                        .add(birthDay(Year.isLeap(y)))
                        .sql(") >= (")
                        .q(asOfDate.getMonthValue())
                        .sql(", ")
                        .q(asOfDate.getDayOfMonth())
                        .sql(") THEN make_date(")
                        .q(y)
                        .sql(", " + BM + ", ")
                        .add(birthDay(Year.isLeap(y)))
                        .sql(") ELSE make_date(")
                        .q(y + 1)
                        .sql(", " + BM + ", ")
                        .add(birthDay(Year.isLeap(y + 1)))
                        .sql(") END - CAST(")
                        .q(asOfDate)
                        .sql(" AS date))");
                return Frag.of("(m.birthday IS NOT NULL AND ")
                        .add(next)
                        .sql(" BETWEEN ")
                        .q(b.min())
                        .sql(" AND ")
                        .q(b.max())
                        .sql(")");
            }
        }
        throw new IllegalStateException("unhandled measure " + c.measure());
    }

    private static final String BY = "CAST(EXTRACT(YEAR FROM m.birthday) AS integer)";
    private static final String BM = "CAST(EXTRACT(MONTH FROM m.birthday) AS integer)";
    private static final String BD = "CAST(EXTRACT(DAY FROM m.birthday) AS integer)";

    /** The day of the birthday's anniversary in a year: 29 February is 28 February in a common year. */
    private static Frag birthDay(boolean leap) {
        return leap
                ? Frag.of(BD)
                : Frag.of("(CASE WHEN " + BM + " = 2 AND " + BD + " = 29 THEN 28 ELSE " + BD + " END)");
    }

    // ---- orders, spend, interactions --------------------------------------------------------------

    private Frag itemOnLine(Condition.Item item) {
        return switch (item.kind()) {
            case PRODUCT -> Frag.of("l.product_id = ").q(item.value());
            case SKU -> Frag.of("l.sku = ").q(item.value());
            case CATEGORY -> {
                String prefix = item.value() + io.crmkit.core.Category.SEPARATOR;
                yield Frag.of("(l.category = ")
                        .q(item.value())
                        .sql(" OR substring(l.category FROM 1 FOR ")
                        .q(prefix.codePointCount(0, prefix.length()))
                        .sql(") = ")
                        .q(prefix)
                        .sql(")");
            }
        };
    }

    private Frag orders(Condition.Orders o) {
        Condition.OrderFilter f = o.filter();
        Frag cte = Frag.of("SELECT o.member_id, count(*) AS v FROM ")
                .add(counted(o.window()))
                .sql(" o WHERE TRUE");
        if (f.anyCoupon()) {
            cte.sql(" AND " + dialect.arrayNotEmpty("o.coupon_codes"));
        }
        f.coupon()
                .ifPresent(c -> cte.sql(" AND " + dialect.arrayContains("o.coupon_codes"))
                        .params()
                        .add(c));
        f.paymentMethod().ifPresent(m -> cte.sql(" AND o.payment_method = ").q(m.code()));
        f.shippingMethod().ifPresent(m -> cte.sql(" AND o.shipping_method = ").q(m.code()));
        f.pickupStore().ifPresent(s -> cte.sql(" AND o.pickup_store_id = ").q(s.value()));
        f.channel().ifPresent(c -> cte.sql(" AND o.channel = ").q(c.code()));
        f.store().ifPresent(s -> cte.sql(" AND o.store_id = ").q(s.value()));
        f.item()
                .ifPresent(i -> cte.sql(" AND EXISTS (SELECT 1 FROM " + t("order_line")
                                + " l WHERE l.order_id = o.order_id AND ")
                        .add(itemOnLine(i))
                        .sql(")"));
        String a = alias(cte.sql(" GROUP BY o.member_id"));
        return between("COALESCE(" + a + ".v, 0)", o.count());
    }

    private Frag spendOn(Condition.SpendOn s) {
        String a = alias(Frag.of("SELECT o.member_id, sum(l.net_amount) AS v FROM ")
                .add(counted(s.window()))
                .sql(" o JOIN " + t("order_line") + " l ON l.order_id = o.order_id WHERE ")
                .add(itemOnLine(s.item()))
                .sql(" GROUP BY o.member_id"));
        return between("COALESCE(" + a + ".v, 0)", s.amount());
    }

    private Frag interactions(Condition.Interactions c) {
        Condition.InteractionFilter f = c.filter();
        List<Object> p = new ArrayList<>();
        String in = Pg.inRange("i.at", "i.at_nanos", c.window().range(asOf, brand), p);
        Frag cte = Frag.of("SELECT i.member_id, count(*) AS v FROM " + t("interaction") + " i WHERE i.type = ")
                .q(f.type().name())
                .sql(" AND ")
                .sql(in, p);
        f.campaign().ifPresent(x -> cte.sql(" AND i.campaign_id = ").q(x.value()));
        f.channel().ifPresent(x -> cte.sql(" AND i.channel = ").q(x.name()));
        if (f.minScore().isPresent()) {
            cte.sql(" AND i.score >= ").q(f.minScore().getAsInt());
        }
        if (f.minDurationSeconds().isPresent()) {
            cte.sql(" AND i.duration_seconds >= ").q(f.minDurationSeconds().getAsLong());
        }
        String a = alias(cte.sql(" GROUP BY i.member_id"));
        return between("COALESCE(" + a + ".v, 0)", c.count());
    }
}
