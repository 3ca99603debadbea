package io.crmkit.io;

/**
 * What the rows of a file describe.
 *
 * <pre>{@code
 * Preset.named("shopify-orders").kind(); // ORDERS
 * }</pre>
 */
public enum ImportKind {
    /** One member per row (plus continuation rows in some exports). */
    MEMBERS,
    /** Order lines: consecutive rows with the same order key are one order. */
    ORDERS,
    /** One product per row. */
    PRODUCTS,
    /** One interaction per row. */
    INTERACTIONS
}
