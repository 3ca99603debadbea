package io.crmkit.jdbc.internal;

import io.crmkit.core.MemberId;
import io.crmkit.core.OrderId;
import io.crmkit.loyalty.Referral;
import io.crmkit.loyalty.spi.ReferralStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Referral codes and referrals on PostgreSQL (tables {@code loyalty_referral_code} and {@code
 * loyalty_referral}). A code is the member's primary key and a unique column, so {@link
 * #putCodeIfAbsent} is one {@code INSERT ... ON CONFLICT DO NOTHING} and a look; {@link #attribute}
 * walks the referrer's chain with a recursive query and inserts in one serializable transaction, run
 * again when the server aborts it (two members referring each other at once cannot both commit);
 * {@link #reward} is {@code UPDATE ... WHERE reward_order IS NULL}.
 */
public final class PgReferralStore extends PgLoyaltyStore implements ReferralStore {
    private static final String COLUMNS = "referee_id, referrer_id, code, at, at_nanos, reward_order, reward_at,"
            + " reward_nanos, referrer_points, referee_points";

    private final String codes;
    private final String referrals;

    /**
     * @param dataSource the host's data source
     * @param schema the migrated schema
     */
    public PgReferralStore(DataSource dataSource, String schema) {
        super(dataSource, schema);
        this.codes = t("loyalty_referral_code");
        this.referrals = t("loyalty_referral");
    }

    @Override
    public Optional<String> putCodeIfAbsent(MemberId member, String code) {
        Pg.required(member, "member");
        Pg.required(code, "code");
        return autoCommit("referrals.putCodeIfAbsent(" + member.value() + ")", c -> {
            int n = update(
                    c, "INSERT INTO " + codes + " (member_id, code) VALUES (?, ?) ON CONFLICT DO NOTHING", ps -> {
                        ps.setString(1, member.value());
                        ps.setString(2, code);
                    });
            if (n == 1) {
                return Optional.of(code);
            }
            // the member's earlier code, else the code is another member's (empty)
            return codeOf(c, member);
        });
    }

    @Override
    public Optional<String> codeOf(MemberId member) {
        Pg.required(member, "member");
        return autoCommit("referrals.codeOf", c -> codeOf(c, member));
    }

    private Optional<String> codeOf(Connection c, MemberId member) throws SQLException {
        return list(
                        c,
                        "SELECT code FROM " + codes + " WHERE member_id = ?",
                        ps -> ps.setString(1, member.value()),
                        rs -> rs.getString(1))
                .stream()
                .findFirst();
    }

    @Override
    public Optional<MemberId> ownerOf(String code) {
        Pg.required(code, "code");
        return query(
                        "referrals.ownerOf",
                        "SELECT member_id FROM " + codes + " WHERE code = ?",
                        ps -> ps.setString(1, code),
                        rs -> MemberId.of(rs.getString(1)))
                .stream()
                .findFirst();
    }

    @Override
    public AttributeResult attribute(Referral referral) {
        Pg.required(referral, "referral");
        Pg.storable(referral.at(), "referral.at");
        referral.reward().ifPresent(r -> Pg.storable(r.at(), "referral.reward.at"));
        return transaction(
                "referrals.attribute(" + referral.referee().value() + ")", Connection.TRANSACTION_SERIALIZABLE, c -> {
                    if (exists(
                            c,
                            "SELECT 1 FROM " + referrals + " WHERE referee_id = ?",
                            ps -> ps.setString(1, referral.referee().value()))) {
                        return AttributeResult.ALREADY_REFERRED;
                    }
                    // the referrer and everyone above them; UNION stops on a cycle, which cannot be stored
                    boolean loop = exists(
                            c,
                            "WITH RECURSIVE up(m) AS (SELECT ?::text COLLATE \"C\" UNION SELECT r.referrer_id FROM "
                                    + referrals + " r JOIN up ON r.referee_id = up.m)"
                                    + " SELECT 1 FROM up WHERE m = ?",
                            ps -> {
                                ps.setString(1, referral.referrer().value());
                                ps.setString(2, referral.referee().value());
                            });
                    if (loop) {
                        return AttributeResult.LOOP;
                    }
                    int n = update(
                            c,
                            "INSERT INTO " + referrals + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                    + " ON CONFLICT DO NOTHING",
                            ps -> {
                                Referral.Reward w = referral.reward().orElse(null);
                                ps.setString(1, referral.referee().value());
                                ps.setString(2, referral.referrer().value());
                                ps.setString(3, referral.code());
                                Pg.setInstant(ps, 4, referral.at());
                                Pg.setStringOrNull(
                                        ps, 6, w == null ? null : w.order().value());
                                Pg.setInstantOrNull(ps, 7, w == null ? null : w.at());
                                Pg.setLongOrNull(ps, 9, w == null ? null : w.referrerPoints());
                                Pg.setLongOrNull(ps, 10, w == null ? null : w.refereePoints());
                            });
                    return n == 1 ? AttributeResult.ATTRIBUTED : AttributeResult.ALREADY_REFERRED;
                });
    }

    @Override
    public Optional<Referral> referralOf(MemberId referee) {
        Pg.required(referee, "referee");
        return autoCommit("referrals.referralOf", c -> referralOf(c, referee));
    }

    private Optional<Referral> referralOf(Connection c, MemberId referee) throws SQLException {
        return list(
                        c,
                        "SELECT " + COLUMNS + " FROM " + referrals + " WHERE referee_id = ?",
                        ps -> ps.setString(1, referee.value()),
                        PgReferralStore::referral)
                .stream()
                .findFirst();
    }

    @Override
    public Optional<Referral> reward(MemberId referee, Referral.Reward reward) {
        Pg.required(referee, "referee");
        Pg.required(reward, "reward");
        Pg.storable(reward.at(), "reward.at");
        return autoCommit("referrals.reward(" + referee.value() + ")", c -> {
            update(
                    c,
                    "UPDATE " + referrals + " SET reward_order = ?, reward_at = ?, reward_nanos = ?,"
                            + " referrer_points = ?, referee_points = ? WHERE referee_id = ? AND reward_order IS NULL",
                    ps -> {
                        ps.setString(1, reward.order().value());
                        Pg.setInstant(ps, 2, reward.at());
                        ps.setLong(4, reward.referrerPoints());
                        ps.setLong(5, reward.refereePoints());
                        ps.setString(6, referee.value());
                    });
            // a reward, once set, never changes: this read returns the first one
            return referralOf(c, referee);
        });
    }

    @Override
    public Stream<Referral> referrals() {
        return query(
                "referrals.referrals",
                "SELECT " + COLUMNS + " FROM " + referrals + " ORDER BY referee_id",
                ps -> {},
                PgReferralStore::referral)
                .stream();
    }

    private static Referral referral(ResultSet rs) throws SQLException {
        String order = rs.getString(6);
        Instant rewardAt = Pg.getInstantOrNull(rs, 7);
        Optional<Referral.Reward> reward = order == null || rewardAt == null
                ? Optional.empty()
                : Optional.of(new Referral.Reward(OrderId.of(order), rewardAt, rs.getLong(9), rs.getLong(10)));
        return new Referral(
                MemberId.of(rs.getString(1)),
                MemberId.of(rs.getString(2)),
                rs.getString(3),
                Pg.getInstant(rs, 4),
                reward);
    }
}
