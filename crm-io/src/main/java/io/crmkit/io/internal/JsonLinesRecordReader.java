package io.crmkit.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON Lines: one JSON object per line, its keys are the columns. Scalars become their text
 * ({@code null} an empty cell); a nested object or array becomes its JSON text. Blank lines are
 * skipped. A line that is not a JSON object is one rejected record, and reading goes on with the
 * next line.
 */
public final class JsonLinesRecordReader implements RecordReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();
    private static final ObjectMapper TREES = new ObjectMapper(JSON);

    private final BufferedReader in;
    private final List<String> header = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private long line;
    private long number;

    public JsonLinesRecordReader(Reader reader) {
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 64 * 1024);
    }

    @Override
    public List<String> header() {
        return Collections.unmodifiableList(header);
    }

    /** Reads the first object's keys, so that a header exists before the first record is mapped. */
    public void primeHeader(@Nullable String firstLine) {
        if (firstLine == null) {
            return;
        }
        try (JsonParser p = JSON.createParser(firstLine)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                column(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
        } catch (IOException e) {
            // the first record will be rejected with the reason
        }
    }

    private int column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            i = header.size();
            header.add(name);
            index.put(name, i);
        }
        return i;
    }

    /**
     * Adds columns that later lines may have although the first one has not, so that the header a
     * mapper binds to has them all.
     *
     * @return the header
     */
    public List<String> register(List<String> columns) {
        for (String c : columns) {
            column(c);
        }
        return header();
    }

    private @Nullable String pending;
    private boolean primed;

    private long pendingLine;

    /** Reads ahead to the first non-blank line and returns the keys of its object. */
    public List<String> peekHeader() throws IOException {
        if (!primed) {
            primed = true;
            String text;
            while ((text = in.readLine()) != null) {
                pendingLine++;
                if (!text.isBlank()) {
                    pending = text;
                    primeHeader(text);
                    break;
                }
            }
        }
        return header();
    }

    @Override
    public @Nullable Row next() throws IOException {
        peekHeader();
        String text;
        do {
            if (pending != null) {
                text = pending;
                pending = null;
                line = pendingLine;
            } else {
                text = in.readLine();
                line++;
            }
            if (text == null) {
                return null;
            }
        } while (text.isBlank());
        number++;
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Row(number, line, new String[0], "not a JSON object");
            }
            String[] cells = new String[header.size()];
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                int i = column(p.currentName());
                if (i >= cells.length) {
                    cells = java.util.Arrays.copyOf(cells, header.size());
                }
                t = p.nextToken();
                String v;
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    v = TREES.writeValueAsString(TREES.readTree(p));
                } else if (t == JsonToken.VALUE_NULL) {
                    v = "";
                } else {
                    v = p.getText();
                }
                cells[i] = v;
            }
            if (p.nextToken() != null) {
                return new Row(number, line, new String[0], "has content after the JSON object");
            }
            for (int i = 0; i < cells.length; i++) {
                if (cells[i] == null) {
                    cells[i] = "";
                }
            }
            return new Row(number, line, cells, null);
        } catch (JsonProcessingException e) {
            return new Row(number, line, new String[0], "not valid JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
