package io.crmkit.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Re-emits a CSV table (RFC 4180, header line) as JSON or an aligned table through {@link Output},
 * for commands whose native output is CSV. Cells that are plain decimal numbers become numbers.
 */
final class Reformat {
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");

    private Reformat() {}

    /**
     * @param csv the table, header first
     * @param format csv, json or table
     * @param out where to write
     */
    static void write(String csv, String format, PrintWriter out) {
        if (format.equals("csv")) {
            out.print(csv);
            out.flush();
            return;
        }
        List<List<String>> rows = parse(csv);
        if (rows.isEmpty()) {
            return;
        }
        try (Output o = new Output(format, out, rows.get(0))) {
            for (List<String> r : rows.subList(1, rows.size())) {
                Object[] cells = new Object[r.size()];
                for (int i = 0; i < cells.length; i++) {
                    String c = r.get(i);
                    cells[i] = NUMBER.matcher(c).matches() ? new BigDecimal(c) : c;
                }
                o.row(cells);
            }
        }
    }

    static List<List<String>> parse(String csv) {
        List<List<String>> out = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                out.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            out.add(row);
        }
        return out;
    }
}
