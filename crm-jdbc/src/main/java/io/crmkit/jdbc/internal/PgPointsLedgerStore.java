package io.crmkit.jdbc.internal;

import io.crmkit.core.MemberId;
import io.crmkit.core.OrderId;
import io.crmkit.loyalty.LedgerEntry;
import io.crmkit.loyalty.NegativeBalancePolicy;
import io.crmkit.loyalty.spi.PointsLedgerStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The points ledger on PostgreSQL (table {@code loyalty_ledger}): primary key (member, sequence) and
 * a unique reference. {@link #append} is one {@code INSERT ... SELECT ... WHERE} the member's entry
 * {@code seq - 1} exists (or {@code seq = 0}) {@code ON CONFLICT DO NOTHING}; when it stored nothing, a
 * look at the (then committed) conflicting row tells a stale sequence from a used reference.
 */
public final class PgPointsLedgerStore extends PgLoyaltyStore implements PointsLedgerStore {
    private static final String COLUMNS = "member_id, seq, kind, points, at, at_nanos, reference, reason, order_id,"
            + " available_at, available_nanos, expires_at, expires_nanos, policy";

    private final String table;

    /**
     * @param dataSource the host's data source
     * @param schema the migrated schema
     */
    public PgPointsLedgerStore(DataSource dataSource, String schema) {
        super(dataSource, schema);
        this.table = t("loyalty_ledger");
    }

    @Override
    public List<LedgerEntry> entries(MemberId member) {
        Pg.required(member, "member");
        return query(
                "pointsLedger.entries",
                "SELECT " + COLUMNS + " FROM " + table + " WHERE member_id = ? ORDER BY seq",
                ps -> ps.setString(1, member.value()),
                PgPointsLedgerStore::entry);
    }

    @Override
    public Optional<LedgerEntry> findByReference(String reference) {
        Pg.required(reference, "reference");
        return query(
                        "pointsLedger.findByReference",
                        "SELECT " + COLUMNS + " FROM " + table + " WHERE reference = ?",
                        ps -> ps.setString(1, reference),
                        PgPointsLedgerStore::entry)
                .stream()
                .findFirst();
    }

    @Override
    public AppendResult append(LedgerEntry entry) {
        Pg.required(entry, "entry");
        Pg.storable(entry.at(), "ledgerEntry.at");
        Pg.storable(entry.availableAt(), "ledgerEntry.availableAt");
        entry.expiresAt().ifPresent(t -> Pg.storable(t, "ledgerEntry.expiresAt"));
        return autoCommit("pointsLedger.append(" + entry.reference() + ")", c -> {
            return appendSequenced(
                    c, table, COLUMNS, 14, entry.member().value(), entry.sequence(), ps -> bind(ps, 4, entry));
        });
    }

    @Override
    public Stream<MemberId> members() {
        return query(
                "pointsLedger.members",
                "SELECT DISTINCT member_id FROM " + table + " ORDER BY member_id",
                ps -> {},
                rs -> MemberId.of(rs.getString(1)))
                .stream();
    }

    /** Binds the {@link #COLUMNS} from parameter {@code i}. */
    private static void bind(PreparedStatement ps, int i, LedgerEntry e) throws SQLException {
        ps.setString(i, e.member().value());
        ps.setLong(i + 1, e.sequence());
        ps.setString(i + 2, e.kind().name());
        ps.setLong(i + 3, e.points());
        Pg.setInstant(ps, i + 4, e.at());
        ps.setString(i + 6, e.reference());
        ps.setString(i + 7, e.reason());
        Pg.setStringOrNull(ps, i + 8, e.order().map(OrderId::value).orElse(null));
        Pg.setInstant(ps, i + 9, e.availableAt());
        Pg.setInstantOrNull(ps, i + 11, e.expiresAt().orElse(null));
        Pg.setStringOrNull(ps, i + 13, e.policy().map(Enum::name).orElse(null));
    }

    private static LedgerEntry entry(ResultSet rs) throws SQLException {
        String order = rs.getString(9);
        String policy = rs.getString(14);
        return new LedgerEntry(
                MemberId.of(rs.getString(1)),
                rs.getLong(2),
                LedgerEntry.Kind.valueOf(rs.getString(3)),
                rs.getLong(4),
                Pg.getInstant(rs, 5),
                rs.getString(7),
                rs.getString(8),
                order == null ? Optional.empty() : Optional.of(OrderId.of(order)),
                Pg.getInstant(rs, 10),
                Optional.ofNullable(Pg.getInstantOrNull(rs, 12)),
                policy == null ? Optional.empty() : Optional.of(NegativeBalancePolicy.valueOf(policy)));
    }
}
