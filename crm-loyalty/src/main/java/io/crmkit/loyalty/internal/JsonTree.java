package io.crmkit.loyalty.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.crmkit.core.InvalidValueException;
import io.crmkit.loyalty.LoyaltyJsonException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A JSON tree that keeps each value's path, line and column, read with Jackson's streaming parser. */
public final class JsonTree {
    /** The deepest nesting read. */
    public static final int MAX_DEPTH = 16;

    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * One value: a {@code Map<String, Node>}, {@code List<Node>}, String, BigDecimal, Boolean or null.
     *
     * @param value the value
     * @param path its JSON path
     * @param line 1-based line
     * @param column 1-based column
     */
    public record Node(@Nullable Object value, String path, int line, int column) {
        /**
         * @param reason what is wrong
         * @return an exception naming this value's place
         */
        public LoyaltyJsonException error(String reason) {
            return new LoyaltyJsonException(path, line, column, reason);
        }

        /**
         * @param allowed the allowed field names
         * @return the fields, after checking there is no other
         */
        @SuppressWarnings("unchecked")
        public Map<String, Node> object(Set<String> allowed) {
            if (!(value instanceof Map<?, ?> m)) {
                throw error("must be an object");
            }
            for (Map.Entry<String, Node> e : ((Map<String, Node>) m).entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    throw e.getValue().error("unknown field \"" + e.getKey() + "\"; allowed: " + allowed);
                }
            }
            return (Map<String, Node>) m;
        }

        /** @return the items of an array */
        @SuppressWarnings("unchecked")
        public List<Node> array() {
            if (!(value instanceof List<?> l)) {
                throw error("must be an array");
            }
            return (List<Node>) l;
        }

        /** @return the text */
        public String text() {
            if (!(value instanceof String s)) {
                throw error("must be a string");
            }
            return s;
        }

        /**
         * @param min smallest allowed
         * @param max largest allowed
         * @return the whole number
         */
        public long integer(long min, long max) {
            if (!(value instanceof BigDecimal d)) {
                throw error("must be a number");
            }
            long v;
            try {
                v = d.longValueExact();
            } catch (ArithmeticException e) {
                throw error("must be a whole number from " + min + " to " + max + ", was " + d);
            }
            if (v < min || v > max) {
                throw error("must be from " + min + " to " + max + ", was " + v);
            }
            return v;
        }

        /**
         * Runs a conversion, turning a domain validation failure into an error at this value.
         *
         * @param <T> the result type
         * @param convert the conversion
         * @return its result
         */
        public <T> T as(Convert<T> convert) {
            try {
                return convert.run();
            } catch (InvalidValueException | java.time.DateTimeException | IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }
    }

    /** @param <T> the result */
    @FunctionalInterface
    public interface Convert<T> {
        /** @return the converted value */
        T run();
    }

    private JsonTree() {}

    /**
     * @param text a JSON document
     * @return its root
     * @throws LoyaltyJsonException if it is not well-formed, too deep, has repeated keys or trailing content
     */
    public static Node parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new LoyaltyJsonException("$", 1, 1, "the document is empty");
            }
            Node root = read(p, "$", 0);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new LoyaltyJsonException("$", l.getLineNr(), l.getColumnNr(), "content after the document's end");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new LoyaltyJsonException(
                    "$",
                    l == null ? 0 : l.getLineNr(),
                    l == null ? 0 : l.getColumnNr(),
                    "not well-formed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LoyaltyJsonException("$", 0, 0, "unreadable: " + e.getMessage());
        }
    }

    private static Node read(JsonParser p, String path, int depth) throws IOException {
        JsonLocation l = p.currentTokenLocation();
        int line = l.getLineNr();
        int col = l.getColumnNr();
        if (depth > MAX_DEPTH) {
            throw new LoyaltyJsonException(path, line, col, "nested deeper than " + MAX_DEPTH);
        }
        switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, Node> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonLocation fl = p.currentTokenLocation();
                    p.nextToken();
                    String child = path + "." + name;
                    if (m.containsKey(name)) {
                        throw new LoyaltyJsonException(child, fl.getLineNr(), fl.getColumnNr(), "repeated field");
                    }
                    m.put(name, read(p, child, depth + 1));
                }
                return new Node(m, path, line, col);
            }
            case START_ARRAY -> {
                List<Node> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(p, path + "[" + list.size() + "]", depth + 1));
                }
                return new Node(list, path, line, col);
            }
            case VALUE_STRING -> {
                return new Node(p.getText(), path, line, col);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Node(p.getDecimalValue(), path, line, col);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Node(p.getBooleanValue(), path, line, col);
            }
            case VALUE_NULL -> {
                return new Node(null, path, line, col);
            }
            default -> throw new LoyaltyJsonException(path, line, col, "unexpected " + p.currentToken());
        }
    }
}
