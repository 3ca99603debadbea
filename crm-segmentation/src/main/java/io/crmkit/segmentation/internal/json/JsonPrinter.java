package io.crmkit.segmentation.internal.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes JSON in the one layout {@code docs/segment-json.md} fixes: two spaces of indent per level,
 * one member or item per line, {@code "name": value}, {@code {}} and {@code []} when empty, a line
 * feed at the end. Strings escape only {@code "}, {@code \}, control characters and unpaired
 * surrogates; all other characters (Chinese text, emoji) are written as they are.
 */
public final class JsonPrinter {
    private final StringBuilder out = new StringBuilder(256);
    /** For each open object or array: true once it has a member or item. */
    private final Deque<Boolean> open = new ArrayDeque<>();

    private boolean afterName;

    /** @return this printer, after an object was opened */
    public JsonPrinter beginObject() {
        beforeValue();
        out.append('{');
        open.push(false);
        return this;
    }

    /** @return this printer, after the innermost object was closed */
    public JsonPrinter endObject() {
        return close('}');
    }

    /** @return this printer, after an array was opened */
    public JsonPrinter beginArray() {
        beforeValue();
        out.append('[');
        open.push(false);
        return this;
    }

    /** @return this printer, after the innermost array was closed */
    public JsonPrinter endArray() {
        return close(']');
    }

    /**
     * @param name the name of the next member
     * @return this printer
     */
    public JsonPrinter name(String name) {
        newElement();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    /**
     * @param value a string
     * @return this printer
     */
    public JsonPrinter value(String value) {
        beforeValue();
        string(value);
        return this;
    }

    /**
     * @param value an integer
     * @return this printer
     */
    public JsonPrinter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /**
     * @param value a boolean
     * @return this printer
     */
    public JsonPrinter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /**
     * @param value a decimal, written in plain notation
     * @return this printer
     */
    public JsonPrinter value(java.math.BigDecimal value) {
        beforeValue();
        out.append(value.toPlainString());
        return this;
    }

    /** @return the document, ending with a line feed */
    public String finish() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed object or array");
        }
        return out.append('\n').toString();
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
        } else if (!open.isEmpty()) {
            newElement();
        }
    }

    private void newElement() {
        if (open.pop()) {
            out.append(',');
        }
        open.push(true);
        indent(open.size());
    }

    private JsonPrinter close(char c) {
        boolean any = open.pop();
        if (any) {
            indent(open.size());
        }
        out.append(c);
        return this;
    }

    private void indent(int level) {
        out.append('\n');
        for (int i = 0; i < level; i++) {
            out.append("  ");
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        hex(c);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            hex(c);
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        hex(c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void hex(char c) {
        out.append("\\u");
        String h = Integer.toHexString(c);
        for (int k = h.length(); k < 4; k++) {
            out.append('0');
        }
        out.append(h);
    }
}
