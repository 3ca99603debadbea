package io.crmkit.io;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.spi.InteractionStore;
import io.crmkit.core.spi.MemberStore;
import io.crmkit.core.spi.OrderStore;
import io.crmkit.core.spi.ProductStore;
import io.crmkit.io.internal.Checkpoint;
import io.crmkit.io.internal.CsvRecordReader;
import io.crmkit.io.internal.Defaults;
import io.crmkit.io.internal.EntityMapper;
import io.crmkit.io.internal.Header;
import io.crmkit.io.internal.ImportRun;
import io.crmkit.io.internal.Input;
import io.crmkit.io.internal.JsonLinesRecordReader;
import io.crmkit.io.internal.RecordReader;
import io.crmkit.io.internal.StoreWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Imports a shop export into the crmkit stores, streaming: CSV records (or JSON lines) are read one
 * at a time, grouped (the rows of one order), mapped by a {@link Preset} or {@link Mapping}, and
 * written in batches through the store SPI. Every row is accepted or rejected; importing the same
 * file again changes nothing; with a checkpoint file, an import that stopped midway resumes.
 *
 * <pre>{@code
 * Crm crm = Crm.inMemory(BrandSettings.ofDefaults());
 * ImportResult r = Importer.into(crm)
 *         .preset(Preset.named("shopify-orders"))
 *         .quarantine(Path.of("rejected.csv"))
 *         .build()
 *         .importFile(Path.of("orders_export.csv"));
 * System.out.println(r.summaryJson()); // {"rowsRead":40,"accepted":18,...}
 * }</pre>
 */
public final class Importer {
    /** Default number of rows written per batch. */
    public static final int DEFAULT_BATCH_ROWS = 5_000;
    /** Default number of rejections kept in the result. */
    public static final int DEFAULT_KEPT_REJECTIONS = 1_000;

    private final @Nullable MemberStore members;
    private final @Nullable OrderStore orders;
    private final @Nullable ProductStore products;
    private final @Nullable InteractionStore interactions;
    private final BrandSettings brand;
    private final @Nullable Preset preset;
    private final @Nullable ImportKind kind;
    private final List<Preset> candidates;
    private final InputEncoding encoding;
    private final ImportMode mode;
    private final long errorLimit;
    private final int batchRows;
    private final int keepRejections;
    private final int previewLimit;
    private final boolean dryRun;
    private final @Nullable Path quarantine;
    private final @Nullable Path checkpoint;
    private final @Nullable ZoneId zone;
    private final @Nullable Boolean jsonLines;

    private Importer(Builder b) {
        this.members = b.members;
        this.orders = b.orders;
        this.products = b.products;
        this.interactions = b.interactions;
        this.brand = b.brand;
        this.preset = b.preset;
        this.kind = b.kind;
        this.candidates = List.copyOf(b.candidates);
        this.encoding = b.encoding;
        this.mode = b.mode;
        this.errorLimit = b.errorLimit;
        this.batchRows = b.batchRows;
        this.keepRejections = b.keepRejections;
        this.previewLimit = b.previewLimit;
        this.dryRun = b.dryRun;
        this.quarantine = b.quarantine;
        this.checkpoint = b.checkpoint;
        this.zone = b.zone;
        this.jsonLines = b.jsonLines;
    }

    /**
     * @param crm the stores to import into, and the brand settings (zone, currency, calling code)
     * @return a builder
     */
    public static Builder into(Crm crm) {
        return new Builder(crm.settings())
                .members(crm.members())
                .orders(crm.orders())
                .products(crm.products())
                .interactions(crm.interactions());
    }

    /**
     * @param brand the zone of local times, the currency and the calling code when a file has none
     * @return a builder without stores: give the ones the files need
     */
    public static Builder builder(BrandSettings brand) {
        return new Builder(brand);
    }

    /**
     * Imports a file. A name ending in {@code .jsonl}, {@code .ndjson} or {@code .json} is read as
     * JSON Lines, anything else as CSV, unless {@link Builder#jsonLines(boolean)} says otherwise.
     *
     * @param file the file
     * @return what was imported and rejected
     * @throws InputException if the file is missing, unreadable, has no header, or a row stops the
     *     import (strict mode, error limit)
     * @throws PresetDetectionException if no preset was given and none or several match the header
     * @throws ImportAbortedException if a store write or the quarantine / checkpoint file failed
     */
    public ImportResult importFile(Path file) {
        String name = file.toString();
        long size;
        String fingerprint = null;
        try {
            size = Files.size(file);
            if (checkpoint != null) {
                fingerprint = Checkpoint.fingerprint(file);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(name, 0, null, "no such file");
        } catch (IOException e) {
            throw new InputException(name, 0, null, "cannot be read: " + e.getMessage());
        }
        boolean json = jsonLines != null ? jsonLines : looksJson(name);
        try (InputStream in = Files.newInputStream(file)) {
            return run(in, name, json, fingerprint, size);
        } catch (IOException e) {
            throw new InputException(name, 0, null, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Imports from a stream (no checkpoint: resuming needs a file).
     *
     * @param in the bytes; not closed
     * @param name the name used in messages and the result
     * @return what was imported and rejected
     * @throws InputException if the input is unreadable, has no header, or a row stops the import
     * @throws PresetDetectionException if no preset was given and none or several match the header
     * @throws ImportAbortedException if a store write or the quarantine file failed
     */
    public ImportResult importStream(InputStream in, String name) {
        boolean json = jsonLines != null ? jsonLines : looksJson(name);
        try {
            return run(in, name, json, null, -1);
        } catch (IOException e) {
            throw new InputException(name, 0, null, "cannot be read: " + e.getMessage());
        }
    }

    private static boolean looksJson(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json");
    }

    private ImportResult run(InputStream raw, String name, boolean json, @Nullable String fingerprint, long size)
            throws IOException {
        Input.Opened opened;
        try {
            opened = Input.open(raw, encoding);
        } catch (IOException e) {
            throw new InputException(name, 0, null, String.valueOf(e.getMessage()));
        }
        boolean whitespace = !json && preset != null && preset.spec().whitespace();
        RecordReader reader = null;
        try {
            reader = json ? new JsonLinesRecordReader(opened.reader()) : openCsv(opened, whitespace, name);
            Preset use = preset;
            List<String> header = json ? peekJsonHeader((JsonLinesRecordReader) reader) : reader.header();
            if (header.isEmpty()) {
                throw new InputException(name, 1, null, "the file is empty: there is no header row");
            }
            if (use == null) {
                try {
                    use = Preset.detect(header, kind, candidates);
                } catch (PresetDetectionException e) {
                    throw new PresetDetectionException(name + ": " + e.getMessage(), e.candidates());
                }
                if (!json && use.spec().whitespace()) {
                    reader.close();
                    throw new InputException(
                            name,
                            1,
                            null,
                            "the header looks like " + use.name() + ", which needs --preset " + use.name());
                }
            }
            if (kind != null && use.kind() != kind) {
                throw new InputException(
                        name,
                        1,
                        null,
                        "the preset " + use.name() + " imports "
                                + use.kind().name().toLowerCase(Locale.ROOT) + ", not "
                                + kind.name().toLowerCase(Locale.ROOT));
            }
            Defaults defaults = new Defaults(
                    zone != null ? zone : brand.zone(),
                    brand.currency(),
                    brand.countryCallingCode(),
                    brand.now(),
                    zone != null);
            if (json) {
                header = ((JsonLinesRecordReader) reader).register(use.spec().columns());
            }
            EntityMapper mapper = use.spec().factory().bind(new Header(header), defaults, name);
            String source = use.spec().source();
            StoreWriter writer =
                    new StoreWriter(members, orders, products, interactions, dryRun, previewLimit, source, brand.now());
            ImportRun.Options o = new ImportRun.Options(
                    name,
                    use.name(),
                    opened.charset().name(),
                    mode,
                    errorLimit,
                    batchRows,
                    keepRejections,
                    quarantine,
                    checkpoint,
                    fingerprint,
                    size,
                    dryRun,
                    json);
            try {
                return new ImportRun(reader, mapper, writer, o).run();
            } catch (UncheckedIOException e) {
                throw new ImportAbortedException(name + ": " + e.getCause().getMessage(), e);
            }
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
    }

    private static List<String> peekJsonHeader(JsonLinesRecordReader r) throws IOException {
        return r.peekHeader();
    }

    private static RecordReader openCsv(Input.Opened opened, boolean whitespace, String name) throws IOException {
        try {
            return new CsvRecordReader(opened.reader(), whitespace);
        } catch (IOException e) {
            throw new InputException(name, 1, null, String.valueOf(e.getMessage()));
        }
    }

    /** Configures an {@link Importer}. */
    public static final class Builder {
        private @Nullable MemberStore members;
        private @Nullable OrderStore orders;
        private @Nullable ProductStore products;
        private @Nullable InteractionStore interactions;
        private final BrandSettings brand;
        private @Nullable Preset preset;
        private @Nullable ImportKind kind;
        private List<Preset> candidates = Preset.all();
        private InputEncoding encoding = InputEncoding.AUTO;
        private ImportMode mode = ImportMode.LENIENT;
        private long errorLimit = Long.MAX_VALUE;
        private int batchRows = DEFAULT_BATCH_ROWS;
        private int keepRejections = DEFAULT_KEPT_REJECTIONS;
        private int previewLimit = 20;
        private boolean dryRun;
        private @Nullable Path quarantine;
        private @Nullable Path checkpoint;
        private @Nullable ZoneId zone;
        private @Nullable Boolean jsonLines;

        private Builder(BrandSettings brand) {
            this.brand = brand;
        }

        /**
         * @param store where members go
         * @return this builder
         */
        public Builder members(MemberStore store) {
            this.members = store;
            return this;
        }

        /**
         * @param store where orders go
         * @return this builder
         */
        public Builder orders(OrderStore store) {
            this.orders = store;
            return this;
        }

        /**
         * @param store where products go
         * @return this builder
         */
        public Builder products(ProductStore store) {
            this.products = store;
            return this;
        }

        /**
         * @param store where interactions go
         * @return this builder
         */
        public Builder interactions(InteractionStore store) {
            this.interactions = store;
            return this;
        }

        /**
         * @param p the preset; without one, it is detected from the header
         * @return this builder
         */
        public Builder preset(Preset p) {
            this.preset = p;
            return this;
        }

        /**
         * @param m a mapping of your own, used as the preset
         * @return this builder
         */
        public Builder mapping(Mapping m) {
            this.preset = Preset.of(m);
            return this;
        }

        /**
         * @param k what the file must hold (members, orders, ...); narrows detection
         * @return this builder
         */
        public Builder kind(ImportKind k) {
            this.kind = k;
            return this;
        }

        /**
         * @param presets the presets detection chooses from (default: the built-in ones)
         * @return this builder
         */
        public Builder candidates(List<Preset> presets) {
            this.candidates = List.copyOf(presets);
            return this;
        }

        /**
         * @param e the input's encoding; default {@link InputEncoding#AUTO}
         * @return this builder
         */
        public Builder encoding(InputEncoding e) {
            this.encoding = e;
            return this;
        }

        /**
         * @param m strict or lenient; default lenient
         * @return this builder
         */
        public Builder mode(ImportMode m) {
            this.mode = m;
            return this;
        }

        /**
         * @param limit the import stops with an {@link InputException} when more rows than this are
         *     rejected; default no limit
         * @return this builder
         */
        public Builder errorLimit(long limit) {
            if (limit < 0) {
                throw new ImportException("errorLimit must not be negative, was " + limit);
            }
            this.errorLimit = limit;
            return this;
        }

        /**
         * @param rows rows per store write, 1 to 1,000,000; default {@value #DEFAULT_BATCH_ROWS}
         * @return this builder
         */
        public Builder batchRows(int rows) {
            if (rows < 1 || rows > 1_000_000) {
                throw new ImportException("batchRows must be 1 to 1,000,000, was " + rows);
            }
            this.batchRows = rows;
            return this;
        }

        /**
         * @param n how many rejections the result keeps (all are counted and quarantined)
         * @return this builder
         */
        public Builder keepRejections(int n) {
            if (n < 0) {
                throw new ImportException("keepRejections must not be negative, was " + n);
            }
            this.keepRejections = n;
            return this;
        }

        /**
         * @param preview true to write nothing and return the first mapped entities instead
         * @return this builder
         */
        public Builder dryRun(boolean preview) {
            this.dryRun = preview;
            return this;
        }

        /**
         * @param n how many mapped entities of each kind a dry run returns; default 20
         * @return this builder
         */
        public Builder previewLimit(int n) {
            this.previewLimit = Math.max(0, n);
            return this;
        }

        /**
         * @param file where rejected rows are copied, under the input's header
         * @return this builder
         */
        public Builder quarantine(@Nullable Path file) {
            this.quarantine = file;
            return this;
        }

        /**
         * @param file where progress is recorded after each batch; an import that finds a
         *     checkpoint for the same input resumes after it, and deletes it when done
         * @return this builder
         */
        public Builder checkpoint(@Nullable Path file) {
            this.checkpoint = file;
            return this;
        }

        /**
         * @param z the zone local times are read in, over the mapping's and the brand's
         * @return this builder
         */
        public Builder zone(@Nullable ZoneId z) {
            this.zone = z;
            return this;
        }

        /**
         * @param json true to read JSON Lines, false CSV, whatever the file name says
         * @return this builder
         */
        public Builder jsonLines(boolean json) {
            this.jsonLines = json;
            return this;
        }

        /** @return the importer */
        public Importer build() {
            return new Importer(this);
        }
    }
}
