package io.crmkit.io.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Finds columns by name: exactly, else ignoring case, surrounding spaces and a byte-order mark. */
public final class Header {
    private final List<String> names;
    private final Map<String, Integer> exact = new HashMap<>();
    private final Map<String, Integer> loose = new HashMap<>();

    public Header(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) {
            exact.putIfAbsent(names.get(i), i);
            loose.putIfAbsent(loose(names.get(i)), i);
        }
    }

    static String loose(String s) {
        return s.replace("\ufeff", "").strip().toLowerCase(Locale.ROOT);
    }

    /** @return the index of the column, or -1 */
    public int indexOf(String name) {
        Integer i = exact.get(name);
        if (i == null) {
            i = loose.get(loose(name));
        }
        return i == null ? -1 : i;
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return i >= 0 && i < names.size() ? names.get(i) : "column " + (i + 1);
    }

    /** @return the cell, or "" when the row is shorter or the column absent */
    public static String cell(Row row, int index) {
        return index >= 0 && index < row.cells.length ? row.cells[index] : "";
    }
}
