package io.crmkit.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.crmkit.core.Member;
import io.crmkit.io.internal.CanonicalCells;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes members (a segment's, or any set) as CSV or JSON Lines with the chosen fields, streaming:
 * one member at a time, in constant memory. Fields are the columns of the canonical {@code
 * members.csv} and hold the same cells (docs/canonical-csv.md). In CSV, a cell that starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading {@code '}, so
 * that a spreadsheet shows it as text instead of running it as a formula (CSV injection); E.164
 * phones therefore read {@code '+886912345678}.
 *
 * <pre>{@code
 * MemberExport export = MemberExport.csv("member_id", "name", "email", "phone", "tags");
 * try (Writer w = Files.newBufferedWriter(Path.of("vip.csv"))) {
 *     export.write(crm.members().findAll(vipIds).iterator(), w);
 * }
 * }</pre>
 */
public final class MemberExport {
    private static final CsvFactory CSV = new CsvFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private final List<String> fields;
    private final int[] index;
    private final boolean json;
    private final boolean formulaSafe;

    private MemberExport(List<String> fields, boolean json, boolean formulaSafe) {
        List<String> known = CanonicalCells.memberColumns();
        if (fields.isEmpty()) {
            throw new ImportException("choose at least one field of " + known);
        }
        this.index = new int[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            int k = known.indexOf(fields.get(i));
            if (k < 0) {
                throw new ImportException("\"" + fields.get(i) + "\" is not a member field; the fields are " + known);
            }
            index[i] = k;
        }
        this.fields = List.copyOf(fields);
        this.json = json;
        this.formulaSafe = formulaSafe;
    }

    /**
     * @param fields columns of the canonical members.csv, in the order to write them
     * @return a CSV export with a header row, formula-safe
     * @throws ImportException if a field is not a member field
     */
    public static MemberExport csv(String... fields) {
        return new MemberExport(List.of(fields), false, true);
    }

    /**
     * @param fields columns of the canonical members.csv
     * @return a JSON Lines export: one object per member with these keys, null for empty
     * @throws ImportException if a field is not a member field
     */
    public static MemberExport jsonLines(String... fields) {
        return new MemberExport(List.of(fields), true, false);
    }

    /**
     * @return the same CSV export without the formula guard: for files read by programs only, never
     *     by a spreadsheet
     */
    public MemberExport withoutFormulaGuard() {
        return new MemberExport(fields, json, false);
    }

    /** @return every field an export can have */
    public static List<String> fields() {
        return CanonicalCells.memberColumns();
    }

    /**
     * Neutralises a cell for spreadsheets: a leading {@code '} before {@code = + - @}, tab or CR.
     *
     * @param cell a cell
     * @return the cell, safe to open in a spreadsheet
     */
    public static String formulaSafe(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            return "'" + cell;
        }
        return cell;
    }

    /**
     * @param members the members, read one at a time
     * @param out where to write; flushed, not closed
     * @return how many members were written
     * @throws UncheckedIOException if writing fails
     */
    public long write(Iterator<Member> members, Writer out) {
        long n = 0;
        try {
            if (json) {
                JsonGenerator g = JSON.createGenerator(out);
                g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                g.setRootValueSeparator(null);
                while (members.hasNext()) {
                    List<String> cells = CanonicalCells.member(members.next());
                    g.writeStartObject();
                    for (int i = 0; i < index.length; i++) {
                        String v = cells.get(index[i]);
                        if (v == null) {
                            g.writeNullField(fields.get(i));
                        } else {
                            g.writeStringField(fields.get(i), v);
                        }
                    }
                    g.writeEndObject();
                    g.flush();
                    out.write('\n');
                    n++;
                }
                g.close();
            } else {
                CsvGenerator g = CSV.createGenerator(out);
                g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                g.setSchema(CsvSchema.emptySchema().withLineSeparator("\n"));
                row(g, fields);
                List<String> line = new ArrayList<>(index.length);
                while (members.hasNext()) {
                    List<String> cells = CanonicalCells.member(members.next());
                    line.clear();
                    for (int k : index) {
                        String v = cells.get(k);
                        line.add(v == null ? "" : formulaSafe ? formulaSafe(v) : v);
                    }
                    row(g, line);
                    n++;
                }
                g.close();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private static void row(CsvGenerator g, List<String> cells) throws IOException {
        g.writeStartArray();
        for (String c : cells) {
            g.writeString(c);
        }
        g.writeEndArray();
    }
}
