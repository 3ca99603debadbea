package io.crmkit.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.crmkit.core.Member;
import io.crmkit.io.internal.CanonicalCells;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;

/**
 * The JSON form of a member: one object whose keys are the columns of the canonical {@code
 * members.csv} (docs/canonical-csv.md) and whose values are its cells, {@code null} for an empty
 * cell. Members written as JSON Lines this way import back with the {@code canonical-members}
 * preset, unchanged.
 *
 * <pre>{@code
 * try (Writer w = Files.newBufferedWriter(Path.of("members.jsonl"))) {
 *     MemberJson.writeLines(crm.members().stream().iterator(), w);
 * }
 * }</pre>
 */
public final class MemberJson {
    private static final JsonFactory JSON = new JsonFactory();

    private MemberJson() {}

    /**
     * @param member a member
     * @return its JSON form on one line
     */
    public static String toJson(Member member) {
        StringWriter w = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            write(member, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /**
     * Writes members as JSON Lines, streaming.
     *
     * @param members the members
     * @param out where to write; flushed, not closed
     * @return how many members were written
     * @throws UncheckedIOException if writing fails
     */
    public static long writeLines(Iterator<Member> members, Writer out) {
        long n = 0;
        try {
            JsonGenerator g = JSON.createGenerator(out);
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setRootValueSeparator(null);
            while (members.hasNext()) {
                write(members.next(), g);
                g.flush();
                out.write('\n');
                n++;
            }
            g.close();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private static void write(Member m, JsonGenerator g) throws IOException {
        List<String> columns = CanonicalCells.memberColumns();
        List<String> cells = CanonicalCells.member(m);
        g.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            String v = cells.get(i);
            if (v == null) {
                g.writeNullField(columns.get(i));
            } else {
                g.writeStringField(columns.get(i), v);
            }
        }
        g.writeEndObject();
    }
}
