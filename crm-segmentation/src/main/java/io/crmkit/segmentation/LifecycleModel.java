package io.crmkit.segmentation;

import io.crmkit.core.ContactChannel;
import io.crmkit.core.InvalidValueException;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a brand puts its members into lifecycle stages: ORDERLY's automatic groups, NAPL, or beBit's
 * NASLD, with the brand's thresholds. Immutable; run it with {@link Snapshot#lifecycle}.
 *
 * <pre>{@code
 * LifecycleTable napl = snapshot.lifecycle(LifecycleModel.napl().window(Period.ofMonths(6)).build(), now);
 * napl.counts();                         // {POTENTIAL=…, NEW=…, ACTIVE=…, DORMANT=…, LOST=…}
 * LifecycleFlow flow = LifecycleFlow.between(lastMonth, napl);
 * }</pre>
 *
 * <p>All figures are as of the as-of instant over the orders that count as purchases ({@link
 * io.crmkit.core.MemberStats}: not cancelled, not fully refunded); "bought" means at least one such
 * order; dates are in the brand's zone. "Within the window" means a purchase date after {@code
 * asOfDate - window}: {@code Period.ofDays(90)} is the as-of date and the 89 days before it, as
 * {@link Window#lastDays(int) Window.lastDays(90)}.
 *
 * <ul>
 *   <li>{@link Kind#ORDERLY}: {@code POTENTIAL} never bought; {@code LAPSED} bought, but the days
 *       since the last purchase exceed {@code lapseFactor} (default 3) × the member's repurchase
 *       cycle (days from the first to the last purchase date / (purchase days − 1)); members with
 *       one purchase day use the brand's median cycle over the members with two or more purchase
 *       days (or {@code defaultCycleDays} when there are none); otherwise {@code FIRST_TIME} with
 *       one order, {@code REPEAT} with two or more. The invalid-contact flag is separate ({@link
 *       LifecycleTable#invalidContact()}): by default, members who cannot be reached on any channel.
 *   <li>{@link Kind#NAPL}: {@code NEW} first purchase within the window (default 3 months); {@code
 *       ACTIVE} two or more orders and bought within the window; {@code DORMANT} two or more orders,
 *       nothing within the window; {@code LOST} one order, nothing within the window; {@code
 *       POTENTIAL} never bought.
 *   <li>{@link Kind#NASLD}: {@code NEW} first purchase within the window (default 3 months); {@code
 *       ACTIVE} bought within the window; {@code DEEP_SLEEP} nothing within the deep-sleep period
 *       (default 6 months); otherwise {@code SLEEP} with two or more orders, {@code LOST} with one;
 *       {@code POTENTIAL} never bought.
 * </ul>
 */
public final class LifecycleModel {
    /** The stage scheme. */
    public enum Kind {
        /** POTENTIAL, FIRST_TIME, REPEAT, LAPSED. */
        ORDERLY(List.of(
                LifecycleStage.POTENTIAL, LifecycleStage.FIRST_TIME, LifecycleStage.REPEAT, LifecycleStage.LAPSED)),
        /** POTENTIAL, NEW, ACTIVE, DORMANT, LOST. */
        NAPL(List.of(
                LifecycleStage.POTENTIAL,
                LifecycleStage.NEW,
                LifecycleStage.ACTIVE,
                LifecycleStage.DORMANT,
                LifecycleStage.LOST)),
        /** POTENTIAL, NEW, ACTIVE, SLEEP, LOST, DEEP_SLEEP. */
        NASLD(List.of(
                LifecycleStage.POTENTIAL,
                LifecycleStage.NEW,
                LifecycleStage.ACTIVE,
                LifecycleStage.SLEEP,
                LifecycleStage.LOST,
                LifecycleStage.DEEP_SLEEP));

        private final List<LifecycleStage> stages;

        Kind(List<LifecycleStage> stages) {
            this.stages = stages;
        }

        /** @return the stages of this scheme, in funnel order */
        public List<LifecycleStage> stages() {
            return stages;
        }
    }

    /** The longest default repurchase cycle, about 100 years. */
    public static final int MAX_CYCLE_DAYS = 36_600;

    private final Kind kind;
    private final Period window;
    private final Period deepSleep;
    private final double lapseFactor;
    private final int defaultCycleDays;
    private final Condition invalidContact;

    private LifecycleModel(Builder b) {
        this.kind = b.kind;
        this.window = b.window;
        this.deepSleep = b.deepSleep;
        this.lapseFactor = b.lapseFactor;
        this.defaultCycleDays = b.defaultCycleDays;
        this.invalidContact = b.invalidContact;
    }

    /** @return a builder for ORDERLY's groups: lapse factor 3, default cycle 90 days */
    public static Builder orderly() {
        return new Builder(Kind.ORDERLY);
    }

    /** @return a builder for NAPL: window 3 months */
    public static Builder napl() {
        return new Builder(Kind.NAPL);
    }

    /** @return a builder for NASLD: window 3 months, deep sleep after 6 months */
    public static Builder nasld() {
        return new Builder(Kind.NASLD);
    }

    /**
     * @param model a model
     * @return a builder that starts from its settings
     */
    public static Builder from(LifecycleModel model) {
        Builder b = new Builder(model.kind);
        b.window = model.window;
        b.deepSleep = model.deepSleep;
        b.lapseFactor = model.lapseFactor;
        b.defaultCycleDays = model.defaultCycleDays;
        b.invalidContact = model.invalidContact;
        return b;
    }

    /** @return the stage scheme */
    public Kind kind() {
        return kind;
    }

    /** @return the stages of the scheme, in funnel order */
    public List<LifecycleStage> stages() {
        return kind.stages();
    }

    /** @return NAPL / NASLD: what "recently" means */
    public Period window() {
        return window;
    }

    /** @return NASLD: no purchase for longer than this is deep sleep */
    public Period deepSleep() {
        return deepSleep;
    }

    /** @return ORDERLY: lapsed after this many repurchase cycles without a purchase */
    public double lapseFactor() {
        return lapseFactor;
    }

    /** @return ORDERLY: the cycle used when no member has two purchase days */
    public int defaultCycleDays() {
        return defaultCycleDays;
    }

    /** The first epoch day inside the window as of a date: purchases after {@code today - window}. */
    int windowStartDay(java.time.LocalDate today) {
        return (int) today.minus(window).plusDays(1).toEpochDay();
    }

    /** The first epoch day inside the deep-sleep period as of a date. */
    int deepStartDay(java.time.LocalDate today) {
        return (int) today.minus(deepSleep).plusDays(1).toEpochDay();
    }

    /** @return the condition that flags a member's contact as invalid */
    public Condition invalidContact() {
        return invalidContact;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LifecycleModel m
                && kind == m.kind
                && window.equals(m.window)
                && deepSleep.equals(m.deepSleep)
                && Double.compare(lapseFactor, m.lapseFactor) == 0
                && defaultCycleDays == m.defaultCycleDays
                && invalidContact.equals(m.invalidContact);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, window, deepSleep, lapseFactor, defaultCycleDays, invalidContact);
    }

    @Override
    public String toString() {
        return "LifecycleModel[" + kind + ", window " + window + ", deep sleep " + deepSleep + ", lapse factor "
                + lapseFactor + "]";
    }

    /** The default invalid-contact flag: not reachable for marketing on any channel. */
    static Condition unreachable() {
        List<Condition> any = new ArrayList<>();
        for (ContactChannel c : ContactChannel.values()) {
            any.add(Where.reachableBy(c));
        }
        return Where.not(Where.anyOf(any.toArray(new Condition[0])));
    }

    /** Builds a {@link LifecycleModel}; settings are checked at {@link #build()}. */
    public static final class Builder {
        private final Kind kind;
        private Period window = Period.ofMonths(3);
        private Period deepSleep = Period.ofMonths(6);
        private double lapseFactor = 3;
        private int defaultCycleDays = 90;
        private Condition invalidContact = unreachable();

        private Builder(Kind kind) {
            this.kind = kind;
        }

        /**
         * @param window NAPL / NASLD: what "recently" means, e.g. {@code Period.ofMonths(3)}
         * @return this builder
         */
        public Builder window(Period window) {
            this.window = window;
            return this;
        }

        /**
         * @param deepSleep NASLD: no purchase for longer than this is deep sleep; longer than the window
         * @return this builder
         */
        public Builder deepSleep(Period deepSleep) {
            this.deepSleep = deepSleep;
            return this;
        }

        /**
         * @param factor ORDERLY: lapsed after this many repurchase cycles; above 0
         * @return this builder
         */
        public Builder lapseFactor(double factor) {
            this.lapseFactor = factor;
            return this;
        }

        /**
         * @param days ORDERLY: the cycle used when no member has two purchase days; at least 1
         * @return this builder
         */
        public Builder defaultCycleDays(int days) {
            this.defaultCycleDays = days;
            return this;
        }

        /**
         * @param condition flags a member's contact as invalid, e.g. {@code not(reachableBy(EMAIL))}
         * @return this builder
         */
        public Builder invalidContact(Condition condition) {
            this.invalidContact = condition;
            return this;
        }

        /**
         * @return the model
         * @throws InvalidValueException if a period is missing, zero or negative, deep sleep is not
         *     longer than the window, the lapse factor is not above 0 or the default cycle below 1
         */
        public LifecycleModel build() {
            checkPeriod("lifecycle.window", window);
            checkPeriod("lifecycle.deepSleep", deepSleep);
            if (kind == Kind.NASLD && shortest(deepSleep) <= longest(window)) {
                throw new InvalidValueException(
                        "lifecycle.deepSleep",
                        "must be longer than the window " + window + ", was " + deepSleep
                                + " (NASLD: active, then sleep, then deep sleep)");
            }
            if (!(lapseFactor > 0) || Double.isInfinite(lapseFactor)) {
                throw new InvalidValueException("lifecycle.lapseFactor", "must be above 0, was " + lapseFactor);
            }
            if (defaultCycleDays < 1 || defaultCycleDays > MAX_CYCLE_DAYS) {
                throw new InvalidValueException(
                        "lifecycle.defaultCycleDays", "must be 1.." + MAX_CYCLE_DAYS + ", was " + defaultCycleDays);
            }
            if (invalidContact == null) {
                throw new InvalidValueException("lifecycle.invalidContact", "is required");
            }
            return new LifecycleModel(this);
        }

        /** The fewest days the period can span (a month of 28 days, a year of 365). */
        private static long shortest(Period p) {
            return p.getYears() * 365L + p.getMonths() * 28L + p.getDays();
        }

        /** The most days the period can span (a month of 31 days, a year of 366). */
        private static long longest(Period p) {
            return p.getYears() * 366L + p.getMonths() * 31L + p.getDays();
        }

        private static void checkPeriod(String field, Period p) {
            if (p == null) {
                throw new InvalidValueException(field, "is required");
            }
            if (p.isNegative() || p.isZero() || p.getYears() < 0 || p.getMonths() < 0 || p.getDays() < 0) {
                throw new InvalidValueException(field, "must be a positive period, was " + p);
            }
        }
    }
}
