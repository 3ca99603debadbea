package io.crmkit.generator.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.crmkit.core.AttributeKey;
import io.crmkit.core.Attributes;
import io.crmkit.core.Money;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Encodes values into the cells of the canonical CSV format (see docs/canonical-csv.md): plain
 * decimals, ISO instants, escaped lists, typed JSON objects.
 */
public final class CsvCells {
    /** Separates the items of a list cell. */
    public static final char ITEM = ';';
    /** Separates the fields of one item. */
    public static final char FIELD = '|';
    /** Escapes {@code ;}, {@code |} and itself inside a field. */
    public static final char ESCAPE = '\\';

    private static final JsonFactory JSON = new JsonFactory();

    private CsvCells() {}

    /**
     * @param m an amount
     * @return the plain decimal with exactly the currency's number of fraction digits, e.g. "1280.00"
     */
    public static String money(Money m) {
        int digits = Math.max(0, m.currency().getDefaultFractionDigits());
        long v = m.minorUnits();
        if (digits == 0) {
            return Long.toString(v);
        }
        StringBuilder b = new StringBuilder(24);
        if (v < 0) {
            b.append('-');
        }
        String abs = v == Long.MIN_VALUE ? Long.toString(v).substring(1) : Long.toString(Math.abs(v));
        if (abs.length() <= digits) {
            b.append('0').append('.');
            for (int i = abs.length(); i < digits; i++) {
                b.append('0');
            }
            b.append(abs);
        } else {
            int point = abs.length() - digits;
            b.append(abs, 0, point).append('.').append(abs, point, abs.length());
        }
        return b.toString();
    }

    /**
     * @param t an instant
     * @return exactly {@link Instant#toString()}, e.g. "2025-11-11T04:05:06Z", computed without a
     *     formatter for whole seconds in years 1000 to 9999
     */
    public static String instant(Instant t) {
        long sec = t.getEpochSecond();
        if (t.getNano() != 0 || sec < -30_610_224_000L || sec >= 253_402_300_800L) {
            return t.toString();
        }
        long day = Math.floorDiv(sec, 86_400);
        int secOfDay = (int) (sec - day * 86_400);
        LocalDate d = LocalDate.ofEpochDay(day);
        char[] c = new char[20];
        int y = d.getYear();
        c[0] = (char) ('0' + y / 1000);
        c[1] = (char) ('0' + y / 100 % 10);
        c[2] = (char) ('0' + y / 10 % 10);
        c[3] = (char) ('0' + y % 10);
        c[4] = '-';
        two(c, 5, d.getMonthValue());
        c[7] = '-';
        two(c, 8, d.getDayOfMonth());
        c[10] = 'T';
        two(c, 11, secOfDay / 3600);
        c[13] = ':';
        two(c, 14, secOfDay / 60 % 60);
        c[16] = ':';
        two(c, 17, secOfDay % 60);
        c[19] = 'Z';
        return new String(c);
    }

    private static void two(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    /**
     * @param value a field of a list item
     * @param out where to append it with {@code \}, {@code ;} and {@code |} escaped by a backslash
     */
    public static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ITEM || c == FIELD || c == ESCAPE) {
                out.append(ESCAPE);
            }
            out.append(c);
        }
    }

    /**
     * @param a the attributes
     * @param skip well-known keys written in their own columns, left out of the JSON
     * @return a JSON object {@code {"name": {"type": "INTEGER", "value": 2}, ...}} in insertion
     *     order, or null if there is nothing to write
     */
    public static @Nullable String attributesJson(Attributes a, Set<AttributeKey<?>> skip) {
        if (a.isEmpty()) {
            return null;
        }
        StringWriter w = new StringWriter(64);
        int written = 0;
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<AttributeKey<?>, Object> e : a.asMap().entrySet()) {
                AttributeKey<?> key = e.getKey();
                if (skip.contains(key)) {
                    continue;
                }
                written++;
                g.writeObjectFieldStart(key.name());
                g.writeStringField("type", key.type().name());
                g.writeFieldName("value");
                Object v = e.getValue();
                switch (key.type()) {
                    case STRING -> g.writeString((String) v);
                    case INTEGER -> g.writeNumber((Integer) v);
                    case LONG -> g.writeNumber((Long) v);
                    case DECIMAL -> g.writeString(((BigDecimal) v).toPlainString());
                    case BOOLEAN -> g.writeBoolean((Boolean) v);
                    case DATE -> g.writeString(((LocalDate) v).toString());
                    case INSTANT -> g.writeString(((Instant) v).toString());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written == 0 ? null : w.toString();
    }
}
