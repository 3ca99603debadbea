package io.crmkit.jdbc.internal;

import io.crmkit.core.CampaignId;
import io.crmkit.core.MemberId;
import io.crmkit.core.OrderId;
import io.crmkit.loyalty.CouponCampaign;
import io.crmkit.loyalty.CouponIssue;
import io.crmkit.loyalty.spi.CouponStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Coupon campaigns and issued coupons on PostgreSQL (tables {@code loyalty_coupon_campaign} and {@code
 * loyalty_coupon}). {@link #issue} runs in one transaction that locks the campaign's row ({@code
 * SELECT ... FOR UPDATE}), so that the per-member limit and the budget (the row's {@code issued}
 * counter) are checked and the coupon stored one issue at a time per campaign; the key is the primary
 * key and a unique code a partial unique index, which also catch an issue under another campaign.
 * {@link #redeem} is {@code UPDATE ... WHERE redeemed_order IS NULL}.
 */
public final class PgCouponStore extends PgLoyaltyStore implements CouponStore {
    private static final String CAMPAIGN_COLUMNS = "campaign_id, name, shared_code, code_length, valid_from,"
            + " valid_from_nanos, valid_until, valid_until_nanos, valid_for_seconds, valid_for_nanos, per_member,"
            + " budget";
    private static final String COUPON_COLUMNS = "coupon_key, campaign_id, member_id, code, issued_at, issued_nanos,"
            + " valid_from, valid_from_nanos, expires_at, expires_nanos, redeemed_order, redeemed_at, redeemed_nanos";

    private final String campaigns;
    private final String coupons;

    /**
     * @param dataSource the host's data source
     * @param schema the migrated schema
     */
    public PgCouponStore(DataSource dataSource, String schema) {
        super(dataSource, schema);
        this.campaigns = t("loyalty_coupon_campaign");
        this.coupons = t("loyalty_coupon");
    }

    @Override
    public Optional<CouponCampaign> putCampaignIfAbsent(CouponCampaign campaign) {
        Pg.required(campaign, "campaign");
        String at = "campaign[" + campaign.id().value() + "]";
        Pg.storable(campaign.validFrom(), at + ".validFrom");
        Pg.storable(campaign.validUntil(), at + ".validUntil");
        return autoCommit("coupons.putCampaignIfAbsent(" + campaign.id().value() + ")", c -> {
            int n = update(
                    c,
                    "INSERT INTO " + campaigns + " (" + CAMPAIGN_COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" + " ON CONFLICT DO NOTHING",
                    ps -> bindCampaign(ps, campaign));
            if (n == 1) {
                return Optional.empty();
            }
            // ON CONFLICT waited for the other writer: the row that won is committed and visible now
            Optional<CouponCampaign> byId = campaign(c, campaign.id());
            if (byId.isPresent()) {
                return byId;
            }
            return campaignBySharedCode(c, campaign.sharedCode().orElseThrow());
        });
    }

    @Override
    public Optional<CouponCampaign> campaign(CampaignId id) {
        Pg.required(id, "id");
        return autoCommit("coupons.campaign", c -> campaign(c, id));
    }

    private Optional<CouponCampaign> campaign(Connection c, CampaignId id) throws SQLException {
        return list(
                        c,
                        "SELECT " + CAMPAIGN_COLUMNS + " FROM " + campaigns + " WHERE campaign_id = ?",
                        ps -> ps.setString(1, id.value()),
                        PgCouponStore::campaign)
                .stream()
                .findFirst();
    }

    @Override
    public Optional<CouponCampaign> campaignBySharedCode(String code) {
        Pg.required(code, "code");
        return autoCommit("coupons.campaignBySharedCode", c -> campaignBySharedCode(c, code));
    }

    private Optional<CouponCampaign> campaignBySharedCode(Connection c, String code) throws SQLException {
        return list(
                        c,
                        "SELECT " + CAMPAIGN_COLUMNS + " FROM " + campaigns + " WHERE shared_code = ?",
                        ps -> ps.setString(1, code),
                        PgCouponStore::campaign)
                .stream()
                .findFirst();
    }

    @Override
    public List<CouponCampaign> campaigns() {
        return query(
                "coupons.campaigns",
                "SELECT " + CAMPAIGN_COLUMNS + " FROM " + campaigns + " ORDER BY campaign_id",
                ps -> {},
                PgCouponStore::campaign);
    }

    @Override
    public IssueResult issue(CouponIssue coupon) {
        Pg.required(coupon, "coupon");
        String at = "coupon[" + coupon.key() + "]";
        Pg.storable(coupon.issuedAt(), at + ".issuedAt");
        Pg.storable(coupon.validFrom(), at + ".validFrom");
        Pg.storable(coupon.expiresAt(), at + ".expiresAt");
        coupon.redemption().ifPresent(r -> Pg.storable(r.at(), at + ".redemption.at"));
        return transaction("coupons.issue(" + coupon.key() + ")", Connection.TRANSACTION_READ_COMMITTED, c -> {
            boolean shared;
            int perMember;
            long budget;
            long issued;
            try (PreparedStatement ps = c.prepareStatement("SELECT shared_code IS NOT NULL, per_member, budget, issued"
                    + " FROM " + campaigns + " WHERE campaign_id = ? FOR UPDATE")) {
                ps.setString(1, coupon.campaign().value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return IssueResult.UNKNOWN_CAMPAIGN;
                    }
                    shared = rs.getBoolean(1);
                    perMember = rs.getInt(2);
                    budget = rs.getLong(3);
                    issued = rs.getLong(4);
                }
            }
            if (exists(c, "SELECT 1 FROM " + coupons + " WHERE coupon_key = ?", ps -> ps.setString(1, coupon.key()))) {
                return IssueResult.DUPLICATE_KEY;
            }
            if (!shared
                    && exists(
                            c,
                            "SELECT 1 FROM " + coupons + " WHERE code = ? AND unique_code",
                            ps -> ps.setString(1, coupon.code()))) {
                return IssueResult.CODE_TAKEN;
            }
            long mine = list(
                            c,
                            "SELECT count(*) FROM " + coupons + " WHERE campaign_id = ? AND member_id = ?",
                            ps -> {
                                ps.setString(1, coupon.campaign().value());
                                ps.setString(2, coupon.member().value());
                            },
                            rs -> rs.getLong(1))
                    .get(0);
            if (mine >= perMember) {
                return IssueResult.MEMBER_LIMIT;
            }
            if (issued >= budget) {
                return IssueResult.BUDGET_EXHAUSTED;
            }
            int n = update(
                    c,
                    "INSERT INTO " + coupons + " (" + COUPON_COLUMNS + ", unique_code)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    ps -> {
                        bindCoupon(ps, coupon);
                        ps.setBoolean(14, !shared);
                    });
            if (n == 0) {
                // issued concurrently under another campaign (its row lock is not ours): the key or the code
                boolean key = exists(
                        c, "SELECT 1 FROM " + coupons + " WHERE coupon_key = ?", ps -> ps.setString(1, coupon.key()));
                return key ? IssueResult.DUPLICATE_KEY : IssueResult.CODE_TAKEN;
            }
            update(
                    c,
                    "UPDATE " + campaigns + " SET issued = issued + 1 WHERE campaign_id = ?",
                    ps -> ps.setString(1, coupon.campaign().value()));
            return IssueResult.ISSUED;
        });
    }

    @Override
    public Optional<CouponIssue> findByKey(String key) {
        Pg.required(key, "key");
        return query(
                        "coupons.findByKey",
                        "SELECT " + COUPON_COLUMNS + " FROM " + coupons + " WHERE coupon_key = ?",
                        ps -> ps.setString(1, key),
                        PgCouponStore::coupon)
                .stream()
                .findFirst();
    }

    @Override
    public Optional<CouponIssue> findByCode(String code) {
        Pg.required(code, "code");
        return query(
                        "coupons.findByCode",
                        "SELECT " + COUPON_COLUMNS + " FROM " + coupons + " WHERE code = ? AND unique_code",
                        ps -> ps.setString(1, code),
                        PgCouponStore::coupon)
                .stream()
                .findFirst();
    }

    @Override
    public List<CouponIssue> issuesOf(CampaignId campaign, MemberId member) {
        Pg.required(campaign, "campaign");
        Pg.required(member, "member");
        return query(
                "coupons.issuesOf",
                "SELECT " + COUPON_COLUMNS + " FROM " + coupons + " WHERE campaign_id = ? AND member_id = ?"
                        + " ORDER BY issue_seq",
                ps -> {
                    ps.setString(1, campaign.value());
                    ps.setString(2, member.value());
                },
                PgCouponStore::coupon);
    }

    @Override
    public Optional<CouponIssue> redeem(String key, CouponIssue.Redemption redemption) {
        Pg.required(key, "key");
        Pg.required(redemption, "redemption");
        Pg.storable(redemption.at(), "redemption.at");
        return autoCommit("coupons.redeem(" + key + ")", c -> {
            update(
                    c,
                    "UPDATE " + coupons + " SET redeemed_order = ?, redeemed_at = ?, redeemed_nanos = ?"
                            + " WHERE coupon_key = ? AND redeemed_order IS NULL",
                    ps -> {
                        ps.setString(1, redemption.order().value());
                        Pg.setInstant(ps, 2, redemption.at());
                        ps.setString(4, key);
                    });
            // the redemption, once set, never changes: this read returns the winner's
            return list(
                            c,
                            "SELECT " + COUPON_COLUMNS + " FROM " + coupons + " WHERE coupon_key = ?",
                            ps -> ps.setString(1, key),
                            PgCouponStore::coupon)
                    .stream()
                    .findFirst();
        });
    }

    @Override
    public Stream<CouponIssue> issues(CampaignId campaign) {
        Pg.required(campaign, "campaign");
        return query(
                "coupons.issues",
                "SELECT " + COUPON_COLUMNS + " FROM " + coupons + " WHERE campaign_id = ? ORDER BY issue_seq",
                ps -> ps.setString(1, campaign.value()),
                PgCouponStore::coupon)
                .stream();
    }

    private static void bindCampaign(PreparedStatement ps, CouponCampaign k) throws SQLException {
        ps.setString(1, k.id().value());
        ps.setString(2, k.name());
        Pg.setStringOrNull(ps, 3, k.sharedCode().orElse(null));
        ps.setInt(4, k.codeLength());
        Pg.setInstant(ps, 5, k.validFrom());
        Pg.setInstant(ps, 7, k.validUntil());
        if (k.validFor().isPresent()) {
            ps.setLong(9, k.validFor().get().getSeconds());
            ps.setInt(10, k.validFor().get().getNano());
        } else {
            ps.setNull(9, Types.BIGINT);
            ps.setNull(10, Types.INTEGER);
        }
        ps.setInt(11, k.perMember());
        ps.setLong(12, k.budget());
    }

    private static CouponCampaign campaign(ResultSet rs) throws SQLException {
        Long seconds = Pg.getLongOrNull(rs, 9);
        return new CouponCampaign(
                CampaignId.of(rs.getString(1)),
                rs.getString(2),
                Optional.ofNullable(rs.getString(3)),
                rs.getInt(4),
                Pg.getInstant(rs, 5),
                Pg.getInstant(rs, 7),
                seconds == null ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds, rs.getInt(10))),
                rs.getInt(11),
                rs.getLong(12));
    }

    private static void bindCoupon(PreparedStatement ps, CouponIssue k) throws SQLException {
        ps.setString(1, k.key());
        ps.setString(2, k.campaign().value());
        ps.setString(3, k.member().value());
        ps.setString(4, k.code());
        Pg.setInstant(ps, 5, k.issuedAt());
        Pg.setInstant(ps, 7, k.validFrom());
        Pg.setInstant(ps, 9, k.expiresAt());
        Pg.setStringOrNull(ps, 11, k.redemption().map(r -> r.order().value()).orElse(null));
        Pg.setInstantOrNull(
                ps, 12, k.redemption().map(CouponIssue.Redemption::at).orElse(null));
    }

    private static CouponIssue coupon(ResultSet rs) throws SQLException {
        String order = rs.getString(11);
        Instant redeemedAt = Pg.getInstantOrNull(rs, 12);
        return new CouponIssue(
                rs.getString(1),
                CampaignId.of(rs.getString(2)),
                MemberId.of(rs.getString(3)),
                rs.getString(4),
                Pg.getInstant(rs, 5),
                Pg.getInstant(rs, 7),
                Pg.getInstant(rs, 9),
                order == null || redeemedAt == null
                        ? Optional.empty()
                        : Optional.of(new CouponIssue.Redemption(OrderId.of(order), redeemedAt)));
    }
}
