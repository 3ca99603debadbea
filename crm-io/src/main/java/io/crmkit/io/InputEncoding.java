package io.crmkit.io;

/**
 * The character encoding of an input file.
 *
 * <pre>{@code
 * Importer.into(crm).encoding(InputEncoding.BIG5).build();
 * }</pre>
 */
public enum InputEncoding {
    /**
     * Detect: a byte-order mark selects UTF-8 or UTF-16; without one, the first 64 KiB are tried as
     * UTF-8, then as Big5 (CP950), and the first that decodes without error wins; if neither does,
     * UTF-8.
     */
    AUTO,
    /** UTF-8, with or without a byte-order mark. */
    UTF_8,
    /** UTF-16; the byte-order mark selects the byte order (big-endian without one). */
    UTF_16,
    /** Big5 as Windows writes it (CP950, a superset of Big5), common in Taiwanese Excel exports. */
    BIG5
}
