package io.crmkit.io;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The sample files of src/test/resources/io/crmkit/io/samples (see SOURCES.md there). */
final class Samples {
    static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");

    private Samples() {}

    static BrandSettings brand() {
        return BrandSettings.custom().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    }

    static Crm crm() {
        return Crm.inMemory(brand());
    }

    static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a sample into a directory, so that it has a file name (checkpoints need files). */
    static Path copy(String name, Path dir) {
        try {
            Path p = dir.resolve(name);
            Files.write(p, bytes(name));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            Path p = dir.resolve(name);
            Files.write(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
