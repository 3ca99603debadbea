package io.crmkit.jdbc.internal;

import java.util.ArrayList;
import java.util.List;

/** A piece of SQL with its bind values in the order of their {@code ?}: built left to right. */
public final class Frag {
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    /** @return an empty fragment */
    public static Frag of() {
        return new Frag();
    }

    /** @return a fragment of fixed SQL */
    public static Frag of(String sql) {
        return new Frag().sql(sql);
    }

    /** Appends SQL text (never a value). */
    public Frag sql(String text) {
        sql.append(text);
        return this;
    }

    /** Appends one {@code ?} bound to the value. */
    public Frag q(Object value) {
        sql.append('?');
        params.add(value);
        return this;
    }

    /** Appends another fragment with its values. */
    public Frag add(Frag other) {
        sql.append(other.sql);
        params.addAll(other.params);
        return this;
    }

    /** Appends SQL text whose {@code ?} are bound to the given values, in order. */
    public Frag sql(String text, List<Object> values) {
        sql.append(text);
        params.addAll(values);
        return this;
    }

    /** @return the SQL text */
    public String text() {
        return sql.toString();
    }

    /** @return the values */
    public List<Object> params() {
        return params;
    }

    /** @return a copy */
    public Frag copy() {
        return new Frag().add(this);
    }

    @Override
    public String toString() {
        return sql + " " + params;
    }
}
