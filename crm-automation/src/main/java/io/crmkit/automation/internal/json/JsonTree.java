package io.crmkit.automation.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.crmkit.automation.JourneyJsonException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One JSON document read into values that remember their JSON path, line, column and — for
 * objects and arrays — the range of characters they span in the document, so that an embedded
 * segment condition can be handed to {@code SegmentJson.conditionFromJson(text, path, line, column)}
 * as it stands. Objects never hold a name twice.
 */
public final class JsonTree {
    /** The deepest nesting of objects and arrays read (embedded conditions included). */
    public static final int MAX_DEPTH = 1000;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The JSON types, as messages name them. */
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
     * A value of the document.
     *
     * @param kind its JSON type
     * @param path its JSON path from the document's root
     * @param line the 1-based line of its first character
     * @param column the 1-based column of its first character
     * @param text a scalar's text (a string's value, a number as written); empty for containers
     * @param start the offset of its first character in the document
     * @param end the offset after its last character (objects and arrays only; else {@code start})
     * @param fields an object's fields in document order, keyed by name
     * @param items an array's items
     */
    public record Node(
            Kind kind,
            String path,
            int line,
            int column,
            String text,
            int start,
            int end,
            Map<String, Field> fields,
            List<Node> items) {

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
        public JourneyJsonException error(String reason) {
            return new JourneyJsonException(path, line, column, reason, null);
        }

        /**
         * @param reason what is wrong
         * @param cause the underlying failure
         * @return an exception that points at this value
         */
        public JourneyJsonException error(String reason, Throwable cause) {
            return new JourneyJsonException(path, line, column, reason, cause);
        }
    }

    /**
     * A field of an object, with the position of its name.
     *
     * @param name the name
     * @param line the line of the name
     * @param column the column of the name
     * @param value the value
     */
    public record Field(String name, int line, int column, Node value) {}

    private final JsonParser parser;
    private String where = "$";

    private JsonTree(JsonParser parser) {
        this.parser = parser;
    }

    /**
     * @param document the whole document (without a byte order mark)
     * @return its root value
     * @throws JourneyJsonException if it is not one well-formed JSON value
     */
    public static Node read(String document) {
        JsonTree t = null;
        try (JsonParser p = FACTORY.createParser(document)) {
            t = new JsonTree(p);
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new JourneyJsonException("$", 0, 0, "malformed JSON: the document is empty", null);
            }
            Node root = t.value(first, "$");
            t.where = "$";
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new JourneyJsonException(
                        "$",
                        l.getLineNr(),
                        l.getColumnNr(),
                        "malformed JSON: unexpected content after the end of the document",
                        null);
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new JourneyJsonException(
                    t == null ? "$" : t.where,
                    l == null ? 0 : l.getLineNr(),
                    l == null ? 0 : l.getColumnNr(),
                    (e instanceof StreamConstraintsException ? "document exceeds a limit: " : "malformed JSON: ")
                            + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            // a String source cannot fail to be read
            throw new IllegalStateException(e);
        }
    }

    /** Reads the value whose first token is {@code t}; nesting is bounded by {@link #MAX_DEPTH}. */
    private Node value(JsonToken t, String path) throws IOException {
        where = path;
        JsonLocation l = parser.currentTokenLocation();
        int line = l.getLineNr();
        int column = l.getColumnNr();
        int start = (int) l.getCharOffset();
        switch (t) {
            case START_OBJECT: {
                Map<String, Field> fields = new LinkedHashMap<>();
                JsonToken n;
                while ((n = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonLocation nl = parser.currentTokenLocation();
                    String p = child(path, name);
                    where = p;
                    if (!wellFormed(name)) {
                        throw new JourneyJsonException(
                                p,
                                nl.getLineNr(),
                                nl.getColumnNr(),
                                "malformed JSON: a field name has an unpaired surrogate (not Unicode text)",
                                null);
                    }
                    if (fields.containsKey(name)) {
                        throw new JourneyJsonException(
                                p, nl.getLineNr(), nl.getColumnNr(), "duplicate field \"" + name + "\"", null);
                    }
                    Node v = value(parser.nextToken(), p);
                    fields.put(name, new Field(name, nl.getLineNr(), nl.getColumnNr(), v));
                    where = path;
                }
                if (n != JsonToken.END_OBJECT) {
                    throw unexpectedEnd(path);
                }
                int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
                return new Node(
                        Kind.OBJECT,
                        path,
                        line,
                        column,
                        "",
                        start,
                        end,
                        Collections.unmodifiableMap(fields),
                        List.of());
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                JsonToken n;
                while ((n = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (n == null) {
                        throw unexpectedEnd(path);
                    }
                    items.add(value(n, path + "[" + items.size() + "]"));
                    where = path;
                }
                int end = (int) parser.currentTokenLocation().getCharOffset() + 1;
                return new Node(
                        Kind.ARRAY, path, line, column, "", start, end, Map.of(), Collections.unmodifiableList(items));
            }
            case VALUE_STRING:
                return scalar(Kind.STRING, path, line, column, start, parser.getText());
            case VALUE_NUMBER_INT:
                return scalar(Kind.INTEGER, path, line, column, start, parser.getText());
            case VALUE_NUMBER_FLOAT:
                return scalar(Kind.FRACTION, path, line, column, start, parser.getText());
            case VALUE_TRUE:
                return scalar(Kind.BOOLEAN, path, line, column, start, "true");
            case VALUE_FALSE:
                return scalar(Kind.BOOLEAN, path, line, column, start, "false");
            case VALUE_NULL:
                return scalar(Kind.NULL, path, line, column, start, "null");
            default:
                throw new JourneyJsonException(path, line, column, "malformed JSON: unexpected " + t.asString(), null);
        }
    }

    private JourneyJsonException unexpectedEnd(String path) {
        JsonLocation l = parser.currentLocation();
        return new JourneyJsonException(
                path, l.getLineNr(), l.getColumnNr(), "malformed JSON: unexpected end of input", null);
    }

    private static Node scalar(Kind kind, String path, int line, int column, int start, String text) {
        return new Node(kind, path, line, column, text, start, start, Map.of(), List.of());
    }

    /**
     * @param parent an object's path
     * @param name a field name
     * @return {@code parent.name}, or {@code parent['odd name']} for names that are not identifiers
     *     (as crm-segmentation writes paths)
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
     * @return true if it has no unpaired surrogate
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
}
