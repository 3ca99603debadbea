package io.crmkit.jdbc;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.spi.InteractionStore;
import io.crmkit.core.spi.MemberStore;
import io.crmkit.core.spi.OrderStore;
import io.crmkit.core.spi.ProductStore;
import io.crmkit.core.spi.StoreException;
import io.crmkit.jdbc.internal.PgCouponStore;
import io.crmkit.jdbc.internal.PgInteractionStore;
import io.crmkit.jdbc.internal.PgMemberStore;
import io.crmkit.jdbc.internal.PgMembershipStore;
import io.crmkit.jdbc.internal.PgOrderStore;
import io.crmkit.jdbc.internal.PgPointsLedgerStore;
import io.crmkit.jdbc.internal.PgProductStore;
import io.crmkit.jdbc.internal.PgReferralStore;
import io.crmkit.jdbc.internal.PgSubscriptionStore;
import io.crmkit.jdbc.internal.PgVoucherStore;
import io.crmkit.loyalty.spi.CouponStore;
import io.crmkit.loyalty.spi.MembershipStore;
import io.crmkit.loyalty.spi.PointsLedgerStore;
import io.crmkit.loyalty.spi.ReferralStore;
import io.crmkit.loyalty.spi.SubscriptionStore;
import io.crmkit.loyalty.spi.VoucherStore;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The crm-core stores (and crm-loyalty's, see {@link #pointsLedger()}) on PostgreSQL, through a {@link DataSource} the host supplies (pooled, e.g.
 * HikariCP). The tables live in one schema, created and upgraded by Flyway migrations when the stores
 * are built (unless {@link Builder#migrate(boolean) migrate(false)}, for hosts that run migrations in
 * their own deployment step).
 *
 * <pre>{@code
 * PostgresStores pg = PostgresStores.builder(dataSource).schema("crmkit").build();
 * Crm crm = pg.crm(BrandSettings.ofDefaults());
 * crm.members().save(Member.builder(MemberId.of("M1"), now).build());
 * try (BulkLoad load = pg.bulkLoad()) { load.orders(orders.iterator()); load.commit(); } // COPY
 * JourneyEngine engine = JourneyEngine.builder(crm).store(pg.journeys()).owner("node-1").build();
 * PointsLedger ledger = PointsLedger.builder(brand).store(pg.pointsLedger()).build();
 * }</pre>
 *
 * <p>Writes tell the store's listeners after their commit, on the writing thread, as the in-memory
 * stores do; listeners hear the writes made through this object (this JVM), not those of other
 * processes on the same database.
 */
public final class PostgresStores {
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String schema;
    private final PgMemberStore members;
    private final PgOrderStore orders;
    private final PgProductStore products;
    private final PgInteractionStore interactions;
    private final PostgresJourneyStateStore journeys;
    private final PgPointsLedgerStore pointsLedger;
    private final PgCouponStore coupons;
    private final PgVoucherStore vouchers;
    private final PgMembershipStore memberships;
    private final PgSubscriptionStore subscriptions;
    private final PgReferralStore referrals;

    private PostgresStores(Builder b) {
        this.dataSource = b.dataSource;
        this.schema = b.schema;
        this.members = new PgMemberStore(dataSource, schema);
        this.orders = new PgOrderStore(dataSource, schema);
        this.products = new PgProductStore(dataSource, schema);
        this.interactions = new PgInteractionStore(dataSource, schema);
        this.journeys = new PostgresJourneyStateStore(dataSource, schema);
        this.pointsLedger = new PgPointsLedgerStore(dataSource, schema);
        this.coupons = new PgCouponStore(dataSource, schema);
        this.vouchers = new PgVoucherStore(dataSource, schema);
        this.memberships = new PgMembershipStore(dataSource, schema);
        this.subscriptions = new PgSubscriptionStore(dataSource, schema);
        this.referrals = new PgReferralStore(dataSource, schema);
    }

    /**
     * @param dataSource where the connections come from
     * @return a builder
     * @throws InvalidValueException if the data source is null
     */
    public static Builder builder(DataSource dataSource) {
        if (dataSource == null) {
            throw new InvalidValueException("dataSource", "is required");
        }
        return new Builder(dataSource);
    }

    /** @return the member store */
    public MemberStore members() {
        return members;
    }

    /** @return the order store */
    public OrderStore orders() {
        return orders;
    }

    /** @return the product store */
    public ProductStore products() {
        return products;
    }

    /** @return the interaction store */
    public InteractionStore interactions() {
        return interactions;
    }

    /**
     * @return crm-automation's journey state store in this schema, for {@code
     *     JourneyEngine.builder(crm).store(...)}; engines sharing it need distinct owner names
     */
    public PostgresJourneyStateStore journeys() {
        return journeys;
    }

    /**
     * crm-loyalty's points ledger store in this schema (table {@code loyalty_ledger}), for {@code
     * PointsLedger.builder(brand).store(pg.pointsLedger())}. Ledgers in several JVMs sharing the schema
     * see each other's entries; an append is one {@code INSERT} that the primary key (member, sequence)
     * and the unique reference make atomic, so an order reference never earns twice.
     *
     * <pre>{@code
     * PointsLedger ledger = PointsLedger.builder(brand).rules(rules).store(pg.pointsLedger()).build();
     * }</pre>
     *
     * @return the points ledger store
     */
    public PointsLedgerStore pointsLedger() {
        return pointsLedger;
    }

    /**
     * crm-loyalty's coupon store in this schema (tables {@code loyalty_coupon_campaign} and {@code
     * loyalty_coupon}), for {@code CouponService.builder(brand).store(pg.coupons())}. An issue locks its
     * campaign's row, so the per-member limit and the budget hold across JVMs; a redemption is a
     * conditional {@code UPDATE} that only the first wins.
     *
     * @return the coupon store
     */
    public CouponStore coupons() {
        return coupons;
    }

    /**
     * crm-loyalty's prepaid voucher store in this schema (tables {@code loyalty_voucher} and {@code
     * loyalty_voucher_event}), for {@code VoucherService.builder(brand).store(pg.vouchers())}. A change
     * is a compare-and-set of the voucher's version plus the insert of its event, in one transaction.
     *
     * @return the voucher store
     */
    public VoucherStore vouchers() {
        return vouchers;
    }

    /**
     * crm-loyalty's paid membership store in this schema (table {@code loyalty_membership_term}), for
     * {@code MembershipService.builder(brand).store(pg.memberships())}; appends work as the ledger's.
     *
     * @return the membership store
     */
    public MembershipStore memberships() {
        return memberships;
    }

    /**
     * crm-loyalty's product subscription store in this schema (tables {@code loyalty_subscription} and
     * {@code loyalty_subscription_change}), for {@code SubscriptionService.builder(brand).store(pg.subscriptions())}.
     * A change is a compare-and-set of the version plus the insert of its key, in one transaction.
     *
     * @return the subscription store
     */
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    /**
     * crm-loyalty's referral store in this schema (tables {@code loyalty_referral_code} and {@code
     * loyalty_referral}), for {@code ReferralService.builder(brand).store(pg.referrals())}. An attribution
     * checks for a loop with a recursive query in a serializable transaction (run again when the server
     * aborts it), so two members racing to refer each other never both succeed.
     *
     * @return the referral store
     */
    public ReferralStore referrals() {
        return referrals;
    }

    /**
     * @param settings the brand's settings
     * @return a {@link Crm} over these stores
     */
    public Crm crm(BrandSettings settings) {
        return Crm.builder(settings)
                .members(members)
                .orders(orders)
                .products(products)
                .interactions(interactions)
                .build();
    }

    /** @return the schema of the tables */
    public String schema() {
        return schema;
    }

    /** @return the host's data source */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Opens a bulk load: {@code COPY} into the tables in one transaction that {@link BulkLoad#commit()}
     * ends; closing without commit leaves the tables as they were. Listeners do not hear bulk loads.
     *
     * @return the open load
     * @throws StoreException if no connection could be had
     */
    public BulkLoad bulkLoad() {
        return new BulkLoad(dataSource, schema);
    }

    /**
     * Deletes every row of every crmkit table in the schema (keeping the schema): for tests and demos.
     *
     * @throws StoreException if the database refused
     */
    public void truncateAll() {
        try (var c = dataSource.getConnection();
                var st = c.createStatement()) {
            st.execute("TRUNCATE "
                    + String.join(
                            ", ",
                            schema + ".member_external_id",
                            schema + ".member_tag",
                            schema + ".member_consent",
                            schema + ".member_attribute",
                            schema + ".member",
                            schema + ".order_line",
                            schema + ".order_refund",
                            schema + ".orders",
                            schema + ".product",
                            schema + ".interaction",
                            schema + ".journey_instance",
                            schema + ".journey_effect",
                            schema + ".journey_cursor",
                            schema + ".loyalty_ledger",
                            schema + ".loyalty_coupon_campaign",
                            schema + ".loyalty_coupon",
                            schema + ".loyalty_voucher",
                            schema + ".loyalty_voucher_event",
                            schema + ".loyalty_membership_term",
                            schema + ".loyalty_subscription",
                            schema + ".loyalty_subscription_change",
                            schema + ".loyalty_referral_code",
                            schema + ".loyalty_referral"));
        } catch (java.sql.SQLException e) {
            throw new StoreException("truncateAll failed: " + e.getMessage(), e);
        }
    }

    /** Builds {@link PostgresStores}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String schema = "crmkit";
        private boolean migrate = true;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * @param name the schema of the tables: a lower-case SQL identifier (letters, digits, _), at most
         *     63 characters; default {@code crmkit}
         * @return this builder
         * @throws InvalidValueException if the name is not such an identifier
         */
        public Builder schema(String name) {
            if (name == null || !SCHEMA.matcher(name).matches()) {
                throw new InvalidValueException(
                        "schema",
                        (name == null ? "null" : "\"" + name + "\"")
                                + " is not a lower-case SQL identifier (a-z or _, then up to 62 of a-z, 0-9, _)");
            }
            this.schema = name;
            return this;
        }

        /**
         * @param run true (the default) to run the Flyway migrations at {@link #build()}
         * @return this builder
         */
        public Builder migrate(boolean run) {
            this.migrate = run;
            return this;
        }

        /**
         * @return the stores
         * @throws StoreException if the migrations failed
         */
        public PostgresStores build() {
            if (migrate) {
                try {
                    Flyway.configure(PostgresStores.class.getClassLoader())
                            .dataSource(dataSource)
                            .schemas(schema)
                            .defaultSchema(schema)
                            .locations("classpath:io/crmkit/jdbc/migration")
                            .load()
                            .migrate();
                } catch (FlywayException e) {
                    throw new StoreException("the migrations of schema " + schema + " failed: " + e.getMessage(), e);
                }
            }
            return new PostgresStores(this);
        }
    }
}
