package io.crmkit.jdbc;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The few places where the SQL that crm-jdbc generates depends on the engine. The push-down uses
 * only standard SQL besides these: {@code WITH}, {@code LEFT JOIN}, {@code GROUP BY}, {@code count
 * (DISTINCT ...)}, row-value comparisons, {@code NTILE} and {@code CASE}. docs/jdbc.md lists what
 * differs on Citus (none of these: it is PostgreSQL), Trino and Spark SQL.
 *
 * <pre>{@code
 * SqlSegments segments = SqlSegments.of(stores, brand, catalog).withDialect(SqlDialect.postgres());
 * }</pre>
 */
public interface SqlDialect {
    /** @return the engine's name, for messages */
    String name();

    /**
     * @param timestamp an SQL expression of type timestamp with time zone
     * @param zone the brand's zone
     * @param params where the expression's bind values go
     * @return an SQL expression of type date: the calendar date of the instant in the zone
     */
    String localDate(String timestamp, ZoneId zone, List<Object> params);

    /**
     * @param timestamp an SQL expression of type timestamp with time zone
     * @param zone the brand's zone
     * @param params where the expression's bind values go
     * @return an SQL expression of type timestamp (without time zone): the wall-clock time in the zone
     */
    String localDateTime(String timestamp, ZoneId zone, List<Object> params);

    /**
     * @param array an SQL expression of type text array
     * @return an SQL condition: the array contains the bound value (one {@code ?})
     */
    String arrayContains(String array);

    /**
     * @param array an SQL expression of type text array
     * @return an SQL condition: the array is not empty
     */
    String arrayNotEmpty(String array);

    /**
     * @param column a text column
     * @return an SQL condition: the column equals one of the bound text array's values (one {@code ?})
     */
    String inArray(String column);

    /** @return PostgreSQL (and Citus, which is PostgreSQL) */
    static SqlDialect postgres() {
        return Postgres.INSTANCE;
    }

    /** PostgreSQL 12 and later. */
    final class Postgres implements SqlDialect {
        static final Postgres INSTANCE = new Postgres();

        private Postgres() {}

        @Override
        public String name() {
            return "PostgreSQL";
        }

        @Override
        public String localDate(String timestamp, ZoneId zone, List<Object> params) {
            return "CAST(" + localDateTime(timestamp, zone, params) + " AS date)";
        }

        @Override
        public String localDateTime(String timestamp, ZoneId zone, List<Object> params) {
            if (zone instanceof ZoneOffset offset) {
                // a numeric zone name is POSIX (east negative) in AT TIME ZONE: add the offset instead
                params.add(offset.getTotalSeconds());
                return "((" + timestamp + " AT TIME ZONE 'UTC') + make_interval(secs => ?))";
            }
            params.add(zone.getId());
            return "(" + timestamp + " AT TIME ZONE ?)";
        }

        @Override
        public String arrayContains(String array) {
            return "? = ANY(" + array + ")";
        }

        @Override
        public String arrayNotEmpty(String array) {
            return "cardinality(" + array + ") > 0";
        }

        @Override
        public String inArray(String column) {
            return column + " = ANY(?)";
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
