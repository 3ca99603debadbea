package io.crmkit.segmentation.internal.json;

import io.crmkit.segmentation.SegmentJsonException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A JSON value that remembers where it was read: its JSON path and the line and column of its first
 * character. Objects keep their fields in document order and never hold a name twice.
 */
public final class Node {
    /** The JSON types, as named in messages. */
    public enum Kind {
        /** {@code {...}}. */
        OBJECT("an object"),
        /** {@code [...]}. */
        ARRAY("an array"),
        /** {@code "..."}. */
        STRING("a string"),
        /** A number without fraction or exponent. */
        INTEGER("an integer"),
        /** A number with a fraction or an exponent. */
        FRACTION("a number with a fraction or exponent"),
        /** {@code true} or {@code false}. */
        BOOLEAN("a boolean"),
        /** {@code null}. */
        NULL("null");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** @return "an object", "a string", ... */
        public String description() {
            return description;
        }
    }

    /**
     * A field of an object, with the position of its name.
     *
     * @param name the field name
     * @param line the line of the name
     * @param column the column of the name
     * @param value the value
     */
    public record Field(String name, int line, int column, Node value) {}

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Kind kind;
    private final String path;
    private final int line;
    private final int column;
    private final String text;
    private final Map<String, Field> fields;
    private final List<Node> items;

    private Node(
            Kind kind, String path, int line, int column, String text, Map<String, Field> fields, List<Node> items) {
        this.kind = kind;
        this.path = path;
        this.line = line;
        this.column = column;
        this.text = text;
        this.fields = fields;
        this.items = items;
    }

    static Node scalar(Kind kind, String path, int line, int column, String text) {
        return new Node(kind, path, line, column, text, Map.of(), List.of());
    }

    static Node object(String path, int line, int column, LinkedHashMap<String, Field> fields) {
        return new Node(Kind.OBJECT, path, line, column, "", Collections.unmodifiableMap(fields), List.of());
    }

    static Node array(String path, int line, int column, ArrayList<Node> items) {
        return new Node(Kind.ARRAY, path, line, column, "", Map.of(), Collections.unmodifiableList(items));
    }

    /** @return the JSON type */
    public Kind kind() {
        return kind;
    }

    /** @return the JSON path, e.g. {@code $.condition.of[2]} */
    public String path() {
        return path;
    }

    /** @return the 1-based line, 0 if unknown */
    public int line() {
        return line;
    }

    /** @return the 1-based column, 0 if unknown */
    public int column() {
        return column;
    }

    /** @return the text of a string, the literal of a number or boolean; empty otherwise */
    public String text() {
        return text;
    }

    /** @return an object's fields in document order; empty otherwise */
    public Map<String, Field> fields() {
        return fields;
    }

    /** @return an array's items; empty otherwise */
    public List<Node> items() {
        return items;
    }

    /**
     * @param name a field name
     * @return the field's value, or null
     */
    public @Nullable Node get(String name) {
        Field f = fields.get(name);
        return f == null ? null : f.value();
    }

    /**
     * @param reason what is wrong
     * @return an exception that points at this value
     */
    public SegmentJsonException error(String reason) {
        return new SegmentJsonException(path, line, column, reason, null);
    }

    /**
     * @param reason what is wrong
     * @param cause the underlying failure
     * @return an exception that points at this value
     */
    public SegmentJsonException error(String reason, Throwable cause) {
        return new SegmentJsonException(path, line, column, reason, cause);
    }

    /**
     * @param parent an object or array path
     * @param name a field name
     * @return the path of the field: {@code parent.name}, or {@code parent['odd name']} for names
     *     that are not plain identifiers
     */
    public static String child(String parent, String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return parent + "." + name;
        }
        StringBuilder b = new StringBuilder(parent).append("['");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\'' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append("']").toString();
    }

    /**
     * @param s a string
     * @return true if it has no unpaired surrogate, i.e. is valid Unicode text
     */
    public static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param parent an array path
     * @param index an index
     * @return {@code parent[index]}
     */
    public static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
