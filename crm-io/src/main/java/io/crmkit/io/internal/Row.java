package io.crmkit.io.internal;

import org.jspecify.annotations.Nullable;

/**
 * One record of an input: its number (1-based, without the header), the line it starts on, its
 * cells, and, when the record could not be read as a record at all, the reason.
 */
public final class Row {
    public final long number;
    public final long line;
    public final String[] cells;
    public final @Nullable String error;

    public Row(long number, long line, String[] cells, @Nullable String error) {
        this.number = number;
        this.line = line;
        this.cells = cells;
        this.error = error;
    }
}
