package io.crmkit.jdbc.internal;

import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.StoreId;
import io.crmkit.loyalty.Voucher;
import io.crmkit.loyalty.VoucherEvent;
import io.crmkit.loyalty.VoucherId;
import io.crmkit.loyalty.spi.VoucherStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Prepaid vouchers on PostgreSQL (tables {@code loyalty_voucher} and {@code loyalty_voucher_event}).
 * {@link #apply} runs in one transaction: the new state is an {@code UPDATE ... WHERE version = v - 1}
 * (for version 1 an {@code INSERT ... ON CONFLICT DO NOTHING}), then the event an {@code INSERT ... ON
 * CONFLICT DO NOTHING} on its key; if either stored nothing the transaction is rolled back, and a used
 * key is reported before a stale version, as the in-memory store does.
 */
public final class PgVoucherStore extends PgLoyaltyStore implements VoucherStore {
    static final String VOUCHER_COLUMNS = "voucher_id, product, buyer_id, holder_id, units, remaining, paid_minor,"
            + " currency, purchased_at, purchased_nanos, expires_at, expires_nanos, version";
    private static final String EVENT_COLUMNS =
            "event_key, type, actor_id, to_id, store_id, at, at_nanos, " + VOUCHER_COLUMNS;

    private final String vouchers;
    private final String events;

    /**
     * @param dataSource the host's data source
     * @param schema the migrated schema
     */
    public PgVoucherStore(DataSource dataSource, String schema) {
        super(dataSource, schema);
        this.vouchers = t("loyalty_voucher");
        this.events = t("loyalty_voucher_event");
    }

    @Override
    public Optional<Voucher> find(VoucherId id) {
        Pg.required(id, "id");
        return query(
                        "vouchers.find",
                        "SELECT " + VOUCHER_COLUMNS + " FROM " + vouchers + " WHERE voucher_id = ?",
                        ps -> ps.setString(1, id.value()),
                        rs -> voucher(rs, 1))
                .stream()
                .findFirst();
    }

    @Override
    public List<Voucher> heldBy(MemberId member) {
        Pg.required(member, "member");
        return query(
                "vouchers.heldBy",
                "SELECT " + VOUCHER_COLUMNS + " FROM " + vouchers + " WHERE holder_id = ? ORDER BY voucher_id",
                ps -> ps.setString(1, member.value()),
                rs -> voucher(rs, 1));
    }

    @Override
    public Optional<VoucherEvent> findEvent(String key) {
        Pg.required(key, "key");
        return query(
                        "vouchers.findEvent",
                        "SELECT " + EVENT_COLUMNS + " FROM " + events + " WHERE event_key = ?",
                        ps -> ps.setString(1, key),
                        PgVoucherStore::event)
                .stream()
                .findFirst();
    }

    @Override
    public List<VoucherEvent> events(VoucherId id) {
        Pg.required(id, "id");
        return query(
                "vouchers.events",
                "SELECT " + EVENT_COLUMNS + " FROM " + events + " WHERE voucher_id = ? ORDER BY version",
                ps -> ps.setString(1, id.value()),
                PgVoucherStore::event);
    }

    @Override
    public ApplyResult apply(VoucherEvent event) {
        Pg.required(event, "event");
        Voucher after = event.after();
        String at = "voucherEvent[" + event.key() + "]";
        Pg.storable(event.at(), at + ".at");
        Pg.storable(after.purchasedAt(), at + ".after.purchasedAt");
        Pg.storable(after.expiresAt(), at + ".after.expiresAt");
        return transaction("vouchers.apply(" + event.key() + ")", Connection.TRANSACTION_READ_COMMITTED, c -> {
            if (usedKey(c, event.key())) {
                return ApplyResult.DUPLICATE_KEY;
            }
            int n;
            if (after.version() == 1) {
                n = update(
                        c,
                        "INSERT INTO " + vouchers + " (" + VOUCHER_COLUMNS + ")"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        ps -> bindVoucher(ps, 1, after));
            } else {
                n = update(
                        c,
                        "UPDATE " + vouchers + " SET (" + VOUCHER_COLUMNS + ") ="
                                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE voucher_id = ? AND version = ?",
                        ps -> {
                            bindVoucher(ps, 1, after);
                            ps.setString(14, after.id().value());
                            ps.setLong(15, after.version() - 1);
                        });
            }
            if (n == 0) {
                c.rollback();
                // a concurrent change with the same key may have won the version: the key is reported first
                return usedKey(c, event.key()) ? ApplyResult.DUPLICATE_KEY : ApplyResult.STALE_VERSION;
            }
            int e = update(
                    c,
                    "INSERT INTO " + events + " (" + EVENT_COLUMNS + ")"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    ps -> {
                        ps.setString(1, event.key());
                        ps.setString(2, event.type().name());
                        ps.setString(3, event.actor().value());
                        Pg.setStringOrNull(
                                ps, 4, event.to().map(MemberId::value).orElse(null));
                        Pg.setStringOrNull(
                                ps, 5, event.store().map(StoreId::value).orElse(null));
                        Pg.setInstant(ps, 6, event.at());
                        bindVoucher(ps, 8, after);
                    });
            if (e == 0) {
                c.rollback();
                return ApplyResult.DUPLICATE_KEY;
            }
            return ApplyResult.APPLIED;
        });
    }

    private boolean usedKey(Connection c, String key) throws SQLException {
        return exists(c, "SELECT 1 FROM " + events + " WHERE event_key = ?", ps -> ps.setString(1, key));
    }

    /** Binds the {@link #VOUCHER_COLUMNS} from parameter {@code i}. */
    private static void bindVoucher(PreparedStatement ps, int i, Voucher v) throws SQLException {
        ps.setString(i, v.id().value());
        ps.setString(i + 1, v.product());
        ps.setString(i + 2, v.buyer().value());
        ps.setString(i + 3, v.holder().value());
        ps.setInt(i + 4, v.units());
        ps.setInt(i + 5, v.remaining());
        ps.setLong(i + 6, v.paid().minorUnits());
        ps.setString(i + 7, v.paid().currency().getCurrencyCode());
        Pg.setInstant(ps, i + 8, v.purchasedAt());
        Pg.setInstant(ps, i + 10, v.expiresAt());
        ps.setLong(i + 12, v.version());
    }

    private static Voucher voucher(ResultSet rs, int i) throws SQLException {
        return new Voucher(
                VoucherId.of(rs.getString(i)),
                rs.getString(i + 1),
                MemberId.of(rs.getString(i + 2)),
                MemberId.of(rs.getString(i + 3)),
                rs.getInt(i + 4),
                rs.getInt(i + 5),
                Money.ofMinor(rs.getLong(i + 6), Currency.getInstance(rs.getString(i + 7))),
                Pg.getInstant(rs, i + 8),
                Pg.getInstant(rs, i + 10),
                rs.getLong(i + 12));
    }

    private static VoucherEvent event(ResultSet rs) throws SQLException {
        String to = rs.getString(4);
        String store = rs.getString(5);
        return new VoucherEvent(
                rs.getString(1),
                VoucherEvent.Type.valueOf(rs.getString(2)),
                MemberId.of(rs.getString(3)),
                to == null ? Optional.empty() : Optional.of(MemberId.of(to)),
                store == null ? Optional.empty() : Optional.of(StoreId.of(store)),
                Pg.getInstant(rs, 6),
                voucher(rs, 8));
    }
}
