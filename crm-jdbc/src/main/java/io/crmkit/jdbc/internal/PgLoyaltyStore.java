package io.crmkit.jdbc.internal;

import io.crmkit.loyalty.spi.PointsLedgerStore.AppendResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the crm-loyalty stores share: connections from the host's {@link DataSource}, single
 * statements with auto-commit, and transactions that are run again when the server aborted them as a
 * deadlock victim or serialization failure (nothing of them was written).
 */
abstract class PgLoyaltyStore {
    /** How many times a transaction is tried. */
    static final int ATTEMPTS = 16;

    final DataSource dataSource;
    final String schema;

    PgLoyaltyStore(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /** @return the schema-qualified name of a table */
    final String t(String table) {
        return schema + "." + table;
    }

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> extends Tx.Work<T> {}

    /** Reads one row. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Binds parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Statements with auto-commit: each statement is its own transaction. */
    final <T> T autoCommit(String what, Work<T> work) {
        return Tx.autoCommit(dataSource, what, work);
    }

    /** A query with auto-commit, all rows. */
    final <T> List<T> query(String what, String sql, Binder binder, Row<T> row) {
        return autoCommit(what, c -> list(c, sql, binder, row));
    }

    /** A query on a connection, all rows. */
    static <T> List<T> list(Connection c, String sql, Binder binder, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.read(rs));
                }
                return out;
            }
        }
    }

    /**
     * Appends a row to a table keyed {@code (member_id, seq)} with a unique reference, in one statement:
     * inserted only if {@code seq} is 0 or the member's row {@code seq - 1} exists, and no row conflicts.
     * Nothing inserted: a failed sequence check is a stale sequence; else a conflict, and since {@code ON
     * CONFLICT} waited for the other writer its row is committed and visible, so a look at {@code
     * (member_id, seq)} tells a stale sequence from a duplicate reference (the sequence first).
     *
     * @param columns the table's columns, bound by {@code row} from parameter 4
     * @param columnCount how many parameters {@code row} binds
     */
    static AppendResult appendSequenced(
            Connection c, String table, String columns, int columnCount, String member, long seq, Binder row)
            throws SQLException {
        boolean sequenceOk;
        boolean inserted;
        try (PreparedStatement ps = c.prepareStatement("WITH ok AS (SELECT (?::bigint = 0 OR EXISTS (SELECT 1 FROM "
                + table + " WHERE member_id = ? AND seq = ?::bigint - 1)) AS seq_ok),"
                + " ins AS (INSERT INTO " + table + " (" + columns + ")"
                + " SELECT " + String.join(", ", java.util.Collections.nCopies(columnCount, "?"))
                + " FROM ok WHERE ok.seq_ok ON CONFLICT DO NOTHING RETURNING 1)"
                + " SELECT (SELECT seq_ok FROM ok), EXISTS (SELECT 1 FROM ins)")) {
            ps.setLong(1, seq);
            ps.setString(2, member);
            ps.setLong(3, seq);
            row.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                sequenceOk = rs.getBoolean(1);
                inserted = rs.getBoolean(2);
            }
        }
        if (inserted) {
            return AppendResult.APPENDED;
        }
        if (!sequenceOk) {
            return AppendResult.STALE_SEQUENCE;
        }
        boolean taken = exists(c, "SELECT 1 FROM " + table + " WHERE member_id = ? AND seq = ?", ps -> {
            ps.setString(1, member);
            ps.setLong(2, seq);
        });
        return taken ? AppendResult.STALE_SEQUENCE : AppendResult.DUPLICATE_REFERENCE;
    }

    /** @return true if the query has a row */
    static boolean exists(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** @return the rows the statement changed */
    static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    /**
     * One transaction at the given isolation level (a {@link Connection} constant), run again if the
     * server aborted it as a deadlock or serialization victim. The work may roll back itself to store
     * nothing; the commit afterwards then commits an empty transaction.
     */
    final <T> T transaction(String what, int isolation, Work<T> work) {
        return Tx.transaction(dataSource, what, isolation, ATTEMPTS, work);
    }
}
