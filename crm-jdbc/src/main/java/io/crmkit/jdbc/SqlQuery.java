package io.crmkit.jdbc;

import java.util.List;

/**
 * An SQL statement with its bind values, as crm-jdbc sends it: every value of a condition is a bind
 * parameter, never text inside the statement.
 *
 * <pre>{@code
 * SqlQuery q = segments.explainSql(condition, asOf);
 * System.out.println(q.sql());
 * }</pre>
 *
 * @param sql the statement, with {@code ?} for each parameter
 * @param parameters the values, in order (text arrays as {@code String[]})
 */
public record SqlQuery(String sql, List<Object> parameters) {
    /** Copies the parameters. */
    public SqlQuery {
        parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(sql).append("\n-- parameters:");
        for (int i = 0; i < parameters.size(); i++) {
            Object p = parameters.get(i);
            sb.append("\n--   $")
                    .append(i + 1)
                    .append(" = ")
                    .append(p instanceof String[] a ? java.util.Arrays.toString(a) : String.valueOf(p));
        }
        return sb.toString();
    }
}
