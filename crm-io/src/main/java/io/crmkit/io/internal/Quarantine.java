package io.crmkit.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The quarantine file: the rejected rows as they were read, in UTF-8, under the input's header (CSV
 * input) or as JSON Lines (JSON Lines input), so that they can be fixed and imported again.
 */
public final class Quarantine implements Closeable {
    private final Path path;
    private final OutputStream out;
    private final Writer writer;
    private final boolean json;
    private final CsvGenerator csv;
    private final JsonGenerator jsonGen;
    private final List<String> header;

    /**
     * @param keepBytes the length to keep of an existing file (a resumed import), or -1 to start anew
     */
    public Quarantine(Path path, List<String> header, boolean json, long keepBytes) throws IOException {
        this.path = path;
        this.json = json;
        this.header = header;
        boolean resume = keepBytes >= 0 && Files.exists(path);
        if (resume) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ch.truncate(keepBytes);
            }
            out = Files.newOutputStream(path, StandardOpenOption.APPEND);
        } else {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = Files.newOutputStream(path);
        }
        writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (json) {
            jsonGen = new JsonFactory().createGenerator(writer);
            jsonGen.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            jsonGen.setRootValueSeparator(null);
            csv = null;
        } else {
            CsvFactory f = new CsvFactory();
            csv = f.createGenerator(writer);
            csv.setSchema(CsvSchema.emptySchema().withLineSeparator("\n"));
            csv.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            jsonGen = null;
            if (!resume || keepBytes == 0) {
                row(header.toArray(new String[0]));
            }
        }
    }

    public Path path() {
        return path;
    }

    public void write(Row row) throws IOException {
        if (json) {
            jsonGen.writeStartObject();
            for (int i = 0; i < row.cells.length && i < header.size(); i++) {
                jsonGen.writeStringField(header.get(i), row.cells[i]);
            }
            jsonGen.writeEndObject();
            jsonGen.flush();
            writer.write('\n');
        } else {
            row(row.cells);
        }
    }

    private void row(String[] cells) throws IOException {
        csv.writeStartArray();
        for (String c : cells) {
            csv.writeString(c);
        }
        csv.writeEndArray();
    }

    /** Flushes and returns the file's length, for the checkpoint. */
    public long flush() throws IOException {
        if (csv != null) {
            csv.flush();
        } else {
            jsonGen.flush();
        }
        writer.flush();
        out.flush();
        return Files.size(path);
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
        } else {
            jsonGen.close();
        }
        writer.close();
    }
}
