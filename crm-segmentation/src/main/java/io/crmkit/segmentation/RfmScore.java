package io.crmkit.segmentation;

import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import java.util.Optional;

/**
 * One member's RFM values and scores as of an instant, from an {@link RfmTable}.
 *
 * <pre>{@code
 * RfmScore s = table.score(MemberId.of("M1")).orElseThrow();
 * s.code();    // 545 for R=5, F=4, M=5
 * s.sum();     // 14
 * s.segment(); // Optional[Champions]
 * }</pre>
 *
 * @param member the member
 * @param recencyDays whole days in the brand's zone from the last purchase's date to the as-of date
 * @param frequency orders or purchase days, as the model says
 * @param monetary net spend or average order value, as the model says
 * @param r the recency score, 1..k, higher is more recent
 * @param f the frequency score, 1..k
 * @param m the monetary score, 1..k
 * @param segment the first segment rule the scores match, if any
 */
public record RfmScore(
        MemberId member,
        int recencyDays,
        long frequency,
        Money monetary,
        int r,
        int f,
        int m,
        Optional<String> segment) {
    /** @return {@code R*100 + F*10 + M}, e.g. 545 */
    public int code() {
        return r * 100 + f * 10 + m;
    }

    /** @return {@code R + F + M} */
    public int sum() {
        return r + f + m;
    }

    /** @return the scores as three digits, e.g. "545" */
    public String triple() {
        return "" + r + f + m;
    }
}
