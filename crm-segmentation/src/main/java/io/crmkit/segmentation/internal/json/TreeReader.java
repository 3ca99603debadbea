package io.crmkit.segmentation.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.crmkit.segmentation.SegmentJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads one JSON document into a {@link Node} tree with Jackson's streaming parser, keeping the path
 * and position of every value, without recursion. Everything that is not one well-formed JSON value (malformed text,
 * trailing content, a repeated field name, nesting deeper than {@value #MAX_DEPTH}, bytes that are
 * not UTF-8) fails with a {@link SegmentJsonException}; a failing {@link Reader} with an {@link
 * UncheckedIOException}.
 */
public final class TreeReader {
    /** The deepest nesting of JSON objects and arrays read. */
    public static final int MAX_DEPTH = 1000;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private final JsonParser parser;
    /** The path of the root value: {@code $}, or where an embedded value stands in its document. */
    private final String rootPath;
    /** The line of the root value's first character in its document (1 for a whole document). */
    private final int baseLine;
    /** The column of the root value's first character in its document (1 for a whole document). */
    private final int baseColumn;
    /** Where the parser is, for messages about malformed text. */
    private String where;

    private TreeReader(JsonParser parser, Origin origin) {
        this.parser = parser;
        this.rootPath = origin.path();
        this.baseLine = origin.line();
        this.baseColumn = origin.column();
        this.where = rootPath;
    }

    /**
     * Where the text read stands in its document: a whole document is at {@code $}, line 1, column 1;
     * an embedded value (e.g. a condition inside a journey document, passed as its own text) at its
     * path, line and column in the enclosing document, so that paths and positions of nodes and
     * errors are those of the enclosing document.
     *
     * @param path the JSON path of the value, starting with {@code $}
     * @param line the 1-based line of its first character
     * @param column the 1-based column of its first character
     */
    public record Origin(String path, int line, int column) {
        /** The origin of a whole document. */
        public static final Origin DOCUMENT = new Origin("$", 1, 1);
    }

    private int line(@Nullable JsonLocation l) {
        return line(baseLine, l);
    }

    private int column(@Nullable JsonLocation l) {
        return column(baseColumn, l);
    }

    /** @return the line in the enclosing document of a location in the text read, 0 if unknown */
    private static int line(int baseLine, @Nullable JsonLocation l) {
        return l == null || l.getLineNr() <= 0 ? 0 : baseLine + l.getLineNr() - 1;
    }

    /** @return the column in the enclosing document of a location in the text read, 0 if unknown */
    private static int column(int baseColumn, @Nullable JsonLocation l) {
        if (l == null || l.getColumnNr() <= 0) {
            return 0;
        }
        return l.getLineNr() == 1 ? baseColumn + l.getColumnNr() - 1 : l.getColumnNr();
    }

    /**
     * @param json the document
     * @return its root value
     */
    public static Node read(String json) {
        return read(new StringReader(json));
    }

    /**
     * @param json the document as UTF-8 bytes; a leading byte order mark is skipped; not closed
     * @return its root value
     */
    public static Node read(InputStream json) {
        return read(new InputStreamReader(
                json,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /**
     * @param json the document; a leading byte order mark is skipped; not closed
     * @return its root value
     */
    public static Node read(Reader json) {
        return read(json, Origin.DOCUMENT);
    }

    /**
     * @param json the text of one JSON value; a leading byte order mark is skipped; not closed
     * @param origin where that text stands in its document
     * @return its root value, with the paths and positions of the enclosing document
     */
    public static Node read(Reader json, Origin origin) {
        PushbackReader in = new PushbackReader(json, 1);
        TreeReader r = null;
        try {
            int first = in.read();
            if (first != -1 && first != '\uFEFF') {
                in.unread(first);
            }
            try (JsonParser p = FACTORY.createParser(in)) {
                r = new TreeReader(p, origin);
                return r.document();
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new SegmentJsonException(
                    r == null ? origin.path() : r.where,
                    line(origin.line(), l),
                    column(origin.column(), l),
                    (e instanceof StreamConstraintsException ? "document exceeds a limit: " : "malformed JSON: ")
                            + e.getOriginalMessage(),
                    e);
        } catch (CharacterCodingException e) {
            JsonLocation l = r == null ? null : r.parser.currentLocation();
            throw new SegmentJsonException(
                    r == null ? origin.path() : r.where,
                    line(origin.line(), l),
                    column(origin.column(), l),
                    "malformed JSON: the input is not valid UTF-8",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JSON document: " + e.getMessage(), e);
        }
    }

    /** An object or array being read. */
    private static final class Open {
        final String path;
        final int line;
        final int column;
        final @Nullable LinkedHashMap<String, Node.Field> fields;
        final @Nullable ArrayList<Node> items;
        String name = "";
        int nameLine;
        int nameColumn;

        Open(String path, int line, int column, boolean object) {
            this.path = path;
            this.line = line;
            this.column = column;
            this.fields = object ? new LinkedHashMap<>() : null;
            this.items = object ? null : new ArrayList<>();
        }

        void add(Node value) {
            if (fields != null) {
                fields.put(name, new Node.Field(name, nameLine, nameColumn, value));
            } else if (items != null) {
                items.add(value);
            }
        }

        Node close() {
            return fields != null
                    ? Node.object(path, line, column, fields)
                    : Node.array(path, line, column, items == null ? new ArrayList<>() : items);
        }
    }

    /** Reads the document without recursion, so that deep nesting cannot overflow the stack. */
    private Node document() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw new SegmentJsonException(rootPath, 0, 0, "malformed JSON: the document is empty", null);
        }
        Deque<Open> open = new ArrayDeque<>();
        Node root;
        while (true) {
            Open top = open.peek();
            Node done;
            if (top != null && top.fields != null && t == JsonToken.END_OBJECT
                    || top != null && top.items != null && t == JsonToken.END_ARRAY) {
                open.pop();
                done = top.close();
            } else {
                String path;
                if (top == null) {
                    path = rootPath;
                } else if (top.fields != null) {
                    if (t != JsonToken.FIELD_NAME) {
                        throw unexpected(t, top.path);
                    }
                    String name = parser.currentName();
                    JsonLocation nl = parser.currentTokenLocation();
                    path = Node.child(top.path, name);
                    if (!Node.wellFormed(name)) {
                        // Jackson accepts unpaired surrogates in names as raw characters but not as
                        // escapes, so such a name could not be written back: refuse both forms
                        throw new SegmentJsonException(
                                path,
                                line(nl),
                                column(nl),
                                "malformed JSON: a field name has an unpaired surrogate (not Unicode text)",
                                null);
                    }
                    if (top.fields.containsKey(name)) {
                        throw new SegmentJsonException(
                                path, line(nl), column(nl), "duplicate field \"" + name + "\"", null);
                    }
                    top.name = name;
                    top.nameLine = line(nl);
                    top.nameColumn = column(nl);
                    where = path;
                    t = parser.nextToken();
                } else {
                    path = Node.item(top.path, top.items == null ? 0 : top.items.size());
                }
                where = path;
                if (t == null) {
                    throw unexpected(null, path);
                }
                JsonLocation l = parser.currentTokenLocation();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    open.push(new Open(path, line(l), column(l), t == JsonToken.START_OBJECT));
                    t = parser.nextToken();
                    continue;
                }
                done = scalar(t, path, line(l), column(l));
            }
            Open parent = open.peek();
            if (parent == null) {
                root = done;
                break;
            }
            parent.add(done);
            where = parent.path;
            t = parser.nextToken();
        }
        where = this.rootPath;
        JsonToken after = parser.nextToken();
        if (after != null) {
            JsonLocation l = parser.currentTokenLocation();
            throw new SegmentJsonException(
                    this.rootPath,
                    line(l),
                    column(l),
                    "malformed JSON: unexpected content after the end of the document",
                    null);
        }
        return root;
    }

    private Node scalar(JsonToken t, String path, int line, int column) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return Node.scalar(Node.Kind.STRING, path, line, column, parser.getText());
            case VALUE_NUMBER_INT:
                return Node.scalar(Node.Kind.INTEGER, path, line, column, parser.getText());
            case VALUE_NUMBER_FLOAT:
                return Node.scalar(Node.Kind.FRACTION, path, line, column, parser.getText());
            case VALUE_TRUE:
                return Node.scalar(Node.Kind.BOOLEAN, path, line, column, "true");
            case VALUE_FALSE:
                return Node.scalar(Node.Kind.BOOLEAN, path, line, column, "false");
            case VALUE_NULL:
                return Node.scalar(Node.Kind.NULL, path, line, column, "null");
            default:
                throw unexpected(t, path);
        }
    }

    private SegmentJsonException unexpected(JsonToken t, String path) {
        JsonLocation l = parser.currentLocation();
        return new SegmentJsonException(
                path,
                line(l),
                column(l),
                "malformed JSON: unexpected " + (t == null ? "end of input" : t.asString()),
                null);
    }
}
