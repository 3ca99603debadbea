package io.crmkit.io.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads CSV record by record with Jackson's streaming {@link CsvParser}: RFC 4180 quoting, quoted
 * new lines, CRLF or LF. In whitespace mode (the CDNOW log) cells are separated by runs of spaces.
 * A record Jackson cannot read is returned with an error and reading goes on with the next record;
 * only when Jackson makes no progress after an error is the rest of the input that one record.
 */
public final class CsvRecordReader implements RecordReader {
    private static final CsvFactory FACTORY = CsvFactory.builder().build();

    private final CsvParser parser;
    private final boolean whitespace;
    private final List<String> header;
    private long number;
    private boolean done;
    private final ArrayList<String> cells = new ArrayList<>(64);

    public CsvRecordReader(Reader reader, boolean whitespace) throws IOException {
        this.whitespace = whitespace;
        this.parser = FACTORY.createParser(reader);
        parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        parser.setSchema(CsvSchema.emptySchema()
                .withColumnSeparator(whitespace ? ' ' : ',')
                .withQuoteChar('"')
                .withoutEscapeChar());
        Row first = read();
        if (first == null) {
            header = List.of();
            done = true;
        } else {
            if (first.error != null) {
                throw new IOException("line " + first.line + ": the header is not readable CSV: " + first.error);
            }
            header = List.of(first.cells);
            number = 0;
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public @Nullable Row next() throws IOException {
        if (done) {
            return null;
        }
        Row r = read();
        if (r == null) {
            done = true;
        }
        return r;
    }

    private @Nullable Row read() throws IOException {
        long line = parser.currentLocation().getLineNr() + 1;
        JsonToken t;
        try {
            t = parser.nextToken();
            if (t == null) {
                return null;
            }
            if (t == JsonToken.END_ARRAY && parser.getParsingContext().inRoot()) {
                // the end of the outer array some versions wrap the rows in
                t = parser.nextToken();
                if (t == null) {
                    return null;
                }
            }
            // Jackson counts the lines before the record: the record starts on the next one
            line = parser.currentTokenLocation().getLineNr() + 1;
            if (t != JsonToken.START_ARRAY) {
                number++;
                done = true;
                return new Row(
                        number,
                        line,
                        new String[0],
                        "not readable as CSV (the parser gave " + t
                                + "); the reader cannot go on after this, so the rest of the file counts as this one row");
            }
            cells.clear();
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    break;
                }
                String v = parser.getText();
                if (!whitespace || !v.isEmpty()) {
                    cells.add(v == null ? "" : v);
                }
            }
            number++;
            return new Row(number, line, cells.toArray(new String[0]), null);
        } catch (JsonProcessingException e) {
            number++;
            JsonLocation l = e.getLocation();
            long errorLine = l == null ? line : l.getLineNr();
            String reason = "not readable as CSV: " + e.getOriginalMessage()
                    + (errorLine > line ? " (at line " + errorLine + ")" : "");
            int rest = skipRestOfRecord(e);
            if (rest < 0) {
                done = true;
                reason += "; the reader cannot go on after this, so the rest of the file counts as this one row";
            } else if (rest == 0) {
                done = true;
            }
            return new Row(number, line, cells.toArray(new String[0]), reason);
        }
    }

    /**
     * After a syntax error Jackson can usually go on: reads the rest of the broken record.
     *
     * @return 1 if the record ended and reading can go on, 0 at the end of the input, -1 if the
     *     parser makes no progress
     */
    private int skipRestOfRecord(JsonProcessingException first) {
        long last = offset(first);
        for (int i = 0; i < 100_000; i++) {
            try {
                JsonToken t = parser.nextToken();
                if (t == null) {
                    return 0;
                }
                if (t == JsonToken.END_ARRAY) {
                    return 1;
                }
            } catch (JsonProcessingException e) {
                long at = offset(e);
                if (at <= last) {
                    return -1;
                }
                last = at;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return -1;
    }

    private static long offset(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        return l == null ? -1 : l.getCharOffset();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    @Override
    public String toString() {
        return "CsvRecordReader" + Arrays.toString(header.toArray());
    }
}
