package io.crmkit.automation.internal.json;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/** The names and value forms that the journey reader and writer share. */
final class Format {
    static final String FORMAT_KEY = "crmkit";
    static final String JOURNEY = "journey/1";
    static final String JOURNEYS = "journeys/1";
    static final String GUARDS = "guards/1";

    // entry types
    static final String EVENT = "event";
    static final String SEGMENT = "segment";
    static final String BIRTHDAY = "birthday";
    static final String JOIN_ANNIVERSARY = "joinAnniversary";
    static final String DAYS_AFTER_LAST_PURCHASE = "daysAfterLastPurchase";
    static final String REPURCHASE_DUE = "repurchaseDue";
    static final String BROADCAST = "broadcast";

    static final String[] ENTRY_TYPES = {
        EVENT, SEGMENT, BIRTHDAY, JOIN_ANNIVERSARY, DAYS_AFTER_LAST_PURCHASE, REPURCHASE_DUE, BROADCAST
    };

    // step types
    static final String WAIT = "wait";
    static final String WAIT_UNTIL = "waitUntil";
    static final String WAIT_FOR_EVENT = "waitForEvent";
    static final String BRANCH = "branch";
    static final String SPLIT = "split";
    static final String SEND = "send";
    static final String ISSUE_COUPON = "issueCoupon";
    static final String TAG = "tag";
    static final String UNTAG = "untag";
    static final String AWARD_POINTS = "awardPoints";
    static final String CUSTOM = "custom";
    static final String EXIT = "exit";

    static final String[] STEP_TYPES = {
        WAIT, WAIT_UNTIL, WAIT_FOR_EVENT, BRANCH, SPLIT, SEND, ISSUE_COUPON, TAG, UNTAG, AWARD_POINTS, CUSTOM, EXIT
    };

    private static final long DAY = 86_400;

    private Format() {}

    /** @return the enum constant in lower case ({@code ORDER_PLACED} is {@code order_placed}) */
    static String code(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param d a non-negative duration
     * @return ISO-8601 with whole days as days: {@code P7D}, {@code PT2H}, {@code P1DT12H}, {@code PT0S}
     */
    static String duration(Duration d) {
        long days = d.getSeconds() / DAY;
        if (d.isNegative() || days == 0) {
            return d.toString();
        }
        Duration rest = d.minusSeconds(days * DAY);
        return rest.isZero()
                ? "P" + days + "D"
                : "P" + days + "D" + rest.toString().substring(1);
    }

    /**
     * @param x a finite double
     * @return its shortest decimal text without exponent or trailing zeros ({@code 2}, {@code 1.5})
     */
    static String number(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }
}
