package io.crmkit.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Connections from the host's {@link DataSource}, in auto-commit or in one transaction that is run
 * again when the server aborted it as a deadlock victim or serialization failure; each hands the
 * pool its connection back with the auto-commit and isolation it came with.
 */
public final class Tx {
    private Tx() {}

    /**
     * Work on a connection.
     *
     * @param <T> its result
     */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param c the connection
         * @return the result
         * @throws SQLException if the database refused
         */
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs statements with auto-commit: each statement is its own transaction.
     *
     * @param what what it does, for the error
     * @throws io.crmkit.core.spi.StoreException if the database refused
     */
    public static <T> T autoCommit(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            if (!auto) {
                c.setAutoCommit(true);
            }
            try {
                return work.run(c);
            } finally {
                if (!auto) {
                    c.setAutoCommit(false); // hand the host's pool its connection as it gave it
                }
            }
        } catch (SQLException e) {
            throw Pg.wrap(what, e);
        }
    }

    /**
     * Runs one transaction at an isolation level (a {@link Connection} constant), run again (after a
     * short random pause) up to {@code attempts} times if the server aborted it as a deadlock victim or
     * serialization failure (SQL states 40P01, 40001). The work may roll back itself to store nothing;
     * the commit afterwards then commits an empty transaction.
     *
     * @param what what it does, for the error
     * @throws io.crmkit.core.spi.StoreException if the database refused, or every attempt was aborted
     */
    public static <T> T transaction(DataSource dataSource, String what, int isolation, int attempts, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                boolean auto = c.getAutoCommit();
                int level = c.getTransactionIsolation();
                c.setAutoCommit(false);
                if (level != isolation) {
                    c.setTransactionIsolation(isolation);
                }
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    try {
                        c.rollback();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                } finally {
                    if (level != isolation) {
                        c.setTransactionIsolation(level);
                    }
                    c.setAutoCommit(auto);
                }
            } catch (SQLException e) {
                boolean retry = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (!retry || attempt >= attempts) {
                    throw Pg.wrap(what, e);
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1 << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
