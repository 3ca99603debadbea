package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import io.crmkit.segmentation.internal.json.Node;
import io.crmkit.segmentation.internal.json.TreeReader;
import io.crmkit.segmentation.internal.tier.TierJsonReader;
import io.crmkit.segmentation.internal.tier.TierJsonWriter;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The JSON form of tier programmes ({@code "crmkit": "tiers/1"}), for hosts that store what their
 * marketers configure. Written in one fixed layout and fully described in {@code docs/tiers.md};
 * {@code fromJson(toJson(p)).equals(p)} for every programme.
 *
 * <pre>{@code
 * String json = TierJson.toJson(program);   // "crmkit": "tiers/1", "currency": "TWD", ...
 * TierProgram back = TierJson.fromJson(json);  // equals program
 * }</pre>
 *
 * <p>Reading is strict: malformed JSON, another format version, an unknown or repeated field, a
 * value of the wrong JSON type, an unknown period or match, bad money or currency text, and every
 * setting that {@link TierProgram.Builder#build()} refuses fail with a {@link TierJsonException}
 * naming the JSON path, line, column and reason. Readers and streams are not closed; a failing
 * reader's {@link java.io.IOException} comes back as an {@link UncheckedIOException}.
 */
public final class TierJson {
    /** The format version of a tier programme document. */
    public static final String FORMAT = "tiers/1";

    private TierJson() {}

    /**
     * @param program a programme
     * @return its {@code tiers/1} document, ending with a line feed
     */
    public static String toJson(TierProgram program) {
        if (program == null) {
            throw new InvalidValueException("program", "is required");
        }
        return TierJsonWriter.write(program);
    }

    /**
     * @param json a {@code tiers/1} document
     * @return the programme
     * @throws TierJsonException if the document is not a valid programme
     */
    public static TierProgram fromJson(String json) {
        required(json);
        return TierJsonReader.read(tree(() -> TreeReader.read(json)));
    }

    /**
     * @param json a {@code tiers/1} document; not closed
     * @return the programme
     * @throws TierJsonException if the document is not a valid programme
     * @throws UncheckedIOException if the reader fails
     */
    public static TierProgram fromJson(Reader json) {
        required(json);
        return TierJsonReader.read(tree(() -> TreeReader.read(json)));
    }

    /**
     * @param json a {@code tiers/1} document in UTF-8 (a byte order mark is skipped); not closed
     * @return the programme
     * @throws TierJsonException if the document is not a valid programme or not UTF-8
     * @throws UncheckedIOException if the stream fails
     */
    public static TierProgram fromJson(InputStream json) {
        required(json);
        return TierJsonReader.read(tree(() -> TreeReader.read(json)));
    }

    private static void required(Object json) {
        if (json == null) {
            throw new InvalidValueException("json", "is required");
        }
    }

    /** Reads the tree, turning the shared reader's errors into this format's exception. */
    private static Node tree(Supplier<Node> read) {
        try {
            return read.get();
        } catch (TierJsonException e) {
            throw e;
        } catch (SegmentJsonException e) {
            throw new TierJsonException(
                    e.path(),
                    e.line().orElse(0),
                    e.column().orElse(0),
                    e.reason(),
                    e.getCause() == null ? e : e.getCause());
        }
    }
}
