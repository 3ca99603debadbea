package io.crmkit.segmentation.internal.bulk;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An append-only dictionary from text to dense codes {@code 1..size()}; code 0 means "no value".
 * Open addressing without boxing. Append-only so that a later delta can extend a snapshot's
 * dictionaries without renumbering its columns.
 */
public final class StringDict {
    private @Nullable String[] table;
    private int[] codes;
    private String[] values;
    private int size;

    /** An empty dictionary. */
    public StringDict() {
        table = new String[16];
        codes = new int[16];
        values = new String[16];
    }

    /** @return a copy with the same codes, to be appended to without changing this one */
    StringDict copy() {
        StringDict c = new StringDict();
        c.table = table.clone();
        c.codes = codes.clone();
        c.values = values.clone();
        c.size = size;
        return c;
    }

    /**
     * @param s a text
     * @return its code, or 0 if it is not in the dictionary
     */
    public int code(String s) {
        int mask = table.length - 1;
        int i = mix(s.hashCode()) & mask;
        while (true) {
            String k = table[i];
            if (k == null) {
                return 0;
            }
            if (k.equals(s)) {
                return codes[i];
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * @param s a text
     * @return its code, adding it if new
     */
    public int add(String s) {
        int mask = table.length - 1;
        int i = mix(s.hashCode()) & mask;
        while (true) {
            String k = table[i];
            if (k == null) {
                break;
            }
            if (k.equals(s)) {
                return codes[i];
            }
            i = (i + 1) & mask;
        }
        size++;
        if (size >= values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size] = s;
        table[i] = s;
        codes[i] = size;
        if (size * 2 > table.length) {
            rehash();
        }
        return size;
    }

    /**
     * @param code a code {@code 1..size()}
     * @return its text
     */
    public String value(int code) {
        return values[code];
    }

    /** @return the number of entries; codes are {@code 1..size()} */
    public int size() {
        return size;
    }

    /** @return the approximate heap bytes of the dictionary (the texts counted at 2 bytes a char) */
    public long bytes() {
        long b = (long) table.length * 8 + codes.length * 4L + values.length * 4L;
        for (int i = 1; i <= size; i++) {
            b += 40 + 2L * values[i].length();
        }
        return b;
    }

    private void rehash() {
        String[] old = table;
        int[] oldCodes = codes;
        table = new String[old.length * 2];
        codes = new int[old.length * 2];
        int mask = table.length - 1;
        for (int j = 0; j < old.length; j++) {
            String k = old[j];
            if (k != null) {
                int i = mix(k.hashCode()) & mask;
                while (table[i] != null) {
                    i = (i + 1) & mask;
                }
                table[i] = k;
                codes[i] = oldCodes[j];
            }
        }
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
