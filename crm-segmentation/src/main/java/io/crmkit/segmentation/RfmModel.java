package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a brand scores its members by recency, frequency and monetary value: the look-back window,
 * what F and M count, how values become scores 1..k (higher is better: recent, frequent, big), and
 * the named segments. Immutable; build one with {@link #builder()} and run it with {@link
 * Snapshot#rfm(RfmModel, java.time.Instant)}.
 *
 * <pre>{@code
 * RfmModel model = RfmModel.builder()
 *         .window(Window.lastDays(365))
 *         .frequency(RfmModel.Frequency.PURCHASE_DAYS)
 *         .build();                                  // 5 scores, NTILE, the 11 default segments
 * RfmTable table = snapshot.rfm(model, now);
 * table.score(MemberId.of("M1")).map(RfmScore::segment);
 * }</pre>
 *
 * <p>Values, over the orders that count as purchases in the window as of the as-of instant (as
 * {@link io.crmkit.core.MemberStats}: not cancelled, not fully refunded, refunds netted):
 *
 * <ul>
 *   <li>recency: whole days in the brand's zone from the last purchase's date to the as-of date;
 *   <li>frequency: orders, or distinct purchase days ({@link Frequency});
 *   <li>monetary: net spend, or the average order value rounded half-even ({@link Monetary}).
 * </ul>
 *
 * Members with no purchase in the window get no scores ({@link RfmTable#unscored()}), never a
 * silent 1.
 *
 * <p>Strategies ({@link Strategy}), with their tie rules:
 *
 * <ul>
 *   <li>{@code NTILE}: members sorted by value with ties broken by member id, cut into k groups
 *       whose sizes differ by at most one, larger groups first, exactly as SQL {@code NTILE(k) OVER
 *       (ORDER BY value, member_id)}; for R the order is days since the last purchase
 *       <em>descending</em>, so the most recent get k. Equal values may get different scores;
 *   <li>{@code QUANTILE}: the k-quantiles of the values by nearest rank (the value at sorted
 *       position {@code ceil(j n / k)}, j = 1..k-1, recency negated so that higher is better);
 *       a member scores one plus the number of quantiles strictly below its value. Equal values
 *       always get the same score; with many ties, some scores may be empty;
 *   <li>{@code FIXED}: the brand's thresholds, k - 1 of each, strictly ascending. R: k minus the
 *       number of recency thresholds the member's days exceed ({@code [30, 90, 180, 365]}: bought
 *       within 30 days scores 5, more than 365 days ago 1); F and M: one plus the number of
 *       thresholds the value reaches.
 * </ul>
 */
public final class RfmModel {
    /** What F counts. */
    public enum Frequency {
        /** Orders that count as purchases. */
        ORDERS,
        /** Distinct local dates with a purchase (same-day orders count once). */
        PURCHASE_DAYS
    }

    /** What M measures. */
    public enum Monetary {
        /** Net spend: totals minus refunds as of the as-of instant. */
        TOTAL,
        /** Net spend divided by the order count, rounded half-even to minor units. */
        AVERAGE
    }

    /** How values become scores; see the class description for the tie rules. */
    public enum Strategy {
        /** Equal-sized groups, as SQL {@code NTILE}. */
        NTILE,
        /** Cut points at the k-quantiles; equal values score the same. */
        QUANTILE,
        /** The brand's own thresholds. */
        FIXED
    }

    /** The most segment rules a model may have. */
    public static final int MAX_SEGMENTS = 100;

    /** The most scores a model may have (so that {@code R*100+F*10+M} stays readable). */
    public static final int MAX_SCORES = 9;

    private final int scores;
    private final Window window;
    private final Frequency frequency;
    private final Monetary monetary;
    private final Strategy strategy;
    private final long[] recencyThresholds;
    private final long[] frequencyThresholds;
    private final List<Money> monetaryThresholds;
    private final List<RfmSegmentRule> segments;

    private RfmModel(Builder b) {
        this.scores = b.scores;
        this.window = b.window;
        this.frequency = b.frequency;
        this.monetary = b.monetary;
        this.strategy = b.strategy;
        boolean fixed = b.strategy == Strategy.FIXED; // thresholds only belong to the fixed strategy
        this.recencyThresholds = fixed ? b.recencyThresholds.clone() : new long[0];
        this.frequencyThresholds = fixed ? b.frequencyThresholds.clone() : new long[0];
        this.monetaryThresholds = fixed ? List.copyOf(b.monetaryThresholds) : List.of();
        this.segments = List.copyOf(b.segments);
    }

    /** @return a builder with the defaults: 5 scores, all time, orders, net spend, NTILE, default segments */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the model with every default */
    public static RfmModel ofDefaults() {
        return builder().build();
    }

    /**
     * @param model a model
     * @return a builder that starts from the model's settings
     */
    public static Builder from(RfmModel model) {
        Builder b = new Builder();
        b.scores = model.scores;
        b.window = model.window;
        b.frequency = model.frequency;
        b.monetary = model.monetary;
        b.strategy = model.strategy;
        b.recencyThresholds = model.recencyThresholds.clone();
        b.frequencyThresholds = model.frequencyThresholds.clone();
        b.monetaryThresholds = model.monetaryThresholds;
        b.segments = model.segments;
        b.defaultSegments = false;
        return b;
    }

    /** @return the number of scores, k */
    public int scores() {
        return scores;
    }

    /** @return the look-back window */
    public Window window() {
        return window;
    }

    /** @return what F counts */
    public Frequency frequency() {
        return frequency;
    }

    /** @return what M measures */
    public Monetary monetary() {
        return monetary;
    }

    /** @return how values become scores */
    public Strategy strategy() {
        return strategy;
    }

    /** @return for {@link Strategy#FIXED}, the k - 1 ascending recency thresholds in days; empty otherwise */
    public long[] recencyThresholds() {
        return recencyThresholds.clone();
    }

    /** @return for {@link Strategy#FIXED}, the k - 1 ascending frequency minimums; empty otherwise */
    public long[] frequencyThresholds() {
        return frequencyThresholds.clone();
    }

    /** @return for {@link Strategy#FIXED}, the k - 1 ascending monetary minimums; empty otherwise */
    public List<Money> monetaryThresholds() {
        return monetaryThresholds;
    }

    /** @return the segment rules, first match wins; empty for a model without segments */
    public List<RfmSegmentRule> segments() {
        return segments;
    }

    /**
     * @param r the R score
     * @param f the F score
     * @param m the M score
     * @return the first segment rule's name that the scores match
     */
    public Optional<String> segmentOf(int r, int f, int m) {
        for (RfmSegmentRule rule : segments) {
            if (rule.matches(r, f, m)) {
                return Optional.of(rule.name());
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RfmModel other)) {
            return false;
        }
        return scores == other.scores
                && window.equals(other.window)
                && frequency == other.frequency
                && monetary == other.monetary
                && strategy == other.strategy
                && Arrays.equals(recencyThresholds, other.recencyThresholds)
                && Arrays.equals(frequencyThresholds, other.frequencyThresholds)
                && monetaryThresholds.equals(other.monetaryThresholds)
                && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                scores,
                window,
                frequency,
                monetary,
                strategy,
                Arrays.hashCode(recencyThresholds),
                Arrays.hashCode(frequencyThresholds),
                monetaryThresholds,
                segments);
    }

    @Override
    public String toString() {
        return "RfmModel[" + scores + " scores, " + window + ", " + frequency + ", " + monetary + ", " + strategy + ", "
                + segments.size() + " segments]";
    }

    /** Builds an {@link RfmModel}; every setting is checked at {@link #build()}. */
    public static final class Builder {
        private int scores = 5;
        private Window window = Window.allTime();
        private Frequency frequency = Frequency.ORDERS;
        private Monetary monetary = Monetary.TOTAL;
        private Strategy strategy = Strategy.NTILE;
        private long[] recencyThresholds = new long[0];
        private long[] frequencyThresholds = new long[0];
        private List<Money> monetaryThresholds = List.of();
        private List<RfmSegmentRule> segments = RfmSegmentRule.defaults();
        private boolean defaultSegments = true;

        private Builder() {}

        /**
         * @param k the number of scores, 2 to {@value RfmModel#MAX_SCORES}; 5 by default
         * @return this builder
         */
        public Builder scores(int k) {
            this.scores = k;
            return this;
        }

        /**
         * @param window the look-back window; all time by default
         * @return this builder
         */
        public Builder window(Window window) {
            this.window = window;
            return this;
        }

        /**
         * @param frequency what F counts; orders by default
         * @return this builder
         */
        public Builder frequency(Frequency frequency) {
            this.frequency = frequency;
            return this;
        }

        /**
         * @param monetary what M measures; net spend by default
         * @return this builder
         */
        public Builder monetary(Monetary monetary) {
            this.monetary = monetary;
            return this;
        }

        /**
         * @param strategy {@link Strategy#NTILE} (the default) or {@link Strategy#QUANTILE}; for
         *     {@link Strategy#FIXED} call {@link #fixed}
         * @return this builder
         */
        public Builder strategy(Strategy strategy) {
            this.strategy = strategy;
            return this;
        }

        /**
         * The brand's own thresholds; sets the strategy to {@link Strategy#FIXED}.
         *
         * @param recencyDays k - 1 strictly ascending day counts, e.g. {@code 30, 90, 180, 365}
         * @param frequency k - 1 strictly ascending minimums, e.g. {@code 2, 3, 5, 10}
         * @param monetary k - 1 strictly ascending minimums in the brand's currency
         * @return this builder
         */
        public Builder fixed(long[] recencyDays, long[] frequency, List<Money> monetary) {
            this.strategy = Strategy.FIXED;
            this.recencyThresholds = recencyDays == null ? null : recencyDays.clone();
            this.frequencyThresholds = frequency == null ? null : frequency.clone();
            this.monetaryThresholds = monetary;
            return this;
        }

        /**
         * @param rules the segment rules in order, first match wins; replaces the defaults
         * @return this builder
         */
        public Builder segments(List<RfmSegmentRule> rules) {
            this.segments = rules;
            this.defaultSegments = false;
            return this;
        }

        /** @return this builder, with no named segments (scores only) */
        public Builder noSegments() {
            return segments(List.of());
        }

        /**
         * @return the model
         * @throws InvalidValueException if a setting is missing or wrong: k out of 2..9, fixed
         *     thresholds not k - 1 or not strictly ascending or in two currencies, the default
         *     segments with k other than 5, a rule that names a score above k, duplicate names,
         *     more than {@value RfmModel#MAX_SEGMENTS} rules
         */
        public RfmModel build() {
            if (scores < 2 || scores > MAX_SCORES) {
                throw new InvalidValueException("rfm.scores", "must be 2.." + MAX_SCORES + ", was " + scores);
            }
            if (window == null) {
                throw new InvalidValueException("rfm.window", "is required");
            }
            if (frequency == null) {
                throw new InvalidValueException("rfm.frequency", "is required");
            }
            if (monetary == null) {
                throw new InvalidValueException("rfm.monetary", "is required");
            }
            if (strategy == null) {
                throw new InvalidValueException("rfm.strategy", "is required");
            }
            if (strategy == Strategy.FIXED) {
                checkFixed();
            }
            if (segments == null) {
                throw new InvalidValueException("rfm.segments", "is required (noSegments() for none)");
            }
            if (defaultSegments && scores != 5) {
                throw new InvalidValueException(
                        "rfm.segments",
                        "the default segments are for 5 scores, the model has " + scores
                                + "; give rules with segments(...) or call noSegments()");
            }
            if (segments.size() > MAX_SEGMENTS) {
                throw new InvalidValueException(
                        "rfm.segments", "at most " + MAX_SEGMENTS + " rules, had " + segments.size());
            }
            Set<String> names = new HashSet<>();
            for (RfmSegmentRule rule : segments) {
                if (rule == null) {
                    throw new InvalidValueException("rfm.segments", "must not contain null");
                }
                if (!names.add(rule.name())) {
                    throw new InvalidValueException("rfm.segments", "two rules are named \"" + rule.name() + "\"");
                }
                if (rule.highestScore() > scores) {
                    throw new InvalidValueException(
                            "rfm.segments." + rule.name(),
                            "asks for a score above " + scores + ", the model's number of scores: it can never match");
                }
            }
            return new RfmModel(this);
        }

        private void checkFixed() {
            int want = scores - 1;
            checkAscending("rfm.thresholds.recencyDays", recencyThresholds, want, 0);
            checkAscending("rfm.thresholds.frequency", frequencyThresholds, want, 1);
            if (monetaryThresholds == null || monetaryThresholds.size() != want) {
                throw new InvalidValueException(
                        "rfm.thresholds.monetary",
                        "needs " + want + " amounts for " + scores + " scores, had "
                                + (monetaryThresholds == null ? 0 : monetaryThresholds.size()));
            }
            List<Money> ms = new ArrayList<>(monetaryThresholds);
            for (int i = 0; i < ms.size(); i++) {
                Money m = ms.get(i);
                if (m == null) {
                    throw new InvalidValueException("rfm.thresholds.monetary[" + i + "]", "is required");
                }
                if (i > 0) {
                    Money prev = ms.get(i - 1);
                    if (!m.currency().equals(prev.currency())) {
                        throw new InvalidValueException(
                                "rfm.thresholds.monetary[" + i + "]",
                                "is in " + m.currency() + ", the one before in " + prev.currency());
                    }
                    if (m.minorUnits() <= prev.minorUnits()) {
                        throw new InvalidValueException(
                                "rfm.thresholds.monetary[" + i + "]",
                                "must be above the one before (" + prev + "), was " + m);
                    }
                }
            }
        }

        private static void checkAscending(String field, long[] values, int want, long min) {
            if (values == null || values.length != want) {
                throw new InvalidValueException(
                        field,
                        "needs " + want + " thresholds for " + (want + 1) + " scores, had "
                                + (values == null ? 0 : values.length));
            }
            for (int i = 0; i < values.length; i++) {
                if (values[i] < min) {
                    throw new InvalidValueException(
                            field + "[" + i + "]", "must be at least " + min + ", was " + values[i]);
                }
                if (i > 0 && values[i] <= values[i - 1]) {
                    throw new InvalidValueException(
                            field + "[" + i + "]",
                            "must be above the one before (" + values[i - 1] + "), was " + values[i]
                                    + ": thresholds must be strictly ascending");
                }
            }
        }
    }
}
