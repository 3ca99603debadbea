package io.crmkit.segmentation;

/**
 * A number about a member that a {@link Condition.Compare} bounds. The order measures follow
 * {@link io.crmkit.core.MemberStats} exactly (cancelled and fully refunded orders do not count,
 * refunds count from their own instant), over the condition's {@link Window}.
 */
public enum Measure {
    /** Orders that count, in the window. */
    ORDER_COUNT(Unit.COUNT, true),
    /** Distinct purchase dates, in the window. */
    PURCHASE_DAYS(Unit.COUNT, true),
    /** Net spend (totals minus refunds), in the window; minor units. */
    NET_SPEND(Unit.MONEY, true),
    /** Net spend per order, rounded half-even, in the window; no value without orders. */
    AOV(Unit.MONEY, true),
    /** Calendar days from the last purchase date to the as-of date; no value without orders. */
    DAYS_SINCE_LAST_PURCHASE(Unit.DAYS, false),
    /** Calendar days from the first purchase date to the as-of date; no value without orders. */
    DAYS_SINCE_FIRST_PURCHASE(Unit.DAYS, false),
    /** The personal repurchase cycle in days; no value with fewer than two purchase dates. */
    REPURCHASE_CYCLE_DAYS(Unit.DAYS, false),
    /** Age in whole years on the as-of date; no value without a birthday. */
    AGE(Unit.YEARS, false),
    /** Calendar days from the join date to the as-of date. */
    DAYS_SINCE_JOINED(Unit.DAYS, false),
    /** Calendar days from the as-of date to the next birthday (0 on the birthday); no value without a birthday. */
    DAYS_TO_BIRTHDAY(Unit.DAYS, false);

    /** What a measure counts. */
    public enum Unit {
        /** A count. */
        COUNT,
        /** Minor units of the brand's currency. */
        MONEY,
        /** Calendar days in the brand's zone. */
        DAYS,
        /** Whole years. */
        YEARS
    }

    private final Unit unit;
    private final boolean windowed;

    Measure(Unit unit, boolean windowed) {
        this.unit = unit;
        this.windowed = windowed;
    }

    /** @return what the measure counts */
    public Unit unit() {
        return unit;
    }

    /** @return true if the measure can be restricted to a window; else it is always all-time */
    public boolean windowed() {
        return windowed;
    }
}
