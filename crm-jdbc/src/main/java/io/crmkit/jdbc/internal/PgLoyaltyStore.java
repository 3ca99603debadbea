package io.crmkit.jdbc.internal;

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
