package io.crmkit.io.internal;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads an input record by record, in constant memory. */
public interface RecordReader extends Closeable {
    /** @return the column names: the header row, or for JSON Lines the keys seen so far */
    List<String> header();

    /**
     * @return the next record, or null at the end; a record that is not readable comes back with
     *     {@link Row#error} set
     * @throws IOException if the input cannot be read
     */
    @Nullable
    Row next() throws IOException;
}
