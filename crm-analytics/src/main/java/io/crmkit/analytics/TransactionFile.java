package io.crmkit.analytics;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.crmkit.analytics.internal.DateParsing;
import io.crmkit.core.InvalidValueException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a transaction file (one row a purchase) into a {@link TransactionSummarizer}. Two layouts:
 * {@link Layout#CSV}, comma-separated with a header row, columns named by their header; and {@link
 * Layout#WHITESPACE}, columns separated by blanks or tabs without a header (like the CDNOW files of
 * the BTYD literature), columns named by their 1-based position ({@code "1"}, {@code "3"}). Dates
 * may be {@code YYYY-MM-DD}, {@code YYYY-MM-DD HH:MM:SS} (the time is dropped: purchases are
 * summarised per day) or {@code YYYYMMDD}. Amounts are decimal numbers with a point.
 *
 * <pre>{@code
 * TransactionFile file = TransactionFile.csv("customer_id", "date").amountColumn("dollars");
 * TransactionSummarizer s = TransactionSummarizer.of(SummaryOptions.ofDefaults(LocalDate.parse("1998-06-30")));
 * file.readInto(Path.of("orders.csv"), s);
 * CustomerSummary summary = s.summarize();
 * }</pre>
 *
 * <p>Every bad row is a {@link TransactionFileException} naming the file, line and column.
 */
public final class TransactionFile {
    /** How columns are separated and named. */
    public enum Layout {
        /** Comma-separated (RFC 4180 quoting), header row, columns named by header. */
        CSV,
        /** Blank- or tab-separated, no header, columns named by 1-based position. */
        WHITESPACE
    }

    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private final Layout layout;
    private final String customerColumn;
    private final String dateColumn;
    private final @Nullable String amountColumn;
    private final java.time.@Nullable ZoneId zone;

    private TransactionFile(Layout layout, String customerColumn, String dateColumn, @Nullable String amountColumn) {
        this(layout, customerColumn, dateColumn, amountColumn, null);
    }

    private TransactionFile(
            Layout layout,
            String customerColumn,
            String dateColumn,
            @Nullable String amountColumn,
            java.time.@Nullable ZoneId zone) {
        this.zone = zone;
        this.layout = layout;
        this.customerColumn = customerColumn;
        this.dateColumn = dateColumn;
        this.amountColumn = amountColumn;
        if (layout == Layout.WHITESPACE) {
            position("customer column", customerColumn);
            position("date column", dateColumn);
            if (amountColumn != null) {
                position("amount column", amountColumn);
            }
        }
    }

    /**
     * A comma-separated file with a header.
     *
     * @param customerColumn header of the customer id column
     * @param dateColumn header of the date column
     * @return the file description, without amounts
     */
    public static TransactionFile csv(String customerColumn, String dateColumn) {
        return new TransactionFile(
                Layout.CSV, nonBlank("customerColumn", customerColumn), nonBlank("dateColumn", dateColumn), null);
    }

    /**
     * A blank-separated file without header.
     *
     * @param customerColumn 1-based position of the customer id column, e.g. {@code "2"}
     * @param dateColumn 1-based position of the date column
     * @return the file description, without amounts
     * @throws InvalidValueException if a position is not a whole number {@code >= 1}
     */
    public static TransactionFile whitespace(String customerColumn, String dateColumn) {
        return new TransactionFile(Layout.WHITESPACE, customerColumn, dateColumn, null);
    }

    /**
     * @param column header (CSV) or 1-based position (whitespace) of the amount column
     * @return a copy that also reads amounts
     */
    public TransactionFile amountColumn(String column) {
        return new TransactionFile(layout, customerColumn, dateColumn, nonBlank("amountColumn", column), zone);
    }

    /**
     * @param zone the zone whose calendar day a date with a time and an offset ({@code
     *     2024-08-11T13:24:22Z}, as {@code ./crmkit generate} writes) falls on, e.g. the brand's;
     *     without it, the day at the written offset
     * @return a copy that reads such dates in the zone
     */
    public TransactionFile zone(java.time.ZoneId zone) {
        if (zone == null) {
            throw new InvalidValueException("zone", "is required");
        }
        return new TransactionFile(layout, customerColumn, dateColumn, amountColumn, zone);
    }

    /**
     * Parses a date in one of the accepted forms.
     *
     * @param text {@code YYYY-MM-DD}, {@code YYYY-MM-DD HH:MM:SS} or {@code YYYYMMDD}
     * @return the day (a time of day is dropped)
     * @throws InvalidValueException if the text is none of these or not a real date
     */
    public static LocalDate parseDate(String text) {
        try {
            return DateParsing.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(
                    "date", "\"" + text + "\" is not a date (use YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or YYYYMMDD)");
        }
    }

    /** @return the layout */
    public Layout layout() {
        return layout;
    }

    /** @return the amount column, if amounts are read */
    public Optional<String> amountColumn() {
        return Optional.ofNullable(amountColumn);
    }

    private static String nonBlank(String what, String s) {
        if (Objects.requireNonNull(s, what).isBlank()) {
            throw new InvalidValueException(what, "is blank");
        }
        return s;
    }

    private static int position(String what, String s) {
        try {
            int p = Integer.parseInt(s.trim());
            if (p >= 1) {
                return p - 1;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new InvalidValueException(
                what, "\"" + s + "\" is not a column position; a file without header names columns 1, 2, 3 ...");
    }

    /**
     * Reads every row of the file into the summarizer.
     *
     * @param file the file, UTF-8
     * @param into the summarizer to add to
     * @return the number of data rows read
     * @throws TransactionFileException if the file cannot be read, a column is missing or a value is bad
     */
    public long readInto(Path file, TransactionSummarizer into) {
        try {
            return layout == Layout.CSV ? readCsv(file, into) : readBlanks(file, into);
        } catch (IOException | UncheckedIOException e) {
            throw new TransactionFileException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private long readCsv(Path file, TransactionSummarizer into) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(reader)) {
            if (!it.hasNext()) {
                throw new TransactionFileException(file + ": is empty; expected a header row");
            }
            String[] header = it.next();
            if (header.length > 0 && header[0].startsWith("\uFEFF")) {
                header[0] = header[0].substring(1);
            }
            int c = column(file, header, customerColumn);
            int d = column(file, header, dateColumn);
            int a = amountColumn == null ? -1 : column(file, header, amountColumn);
            long line = 1;
            long rows = 0;
            while (it.hasNext()) {
                String[] row = it.next();
                line++;
                if (row.length == 1 && row[0].isEmpty()) {
                    continue; // blank line
                }
                add(file, line, row, c, d, a, into);
                rows++;
            }
            return rows;
        } catch (RuntimeException e) {
            if (e instanceof TransactionFileException || e instanceof InvalidValueException) {
                throw e;
            }
            throw new TransactionFileException(file + ": is not valid CSV: " + e.getMessage(), e);
        }
    }

    private long readBlanks(Path file, TransactionSummarizer into) throws IOException {
        int c = position("customer column", customerColumn);
        int d = position("date column", dateColumn);
        int a = amountColumn == null ? -1 : position("amount column", amountColumn);
        long line = 0;
        long rows = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s;
            while ((s = reader.readLine()) != null) {
                line++;
                String trimmed = s.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                add(file, line, BLANKS.split(trimmed), c, d, a, into);
                rows++;
            }
        }
        return rows;
    }

    private void add(Path file, long line, String[] row, int c, int d, int a, TransactionSummarizer into) {
        int need = Math.max(c, Math.max(d, a));
        if (row.length <= need) {
            throw new TransactionFileException(String.format(
                    Locale.ROOT, "%s line %d: has %d columns, expected at least %d", file, line, row.length, need + 1));
        }
        String id = row[c];
        if (id.isBlank()) {
            throw new TransactionFileException(String.format(
                    Locale.ROOT, "%s line %d column \"%s\": the customer id is blank", file, line, customerColumn));
        }
        LocalDate date;
        try {
            date = DateParsing.parse(row[d], zone);
        } catch (IllegalArgumentException e) {
            throw new TransactionFileException(String.format(
                    Locale.ROOT,
                    "%s line %d column \"%s\": \"%s\" is not a date (use YYYY-MM-DD, YYYY-MM-DD HH:MM:SS, YYYYMMDD"
                            + " or an ISO instant such as 2024-08-11T13:24:22Z)",
                    file,
                    line,
                    dateColumn,
                    row[d]));
        }
        if (a < 0) {
            into.add(id, date);
            return;
        }
        double value;
        try {
            value = Double.parseDouble(row[a].trim());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!Double.isFinite(value) || !row[a].trim().matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
            throw new TransactionFileException(String.format(
                    Locale.ROOT,
                    "%s line %d column \"%s\": \"%s\" is not an amount (a decimal number with a point)",
                    file,
                    line,
                    amountColumn,
                    row[a]));
        }
        into.add(id, date, value);
    }

    private int column(Path file, String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new TransactionFileException(
                file + ": has no column \"" + name + "\"; its columns are " + String.join(", ", header));
    }
}
