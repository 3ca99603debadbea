package io.crmkit.core;

/**
 * Where an order is in its life. Every status but {@link #CANCELLED} counts as a purchase in {@link
 * MemberStats}; returns are recorded as {@link Refund}s, not as a status.
 */
public enum OrderStatus {
    /** Placed, not yet paid (e.g. cash on delivery). */
    PLACED,
    /** Paid. */
    PAID,
    /** Shipped or handed over. */
    FULFILLED,
    /** Done: delivered or picked up, and the return period passed. */
    COMPLETED,
    /** Cancelled before fulfilment; not a purchase. */
    CANCELLED
}
