package io.crmkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes one table as CSV (RFC 4180, cells with separators quoted), a JSON array of objects, or an
 * aligned text table; rows are streamed for CSV and JSON. Values are strings or numbers.
 */
final class Output implements AutoCloseable {
    enum Format {
        CSV,
        JSON,
        TABLE
    }

    private final Format format;
    private final PrintWriter out;
    private final List<String> columns;
    private final List<Object[]> buffered = new ArrayList<>();
    private final JsonGenerator json;

    Output(String format, PrintWriter out, List<String> columns) {
        this.format = Format.valueOf(format.toUpperCase(Locale.ROOT));
        this.out = out;
        this.columns = columns;
        try {
            if (this.format == Format.JSON) {
                json = new JsonFactory().createGenerator(out);
                json.writeStartArray();
            } else {
                json = null;
                if (this.format == Format.CSV) {
                    out.println(String.join(",", columns));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return csv, json or table */
    String formatName() {
        return format.name().toLowerCase(Locale.ROOT);
    }

    static boolean valid(String format) {
        for (Format f : Format.values()) {
            if (f.name().equalsIgnoreCase(format)) {
                return true;
            }
        }
        return false;
    }

    void row(Object... values) {
        try {
            switch (format) {
                case CSV -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < values.length; i++) {
                        if (i > 0) {
                            b.append(',');
                        }
                        b.append(csv(values[i]));
                    }
                    out.println(b);
                }
                case JSON -> {
                    json.writeStartObject();
                    for (int i = 0; i < values.length; i++) {
                        json.writeFieldName(columns.get(i));
                        Object v = values[i];
                        if (v == null) {
                            json.writeNull();
                        } else if (v instanceof Number n && !(v instanceof java.math.BigDecimal)) {
                            json.writeNumber(n.longValue());
                        } else if (v instanceof java.math.BigDecimal d) {
                            json.writeNumber(d);
                        } else {
                            json.writeString(v.toString());
                        }
                    }
                    json.writeEndObject();
                }
                default -> buffered.add(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csv(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public void close() {
        try {
            if (format == Format.JSON) {
                json.writeEndArray();
                json.flush();
                out.println();
            } else if (format == Format.TABLE) {
                int[] width = new int[columns.size()];
                for (int i = 0; i < width.length; i++) {
                    width[i] = columns.get(i).length();
                }
                for (Object[] r : buffered) {
                    for (int i = 0; i < r.length; i++) {
                        width[i] = Math.max(width[i], text(r[i]).length());
                    }
                }
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < width.length; i++) {
                    b.append(String.format(Locale.ROOT, "%-" + width[i] + "s  ", columns.get(i)));
                }
                out.println(b.toString().stripTrailing());
                for (Object[] r : buffered) {
                    b.setLength(0);
                    for (int i = 0; i < r.length; i++) {
                        String t = text(r[i]);
                        b.append(
                                r[i] instanceof Number
                                        ? String.format(Locale.ROOT, "%" + width[i] + "s  ", t)
                                        : String.format(Locale.ROOT, "%-" + width[i] + "s  ", t));
                    }
                    out.println(b.toString().stripTrailing());
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Object v) {
        return v == null ? "" : v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString();
    }
}
