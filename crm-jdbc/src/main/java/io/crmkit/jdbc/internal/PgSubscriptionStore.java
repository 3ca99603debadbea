package io.crmkit.jdbc.internal;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.ProductId;
import io.crmkit.loyalty.Subscription;
import io.crmkit.loyalty.SubscriptionPlan;
import io.crmkit.loyalty.spi.SubscriptionStore;
import io.crmkit.loyalty.spi.VoucherStore.ApplyResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.Period;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Product subscriptions on PostgreSQL (tables {@code loyalty_subscription} and {@code
 * loyalty_subscription_change}). {@link #apply} works as the voucher store's: in one transaction an
 * {@code UPDATE ... WHERE version = v - 1} (an {@code INSERT ... ON CONFLICT DO NOTHING} for version 1)
 * and the insert of the change under its unique key, rolled back if either stored nothing. Dates are
 * kept in the years 1 to 9999.
 */
public final class PgSubscriptionStore extends PgLoyaltyStore implements SubscriptionStore {
    private static final String STATE = "member_id, product_id, plan_name, quantity, price_minor, currency, every,"
            + " remind_days, first_delivery, ends_on, version";
    private static final String COLUMNS = "subscription_id, " + STATE;

    private final String subscriptions;
    private final String changes;

    /**
     * @param dataSource the host's data source
     * @param schema the migrated schema
     */
    public PgSubscriptionStore(DataSource dataSource, String schema) {
        super(dataSource, schema);
        this.subscriptions = t("loyalty_subscription");
        this.changes = t("loyalty_subscription_change");
    }

    @Override
    public Optional<Subscription> find(String id) {
        Pg.required(id, "id");
        return query(
                        "subscriptions.find",
                        "SELECT " + COLUMNS + " FROM " + subscriptions + " WHERE subscription_id = ?",
                        ps -> ps.setString(1, id),
                        PgSubscriptionStore::subscription)
                .stream()
                .findFirst();
    }

    @Override
    public List<Subscription> of(MemberId member) {
        Pg.required(member, "member");
        return query(
                "subscriptions.of",
                "SELECT " + COLUMNS + " FROM " + subscriptions + " WHERE member_id = ? ORDER BY subscription_id",
                ps -> ps.setString(1, member.value()),
                PgSubscriptionStore::subscription);
    }

    @Override
    public Stream<Subscription> all() {
        return query(
                "subscriptions.all",
                "SELECT " + COLUMNS + " FROM " + subscriptions + " ORDER BY subscription_id",
                ps -> {},
                PgSubscriptionStore::subscription)
                .stream();
    }

    @Override
    public Optional<Subscription> findByKey(String key) {
        Pg.required(key, "key");
        return query(
                        "subscriptions.findByKey",
                        "SELECT " + COLUMNS + " FROM " + changes + " WHERE change_key = ?",
                        ps -> ps.setString(1, key),
                        PgSubscriptionStore::subscription)
                .stream()
                .findFirst();
    }

    @Override
    public ApplyResult apply(String key, Subscription after) {
        Pg.required(key, "key");
        Pg.required(after, "after");
        storable(after.firstDelivery(), "subscription[" + after.id() + "].firstDelivery");
        after.endsOn().ifPresent(d -> storable(d, "subscription[" + after.id() + "].endsOn"));
        return transaction("subscriptions.apply(" + key + ")", Connection.TRANSACTION_READ_COMMITTED, c -> {
            if (usedKey(c, key)) {
                return ApplyResult.DUPLICATE_KEY;
            }
            int n;
            if (after.version() == 1) {
                n = update(
                        c,
                        "INSERT INTO " + subscriptions + " (" + COLUMNS + ")"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        ps -> bind(ps, 1, after));
            } else {
                n = update(
                        c,
                        "UPDATE " + subscriptions + " SET (" + COLUMNS + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " WHERE subscription_id = ? AND version = ?",
                        ps -> {
                            bind(ps, 1, after);
                            ps.setString(13, after.id());
                            ps.setLong(14, after.version() - 1);
                        });
            }
            if (n == 0) {
                c.rollback();
                return usedKey(c, key) ? ApplyResult.DUPLICATE_KEY : ApplyResult.STALE_VERSION;
            }
            int e = update(
                    c,
                    "INSERT INTO " + changes + " (change_key, " + COLUMNS + ")"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    ps -> {
                        ps.setString(1, key);
                        bind(ps, 2, after);
                    });
            if (e == 0) {
                c.rollback();
                return ApplyResult.DUPLICATE_KEY;
            }
            return ApplyResult.APPLIED;
        });
    }

    private boolean usedKey(Connection c, String key) throws SQLException {
        return exists(c, "SELECT 1 FROM " + changes + " WHERE change_key = ?", ps -> ps.setString(1, key));
    }

    private static void storable(LocalDate d, String field) {
        if (d.getYear() < 1 || d.getYear() > 9999) {
            throw new InvalidValueException(
                    field, d + " is outside the years 1 to 9999 that the PostgreSQL store holds");
        }
    }

    /** Binds the {@link #COLUMNS} from parameter {@code i}. */
    private static void bind(PreparedStatement ps, int i, Subscription s) throws SQLException {
        SubscriptionPlan p = s.plan();
        ps.setString(i, s.id());
        ps.setString(i + 1, s.member().value());
        ps.setString(i + 2, p.product().value());
        ps.setString(i + 3, p.name());
        ps.setInt(i + 4, p.quantity());
        ps.setLong(i + 5, p.price().minorUnits());
        ps.setString(i + 6, p.price().currency().getCurrencyCode());
        ps.setString(i + 7, p.every().toString());
        ps.setInt(i + 8, p.remindDaysBefore());
        ps.setObject(i + 9, s.firstDelivery());
        if (s.endsOn().isPresent()) {
            ps.setObject(i + 10, s.endsOn().get());
        } else {
            ps.setNull(i + 10, Types.DATE);
        }
        ps.setLong(i + 11, s.version());
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        SubscriptionPlan plan = new SubscriptionPlan(
                ProductId.of(rs.getString(3)),
                rs.getString(4),
                rs.getInt(5),
                Money.ofMinor(rs.getLong(6), Currency.getInstance(rs.getString(7))),
                Period.parse(rs.getString(8)),
                rs.getInt(9));
        LocalDate ends = rs.getObject(11, LocalDate.class);
        return new Subscription(
                rs.getString(1),
                MemberId.of(rs.getString(2)),
                plan,
                rs.getObject(10, LocalDate.class),
                Optional.ofNullable(ends),
                rs.getLong(12));
    }
}
