package io.crmkit.automation.internal.json;

import io.crmkit.core.InvalidValueException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes JSON in the one layout of {@code docs/journey-json.md}, which is the layout of
 * crm-segmentation's JSON: two spaces of indent per level, one member or item per line, {@code
 * "name": value}, {@code {}} and {@code []} when empty, a line feed at the end. Strings escape only
 * {@code "}, {@code \}, control characters and unpaired surrogates.
 */
final class Printer {
    private final StringBuilder out = new StringBuilder(512);
    /** For each open object or array: true once it has a member or item. */
    private final Deque<Boolean> open = new ArrayDeque<>();

    private boolean afterName;

    Printer beginObject() {
        beforeValue();
        out.append('{');
        open.push(false);
        return this;
    }

    Printer endObject() {
        return close('}');
    }

    Printer beginArray() {
        beforeValue();
        out.append('[');
        open.push(false);
        return this;
    }

    Printer endArray() {
        return close(']');
    }

    /**
     * @param name a member name
     * @throws InvalidValueException if it has an unpaired surrogate: no JSON reader could read it
     *     back as the same name
     */
    Printer name(String name) {
        if (!JsonTree.wellFormed(name)) {
            throw new InvalidValueException(
                    "name", "\"" + name + "\" has an unpaired surrogate and cannot be a JSON member name");
        }
        newElement();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    Printer value(String value) {
        beforeValue();
        string(value);
        return this;
    }

    Printer value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    Printer value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** A JSON number written as given (already valid JSON number text). */
    Printer number(String text) {
        beforeValue();
        out.append(text);
        return this;
    }

    /**
     * Embeds a JSON value written in the same layout at indent level 0 (e.g. by {@code
     * SegmentJson.toJson(Condition)}), re-indented to the current level.
     *
     * @param json the value's text; a final line feed is dropped
     */
    Printer embed(String json) {
        beforeValue();
        String body = json.endsWith("\n") ? json.substring(0, json.length() - 1) : json;
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < open.size(); i++) {
            pad.append("  ");
        }
        // JSON text has no raw line feed inside strings, so every line feed is layout
        out.append(body.replace("\n", "\n" + pad));
        return this;
    }

    /** @return the document, ending with a line feed */
    String finish() {
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

    private Printer close(char c) {
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
