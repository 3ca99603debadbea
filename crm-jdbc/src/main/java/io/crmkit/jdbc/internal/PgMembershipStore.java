package io.crmkit.jdbc.internal;

import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.loyalty.MembershipTerm;
import io.crmkit.loyalty.spi.MembershipStore;
import io.crmkit.loyalty.spi.PointsLedgerStore.AppendResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Paid membership terms on PostgreSQL (table {@code loyalty_membership_term}): primary key (member,
 * sequence) and a unique key; {@link #append} works as the ledger's (one conditional {@code INSERT ...
 * ON CONFLICT DO NOTHING}, then a look to tell a stale sequence from a used key).
 */
public final class PgMembershipStore extends PgLoyaltyStore implements MembershipStore {
    private static final String COLUMNS = "member_id, seq, plan_id, starts_at, starts_nanos, ends_at, ends_nanos,"
            + " paid_minor, currency, paid_at, paid_nanos, renewal, term_key";

    private final String table;

    /**
     * @param dataSource the host's data source
     * @param schema the migrated schema
     */
    public PgMembershipStore(DataSource dataSource, String schema) {
        super(dataSource, schema);
        this.table = t("loyalty_membership_term");
    }

    @Override
    public List<MembershipTerm> terms(MemberId member) {
        Pg.required(member, "member");
        return query(
                "memberships.terms",
                "SELECT " + COLUMNS + " FROM " + table + " WHERE member_id = ? ORDER BY seq",
                ps -> ps.setString(1, member.value()),
                PgMembershipStore::term);
    }

    @Override
    public Optional<MembershipTerm> findByKey(String key) {
        Pg.required(key, "key");
        return query(
                        "memberships.findByKey",
                        "SELECT " + COLUMNS + " FROM " + table + " WHERE term_key = ?",
                        ps -> ps.setString(1, key),
                        PgMembershipStore::term)
                .stream()
                .findFirst();
    }

    @Override
    public AppendResult append(MembershipTerm term) {
        Pg.required(term, "term");
        Pg.storable(term.start(), "membershipTerm.start");
        Pg.storable(term.end(), "membershipTerm.end");
        Pg.storable(term.paidAt(), "membershipTerm.paidAt");
        return autoCommit("memberships.append(" + term.key() + ")", c -> {
            return appendSequenced(
                    c, table, COLUMNS, 13, term.member().value(), term.sequence(), ps -> bind(ps, 4, term));
        });
    }

    @Override
    public Stream<MemberId> members() {
        return query(
                "memberships.members",
                "SELECT DISTINCT member_id FROM " + table + " ORDER BY member_id",
                ps -> {},
                rs -> MemberId.of(rs.getString(1)))
                .stream();
    }

    private static void bind(PreparedStatement ps, int i, MembershipTerm t) throws SQLException {
        ps.setString(i, t.member().value());
        ps.setLong(i + 1, t.sequence());
        ps.setString(i + 2, t.planId());
        Pg.setInstant(ps, i + 3, t.start());
        Pg.setInstant(ps, i + 5, t.end());
        ps.setLong(i + 7, t.paid().minorUnits());
        ps.setString(i + 8, t.paid().currency().getCurrencyCode());
        Pg.setInstant(ps, i + 9, t.paidAt());
        ps.setBoolean(i + 11, t.renewal());
        ps.setString(i + 12, t.key());
    }

    private static MembershipTerm term(ResultSet rs) throws SQLException {
        return new MembershipTerm(
                MemberId.of(rs.getString(1)),
                rs.getLong(2),
                rs.getString(3),
                Pg.getInstant(rs, 4),
                Pg.getInstant(rs, 6),
                Money.ofMinor(rs.getLong(8), Currency.getInstance(rs.getString(9))),
                Pg.getInstant(rs, 10),
                rs.getBoolean(12),
                rs.getString(13));
    }
}
