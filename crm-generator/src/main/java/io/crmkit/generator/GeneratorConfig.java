package io.crmkit.generator;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.InvalidValueException;
import io.crmkit.generator.internal.Catalogue;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@link ShopGenerator} generates: how many members, the seed, the observation period, the
 * brand (zone and currency), the catalogue size, whether to generate interactions, and the
 * parameters of the purchase model. Immutable; build it with {@link #custom()} or {@link
 * #from(GeneratorConfig)}; {@link Builder#build()} checks every value.
 *
 * <p><b>Purchase model.</b> Each member follows the BG/NBD process (Fader, Hardie and Lee 2005)
 * from the moment they join: while "alive" they buy at Poisson rate λ per day, where λ ~ Gamma(shape
 * {@code r}, rate {@code alpha}) varies between members; sign-up and every purchase are followed by
 * drop-out with probability p ~ Beta({@code a}, {@code b}). Time runs on the shop's calendar
 * (seasonal peaks, weekday x hour profile), so the rate is per average day. The value of an order
 * follows the Gamma-Gamma model (Fader, Hardie and Lee 2005): z ~ Gamma(shape {@code p}, rate ν)
 * with ν ~ Gamma(shape {@code q}, rate {@code gamma}), so that a member's mean order value {@code
 * p/ν} is inverse-gamma distributed with mean {@code p·gamma/(q-1)}. The defaults give a typical
 * Taiwanese shop: about 40% of members never buy in the period, a third of buyers buy once, the
 * median order value is around NT$1,000, and about 1% of members place more than 100 orders.
 *
 * <p><b>Members.</b> 30% of members joined before the observation period (up to 3 years before);
 * their purchase process runs from their real join time, but only orders inside the period are
 * generated, so the shop starts with a realistic mix of active and dormant members. The others
 * join during the period, more towards its end (the shop grows) and around sales events; 55% of
 * them sign up as part of their first purchase.
 *
 * <pre>{@code
 * GeneratorConfig config = GeneratorConfig.custom()
 *         .members(100_000)
 *         .seed(7)
 *         .period(Instant.parse("2024-01-01T00:00:00+08:00"), Instant.parse("2025-01-01T00:00:00+08:00"))
 *         .interactions(false)
 *         .build();
 * }</pre>
 */
public final class GeneratorConfig {
    /** The default start: 2023-01-01 00:00 in Asia/Taipei. */
    public static final Instant DEFAULT_START = Instant.parse("2022-12-31T16:00:00Z");
    /** The default end (exclusive): 2026-01-01 00:00 in Asia/Taipei; fixed, so output does not depend on today. */
    public static final Instant DEFAULT_END = Instant.parse("2025-12-31T16:00:00Z");
    /** The most members one generator produces; member ids have 8 digits. */
    public static final int MAX_MEMBERS = 99_999_999;
    /** The most orders one member can have; order ids have a 3-digit sequence. */
    public static final int MAX_ORDERS_PER_MEMBER = 999;

    private static final Duration MAX_PERIOD = Duration.ofDays(20 * 366);

    private final int members;
    private final long seed;
    private final Instant start;
    private final Instant end;
    private final BrandSettings brand;
    private final int catalogueSize;
    private final boolean interactions;
    private final double rateShape;
    private final double rateScale;
    private final double dropoutA;
    private final double dropoutB;
    private final double spendShape;
    private final double spendMixShape;
    private final double spendMixScale;
    private final int maxOrdersPerMember;
    private final double campaignsPerMonth;
    private final double cancellationRate;
    private final double refundRate;

    private GeneratorConfig(Builder b) {
        this.members = b.members;
        this.seed = b.seed;
        this.start = b.start;
        this.end = b.end;
        this.brand = b.brand;
        this.catalogueSize = b.catalogueSize;
        this.interactions = b.interactions;
        this.rateShape = b.rateShape;
        this.rateScale = b.rateScale;
        this.dropoutA = b.dropoutA;
        this.dropoutB = b.dropoutB;
        this.spendShape = b.spendShape;
        this.spendMixShape = b.spendMixShape;
        this.spendMixScale = b.spendMixScale;
        this.maxOrdersPerMember = b.maxOrdersPerMember;
        this.campaignsPerMonth = b.campaignsPerMonth;
        this.cancellationRate = b.cancellationRate;
        this.refundRate = b.refundRate;
    }

    /** @return the defaults: 10,000 members, seed 42, 2023-2025 in Asia/Taipei, TWD, 300 products */
    public static GeneratorConfig ofDefaults() {
        return custom().build();
    }

    /** @return a builder that starts from the defaults */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * @param existing a config to copy
     * @return a builder that starts from the given config
     */
    public static Builder from(GeneratorConfig existing) {
        Objects.requireNonNull(existing, "existing");
        Builder b = new Builder();
        b.members = existing.members;
        b.seed = existing.seed;
        b.start = existing.start;
        b.end = existing.end;
        b.brand = existing.brand;
        b.catalogueSize = existing.catalogueSize;
        b.interactions = existing.interactions;
        b.rateShape = existing.rateShape;
        b.rateScale = existing.rateScale;
        b.dropoutA = existing.dropoutA;
        b.dropoutB = existing.dropoutB;
        b.spendShape = existing.spendShape;
        b.spendMixShape = existing.spendMixShape;
        b.spendMixScale = existing.spendMixScale;
        b.maxOrdersPerMember = existing.maxOrdersPerMember;
        b.campaignsPerMonth = existing.campaignsPerMonth;
        b.cancellationRate = existing.cancellationRate;
        b.refundRate = existing.refundRate;
        return b;
    }

    /** @return the number of members */
    public int members() {
        return members;
    }

    /** @return the seed; the same config always gives the same shop */
    public long seed() {
        return seed;
    }

    /** @return the start of the observation period (inclusive) */
    public Instant start() {
        return start;
    }

    /** @return the end of the observation period (exclusive); nothing happens at or after it */
    public Instant end() {
        return end;
    }

    /** @return the brand: its zone shapes the daily pattern, its currency every amount */
    public BrandSettings brand() {
        return brand;
    }

    /** @return the number of products in the catalogue */
    public int catalogueSize() {
        return catalogueSize;
    }

    /** @return true if interactions (messages, opens, clicks, surveys, page views...) are generated */
    public boolean interactions() {
        return interactions;
    }

    /** @return BG/NBD {@code r}: shape of the Gamma distribution of purchase rates */
    public double rateShape() {
        return rateShape;
    }

    /** @return BG/NBD {@code alpha}: rate of the Gamma distribution of purchase rates, in days */
    public double rateScale() {
        return rateScale;
    }

    /** @return BG/NBD {@code a}: first shape of the Beta distribution of drop-out probabilities */
    public double dropoutA() {
        return dropoutA;
    }

    /** @return BG/NBD {@code b}: second shape of the Beta distribution of drop-out probabilities */
    public double dropoutB() {
        return dropoutB;
    }

    /** @return Gamma-Gamma {@code p}: shape of the order values of one member */
    public double spendShape() {
        return spendShape;
    }

    /** @return Gamma-Gamma {@code q}: shape of the Gamma distribution of members' ν */
    public double spendMixShape() {
        return spendMixShape;
    }

    /** @return Gamma-Gamma {@code gamma}: rate of the Gamma distribution of members' ν, in currency units */
    public double spendMixScale() {
        return spendMixScale;
    }

    /** @return the most orders a member can have */
    public int maxOrdersPerMember() {
        return maxOrdersPerMember;
    }

    /** @return the average number of regular marketing campaigns per month (sales events come on top) */
    public double campaignsPerMonth() {
        return campaignsPerMonth;
    }

    /** @return the share of online orders that are cancelled */
    public double cancellationRate() {
        return cancellationRate;
    }

    /** @return the share of delivered orders that get a partial or full refund */
    public double refundRate() {
        return refundRate;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratorConfig c
                && members == c.members
                && seed == c.seed
                && start.equals(c.start)
                && end.equals(c.end)
                && brand.zone().equals(c.brand.zone())
                && brand.currency().equals(c.brand.currency())
                && brand.countryCallingCode().equals(c.brand.countryCallingCode())
                && catalogueSize == c.catalogueSize
                && interactions == c.interactions
                && rateShape == c.rateShape
                && rateScale == c.rateScale
                && dropoutA == c.dropoutA
                && dropoutB == c.dropoutB
                && spendShape == c.spendShape
                && spendMixShape == c.spendMixShape
                && spendMixScale == c.spendMixScale
                && maxOrdersPerMember == c.maxOrdersPerMember
                && campaignsPerMonth == c.campaignsPerMonth
                && cancellationRate == c.cancellationRate
                && refundRate == c.refundRate;
    }

    @Override
    public int hashCode() {
        return Objects.hash(members, seed, start, end, brand.zone(), brand.currency(), catalogueSize, interactions);
    }

    @Override
    public String toString() {
        return "GeneratorConfig[members=" + members + ", seed=" + seed + ", period=" + start + "/" + end + ", zone="
                + brand.zone() + ", currency=" + brand.currency() + ", catalogue=" + catalogueSize + ", interactions="
                + interactions + ", r=" + rateShape + ", alpha=" + rateScale + ", a=" + dropoutA + ", b=" + dropoutB
                + ", p=" + spendShape + ", q=" + spendMixShape + ", gamma=" + spendMixScale + "]";
    }

    /**
     * Builds a {@link GeneratorConfig}; every setting starts at its default, and {@link #build()}
     * checks them all.
     *
     * <pre>{@code
     * GeneratorConfig c = GeneratorConfig.custom().members(1_000_000).seed(1).spend(5, 4, 900).build();
     * }</pre>
     */
    public static final class Builder {
        private int members = 10_000;
        private long seed = 42;
        private Instant start = DEFAULT_START;
        private Instant end = DEFAULT_END;
        private BrandSettings brand = BrandSettings.ofDefaults();
        private int catalogueSize = 300;
        private boolean interactions = true;
        private double rateShape = 0.3;
        private double rateScale = 5;
        private double dropoutA = 0.6;
        private double dropoutB = 3;
        private double spendShape = 5;
        private double spendMixShape = 4;
        private double spendMixScale = 700;
        private int maxOrdersPerMember = 400;
        private double campaignsPerMonth = 2;
        private double cancellationRate = 0.02;
        private double refundRate = 0.04;

        private Builder() {}

        /**
         * @param members how many members, 0 to {@value GeneratorConfig#MAX_MEMBERS}; default 10,000
         * @return this builder
         */
        public Builder members(int members) {
            this.members = members;
            return this;
        }

        /**
         * @param seed the seed; default 42
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param start the start of the observation period (inclusive)
         * @param end the end (exclusive), at least one day and at most 20 years after the start
         * @return this builder
         */
        public Builder period(Instant start, Instant end) {
            this.start = start;
            this.end = end;
            return this;
        }

        /**
         * @param brand the brand's zone, currency and calling code; default Taiwan
         * @return this builder
         */
        public Builder brand(BrandSettings brand) {
            this.brand = brand;
            return this;
        }

        /**
         * @param size number of products, from 27 (one per sub-category) to 100,000; default 300
         * @return this builder
         */
        public Builder catalogueSize(int size) {
            this.catalogueSize = size;
            return this;
        }

        /**
         * @param on true to generate interactions (default), false for members and orders only
         * @return this builder
         */
        public Builder interactions(boolean on) {
            this.interactions = on;
            return this;
        }

        /**
         * The distribution of purchase rates: λ ~ Gamma(shape r, rate alpha), λ per day.
         *
         * @param r the shape, positive; default 0.3
         * @param alpha the rate in days, positive; default 5 (mean λ = r / alpha)
         * @return this builder
         */
        public Builder purchaseRate(double r, double alpha) {
            this.rateShape = r;
            this.rateScale = alpha;
            return this;
        }

        /**
         * The distribution of drop-out probabilities: p ~ Beta(a, b).
         *
         * @param a positive; default 0.6
         * @param b positive; default 3 (mean p = a / (a + b))
         * @return this builder
         */
        public Builder dropout(double a, double b) {
            this.dropoutA = a;
            this.dropoutB = b;
            return this;
        }

        /**
         * The Gamma-Gamma spend model.
         *
         * @param p shape of one member's order values, positive; default 5
         * @param q shape of the distribution of ν, above 1; default 4
         * @param gamma rate of the distribution of ν, in currency units, positive; default 700
         * @return this builder
         */
        public Builder spend(double p, double q, double gamma) {
            this.spendShape = p;
            this.spendMixShape = q;
            this.spendMixScale = gamma;
            return this;
        }

        /**
         * @param max the most orders one member can have, 1 to {@value GeneratorConfig#MAX_ORDERS_PER_MEMBER};
         *     default 400
         * @return this builder
         */
        public Builder maxOrdersPerMember(int max) {
            this.maxOrdersPerMember = max;
            return this;
        }

        /**
         * @param perMonth average regular campaigns per month, 0 to 30; default 2
         * @return this builder
         */
        public Builder campaignsPerMonth(double perMonth) {
            this.campaignsPerMonth = perMonth;
            return this;
        }

        /**
         * @param rate share of online orders cancelled, 0 to 0.5; default 0.02
         * @return this builder
         */
        public Builder cancellationRate(double rate) {
            this.cancellationRate = rate;
            return this;
        }

        /**
         * @param rate share of delivered orders refunded in part or in full, 0 to 0.5; default 0.04
         * @return this builder
         */
        public Builder refundRate(double rate) {
            this.refundRate = rate;
            return this;
        }

        /**
         * @return the config
         * @throws InvalidValueException naming the first setting that is out of range and what is allowed
         */
        public GeneratorConfig build() {
            require(
                    members >= 0 && members <= MAX_MEMBERS,
                    "members",
                    "must be between 0 and " + MAX_MEMBERS + ", was " + members);
            require(start != null, "start", "is required");
            require(end != null, "end", "is required");
            require(brand != null, "brand", "is required");
            require(start.isBefore(end), "period", "start " + start + " must be before end " + end);
            Duration length = Duration.between(start, end);
            require(
                    length.compareTo(Duration.ofDays(1)) >= 0 && length.compareTo(MAX_PERIOD) <= 0,
                    "period",
                    "must be between 1 day and 20 years long, was " + length.toDays() + " days (" + start + " to " + end
                            + ")");
            int minProducts = Catalogue.minimumSize();
            require(
                    catalogueSize >= minProducts && catalogueSize <= 100_000,
                    "catalogueSize",
                    "must be between " + minProducts + " (one product per sub-category) and 100000, was "
                            + catalogueSize);
            positive(rateShape, "purchaseRate.r");
            positive(rateScale, "purchaseRate.alpha");
            positive(dropoutA, "dropout.a");
            positive(dropoutB, "dropout.b");
            positive(spendShape, "spend.p");
            require(
                    Double.isFinite(spendMixShape) && spendMixShape > 1,
                    "spend.q",
                    "must be a number above 1 (the mean order value is p*gamma/(q-1)), was " + spendMixShape);
            positive(spendMixScale, "spend.gamma");
            require(
                    maxOrdersPerMember >= 1 && maxOrdersPerMember <= MAX_ORDERS_PER_MEMBER,
                    "maxOrdersPerMember",
                    "must be between 1 and " + MAX_ORDERS_PER_MEMBER + ", was " + maxOrdersPerMember);
            require(
                    campaignsPerMonth >= 0 && campaignsPerMonth <= 30,
                    "campaignsPerMonth",
                    "must be between 0 and 30, was " + campaignsPerMonth);
            require(
                    cancellationRate >= 0 && cancellationRate <= 0.5,
                    "cancellationRate",
                    "must be between 0 and 0.5, was " + cancellationRate);
            require(refundRate >= 0 && refundRate <= 0.5, "refundRate", "must be between 0 and 0.5, was " + refundRate);
            return new GeneratorConfig(this);
        }

        private static void positive(double v, String field) {
            require(Double.isFinite(v) && v > 0, field, "must be a positive number, was " + v);
        }

        private static void require(boolean ok, String field, String message) {
            if (!ok) {
                throw new InvalidValueException(field, message);
            }
        }
    }
}
