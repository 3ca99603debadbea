package io.crmkit.io.internal;

import io.crmkit.core.CrmException;
import io.crmkit.io.ImportAbortedException;
import io.crmkit.io.ImportKind;
import io.crmkit.io.ImportMode;
import io.crmkit.io.ImportResult;
import io.crmkit.io.InputException;
import io.crmkit.io.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The import loop: reads records, groups them, maps each group, hands accepted groups to the
 * {@link StoreWriter} in batches, and accounts for every record: accepted + rejected = read.
 */
public final class ImportRun {
    /** What the loop needs besides the reader, mapper and writer. */
    public record Options(
            String file,
            String preset,
            String charset,
            ImportMode mode,
            long errorLimit,
            int batchSize,
            int keepRejections,
            @Nullable Path quarantine,
            @Nullable Path checkpoint,
            @Nullable String fingerprint,
            long size,
            boolean dryRun,
            boolean jsonInput) {}

    /** How many recent order keys are remembered to catch an order whose rows are not consecutive. */
    static final int SEEN_KEYS = 100_000;

    private final RecordReader reader;
    private final EntityMapper mapper;
    private final StoreWriter writer;
    private final Options o;
    private final Header header;

    private long rowsRead;
    private long accepted;
    private long rejected;
    private long skipped;
    private final List<Rejection> rejections = new ArrayList<>();
    private @Nullable Quarantine quarantine;

    private final List<Row> group = new ArrayList<>();
    private @Nullable String groupKey;
    private @Nullable String splitReason;
    private final Map<String, Long> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > SEEN_KEYS;
        }
    };

    public ImportRun(RecordReader reader, EntityMapper mapper, StoreWriter writer, Options options) {
        this.reader = reader;
        this.mapper = mapper;
        this.writer = writer;
        this.o = options;
        this.header = new Header(reader.header());
    }

    public ImportResult run() throws IOException {
        Checkpoint resume = null;
        if (o.checkpoint() != null && o.fingerprint() != null && !o.dryRun()) {
            resume = Checkpoint.load(o.checkpoint(), o.fingerprint(), o.size());
        }
        if (resume != null) {
            skipped = resume.get("records");
            rowsRead = resume.get("rowsRead");
            accepted = resume.get("accepted");
            rejected = resume.get("rejected");
            writer.members = resume.get("members");
            writer.membersCreated = resume.get("membersCreated");
            writer.membersUpdated = resume.get("membersUpdated");
            writer.orders = resume.get("orders");
            writer.ordersChanged = resume.get("ordersChanged");
            writer.productsCount = resume.get("products");
            writer.interactionsCount = resume.get("interactions");
        }
        if (o.quarantine() != null) {
            try {
                quarantine = new Quarantine(
                        o.quarantine(),
                        header.names(),
                        o.jsonInput(),
                        resume == null ? -1 : resume.get("quarantineBytes"));
            } catch (IOException e) {
                throw new ImportAbortedException("cannot write the quarantine file " + o.quarantine() + ": " + e, e);
            }
        }
        try {
            Row row;
            while ((row = reader.next()) != null) {
                if (row.number <= skipped) {
                    continue;
                }
                rowsRead++;
                accept(row);
            }
            finishGroup();
            flush();
            if (o.checkpoint() != null && !o.dryRun()) {
                Files.deleteIfExists(o.checkpoint());
            }
        } finally {
            if (quarantine != null) {
                quarantine.close();
            }
        }
        return new ImportResult(
                o.file(),
                o.preset(),
                o.charset(),
                rowsRead,
                accepted,
                rejected,
                writer.members,
                writer.membersCreated,
                writer.membersUpdated,
                writer.orders,
                writer.ordersChanged,
                writer.productsCount,
                writer.interactionsCount,
                rejections,
                o.dryRun(),
                writer.previewMembers,
                writer.previewOrders,
                writer.previewProducts,
                writer.previewInteractions,
                skipped);
    }

    private void accept(Row row) throws IOException {
        CellException problem = null;
        if (row.error != null) {
            problem = new CellException(row.error, null, null, row.line);
        } else if (mapper.fixedWidth() && !o.jsonInput() && row.cells.length != header.size()) {
            problem = new CellException(
                    "has " + row.cells.length + " cells but the header has " + header.size()
                            + " (a cut row, a stray quote, or a separator in an unquoted cell)",
                    null,
                    null,
                    row.line);
        } else {
            for (int i = 0; i < row.cells.length; i++) {
                if (row.cells[i].indexOf('\uFFFD') >= 0) {
                    problem = new CellException(
                            "has bytes that are not valid " + o.charset() + " (give the file's encoding, e.g. Big5)",
                            header.name(i),
                            row.cells[i],
                            row.line);
                    break;
                }
            }
        }
        String key;
        try {
            key = mapper.groupKey(row);
        } catch (CellException e) {
            key = null;
            if (problem == null) {
                problem = e.at(null, null, row.line);
            }
        } catch (RuntimeException e) {
            key = null; // a damaged row: its key is unknown
            if (problem == null) {
                problem = new CellException("has no readable key: " + e, null, null, row.line);
            }
        }
        if (EntityMapper.CONTINUES.equals(key)) {
            if (group.isEmpty()) {
                reject(
                        row,
                        problem == null ? null : problem.column(),
                        problem == null ? null : problem.value(),
                        problem != null
                                ? problem.reason()
                                : "continues the previous member, but the row before it was not a member row");
            } else {
                group.add(row);
                poison(problem);
            }
            return;
        }
        if (key != null && !key.isEmpty() && !group.isEmpty() && key.equals(groupKey)) {
            // a damaged row of the current order rejects the whole order, not only itself
            group.add(row);
            poison(problem);
            return;
        }
        finishGroup();
        if (problem != null && (key == null || key.isEmpty())) {
            reject(row, problem.column(), problem.value(), problem.reason());
            return;
        }
        group.add(row);
        groupKey = key;
        splitReason = null;
        poison = problem;
        if (key != null && mapper.kind() == ImportKind.ORDERS && !key.isEmpty()) {
            Long first = seen.get(key);
            if (first != null) {
                splitReason =
                        "the rows of order " + key + " are not consecutive: it started at line " + first + " already";
            } else {
                seen.put(key, row.line);
            }
        }
    }

    /** The first row-level problem of the open group, which rejects all its rows. */
    private @Nullable CellException poison;

    private void poison(@Nullable CellException problem) {
        if (problem != null && poison == null) {
            poison = problem;
        }
    }

    private void finishGroup() throws IOException {
        if (group.isEmpty()) {
            return;
        }
        List<Row> rows = new ArrayList<>(group);
        group.clear();
        CellException poisoned = poison;
        poison = null;
        if (poisoned != null) {
            rejectGroup(rows, poisoned);
            return;
        }
        if (splitReason != null) {
            rejectGroup(rows, new CellException(splitReason, null, null, rows.get(0).line));
            return;
        }
        Mapped m;
        try {
            m = mapper.map(rows);
        } catch (CellException e) {
            rejectGroup(rows, e);
            return;
        } catch (CrmException e) {
            // a domain check the mapper did not anticipate; still a rejection with a reason
            rejectGroup(rows, new CellException(String.valueOf(e.getMessage()), null, null, rows.get(0).line));
            return;
        } catch (RuntimeException e) {
            // a mapper bug must not break the counting law; the reason names it so that it gets reported
            rejectGroup(
                    rows,
                    new CellException(
                            "could not be mapped (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                                    + "); please report this row",
                            null,
                            null,
                            rows.get(0).line));
            return;
        }
        writer.add(m, rows);
        if (writer.pendingRows() >= o.batchSize()) {
            flush();
        }
    }

    private void rejectGroup(List<Row> rows, CellException e) throws IOException {
        long badLine = e.line() != 0 ? e.line() : rows.get(0).line;
        for (Row r : rows) {
            if (r.line == badLine) {
                reject(r, e.column(), e.value(), e.reason());
                badLine = -1;
            } else {
                reject(
                        r,
                        null,
                        null,
                        (rows.size() > 1 ? "belongs to the same group as line " : "see line ")
                                + (e.line() != 0 ? e.line() : rows.get(0).line) + ", which was rejected: "
                                + e.reason());
            }
        }
    }

    private void flush() throws IOException {
        List<StoreWriter.Pending> done;
        try {
            done = writer.flush();
        } catch (CrmException | IllegalStateException e) {
            throw new ImportAbortedException(
                    "writing " + o.file() + " failed after " + (accepted + rejected) + " rows: " + e.getMessage()
                            + (o.checkpoint() != null ? "; run the import again to resume from the checkpoint" : ""),
                    e);
        }
        for (StoreWriter.Pending p : done) {
            if (p.failure != null) {
                rejectGroup(p.rows, new CellException(p.failure, null, null, p.rows.get(0).line));
            } else {
                accepted += p.rows.size();
            }
        }
        if (o.checkpoint() != null && o.fingerprint() != null && !o.dryRun()) {
            Checkpoint c = new Checkpoint(o.fingerprint(), o.size());
            long records = doneRecords();
            c.counts.put("records", records);
            c.counts.put("rowsRead", accepted + rejected);
            c.counts.put("accepted", accepted);
            c.counts.put("rejected", rejected);
            c.counts.put("members", writer.members);
            c.counts.put("membersCreated", writer.membersCreated);
            c.counts.put("membersUpdated", writer.membersUpdated);
            c.counts.put("orders", writer.orders);
            c.counts.put("ordersChanged", writer.ordersChanged);
            c.counts.put("products", writer.productsCount);
            c.counts.put("interactions", writer.interactionsCount);
            try {
                c.counts.put("quarantineBytes", quarantine == null ? 0 : quarantine.flush());
                c.save(o.checkpoint());
            } catch (IOException e) {
                throw new ImportAbortedException(
                        "writing the checkpoint " + o.checkpoint() + " or the quarantine file failed: " + e, e);
            }
        }
    }

    /**
     * Records that are fully accounted for. A flush happens between groups, with the writer empty
     * afterwards, so every record read so far is accepted or rejected.
     */
    private long doneRecords() {
        return accepted + rejected;
    }

    private void reject(Row row, @Nullable String column, @Nullable String value, String reason) throws IOException {
        rejected++;
        Rejection r = new Rejection(o.file(), row.line, column, value, reason);
        if (rejections.size() < o.keepRejections()) {
            rejections.add(r);
        }
        if (quarantine != null) {
            try {
                quarantine.write(row);
            } catch (IOException e) {
                throw new ImportAbortedException(
                        "writing the quarantine file " + quarantine.path() + " failed: " + e, e);
            }
        }
        if (o.mode() == ImportMode.STRICT) {
            throw new InputException(o.file(), row.line, column, reason);
        }
        if (rejected > o.errorLimit()) {
            throw new InputException(
                    o.file(),
                    row.line,
                    column,
                    "stopped: more than " + o.errorLimit() + " rows rejected (the error limit); this one: " + reason);
        }
    }
}
