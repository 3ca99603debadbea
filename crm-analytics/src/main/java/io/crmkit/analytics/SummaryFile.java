package io.crmkit.analytics;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.crmkit.core.InvalidValueException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a per-customer summary from a CSV file with a header. Columns are found by role: {@code id},
 * {@code frequency}, {@code recency}, {@code T}, and optionally {@code monetary}, {@code periods} (BG/BB
 * opportunities, used as T when there is no T column) and {@code weight}. Without a mapping the
 * usual headers are recognised: {@code id}/{@code ID}/{@code customer_id} (else the first column),
 * {@code frequency}/{@code x}, {@code recency}/{@code t_x}, {@code T}, {@code monetary_value}/{@code zbar},
 * {@code periods}/{@code n}, {@code weight}/{@code weights}.
 *
 * <pre>{@code
 * CustomerSummary s = SummaryFile.read(Path.of("summary.csv"), Map.of("monetary", "zbar"));
 * }</pre>
 */
public final class SummaryFile {
    /** The roles a column can have. */
    public static final Set<String> ROLES = Set.of("id", "frequency", "recency", "T", "monetary", "periods", "weight");

    private static final Map<String, List<String>> DEFAULTS = defaults();

    private SummaryFile() {}

    private static Map<String, List<String>> defaults() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("id", List.of("id", "ID", "customer_id"));
        m.put("frequency", List.of("frequency", "x"));
        m.put("recency", List.of("recency", "t_x"));
        m.put("T", List.of("T"));
        m.put("monetary", List.of("monetary_value", "zbar"));
        m.put("periods", List.of("periods", "n"));
        m.put("weight", List.of("weight", "weights"));
        return m;
    }

    /**
     * @param file the CSV file, UTF-8, with a header
     * @param columns role → header, for the columns whose headers are not the usual ones
     * @return the summary
     * @throws InvalidValueException if a role is unknown
     * @throws TransactionFileException if the file cannot be read, a column is missing or a value is not a number
     * @throws InvalidSummaryException if a row is not a valid summary row
     */
    public static CustomerSummary read(Path file, Map<String, String> columns) {
        for (String role : columns.keySet()) {
            if (!ROLES.contains(role)) {
                throw new InvalidValueException(
                        "columns",
                        "\"" + role + "\" is not a column role; use " + String.join(", ", DEFAULTS.keySet()));
            }
        }
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
            List<String> names = Arrays.asList(header);
            Map<String, Integer> at = new LinkedHashMap<>();
            for (String role : DEFAULTS.keySet()) {
                String given = columns.get(role);
                if (given != null) {
                    int i = names.indexOf(given);
                    if (i < 0) {
                        throw new TransactionFileException(file + ": has no column \"" + given + "\" (given for " + role
                                + "); its columns are " + String.join(", ", header));
                    }
                    at.put(role, i);
                } else {
                    for (String candidate : DEFAULTS.get(role)) {
                        int i = names.indexOf(candidate);
                        if (i >= 0) {
                            at.put(role, i);
                            break;
                        }
                    }
                }
            }
            at.putIfAbsent("id", 0);
            if (!at.containsKey("T") && at.containsKey("periods")) {
                at.put("T", at.get("periods"));
            }
            for (String required : List.of("frequency", "recency", "T")) {
                if (!at.containsKey(required)) {
                    throw new TransactionFileException(file + ": no " + required + " column (looked for "
                            + String.join(", ", DEFAULTS.get(required))
                            + (required.equals("T") ? ", periods, n" : "") + "); name it with --columns " + required
                            + "=HEADER; its columns are " + String.join(", ", header));
                }
            }
            List<String> ids = new ArrayList<>();
            String[] roles = {"frequency", "recency", "T", "monetary", "weight"};
            double[][] values = new double[roles.length][1024];
            int n = 0;
            long line = 1;
            while (it.hasNext()) {
                String[] row = it.next();
                line++;
                if (row.length == 1 && row[0].isEmpty()) {
                    continue;
                }
                if (n == values[0].length) {
                    for (int r = 0; r < roles.length; r++) {
                        values[r] = Arrays.copyOf(values[r], n * 2);
                    }
                }
                ids.add(cell(file, line, row, at.get("id"), header));
                for (int r = 0; r < roles.length; r++) {
                    Integer c = at.get(roles[r]);
                    if (c != null) {
                        values[r][n] = number(file, line, row, c, header);
                    }
                }
                n++;
            }
            CustomerSummary s = CustomerSummary.of(
                    ids.toArray(String[]::new),
                    Arrays.copyOf(values[0], n),
                    Arrays.copyOf(values[1], n),
                    Arrays.copyOf(values[2], n));
            if (at.containsKey("monetary")) {
                s = s.withMonetaryValue(Arrays.copyOf(values[3], n));
            }
            if (at.containsKey("weight")) {
                s = s.withWeights(Arrays.copyOf(values[4], n));
            }
            return s;
        } catch (IOException e) {
            throw new TransactionFileException(file + ": cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof AnalyticsException || e instanceof InvalidValueException) {
                throw e;
            }
            throw new TransactionFileException(file + ": is not valid CSV: " + e.getMessage(), e);
        }
    }

    private static String cell(Path file, long line, String[] row, int c, String[] header) {
        if (row.length <= c) {
            throw new TransactionFileException(String.format(
                    Locale.ROOT, "%s line %d: has %d columns, expected at least %d", file, line, row.length, c + 1));
        }
        return row[c];
    }

    private static double number(Path file, long line, String[] row, int c, String[] header) {
        String s = cell(file, line, row, c, header).trim();
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v) && s.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new TransactionFileException(String.format(
                Locale.ROOT, "%s line %d column \"%s\": \"%s\" is not a number", file, line, header[c], s));
    }
}
