package io.crmkit.jdbc.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Column arrays for set-based statements ({@code INSERT ... SELECT * FROM unnest(?, ?, ...)}, {@code
 * UPDATE ... FROM unnest(...)}): one statement for a whole batch of rows instead of one per row.
 * Each {@code add...} call appends a column; {@link #bind} binds them in that order, and {@link
 * #unnest} is the matching SQL.
 */
public final class ColumnArrays {
    /** Microseconds, always with seconds and six fraction digits, in UTC: what {@code timestamptz} reads exactly. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

    private final List<String> types = new ArrayList<>();
    private final List<String> casts = new ArrayList<>();
    private final List<Object[]> values = new ArrayList<>();

    /** @param values a text column */
    public ColumnArrays text(@Nullable String[] values) {
        return column("text", "", values);
    }

    /** @param values an integer column */
    public ColumnArrays ints(Integer[] values) {
        return column("int4", "", values);
    }

    /** @param values a bigint column */
    public ColumnArrays longs(Long[] values) {
        return column("int8", "", values);
    }

    /** @param values a boolean column */
    public ColumnArrays bools(Boolean[] values) {
        return column("bool", "", values);
    }

    /** @param values a jsonb column, as JSON text */
    public ColumnArrays jsonb(String[] values) {
        return column("text", "::jsonb[]", values);
    }

    /**
     * Two columns: the instants' microseconds as {@code timestamptz} and the nanoseconds below, as
     * {@link Pg#setInstant} stores them; null instants give two nulls.
     *
     * @param values the instants (each within {@link Pg#MIN} and {@link Pg#MAX})
     */
    public ColumnArrays instants(@Nullable Instant[] values) {
        String[] micros = new String[values.length];
        Integer[] nanos = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            Instant t = values[i];
            if (t != null) {
                micros[i] = TIMESTAMP.format(Pg.micros(t));
                nanos[i] = Pg.nanos(t);
            }
        }
        column("text", "::timestamptz[]", micros);
        return ints(nanos);
    }

    private ColumnArrays column(String type, String cast, Object[] v) {
        types.add(type);
        casts.add(cast);
        values.add(v);
        return this;
    }

    /** @return {@code unnest(?::text[], ?::int4[]::..., ...)} for the columns added, in order */
    public String unnest() {
        StringBuilder sb = new StringBuilder("unnest(");
        for (int i = 0; i < types.size(); i++) {
            sb.append(i == 0 ? "" : ", ")
                    .append("?::")
                    .append(types.get(i))
                    .append("[]")
                    .append(casts.get(i));
        }
        return sb.append(')').toString();
    }

    /**
     * Binds the columns from parameter {@code from}.
     *
     * @return the next parameter index
     */
    public int bind(Connection c, PreparedStatement ps, int from) throws SQLException {
        for (int i = 0; i < types.size(); i++) {
            Array a = c.createArrayOf(types.get(i), values.get(i));
            ps.setArray(from + i, a);
        }
        return from + types.size();
    }
}
