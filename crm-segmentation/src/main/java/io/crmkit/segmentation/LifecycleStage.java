package io.crmkit.segmentation;

/**
 * A member's stage in a {@link LifecycleModel}. Each model uses some of these stages (see {@link
 * LifecycleModel.Kind}); every member has exactly one stage of its model.
 *
 * <pre>{@code
 * LifecycleStage s = table.stage(MemberId.of("M1")).orElseThrow();
 * if (s == LifecycleStage.DORMANT) { ... }
 * }</pre>
 */
public enum LifecycleStage {
    /** Registered, never bought (every model). ORDERLY's 潛在未購買. */
    POTENTIAL,
    /** ORDERLY: one order, not lapsed (首購客). */
    FIRST_TIME,
    /** ORDERLY: two or more orders, not lapsed (回購客). */
    REPEAT,
    /** ORDERLY: no purchase for k × the member's repurchase cycle (流失客). */
    LAPSED,
    /** NAPL, NASLD: first purchase within the window. */
    NEW,
    /** NAPL: repeat buyer who bought within the window; NASLD: bought within the window. */
    ACTIVE,
    /** NAPL: repeat buyer with nothing within the window (the P of NAPL). */
    DORMANT,
    /** NAPL: one-time buyer with nothing within the window; NASLD: the same, not yet in deep sleep. */
    LOST,
    /** NASLD: repeat buyer with nothing within the window, not yet in deep sleep. */
    SLEEP,
    /** NASLD: nothing for longer than the deep-sleep threshold. */
    DEEP_SLEEP
}
