package io.crmkit.jdbc.internal;

import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Rows in PostgreSQL's COPY text format: tab-separated, {@code \N} for NULL, backslash escapes. */
public final class Copy {
    private final StringBuilder sb = new StringBuilder(1 << 16);
    private boolean first = true;

    /** @return true if no row was added since the last {@link #clear()} */
    public boolean isEmpty() {
        return sb.length() == 0;
    }

    /** @return the rows, for {@code copyIn} */
    public Reader reader() {
        return new StringReader(sb.toString());
    }

    /** Forgets the rows. */
    public void clear() {
        sb.setLength(0);
        first = true;
    }

    private void sep() {
        if (!first) {
            sb.append('\t');
        }
        first = false;
    }

    /** @return this, with a text cell (null for NULL) */
    public Copy text(@Nullable String v) {
        sep();
        if (v == null) {
            sb.append("\\N");
            return this;
        }
        escape(v, sb);
        return this;
    }

    private static void escape(String v, StringBuilder out) {
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    /** @return this, with a number cell */
    public Copy number(long v) {
        sep();
        sb.append(v);
        return this;
    }

    /** @return this, with two cells: the timestamptz to the microsecond and the nanoseconds below it */
    public Copy instant(Instant t) {
        sep();
        sb.append(Pg.micros(t).toInstant().toString());
        sep();
        sb.append(Pg.nanos(t));
        return this;
    }

    /** @return this, with a text[] cell */
    public Copy array(List<String> values) {
        sep();
        StringBuilder a = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                a.append(',');
            }
            a.append('"');
            String v = values.get(i);
            for (int j = 0; j < v.length(); j++) {
                char ch = v.charAt(j);
                if (ch == '"' || ch == '\\') {
                    a.append('\\');
                }
                a.append(ch);
            }
            a.append('"');
        }
        a.append('}');
        escape(a.toString(), sb);
        return this;
    }

    /** Ends the row. */
    public void end() {
        sb.append('\n');
        first = true;
    }
}
