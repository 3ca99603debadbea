package io.crmkit.io.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where an import got to: the records done and the counts so far, for one file (recognised by its
 * size and a SHA-256 of its first 1 MiB). Written atomically after every batch; a run that finds a
 * checkpoint for the same file skips the records it names. Deleted when the import completes.
 */
public final class Checkpoint {
    static final String FORMAT = "checkpoint/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final String fingerprint;
    public final long size;
    /** The counters: records, rowsRead, accepted, rejected, members..., quarantineBytes. */
    public final Map<String, Long> counts = new LinkedHashMap<>();

    public Checkpoint(String fingerprint, long size) {
        this.fingerprint = fingerprint;
        this.size = size;
    }

    public long get(String key) {
        Long v = counts.get(key);
        return v == null ? 0 : v;
    }

    public static String fingerprint(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(1 << 20);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(head));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the checkpoint for this file, or null if there is none or it is for another file */
    public static @Nullable Checkpoint load(Path checkpoint, String fingerprint, long size) throws IOException {
        if (!Files.exists(checkpoint)) {
            return null;
        }
        JsonNode n;
        try {
            n = JSON.readTree(checkpoint.toFile());
        } catch (JsonProcessingException e) {
            return null; // a torn or foreign file: start over, which is safe because writes are idempotent
        }
        if (n == null
                || !FORMAT.equals(n.path("crmkit").asText())
                || !fingerprint.equals(n.path("fingerprint").asText())
                || n.path("size").asLong(-1) != size) {
            return null;
        }
        Checkpoint c = new Checkpoint(fingerprint, size);
        n.path("counts")
                .fields()
                .forEachRemaining(e -> c.counts.put(e.getKey(), e.getValue().asLong()));
        return c;
    }

    public void save(Path checkpoint) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("crmkit", FORMAT);
        n.put("fingerprint", fingerprint);
        n.put("size", size);
        ObjectNode c = n.putObject("counts");
        counts.forEach(c::put);
        Path parent = checkpoint.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = checkpoint.resolveSibling(checkpoint.getFileName() + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(n));
        try {
            Files.move(tmp, checkpoint, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, checkpoint, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
