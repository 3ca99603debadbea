package io.crmkit.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.crmkit.core.InvalidValueException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One table of a report, as data: the numbers behind a chart, written as {@code ID.csv} and {@code
 * ID.json}. Cells are {@link String}, {@link Long}, {@link Integer}, {@link Double} or {@link
 * BigDecimal} (money in the currency's major unit), never null; an absent value is the empty string.
 *
 * <pre>{@code
 * ReportTable t = report.table("rfm_segments").orElseThrow();
 * t.columns(); // [segment, members]
 * Files.writeString(dir.resolve(t.id() + ".csv"), t.toCsv());
 * }</pre>
 *
 * @param id the table's id, {@code [a-z0-9_]+}, unique in a report (the file name)
 * @param columns the column names, {@code [a-z0-9_]+}
 * @param rows the rows, each with one cell per column
 */
public record ReportTable(String id, List<String> columns, List<List<Object>> rows) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * @throws InvalidValueException if a name is not {@code [a-z0-9_]+}, a row has the wrong number of
     *     cells or a cell is null or of another type
     */
    public ReportTable {
        if (id == null || !NAME.matcher(id).matches()) {
            throw new InvalidValueException("table id", "must match [a-z0-9_]+, was " + id);
        }
        if (columns == null || columns.isEmpty()) {
            throw new InvalidValueException("table " + id + " columns", "are required");
        }
        columns = List.copyOf(columns);
        for (String c : columns) {
            if (!NAME.matcher(c).matches()) {
                throw new InvalidValueException("table " + id + " column", "must match [a-z0-9_]+, was " + c);
            }
        }
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            if (row.size() != columns.size()) {
                throw new InvalidValueException(
                        "table " + id + " row " + r, "has " + row.size() + " cells for " + columns.size() + " columns");
            }
            for (int c = 0; c < row.size(); c++) {
                Object v = row.get(c);
                if (!(v instanceof String
                        || v instanceof Long
                        || v instanceof Integer
                        || v instanceof Double
                        || v instanceof BigDecimal)) {
                    throw new InvalidValueException(
                            "table " + id + " row " + r + " column " + columns.get(c),
                            "must be a string or a number, was "
                                    + (v == null ? "null" : v.getClass().getName()));
                }
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    /**
     * @param column a column name
     * @return its index
     * @throws InvalidValueException if there is no such column
     */
    public int column(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new InvalidValueException(
                    "column", "table " + id + " has no column " + column + "; it has " + columns);
        }
        return i;
    }

    /**
     * @param value a cell
     * @return the cell as text, as in CSV: numbers in plain notation, doubles with up to 6 decimals
     */
    public static String text(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d)
                    .setScale(6, java.math.RoundingMode.HALF_EVEN)
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return value.toString();
    }

    /** @return RFC 4180 CSV with a header line, {@code \n} line ends, cells quoted when needed */
    public String toCsv() {
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", columns)).append('\n');
        for (List<Object> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                if (c > 0) {
                    b.append(',');
                }
                String s = text(row.get(c));
                if (row.get(c) instanceof String && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
                    s = "'" + s; // a spreadsheet must not run a cell as a formula
                }
                if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                    s = '"' + s.replace("\"", "\"\"") + '"';
                }
                b.append(s);
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** @return a JSON array with one object per row, keys in column order, numbers as JSON numbers */
    public String toJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (List<Object> row : rows) {
                g.writeStartObject();
                for (int c = 0; c < row.size(); c++) {
                    g.writeFieldName(columns.get(c));
                    Object v = row.get(c);
                    if (v instanceof String s) {
                        g.writeString(s);
                    } else if (v instanceof BigDecimal d) {
                        g.writeNumber(d);
                    } else if (v instanceof Double d) {
                        if (Double.isFinite(d)) {
                            g.writeNumber(new BigDecimal(text(d)));
                        } else {
                            g.writeNull();
                        }
                    } else {
                        g.writeNumber(((Number) v).longValue());
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString() + "\n";
    }
}
