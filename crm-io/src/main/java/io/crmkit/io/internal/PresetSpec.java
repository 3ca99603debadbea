package io.crmkit.io.internal;

import io.crmkit.io.ImportKind;
import java.util.List;

/**
 * A preset: its name, what it imports, the system its ids come from, the columns that recognise its header (each entry lists
 * alternative spellings, one of which must be present), whether cells are separated by runs of
 * spaces (the CDNOW log) rather than commas, the columns it reads (so that a JSON Lines file whose
 * first object lacks some keys still maps them), and how to bind a mapper to a header.
 */
public record PresetSpec(
        String name,
        ImportKind kind,
        String description,
        String source,
        List<List<String>> signature,
        boolean whitespace,
        List<String> columns,
        Factory factory) {
    /** Binds a mapper to a file's header. */
    public interface Factory {
        EntityMapper bind(Header header, Defaults defaults, String file);
    }

    public PresetSpec {
        signature = List.copyOf(signature);
        columns = List.copyOf(columns);
    }

    /** @return true if every signature entry is in the header */
    public boolean matches(List<String> names) {
        Header h = new Header(names);
        for (List<String> alternatives : signature) {
            boolean any = false;
            for (String a : alternatives) {
                if (h.has(a)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }
}
