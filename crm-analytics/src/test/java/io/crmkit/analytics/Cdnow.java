package io.crmkit.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The CDNOW test data in src/test/resources/cdnow (see PROVENANCE.md there). */
final class Cdnow {
    static final LocalDate CALIBRATION_END = LocalDate.parse("1997-09-30");
    static final LocalDate OBSERVATION_END = LocalDate.parse("1998-06-30");

    private Cdnow() {}

    static Path resource(String name) {
        try {
            return Path.of(Cdnow.class.getResource("/cdnow/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String[]> csv(String name) {
        try (InputStream in = Cdnow.class.getResourceAsStream("/cdnow/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String[]> rows = new ArrayList<>();
            for (String line : text.split("\r?\n")) {
                if (!line.isEmpty()) {
                    rows.add(line.split(","));
                }
            }
            return rows.subList(1, rows.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The published calibration summary, cdnow_customers_summary.csv (weeks). */
    static CustomerSummary publishedSummary() {
        List<String[]> rows = csv("cdnow_customers_summary.csv");
        int n = rows.size();
        String[] id = new String[n];
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            id[i] = r[0];
            x[i] = Double.parseDouble(r[1]);
            tx[i] = Double.parseDouble(r[2]);
            t[i] = Double.parseDouble(r[3]);
        }
        return CustomerSummary.of(id, x, tx, t);
    }

    /** The published summary with zbar as monetary value. */
    static CustomerSummary publishedSummaryWithSpend() {
        List<String[]> rows = csv("cdnow_customers_summary_with_transactions.csv");
        int n = rows.size();
        String[] id = new String[n];
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            id[i] = r[0];
            x[i] = Double.parseDouble(r[1]);
            tx[i] = Double.parseDouble(r[2]);
            t[i] = Double.parseDouble(r[3]);
            m[i] = Double.parseDouble(r[4]);
        }
        return CustomerSummary.of(id, x, tx, t).withMonetaryValue(m);
    }

    /** CDNOW_sample as transactions, summarised with the given calibration end, in weeks. */
    static CustomerSummary fromTransactions(boolean holdout) {
        SummaryOptions.Builder b = SummaryOptions.custom(holdout ? OBSERVATION_END : CALIBRATION_END)
                .unit(PeriodUnit.WEEKS);
        if (holdout) {
            b.calibrationEnd(CALIBRATION_END);
        }
        TransactionSummarizer s = TransactionSummarizer.of(b.build());
        TransactionFile.csv("sample_id", "date").amountColumn("dollars").readInto(resource("cdnow_sample.csv"), s);
        return s.summarize();
    }
}
