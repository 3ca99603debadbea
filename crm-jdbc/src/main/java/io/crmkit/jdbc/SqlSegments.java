package io.crmkit.jdbc;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.CurrencyMismatchException;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberView;
import io.crmkit.core.spi.StoreException;
import io.crmkit.jdbc.internal.Frag;
import io.crmkit.jdbc.internal.Pg;
import io.crmkit.jdbc.internal.SegmentSql;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.SegmentCatalog;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Segments evaluated by PostgreSQL where the data lives: every built-in {@link Condition} compiles to
 * one parameterised query with the meaning of crm-segmentation's per-member test and bulk snapshot,
 * member by member (a jqwik property compares them on random shops).
 *
 * <pre>{@code
 * SqlSegments segments = SqlSegments.of(stores, brand, catalog);
 * long n = segments.count(Where.daysSinceLastPurchase().moreThan(90), now);
 * List<MemberId> ids = segments.members(condition, now);       // in id order
 * System.out.println(segments.explainSql(condition, now));     // the SQL and its parameters
 * }</pre>
 *
 * <p><b>Custom predicates</b> ({@link CustomPredicate}) have no SQL: they run in Java on a {@link
 * MemberView} read from the stores for each member whose evaluation reaches them (the members for
 * which the {@code and} parts written before hold and the {@code or} parts written before fail), and
 * enter the query as a list of ids. That costs three indexed queries per such member (the member, its
 * orders and its interactions up to the as-of instant), about a millisecond each on a local server:
 * put cheap built-in parts before a custom one in an {@code and} to keep the candidates few.
 *
 * <p><b>Exactness</b>: local dates use the database's time zone rules for the brand's zone (PostgreSQL
 * ships the IANA database, as the JDK does; if their versions differ on a zone's history, dates there
 * differ); ids compare in {@code COLLATE "C"}, Java's order for ids without characters above U+FFFF.
 * Errors are the per-member path's: an order that counts in another currency throws {@link
 * CurrencyMismatchException}; an unknown segment or predicate, or a money bound in another currency,
 * throws only if some member's evaluation reaches it.
 */
public final class SqlSegments {
    private final PostgresStores stores;
    private final BrandSettings brand;
    private final SegmentCatalog catalog;
    private final SqlDialect dialect;
    private final Crm crm;

    private SqlSegments(PostgresStores stores, BrandSettings brand, SegmentCatalog catalog, SqlDialect dialect) {
        this.stores = stores;
        this.brand = brand;
        this.catalog = catalog;
        this.dialect = dialect;
        this.crm = stores.crm(brand);
    }

    /**
     * @param stores the PostgreSQL stores
     * @param brand the brand: zone for local dates, currency for money
     * @param catalog saved segments and custom predicates that conditions name
     * @return the push-down
     * @throws InvalidValueException if an argument is null
     */
    public static SqlSegments of(PostgresStores stores, BrandSettings brand, SegmentCatalog catalog) {
        return new SqlSegments(
                Pg.required(stores, "stores"),
                Pg.required(brand, "brand"),
                Pg.required(catalog, "catalog"),
                SqlDialect.postgres());
    }

    /**
     * @param d the SQL dialect of the database
     * @return a copy that generates that dialect
     */
    public SqlSegments withDialect(SqlDialect d) {
        return new SqlSegments(stores, brand, catalog, Pg.required(d, "dialect"));
    }

    /**
     * @param condition the condition
     * @param asOf the as-of instant
     * @return how many members match
     * @throws io.crmkit.segmentation.SegmentationException if a reached node names an unknown segment
     *     or predicate
     * @throws CurrencyMismatchException as the per-member path (see the class comment)
     * @throws StoreException if the database failed
     */
    public long count(Condition condition, Instant asOf) {
        return run(condition, asOf, "count(*)", "", rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    /**
     * @param condition the condition
     * @param asOf the as-of instant
     * @return the ids of the members that match, in id order
     * @throws io.crmkit.segmentation.SegmentationException if a reached node names an unknown segment
     *     or predicate
     * @throws CurrencyMismatchException as the per-member path (see the class comment)
     * @throws StoreException if the database failed
     */
    public List<MemberId> members(Condition condition, Instant asOf) {
        return run(condition, asOf, "m.member_id", "ORDER BY m.member_id", rs -> {
            List<MemberId> out = new ArrayList<>();
            while (rs.next()) {
                out.add(MemberId.of(rs.getString(1)));
            }
            return out;
        });
    }

    /**
     * The SQL that {@link #members} sends, without running anything: nodes that would throw appear as
     * {@code FALSE} and custom predicates as an empty id list (their ids are computed at run time).
     *
     * @param condition the condition
     * @param asOf the as-of instant
     * @return the query and its parameters
     */
    public SqlQuery explainSql(Condition condition, Instant asOf) {
        Pg.required(condition, "condition");
        Pg.required(asOf, "asOf");
        SegmentSql sql = new SegmentSql(stores.schema(), dialect, brand, catalog, asOf, new SegmentSql.Oracle() {
            @Override
            public boolean anyReaches(Frag query) {
                return false;
            }

            @Override
            public String[] custom(Frag reach, CustomPredicate predicate, Map<String, String> params) {
                return new String[0];
            }
        });
        Frag where = sql.compile(condition);
        Frag q = sql.query("m.member_id", where, "ORDER BY m.member_id");
        return new SqlQuery(q.text(), q.params());
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T run(Condition condition, Instant asOf, String select, String tail, Rows<T> rows) {
        Pg.required(condition, "condition");
        Pg.required(asOf, "asOf");
        try (Connection c = stores.dataSource().getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            // one snapshot for the foreign-order check, the reach questions and the answer
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                SegmentSql sql =
                        new SegmentSql(stores.schema(), dialect, brand, catalog, asOf, new JdbcOracle(c, asOf));
                Frag foreign = sql.foreignOrders();
                try (PreparedStatement ps = c.prepareStatement(foreign.text())) {
                    Pg.bind(ps, foreign.params());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            throw new CurrencyMismatchException(
                                    brand.currency(),
                                    Currency.getInstance(rs.getString(2).strip()),
                                    "order " + rs.getString(1));
                        }
                    }
                }
                Frag where = sql.compile(condition);
                Frag q = sql.query(select, where, tail);
                try (PreparedStatement ps = c.prepareStatement(q.text())) {
                    Pg.bind(ps, q.params());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rows.read(rs);
                    }
                }
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "segment push-down failed: " + e.getMessage() + " (SQL state " + e.getSQLState() + ")", e);
        }
    }

    /** Answers the compiler's questions on the query's own connection and snapshot. */
    private final class JdbcOracle implements SegmentSql.Oracle {
        private final Connection c;
        private final Instant asOf;

        JdbcOracle(Connection c, Instant asOf) {
            this.c = c;
            this.asOf = asOf;
        }

        @Override
        public boolean anyReaches(Frag query) {
            try (PreparedStatement ps = c.prepareStatement(query.text())) {
                Pg.bind(ps, query.params());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            } catch (SQLException e) {
                throw new StoreException("segment push-down failed: " + e.getMessage(), e);
            }
        }

        @Override
        public String[] custom(Frag reach, CustomPredicate predicate, Map<String, String> params) {
            List<String> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(reach.text())) {
                Pg.bind(ps, reach.params());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("segment push-down failed: " + e.getMessage(), e);
            }
            List<String> kept = new ArrayList<>();
            for (String id : candidates) {
                Optional<MemberView> view = crm.view(MemberId.of(id), asOf);
                if (view.isPresent() && predicate.test(view.get(), params, asOf)) {
                    kept.add(id);
                }
            }
            return kept.toArray(new String[0]);
        }
    }
}
