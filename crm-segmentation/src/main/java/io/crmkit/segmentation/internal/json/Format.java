package io.crmkit.segmentation.internal.json;

import java.util.Locale;

/** The names of the JSON form that reader and writer share. */
final class Format {
    static final String SEGMENT = "segment/1";
    static final String CATALOG = "catalog/1";
    static final String RFM = "rfm/1";
    static final String LIFECYCLE = "lifecycle/1";
    static final String VERSION_KEY = "crmkit";

    static final String ALL = "all";
    static final String NONE = "none";
    static final String AND = "and";
    static final String OR = "or";
    static final String NOT = "not";
    static final String COMPARE = "compare";
    static final String PROFILE = "profile";
    static final String ATTRIBUTE = "attribute";
    static final String ORDERS = "orders";
    static final String SPEND_ON = "spendOn";
    static final String INTERACTIONS = "interactions";
    static final String TAGGED = "tagged";
    static final String REACHABLE = "reachable";
    static final String OPTED_IN = "optedIn";
    static final String IN_SEGMENT = "inSegment";
    static final String CUSTOM = "custom";

    /** Every condition type, in the order of the documentation. */
    static final String[] TYPES = {
        ALL,
        NONE,
        AND,
        OR,
        NOT,
        COMPARE,
        PROFILE,
        ATTRIBUTE,
        ORDERS,
        SPEND_ON,
        INTERACTIONS,
        TAGGED,
        REACHABLE,
        OPTED_IN,
        IN_SEGMENT,
        CUSTOM
    };

    private Format() {}

    /**
     * @param e an enum constant
     * @return its JSON name: the constant's name in lower case ({@code NET_SPEND} is {@code
     *     net_spend})
     */
    static String code(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
