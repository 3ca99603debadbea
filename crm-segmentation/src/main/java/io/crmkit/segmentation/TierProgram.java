package io.crmkit.segmentation;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberView;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.TimeRange;
import io.crmkit.segmentation.internal.tier.TierBulk;
import io.crmkit.segmentation.internal.tier.TierEngine;
import io.crmkit.segmentation.internal.tier.TierPredicate;
import io.crmkit.segmentation.internal.tier.TierTable;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A membership tier programme: ordered tiers (white / gold / black card) that members reach by net
 * spend and/or order count over a qualification window, keep until a review finds them short
 * (with optional grace), and whose benefits are data. Deterministic: the status as of an instant
 * depends only on the member's orders and joining instant, never on when it is computed.
 *
 * <pre>{@code
 * Currency twd = brand.currency();
 * TierProgram program = TierProgram.builder(twd)
 *         .calendar(TierProgram.Period.YEAR)       // spend this calendar year; reviewed at year end
 *         .grace(1)                                 // one failed review is forgiven
 *         .tier(Tier.named("member"))               // base tier: every member has it
 *         .tier(Tier.named("gold").minSpend(Money.of(10_000, twd)).benefit("freeShipping", true))
 *         .tier(Tier.named("black").minSpend(Money.of(50_000, twd)).minOrders(6)
 *                 .benefit("pointsMultiplier", new BigDecimal("2")))
 *         .build();
 * TierStatus s = program.evaluate(orders, member.joinedAt(), brand.now(), brand);
 * }</pre>
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li><b>Qualification window.</b> {@link Builder#calendar(Period) calendar(p)}: spend and orders
 *       of the current calendar period so far (year, half year, quarter or month in the brand's
 *       zone). {@link Builder#rolling(int, Period) rolling(days, review)}: the last {@code days}
 *       calendar days, as {@link Window#lastDays(int)}. Spend and orders are those of {@link
 *       io.crmkit.core.MemberStats}: orders not cancelled and not fully refunded as of the instant,
 *       net of the refunds made by then.
 *   <li><b>Requirements.</b> A tier's minimum spend and minimum orders are combined by the
 *       program's {@link Match}: {@code ALL} (default) needs every requirement a tier states, {@code
 *       ANY} one of them. A member qualifies for the highest tier whose requirements are met. The
 *       lowest tier may have no requirement: then every member has it from joining; otherwise
 *       members below it have no tier.
 *   <li><b>Upgrades happen at once</b>: at the instant of the order that makes the member qualify
 *       for a higher tier (and at joining, for orders imported from before).
 *   <li><b>Downgrades happen only at reviews</b>: at the start of each calendar period (of the
 *       calendar window, or the review period of a rolling window), the member's qualification is
 *       measured as of the last instant of the period that ends. Short of the tier held, the member
 *       keeps it if they have grace left for it ({@link TierChange.Reason#GRACE_USED}; grace counts
 *       the reviews in a row a member fell short of a tier, and is reset when they meet it again);
 *       otherwise they go down to the highest tier they qualify for or still have grace for ({@link
 *       TierChange.Reason#REVIEW_DOWNGRADE}). Refunds lower spend from the instant of the refund, so
 *       a refund after an upgrade shows at the next review, not before.
 *   <li><b>Reviews are calendar periods, not membership anniversaries</b>: one review date for all
 *       members keeps reports, bulk runs and marketing calendars simple ("levels are recomputed on
 *       1 January"), and it keeps "more spend never lowers the tier" true, which reviews on the
 *       anniversary of each member's upgrade would not (an earlier upgrade brings an earlier review).
 * </ul>
 *
 * <p>Settings are checked at {@link Builder#build()}: at least one and at most {@value #MAX_TIERS}
 * tiers, unique names (ignoring case), only the lowest tier without requirement, every higher tier
 * strictly harder to reach than the one below, amounts in the program's currency, grace of 0 or
 * more, rolling windows of 1 to {@value Window#MAX_DAYS} days. A wrong setting fails with an {@link
 * InvalidValueException} whose field is the JSON path of the setting (e.g. {@code tiers[2].minSpend}).
 * A single tier's own values (a blank name, a zero amount, a bad benefit key) are refused already
 * when given to {@link Tier}.
 */
public final class TierProgram {
    /** The most tiers a programme may have. */
    public static final int MAX_TIERS = 100;

    /** How a tier's requirements combine. */
    public enum Match {
        /** Every requirement a tier states must be met: spend and orders. */
        ALL,
        /** One requirement is enough: spend or orders. */
        ANY
    }

    /** A calendar period of the brand's zone: the qualification window or the review cycle. */
    public enum Period {
        /** 1 January to 31 December. */
        YEAR,
        /** January to June, July to December. */
        HALF_YEAR,
        /** January to March, April to June, July to September, October to December. */
        QUARTER,
        /** A calendar month. */
        MONTH
    }

    private final Currency currency;
    private final List<Tier> tiers;
    private final Match match;
    private final int grace;
    private final int rollingDays;
    private final Period period;
    private final Map<String, Integer> index;
    private final TierEngine engine;

    private TierProgram(Builder b, int rollingDays, Period period, Map<String, Integer> index) {
        this.currency = b.currency;
        this.tiers = List.copyOf(b.tiers);
        this.match = b.match;
        this.grace = b.grace;
        this.rollingDays = rollingDays;
        this.period = period;
        this.index = index;
        this.engine = new TierEngine(this);
    }

    /**
     * @param currency the currency of every tier's minimum spend, and of the brand's orders
     * @return a builder with no tiers, no qualification window, match {@link Match#ALL} and no grace
     */
    public static Builder builder(Currency currency) {
        if (currency == null) {
            throw new InvalidValueException("currency", "is required");
        }
        return new Builder(currency);
    }

    /**
     * @param existing a programme
     * @return a builder holding its settings
     */
    public static Builder from(TierProgram existing) {
        Builder b = new Builder(existing.currency);
        b.tiers.addAll(existing.tiers);
        b.match = existing.match;
        b.grace = existing.grace;
        if (existing.rollingDays > 0) {
            b.rolling(existing.rollingDays, existing.period);
        } else {
            b.calendar(existing.period);
        }
        return b;
    }

    /** @return the currency of the amounts */
    public Currency currency() {
        return currency;
    }

    /** @return the tiers, lowest first */
    public List<Tier> tiers() {
        return tiers;
    }

    /**
     * @param name a tier name (exact)
     * @return the tier, if the programme has it
     */
    public Optional<Tier> tier(String name) {
        Integer i = index.get(name);
        return i == null ? Optional.empty() : Optional.of(tiers.get(i));
    }

    /**
     * A benefit as data, e.g. for the loyalty module's points multiplier.
     *
     * <pre>{@code
     * boolean free = program.benefit("gold", "freeShipping").flatMap(Benefit::asFlag).orElse(false);
     * }</pre>
     *
     * @param tierName a tier's name
     * @param key a benefit key
     * @return the value, if that tier gives that benefit
     * @throws InvalidValueException if the programme has no tier of that name
     */
    public Optional<Benefit> benefit(String tierName, String key) {
        Integer i = index.get(tierName);
        if (i == null) {
            List<String> names = new ArrayList<>();
            tiers.forEach(t -> names.add(t.name()));
            throw new InvalidValueException(
                    "tier", "\"" + tierName + "\" is not a tier of this programme; tiers: " + String.join(", ", names));
        }
        return tiers.get(i).benefit(key);
    }

    /** @return how requirements combine */
    public Match match() {
        return match;
    }

    /** @return how many reviews in a row a member may fall short of their tier and keep it */
    public int grace() {
        return grace;
    }

    /** @return the days of a rolling qualification window; empty for a calendar window */
    public OptionalInt rollingDays() {
        return rollingDays > 0 ? OptionalInt.of(rollingDays) : OptionalInt.empty();
    }

    /**
     * @return the calendar period: the qualification window of a calendar programme, the review
     *     cycle of a rolling one; reviews are at the start of each such period
     */
    public Period period() {
        return period;
    }

    // ---- evaluation ---------------------------------------------------------------------------

    /**
     * A member's status as of an instant, from their orders.
     *
     * @param orders the member's orders, in any order; orders placed after {@code asOf} are ignored,
     *     and refunds after {@code asOf} are not seen
     * @param joinedAt when the member joined; before it the member has no tier
     * @param asOf the instant to evaluate as of
     * @param brand the brand's zone (periods, days) and currency
     * <p>Cost: one {@link io.crmkit.core.MemberStats} over the orders in the qualification window for
     * each instant at which orders were placed and each review while the member holds a tier that a
     * review can lower; so about {@code orders × orders-in-window} steps (none for an order placed
     * while the member holds the top tier with no grace used).
     *
     * @return the status, with the full history up to {@code asOf}
     * @throws InvalidValueException if the orders belong to more than one member, or an instant has no
     *     date in the brand's zone (e.g. {@link Instant#MAX})
     * @throws CurrencyMismatchException if the brand's currency or a counted order's is not the
     *     programme's
     */
    public TierStatus evaluate(Collection<Order> orders, Instant joinedAt, Instant asOf, BrandSettings brand) {
        if (orders == null || joinedAt == null || asOf == null || brand == null) {
            throw new InvalidValueException("evaluate", "orders, joinedAt, asOf and brand are required");
        }
        try {
            return engine.evaluate(orders, joinedAt, asOf, brand);
        } catch (DateTimeException e) {
            throw new InvalidValueException(
                    "asOf",
                    asOf + " (or an order's instant) is outside the dates crmkit computes with: " + e.getMessage());
        }
    }

    /**
     * A member's status as of the view's instant ({@link io.crmkit.core.MemberStats#asOf()}).
     *
     * @param view the member's view
     * @param brand the brand's settings
     * @return the status
     * @throws CurrencyMismatchException if a currency is not the programme's
     */
    public TierStatus evaluate(MemberView view, BrandSettings brand) {
        if (view == null) {
            throw new InvalidValueException("view", "is required");
        }
        return evaluate(view.orders(), view.member().joinedAt(), view.stats().asOf(), brand);
    }

    /**
     * A member's status as of an instant, read from the CRM's stores.
     *
     * @param crm the CRM
     * @param member a member id
     * @param asOf the instant
     * @return the status, if the member exists
     * @throws CurrencyMismatchException if a currency is not the programme's
     */
    public Optional<TierStatus> evaluate(Crm crm, MemberId member, Instant asOf) {
        if (crm == null || member == null || asOf == null) {
            throw new InvalidValueException("evaluate", "crm, member and asOf are required");
        }
        return crm.members()
                .find(member)
                .map(m -> evaluate(
                        crm.orders().findByMember(member, TimeRange.until(asOf.plusNanos(1))),
                        m.joinedAt(),
                        asOf,
                        crm.settings()));
    }

    /**
     * Every member's tier as of an instant: counts per tier and a look-up by member.
     *
     * <p>Cost: members are read in id order through {@link io.crmkit.core.spi.MemberStore#stream()};
     * each member's orders with one {@link io.crmkit.core.spi.OrderStore#findByMember} call (one
     * query per member on a database store), and the work of {@link #evaluate(Collection, Instant,
     * Instant, BrandSettings)} per member. Batches of 256 members are read and evaluated on the
     * library's own pool, one thread per available processor (so the store must be thread-safe, as
     * the SPI requires). Memory: the orders of the batches in flight (two per thread), plus the
     * result (the member ids' characters, 4 bytes of offset and 1 byte of tier per member). Members
     * who joined after {@code asOf} are left out.
     *
     * @param crm the CRM
     * @param asOf the instant
     * @return the tiers
     * @throws CurrencyMismatchException if a currency is not the programme's
     */
    public TierAssignments evaluateAll(Crm crm, Instant asOf) {
        return evaluateAll(crm, asOf, (id, status) -> {});
    }

    /**
     * Every member's tier as of an instant, also handing each member's full status to a callback
     * (e.g. to write the tier to the member's attributes), in member id order.
     *
     * @param crm the CRM
     * @param asOf the instant
     * @param each called once per member who joined by {@code asOf}, in member id order, on the
     *     calling thread
     * @return the tiers
     * @throws CurrencyMismatchException if a currency is not the programme's
     */
    public TierAssignments evaluateAll(Crm crm, Instant asOf, BiConsumer<MemberId, TierStatus> each) {
        if (crm == null || asOf == null || each == null) {
            throw new InvalidValueException("evaluateAll", "crm, asOf and the callback are required");
        }
        BrandSettings brand = crm.settings();
        if (!brand.currency().equals(currency)) {
            throw new CurrencyMismatchException(currency, brand.currency(), "tier program and brand settings");
        }
        TierTable table = TierBulk.run(this, crm, asOf, each);
        return new TierAssignments(this, asOf, engine.nextReview(asOf, brand), table);
    }

    /**
     * A custom predicate for segments: members who hold a tier ({@code {"tier": "gold"}}) or a tier
     * or higher ({@code {"atLeast": "gold"}}) as of the condition's instant, evaluated from the
     * member's view. Register it in a {@link SegmentCatalog}; parameters naming no tier of this
     * programme fail when the catalogue is built.
     *
     * <pre>{@code
     * SegmentCatalog catalog = SegmentCatalog.builder()
     *         .predicate(program.predicate("crm.tier", brand))
     *         .segment(Segment.of("lapsed-gold", "Lapsed gold and up", Where.allOf(
     *                 Where.custom("crm.tier", Map.of("atLeast", "gold")),
     *                 Where.daysSinceLastPurchase().moreThan(90))))
     *         .build();
     * }</pre>
     *
     * @param name the predicate's name, e.g. {@code "crm.tier"}: a lower-case letter, then up to 63
     *     lower-case letters, digits, {@code _ . -}
     * @param brand the brand's zone and currency
     * @return the predicate
     * @throws InvalidValueException if the name is not a predicate name
     */
    public CustomPredicate predicate(String name, BrandSettings brand) {
        if (brand == null) {
            throw new InvalidValueException("brand", "is required");
        }
        new Condition.Custom(name, Map.of()); // checks the name
        return new TierPredicate(name, this, brand);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TierProgram p
                && p.currency.equals(currency)
                && p.tiers.equals(tiers)
                && p.match == match
                && p.grace == grace
                && p.rollingDays == rollingDays
                && p.period == period;
    }

    @Override
    public int hashCode() {
        return Objects.hash(currency, tiers, match, grace, rollingDays, period);
    }

    @Override
    public String toString() {
        return "TierProgram[" + (rollingDays > 0 ? "last " + rollingDays + " days, reviewed every " : "calendar ")
                + period.name().toLowerCase(Locale.ROOT) + ", match " + match + ", grace " + grace + ", " + tiers
                + "]";
    }

    /**
     * Builds a {@link TierProgram}; nothing is checked before {@link #build()}, which checks
     * everything.
     */
    public static final class Builder {
        private final Currency currency;
        private final List<Tier> tiers = new ArrayList<>();
        private Match match = Match.ALL;
        private int grace;
        private boolean windowChosen;
        private boolean rolling;
        private int rollingDays;
        private @Nullable Period period;

        private Builder(Currency currency) {
            this.currency = currency;
        }

        /**
         * @param tier the next tier, higher than those added before
         * @return this builder
         */
        public Builder tier(Tier tier) {
            if (tier == null) {
                throw new InvalidValueException("tiers[" + tiers.size() + "]", "is null");
            }
            tiers.add(tier);
            return this;
        }

        /**
         * @param all every tier, lowest first, replacing those added before
         * @return this builder
         */
        public Builder tiers(List<Tier> all) {
            if (all == null) {
                throw new InvalidValueException("tiers", "is required");
            }
            tiers.clear();
            all.forEach(this::tier);
            return this;
        }

        /**
         * Qualification over the current calendar period so far, reviewed at each period's end.
         * Replaces an earlier {@link #rolling}.
         *
         * @param period the period, e.g. {@link Period#YEAR} for "NT$10,000 this year"
         * @return this builder
         */
        public Builder calendar(Period period) {
            this.windowChosen = true;
            this.rolling = false;
            this.period = period;
            this.rollingDays = 0;
            return this;
        }

        /**
         * Qualification over the last {@code days} calendar days ({@link Window#lastDays(int)}),
         * reviewed at the start of each calendar {@code review} period. Replaces an earlier {@link
         * #calendar}.
         *
         * @param days the window, 1 to {@value Window#MAX_DAYS}
         * @param review when members are reviewed, e.g. {@link Period#QUARTER}
         * @return this builder
         */
        public Builder rolling(int days, Period review) {
            this.windowChosen = true;
            this.rolling = true;
            this.period = review;
            this.rollingDays = days;
            return this;
        }

        /**
         * @param match how each tier's requirements combine; default {@link Match#ALL}
         * @return this builder
         */
        public Builder match(Match match) {
            this.match = match;
            return this;
        }

        /**
         * @param reviews how many reviews in a row a member may fall short of their tier and keep
         *     it, 0 (default) or more
         * @return this builder
         */
        public Builder grace(int reviews) {
            this.grace = reviews;
            return this;
        }

        /**
         * @return the programme
         * @throws InvalidValueException naming the wrong setting by its JSON path, e.g. {@code
         *     tiers[2].minSpend}, and saying what is allowed
         */
        public TierProgram build() {
            if (!windowChosen) {
                throw new InvalidValueException(
                        "qualification",
                        "choose a qualification window: calendar(Period.YEAR) for spend in the calendar period"
                                + " so far, or rolling(365, Period.YEAR) for the last 365 days, reviewed yearly");
            }
            if (period == null) {
                throw new InvalidValueException(
                        rolling ? "qualification.review" : "qualification.calendar",
                        "is required: one of YEAR, HALF_YEAR, QUARTER, MONTH");
            }
            if (rolling && (rollingDays < 1 || rollingDays > Window.MAX_DAYS)) {
                throw new InvalidValueException(
                        "qualification.lastDays", "must be 1.." + Window.MAX_DAYS + ", was " + rollingDays);
            }
            if (match == null) {
                throw new InvalidValueException("match", "is required: ALL or ANY");
            }
            if (grace < 0) {
                throw new InvalidValueException(
                        "grace", "must be 0 or more (reviews a member may fall short and keep the tier), was " + grace);
            }
            if (tiers.isEmpty()) {
                throw new InvalidValueException("tiers", "a programme needs at least one tier");
            }
            if (tiers.size() > MAX_TIERS) {
                throw new InvalidValueException(
                        "tiers", "has " + tiers.size() + " tiers; at most " + MAX_TIERS + " are allowed");
            }
            Map<String, Integer> index = new HashMap<>();
            Map<String, Integer> folded = new HashMap<>();
            for (int i = 0; i < tiers.size(); i++) {
                Tier t = tiers.get(i);
                String at = "tiers[" + i + "]";
                Integer same = folded.putIfAbsent(t.name().toLowerCase(Locale.ROOT), i);
                if (same != null) {
                    throw new InvalidValueException(
                            at + ".name",
                            "\"" + t.name() + "\" is also the name of tiers[" + same + "] (\""
                                    + tiers.get(same).name() + "\"); names must be unique, ignoring case");
                }
                index.put(t.name(), i);
                Optional<Money> spend = t.minSpend();
                if (spend.isPresent() && !spend.get().currency().equals(currency)) {
                    throw new InvalidValueException(
                            at + ".minSpend",
                            spend.get() + " is not in the programme's currency " + currency.getCurrencyCode());
                }
                if (i > 0) {
                    checkAbove(i);
                }
            }
            return new TierProgram(this, rollingDays, period, Map.copyOf(index));
        }

        /** Checks that tier i is strictly harder to reach than tier i - 1. */
        private void checkAbove(int i) {
            Tier lower = tiers.get(i - 1);
            Tier t = tiers.get(i);
            String at = "tiers[" + i + "]";
            String below = "tiers[" + (i - 1) + "] \"" + lower.name() + "\"";
            if (t.isBase()) {
                throw new InvalidValueException(
                        at,
                        "\"" + t.name() + "\" has no requirement; only the lowest tier (tiers[0]) may have none."
                                + " Give it a minSpend or minOrders above those of " + below);
            }
            if (lower.isBase()) {
                return;
            }
            long lowSpend = lower.minSpend().map(Money::minorUnits).orElse(-1L);
            long spend = t.minSpend().map(Money::minorUnits).orElse(-1L);
            int lowOrders = lower.minOrders().orElse(0);
            int orders = t.minOrders().orElse(0);
            if (match == Match.ALL) {
                // a missing requirement is "nothing needed": every requirement must stay or grow, one must grow
                if (spend < lowSpend) {
                    throw new InvalidValueException(
                            at + ".minSpend",
                            (spend < 0 ? "is missing" : t.minSpend().get() + " is less than")
                                    + " the minSpend " + lower.minSpend().get() + " of " + below
                                    + "; with match ALL a higher tier needs at least as much of everything the tier"
                                    + " below needs, and more of something");
                }
                if (orders < lowOrders) {
                    throw new InvalidValueException(
                            at + ".minOrders",
                            (orders == 0 ? "is missing" : orders + " is less than")
                                    + " the minOrders " + lowOrders + " of " + below
                                    + "; with match ALL a higher tier needs at least as much of everything the tier"
                                    + " below needs, and more of something");
                }
                if (spend == lowSpend && orders == lowOrders) {
                    throw new InvalidValueException(
                            at,
                            "\"" + t.name() + "\" needs the same as " + below
                                    + "; a higher tier must need more spend or more orders");
                }
                return;
            }
            // ANY: a missing requirement can never be met; each one kept must grow, none may be added
            checkAnyAbove(
                    at + ".minSpend",
                    spend >= 0,
                    lowSpend >= 0,
                    spend > lowSpend,
                    below,
                    "minSpend",
                    t.minSpend().map(Money::toString).orElse(""),
                    lower.minSpend().map(Money::toString).orElse(""));
            checkAnyAbove(
                    at + ".minOrders",
                    orders > 0,
                    lowOrders > 0,
                    orders > lowOrders,
                    below,
                    "minOrders",
                    String.valueOf(orders),
                    String.valueOf(lowOrders));
        }

        private static void checkAnyAbove(
                String field,
                boolean has,
                boolean lowerHas,
                boolean greater,
                String below,
                String what,
                String value,
                String lowerValue) {
            if (has && !lowerHas) {
                throw new InvalidValueException(
                        field,
                        "with match ANY a higher tier may not add a requirement that " + below
                                + " does not have: members could reach it through " + what + " without reaching "
                                + below + ". Use match ALL, or give " + below + " a " + what + " too");
            }
            if (has && !greater) {
                throw new InvalidValueException(
                        field,
                        value + " must be more than the " + what + " " + lowerValue + " of " + below
                                + " (with match ANY every requirement of a higher tier must be higher)");
            }
        }
    }
}
