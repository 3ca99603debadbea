package io.crmkit.io.internal;

import io.crmkit.io.InputEncoding;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Opens an input as text: finds the encoding (byte-order mark, the option, or detection) and
 * decodes with U+FFFD for bytes that are not valid in it, so that a bad byte costs one row, not the
 * file (rows with U+FFFD are rejected by the import loop).
 */
public final class Input {
    /** Big5 as Windows writes it; a superset of Big5. */
    public static final Charset CP950 = Charset.forName("x-windows-950");

    static final int SNIFF = 64 * 1024;

    private Input() {}

    /** The decoded text and the name of its character set. */
    public record Opened(Reader reader, Charset charset) {}

    public static Opened open(InputStream raw, InputEncoding encoding) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, SNIFF + 16);
        in.mark(SNIFF + 8);
        byte[] head = in.readNBytes(SNIFF);
        in.reset();
        Charset cs;
        int skip = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            if (encoding != InputEncoding.AUTO && encoding != InputEncoding.UTF_8) {
                throw new IOException("the file starts with a UTF-8 byte-order mark, but the encoding " + encoding
                        + " was asked for");
            }
            cs = StandardCharsets.UTF_8;
            skip = 3;
        } else if (head.length >= 2
                && (((head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)
                        || ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE))) {
            if (encoding != InputEncoding.AUTO && encoding != InputEncoding.UTF_16) {
                throw new IOException("the file starts with a UTF-16 byte-order mark, but the encoding " + encoding
                        + " was asked for");
            }
            cs = StandardCharsets.UTF_16; // reads and drops the mark, choosing the byte order
        } else {
            switch (encoding) {
                case UTF_8 -> cs = StandardCharsets.UTF_8;
                case UTF_16 -> cs = StandardCharsets.UTF_16;
                case BIG5 -> cs = CP950;
                default -> cs = detect(head, head.length < SNIFF);
            }
        }
        if (skip > 0) {
            in.skipNBytes(skip);
        }
        CharsetDecoder d = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new Opened(new InputStreamReader(in, d), cs);
    }

    /**
     * UTF-8 if the bytes decode as UTF-8, or nearly (at least ten valid non-ASCII characters for each
     * bad sequence: a UTF-8 file with a damaged byte stays UTF-8, and costs that row); else CP950 if
     * they decode as CP950; else UTF-8.
     */
    static Charset detect(byte[] head, boolean complete) {
        if (decodes(head, StandardCharsets.UTF_8, complete)) {
            return StandardCharsets.UTF_8;
        }
        String lenient = new String(head, StandardCharsets.UTF_8);
        long bad = lenient.chars().filter(c -> c == 0xFFFD).count();
        long good = lenient.chars().filter(c -> c > 0x7F && c != 0xFFFD).count();
        if (good >= 10 * bad) {
            return StandardCharsets.UTF_8;
        }
        if (decodes(head, CP950, complete)) {
            return CP950;
        }
        return StandardCharsets.UTF_8;
    }

    private static boolean decodes(byte[] bytes, Charset cs, boolean complete) {
        CharsetDecoder d = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 16);
        CoderResult r = d.decode(in, out, complete);
        if (r.isError()) {
            return false;
        }
        if (complete) {
            r = d.flush(out);
            return !r.isError();
        }
        return true; // an underflow at the end of the window is a character cut in two
    }

    /** For tests: decodes strictly, throwing on a bad byte. */
    static String strict(byte[] bytes, Charset cs) throws CharacterCodingException {
        return cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }
}
