package io.crmkit.jdbc.internal;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.DuplicateKeyException;
import io.crmkit.core.spi.StoreException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * JDBC helpers shared by the stores: exact instants as (timestamptz microseconds, nanoseconds below
 * the microsecond), range predicates, limits, and the mapping of SQL errors to store exceptions.
 */
public final class Pg {
    private Pg() {}

    /** The earliest instant a store accepts: 0001-01-01T00:00:00Z. */
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** The first instant a store no longer accepts: 10000-01-01T00:00:00Z. */
    public static final Instant MAX = Instant.parse("+10000-01-01T00:00:00Z");

    /** The most values one page may ask for, as {@link io.crmkit.core.spi.KeyedStore#scan} documents. */
    public static final int MAX_LIMIT = 100_000;

    /**
     * @param t an instant
     * @param field what it is, for the message
     * @return t, if PostgreSQL can hold it
     */
    public static Instant storable(Instant t, String field) {
        if (t.isBefore(MIN) || !t.isBefore(MAX)) {
            throw new InvalidValueException(
                    field, t + " is outside the years 1 to 9999 that the PostgreSQL store holds");
        }
        return t;
    }

    /** @return the microsecond part of an instant, as PostgreSQL's timestamptz holds it */
    public static OffsetDateTime micros(Instant t) {
        return Instant.ofEpochSecond(t.getEpochSecond(), (t.getNano() / 1000) * 1000L)
                .atOffset(ZoneOffset.UTC);
    }

    /** @return the nanoseconds below the microsecond, 0 to 999 */
    public static int nanos(Instant t) {
        return t.getNano() % 1000;
    }

    /** Binds an instant to two parameters: {@code i} (timestamptz) and {@code i + 1} (nanoseconds). */
    public static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        ps.setObject(i, micros(t));
        ps.setInt(i + 1, nanos(t));
    }

    /** Binds an optional instant to two parameters. */
    public static void setInstantOrNull(PreparedStatement ps, int i, @Nullable Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setNull(i + 1, Types.INTEGER);
        } else {
            setInstant(ps, i, t);
        }
    }

    /** Reads an instant from two columns: {@code col} (timestamptz) and {@code col + 1} (nanoseconds). */
    public static Instant getInstant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime odt = rs.getObject(col, OffsetDateTime.class);
        return odt.toInstant().plusNanos(rs.getInt(col + 1));
    }

    /** Reads an optional instant from two columns. */
    public static @Nullable Instant getInstantOrNull(ResultSet rs, int col) throws SQLException {
        OffsetDateTime odt = rs.getObject(col, OffsetDateTime.class);
        return odt == null ? null : odt.toInstant().plusNanos(rs.getInt(col + 1));
    }

    /** @return null for SQL NULL, else the long */
    public static @Nullable Long getLongOrNull(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    /** Binds a nullable long. */
    public static void setLongOrNull(PreparedStatement ps, int i, @Nullable Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    /** Binds a nullable string. */
    public static void setStringOrNull(PreparedStatement ps, int i, @Nullable String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    /** @return a text[] of the strings */
    public static Array textArray(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray(new String[0]));
    }

    /**
     * SQL that keeps the rows whose instant columns {@code (at, nanos)} fall in a half-open range, with
     * its parameters appended to {@code params} as (timestamptz, nanos) pairs.
     *
     * @param at the timestamptz column
     * @param nanos the nanoseconds column
     * @param range the range
     * @param params where the bind values go
     * @return a condition, {@code TRUE} for all of time
     */
    public static String inRange(String at, String nanos, TimeRange range, List<Object> params) {
        StringBuilder sb = new StringBuilder();
        if (!range.from().isBefore(range.to())) {
            return "FALSE";
        }
        if (range.from().isAfter(MIN)) {
            if (!range.from().isBefore(MAX)) {
                return "FALSE";
            }
            sb.append("(").append(at).append(", ").append(nanos).append(") >= (?, ?)");
            params.add(micros(range.from()));
            params.add(nanos(range.from()));
        }
        if (range.to().isBefore(MAX)) {
            if (!range.to().isAfter(MIN)) {
                return "FALSE";
            }
            if (sb.length() > 0) {
                sb.append(" AND ");
            }
            sb.append("(").append(at).append(", ").append(nanos).append(") < (?, ?)");
            params.add(micros(range.to()));
            params.add(nanos(range.to()));
        }
        return sb.length() == 0 ? "TRUE" : sb.toString();
    }

    /** Binds the values in order from parameter 1. */
    public static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v instanceof String[] a) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("text", a));
            } else if (v instanceof Long[] a) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("bigint", a));
            } else if (v instanceof BigDecimal d) {
                ps.setBigDecimal(i + 1, d);
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    /** @throws InvalidValueException unless 1 &lt;= limit &lt;= 100,000 */
    public static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", "must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }

    /** @throws InvalidValueException if the value is null */
    public static <T> T required(@Nullable T value, String field) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    /** @throws InvalidValueException if the list or an element is null */
    public static <T> List<T> requiredAll(@Nullable Collection<T> values, String field) {
        required(values, field);
        int i = 0;
        for (T v : values) {
            if (v == null) {
                throw new InvalidValueException(field + "[" + i + "]", "is required");
            }
            i++;
        }
        return List.copyOf(values);
    }

    /**
     * @param what the store call that failed, e.g. {@code "orders.upsertAll"}
     * @param e the driver's exception
     * @return the store exception to throw: a {@link DuplicateKeyException} for a unique violation
     */
    public static StoreException wrap(String what, SQLException e) {
        if ("23505".equals(e.getSQLState())) {
            return new DuplicateKeyException(what + ": " + e.getMessage());
        }
        return new StoreException(what + " failed: " + e.getMessage() + " (SQL state " + e.getSQLState() + ")", e);
    }
}
