package io.crmkit.segmentation;

import io.crmkit.core.CrmException;
import io.crmkit.core.InvalidValueException;
import io.crmkit.segmentation.internal.json.Node;
import io.crmkit.segmentation.internal.json.SegmentJsonReader;
import io.crmkit.segmentation.internal.json.SegmentJsonWriter;
import io.crmkit.segmentation.internal.json.TreeReader;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * The JSON form of segment definitions, for hosts that store what their marketers click together.
 * The format is versioned ({@code "crmkit": "segment/1"}, {@code "catalog/1"}), written in one
 * fixed layout (deterministic member order, two-space indent, UTF-8 text as is) and fully described
 * in {@code docs/segment-json.md}. Reading gives back what was written: {@code
 * fromJson(toJson(s)).equals(s)} for every segment, condition and catalogue.
 *
 * <pre>{@code
 * Segment lapsedVip = Segment.of("lapsed-vip", "Lapsed VIPs",
 *         Where.spend(Window.lastDays(365)).atLeast(Money.of(10_000, twd))
 *                 .and(Where.daysSinceLastPurchase().moreThan(90)));
 * String json = SegmentJson.toJson(lapsedVip);  // "crmkit": "segment/1", "id": "lapsed-vip", ...
 * Segment back = SegmentJson.fromJson(json);   // equals lapsedVip
 * }</pre>
 *
 * <p>Reading is strict: malformed JSON, an unknown format version, an unknown or repeated field, a
 * value of the wrong JSON type, an unknown enum value, an out-of-range number, bad money or date
 * text, an invalid id, and for catalogues a repeated segment id, an unknown segment reference or a
 * cycle all fail with a {@link SegmentJsonException} whose message names the JSON path, the line and
 * column, and the reason. Readers and streams are read to the end of the document and not closed; a
 * failing reader's {@link java.io.IOException} comes back as an {@link UncheckedIOException}.
 * Conditions may nest at most {@value #MAX_CONDITION_DEPTH} levels deep, JSON documents at most 1000
 * objects and arrays deep.
 */
public final class SegmentJson {
    /** The format version of a segment document. */
    public static final String SEGMENT_FORMAT = "segment/1";

    /** The format version of a catalogue document. */
    public static final String CATALOG_FORMAT = "catalog/1";

    /**
     * The deepest nesting of conditions the JSON form holds: a leaf alone is depth 1, {@code
     * not(leaf)} depth 2. Deeper conditions are refused when written and when read, so that neither
     * can overflow the stack.
     */
    public static final int MAX_CONDITION_DEPTH = SegmentJsonReader.MAX_CONDITION_DEPTH;

    private SegmentJson() {}

    // ---- writing ------------------------------------------------------------------------------

    /**
     * @param segment a segment
     * @return its {@code segment/1} document, ending with a line feed
     * @throws InvalidValueException if its condition nests more than {@value #MAX_CONDITION_DEPTH}
     *     levels deep
     */
    public static String toJson(Segment segment) {
        return SegmentJsonWriter.segment(required(segment, "segment"));
    }

    /**
     * Writes a condition on its own, as the condition node of the format (with no version of its
     * own; it is the grammar of {@code segment/1}), e.g. to embed it in a host's own documents.
     *
     * @param condition a condition
     * @return its JSON, ending with a line feed
     * @throws InvalidValueException if it nests more than {@value #MAX_CONDITION_DEPTH} levels deep
     */
    public static String toJson(Condition condition) {
        return SegmentJsonWriter.condition(required(condition, "condition"));
    }

    /**
     * Writes the segments of a catalogue, in the catalogue's order. Custom predicates are code, not
     * data: they are not written, and must be passed again to {@link #catalogFromJson(String,
     * CustomPredicate...)}.
     *
     * @param catalog a catalogue
     * @return its {@code catalog/1} document, ending with a line feed
     * @throws InvalidValueException if a condition nests more than {@value #MAX_CONDITION_DEPTH}
     *     levels deep
     */
    public static String toJson(SegmentCatalog catalog) {
        return SegmentJsonWriter.catalog(required(catalog, "catalog").segments());
    }

    // ---- segments -----------------------------------------------------------------------------

    /**
     * @param json a {@code segment/1} document
     * @return the segment
     * @throws SegmentJsonException if the document is not a valid segment
     */
    public static Segment fromJson(String json) {
        return SegmentJsonReader.segment(TreeReader.read(required(json, "json")));
    }

    /**
     * @param json a {@code segment/1} document; not closed
     * @return the segment
     * @throws SegmentJsonException if the document is not a valid segment
     * @throws UncheckedIOException if the reader fails
     */
    public static Segment fromJson(Reader json) {
        return SegmentJsonReader.segment(TreeReader.read(required(json, "json")));
    }

    /**
     * @param json a {@code segment/1} document in UTF-8 (a byte order mark is skipped); not closed
     * @return the segment
     * @throws SegmentJsonException if the document is not a valid segment or not UTF-8
     * @throws UncheckedIOException if the stream fails
     */
    public static Segment fromJson(InputStream json) {
        return SegmentJsonReader.segment(TreeReader.read(required(json, "json")));
    }

    // ---- conditions ---------------------------------------------------------------------------

    /**
     * @param json a condition node as written by {@link #toJson(Condition)}
     * @return the condition
     * @throws SegmentJsonException if the document is not a valid condition
     */
    public static Condition conditionFromJson(String json) {
        return SegmentJsonReader.condition(TreeReader.read(required(json, "json")));
    }

    /**
     * @param json a condition node; not closed
     * @return the condition
     * @throws SegmentJsonException if the document is not a valid condition
     * @throws UncheckedIOException if the reader fails
     */
    public static Condition conditionFromJson(Reader json) {
        return SegmentJsonReader.condition(TreeReader.read(required(json, "json")));
    }

    /**
     * @param json a condition node in UTF-8; not closed
     * @return the condition
     * @throws SegmentJsonException if the document is not a valid condition or not UTF-8
     * @throws UncheckedIOException if the stream fails
     */
    public static Condition conditionFromJson(InputStream json) {
        return SegmentJsonReader.condition(TreeReader.read(required(json, "json")));
    }

    /**
     * Reads a condition embedded in a host's own JSON document (a journey's branch condition, a
     * saved filter), so that an error in it names the path, line and column <em>in that
     * document</em>, not in the condition's own text. The host's reader, which knows where the
     * condition stands, passes its text exactly as it stands in the document (from its first
     * character, {@code {}, to its last, {@code }}) with the path and position of its first
     * character. Only that text is read, so a document with many conditions is read in linear time.
     *
     * <pre>{@code
     * // the document has {"steps": [..., {"id": "vip?", "condition": {"type": "tagged", "tag": 7}}]}
     * SegmentJson.conditionFromJson(text.substring(start, end), "$.steps[3].condition", 12, 20);
     * // SegmentJsonException: $.steps[3].condition.tag (line 12, column 46): expected a string, found an integer
     * }</pre>
     *
     * @param json the condition's text as it stands in the enclosing document
     * @param path the JSON path of the condition in the enclosing document, starting with {@code $},
     *     e.g. {@code $.steps[3].condition}
     * @param line the 1-based line of the condition's first character in the enclosing document
     * @param column the 1-based column (in characters, as Jackson counts them) of that character
     * @return the condition
     * @throws SegmentJsonException if the text is not a valid condition; its path, line and column
     *     are those of the enclosing document
     * @throws InvalidValueException if the path does not start with {@code $} or the line or column
     *     is not positive
     */
    public static Condition conditionFromJson(String json, String path, int line, int column) {
        required(json, "json");
        if (required(path, "path").isEmpty() || path.charAt(0) != '$') {
            throw new InvalidValueException("path", "\"" + path + "\" is not a JSON path starting with $");
        }
        if (line < 1 || column < 1) {
            throw new InvalidValueException(
                    "line, column", "must be 1 or more, not line " + line + ", column " + column);
        }
        return SegmentJsonReader.condition(
                TreeReader.read(new java.io.StringReader(json), new TreeReader.Origin(path, line, column)));
    }

    // ---- catalogues ---------------------------------------------------------------------------

    /**
     * Reads a catalogue's segments and builds a {@link SegmentCatalog} of them and the given
     * predicates, which checks every reference.
     *
     * <pre>{@code
     * SegmentCatalog catalog = SegmentJson.catalogFromJson(Files.readString(path), storeVipPredicate);
     * }</pre>
     *
     * @param json a {@code catalog/1} document
     * @param predicates the custom predicates the segments may name
     * @return the catalogue
     * @throws SegmentJsonException if the document is not a valid catalogue, two segments have one
     *     id, a segment names an unknown segment or predicate, segments refer to each other in a
     *     cycle, or a predicate rejects its parameters
     * @throws InvalidValueException if two predicates have one name
     */
    public static SegmentCatalog catalogFromJson(String json, CustomPredicate... predicates) {
        return catalog(TreeReader.read(required(json, "json")), predicates);
    }

    /**
     * @param json a {@code catalog/1} document; not closed
     * @param predicates the custom predicates the segments may name
     * @return the catalogue
     * @throws SegmentJsonException as {@link #catalogFromJson(String, CustomPredicate...)}
     * @throws UncheckedIOException if the reader fails
     */
    public static SegmentCatalog catalogFromJson(Reader json, CustomPredicate... predicates) {
        return catalog(TreeReader.read(required(json, "json")), predicates);
    }

    /**
     * @param json a {@code catalog/1} document in UTF-8; not closed
     * @param predicates the custom predicates the segments may name
     * @return the catalogue
     * @throws SegmentJsonException as {@link #catalogFromJson(String, CustomPredicate...)}, or if
     *     the bytes are not UTF-8
     * @throws UncheckedIOException if the stream fails
     */
    public static SegmentCatalog catalogFromJson(InputStream json, CustomPredicate... predicates) {
        return catalog(TreeReader.read(required(json, "json")), predicates);
    }

    private static SegmentCatalog catalog(Node root, CustomPredicate... predicates) {
        SegmentJsonReader.CatalogSegments read = SegmentJsonReader.catalog(root);
        SegmentCatalog.Builder b = SegmentCatalog.builder();
        for (CustomPredicate p : required(predicates, "predicates")) {
            b.predicate(p);
        }
        for (Segment s : read.segments()) {
            b.segment(s);
        }
        return b.build((SegmentId id, CrmException e) -> {
            Node n = read.nodes().get(id);
            return new SegmentJsonException(n.path(), n.line(), n.column(), e.getMessage(), e);
        });
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new InvalidValueException(name, "is required");
        }
        return value;
    }
}
