package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import java.util.List;

/**
 * One named RFM segment: inclusive ranges of the R, F and M scores and of {@code FM}, the average
 * of F and M. A member's segment is the first rule, in the model's order, whose ranges all hold.
 *
 * <pre>{@code
 * RfmSegmentRule champions = RfmSegmentRule.named("Champions").r(4, 5).fm(4, 5);
 * RfmSegmentRule.defaults(); // the common 11 segments for 5 scores
 * }</pre>
 *
 * @param name the segment's name, e.g. "Champions"
 * @param rMin lowest R score, at least 1
 * @param rMax highest R score
 * @param fMin lowest F score
 * @param fMax highest F score
 * @param mMin lowest M score
 * @param mMax highest M score
 * @param fmMin lowest {@code (F + M) / 2}, a multiple of 0.5
 * @param fmMax highest {@code (F + M) / 2}, a multiple of 0.5
 */
public record RfmSegmentRule(
        String name, int rMin, int rMax, int fMin, int fMax, int mMin, int mMax, double fmMin, double fmMax) {
    /** Any score up to this one; a rule is checked against the model's number of scores at build(). */
    static final int MAX = 9;

    /** @throws InvalidValueException if the name is blank or a range is empty or out of 1..9 */
    public RfmSegmentRule {
        if (name == null || name.isBlank()) {
            throw new InvalidValueException("rfm.segment.name", "must not be blank");
        }
        check(name, "r", rMin, rMax);
        check(name, "f", fMin, fMax);
        check(name, "m", mMin, mMax);
        if (fmMin * 2 != Math.rint(fmMin * 2) || fmMax * 2 != Math.rint(fmMax * 2)) {
            throw new InvalidValueException(
                    "rfm.segment." + name + ".fm", "bounds must be multiples of 0.5, were " + fmMin + ".." + fmMax);
        }
        if (fmMin < 1 || fmMax > MAX || fmMin > fmMax) {
            throw new InvalidValueException(
                    "rfm.segment." + name + ".fm",
                    "must be a range within 1.." + MAX + ", was " + fmMin + ".." + fmMax);
        }
    }

    private static void check(String name, String part, int min, int max) {
        if (min < 1 || max > MAX || min > max) {
            throw new InvalidValueException(
                    "rfm.segment." + name + "." + part,
                    "must be a range within 1.." + MAX + ", was " + min + ".." + max);
        }
    }

    /**
     * @param name the segment's name
     * @return a rule that every score matches; narrow it with {@link #r}, {@link #f}, {@link #m},
     *     {@link #fm}
     */
    public static RfmSegmentRule named(String name) {
        return new RfmSegmentRule(name, 1, MAX, 1, MAX, 1, MAX, 1, MAX);
    }

    /**
     * @param min lowest R score
     * @param max highest R score
     * @return this rule with the R range
     */
    public RfmSegmentRule r(int min, int max) {
        return new RfmSegmentRule(name, min, max, fMin, fMax, mMin, mMax, fmMin, fmMax);
    }

    /**
     * @param min lowest F score
     * @param max highest F score
     * @return this rule with the F range
     */
    public RfmSegmentRule f(int min, int max) {
        return new RfmSegmentRule(name, rMin, rMax, min, max, mMin, mMax, fmMin, fmMax);
    }

    /**
     * @param min lowest M score
     * @param max highest M score
     * @return this rule with the M range
     */
    public RfmSegmentRule m(int min, int max) {
        return new RfmSegmentRule(name, rMin, rMax, fMin, fMax, min, max, fmMin, fmMax);
    }

    /**
     * @param min lowest {@code (F + M) / 2}
     * @param max highest {@code (F + M) / 2}
     * @return this rule with the FM range
     */
    public RfmSegmentRule fm(double min, double max) {
        return new RfmSegmentRule(name, rMin, rMax, fMin, fMax, mMin, mMax, min, max);
    }

    /**
     * @param r the R score
     * @param f the F score
     * @param m the M score
     * @return true if the scores are in every range
     */
    public boolean matches(int r, int f, int m) {
        int fm2 = f + m;
        return r >= rMin
                && r <= rMax
                && f >= fMin
                && f <= fMax
                && m >= mMin
                && m <= mMax
                && fm2 >= fmMin * 2
                && fm2 <= fmMax * 2;
    }

    /** @return the highest score any range of this rule names; for checks against the model */
    int highestScore() {
        return Math.max(Math.max(rMin, fMin), Math.max(mMin, (int) Math.ceil(fmMin)));
    }

    /**
     * The common 11 RFM segments for 5 scores, on R and {@code FM = (F + M) / 2}. The first rule
     * that matches wins, so every combination of scores gets exactly one segment (the ranges below
     * overlap; e.g. Potential Loyalist and Need Attention only keep FM 2–2.5, as Loyal takes FM 3):
     *
     * <table>
     *   <caption>Default segments</caption>
     *   <tr><th>segment</th><th>R</th><th>FM</th></tr>
     *   <tr><td>Champions</td><td>4–5</td><td>4–5</td></tr>
     *   <tr><td>Loyal</td><td>3–5</td><td>3–5</td></tr>
     *   <tr><td>Potential Loyalist</td><td>4–5</td><td>2–3</td></tr>
     *   <tr><td>New</td><td>5</td><td>1–1.5</td></tr>
     *   <tr><td>Promising</td><td>4</td><td>1–1.5</td></tr>
     *   <tr><td>Need Attention</td><td>3</td><td>2–3</td></tr>
     *   <tr><td>About To Sleep</td><td>3</td><td>1–1.5</td></tr>
     *   <tr><td>Can't Lose</td><td>1–2</td><td>4–5</td></tr>
     *   <tr><td>At Risk</td><td>1–2</td><td>3–3.5</td></tr>
     *   <tr><td>Hibernating</td><td>1–2</td><td>2–2.5</td></tr>
     *   <tr><td>Lost</td><td>1–2</td><td>1–1.5</td></tr>
     * </table>
     *
     * @return the rules, in order
     */
    public static List<RfmSegmentRule> defaults() {
        return DEFAULTS;
    }

    private static final List<RfmSegmentRule> DEFAULTS = List.of(
            named("Champions").r(4, 5).fm(4, 5),
            named("Loyal").r(3, 5).fm(3, 5),
            named("Potential Loyalist").r(4, 5).fm(2, 3),
            named("New").r(5, 5).fm(1, 1.5),
            named("Promising").r(4, 4).fm(1, 1.5),
            named("Need Attention").r(3, 3).fm(2, 3),
            named("About To Sleep").r(3, 3).fm(1, 1.5),
            named("Can't Lose").r(1, 2).fm(4, 5),
            named("At Risk").r(1, 2).fm(3, 3.5),
            named("Hibernating").r(1, 2).fm(2, 2.5),
            named("Lost").r(1, 2).fm(1, 1.5));
}
