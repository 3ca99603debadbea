package io.crmkit.jdbc.internal;

import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.ChangeListener;
import io.crmkit.core.spi.StoreException;
import io.crmkit.core.spi.Subscription;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * What the four stores share: connections from the host's {@link DataSource}, transactions, and
 * listeners told after the commit, in commit order (a JVM-local lock spans commit and telling, as the
 * in-memory store's write lock does).
 */
abstract class PgStore<V> {
    final DataSource dataSource;
    final String schema;
    final Listeners<V> listeners;
    private final ReentrantLock commitLock = new ReentrantLock(true);

    PgStore(DataSource dataSource, String schema, String name) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.listeners = new Listeners<>(name);
    }

    /** @return the schema-qualified name of a table */
    final String t(String table) {
        return schema + "." + table;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** What a write returns and what its listeners hear. */
    record Written<R, V>(R result, List<ChangeEvent<V>> events) {}

    /** Runs reads in one repeatable-read, read-only transaction, so that several queries agree. */
    final <T> T read(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw Pg.wrap(what, e);
        }
    }

    /**
     * Runs a write in one read-committed transaction; on success commits and tells the listeners. A
     * transaction the server aborted as a deadlock victim or serialization failure is run again (nothing
     * of it was written), up to {@value #ATTEMPTS} times.
     */
    final <R> R write(String what, Work<Written<R, V>> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writeOnce(what, work);
            } catch (StoreException e) {
                if (attempt >= ATTEMPTS || !(e.getCause() instanceof SQLException s) || !retryable(s)) {
                    throw e;
                }
            }
        }
    }

    private static final int ATTEMPTS = 8;

    private static boolean retryable(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    private <R> R writeOnce(String what, Work<Written<R, V>> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Written<R, V> w = work.run(c);
                commitLock.lock();
                try {
                    c.commit();
                    listeners.tell(w.events());
                } finally {
                    commitLock.unlock();
                }
                return w.result();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            StoreException s = Pg.wrap(what, e);
            throw s;
        }
    }

    /** @see io.crmkit.core.spi.KeyedStore#subscribe */
    public final Subscription subscribe(ChangeListener<V> listener) {
        return listeners.add(listener);
    }

    final long countRows(String table) {
        return read(table + ".count", c -> {
            try (var st = c.createStatement();
                    var rs = st.executeQuery("SELECT count(*) FROM " + t(table))) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
