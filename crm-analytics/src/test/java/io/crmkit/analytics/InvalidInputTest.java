package io.crmkit.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.InvalidValueException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input is a typed exception that names where and why. */
class InvalidInputTest {
    @TempDir
    Path dir;

    private static CustomerSummary one(double x, double tx, double t) {
        return CustomerSummary.of(new String[] {"c1"}, new double[] {x}, new double[] {tx}, new double[] {t});
    }

    @Test
    void summaryRowsAreChecked() {
        assertThatThrownBy(() -> one(-1, 0, 5))
                .isInstanceOf(InvalidSummaryException.class)
                .hasMessage("row 0 (customer \"c1\"): frequency -1.0 is not a whole number >= 0")
                .extracting(e -> ((InvalidSummaryException) e).row())
                .isEqualTo(0);
        assertThatThrownBy(() -> one(2, 40, 30))
                .isInstanceOf(InvalidSummaryException.class)
                .hasMessage("row 0 (customer \"c1\"): recency 40.0 is greater than T 30.0");
        assertThatThrownBy(() -> one(1.5, 1, 3)).hasMessageContaining("frequency 1.5 is not a whole number");
        assertThatThrownBy(() -> one(0, 2, 3)).hasMessageContaining("with frequency 0");
        assertThatThrownBy(() -> one(1, Double.NaN, 3)).hasMessageContaining("recency NaN");
        assertThatThrownBy(() ->
                        CustomerSummary.of(new String[] {"a"}, new double[] {1, 2}, new double[] {1}, new double[] {1}))
                .isInstanceOf(InvalidSummaryException.class)
                .hasMessageContaining("column frequency has 2 rows but the ids have 1");
        assertThatThrownBy(() -> one(1, 1, 3).withWeights(new double[] {0}))
                .hasMessageContaining("weight 0.0 is not a finite number > 0");
        assertThatThrownBy(() -> one(1, 1, 3).withMonetaryValue(new double[] {-2}))
                .hasMessageContaining("monetary value -2.0");
    }

    @Test
    void allZeroDataIsRefusedByEveryModel() {
        CustomerSummary zeros = CustomerSummary.of(
                        new String[] {"a", "b"}, new double[] {0, 0}, new double[] {0, 0}, new double[] {10, 20})
                .withMonetaryValue(new double[] {0, 0});
        assertThatThrownBy(() -> BgNbd.fit(zeros))
                .isInstanceOf(InvalidSummaryException.class)
                .hasMessage("BG/NBD: every customer has frequency 0, so the purchase rate cannot be estimated");
        assertThatThrownBy(() -> ParetoNbd.fit(zeros)).hasMessageStartingWith("Pareto/NBD: every customer");
        assertThatThrownBy(() -> BgBb.fit(zeros)).hasMessageStartingWith("BG/BB: every customer");
        assertThatThrownBy(() -> GammaGamma.fit(zeros)).isInstanceOf(InvalidSummaryException.class);
        CustomerSummary empty = CustomerSummary.of(new String[0], new double[0], new double[0], new double[0]);
        assertThatThrownBy(() -> BgNbd.fit(empty)).hasMessageContaining("no customers");
    }

    @Test
    void aFitThatDoesNotConvergeSaysSo() {
        assertThatThrownBy(() -> BgNbd.fit(
                        Cdnow.publishedSummary(),
                        FitOptions.custom().maxEvaluations(100).build()))
                .isInstanceOf(FitException.class)
                .hasMessageStartingWith(
                        "BG/NBD: the maximum-likelihood fit did not converge within 100 evaluations; it stopped at (r ");
        assertThatThrownBy(() -> FitOptions.custom().relativeTolerance(0.1).build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("relativeTolerance");
    }

    @Test
    void dataThatDoNotIdentifyTheModelEndInAFitException() {
        // everybody buys every single day and is still there: the dropout parameters run off
        int n = 50;
        String[] id = new String[n];
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            id[i] = "c" + i;
            x[i] = 30;
            tx[i] = 30;
            t[i] = 30;
        }
        assertThatThrownBy(() -> BgNbd.fit(CustomerSummary.of(id, x, tx, t)))
                .isInstanceOf(FitException.class)
                .hasMessageContaining("ran off to");
    }

    @Test
    void modelParametersAndPredictionArgumentsAreChecked() {
        assertThatThrownBy(() -> new BgNbd(0, 1, 1, 1))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("r: 0.0 is not a finite number > 0");
        assertThatThrownBy(() -> new ParetoNbd(1, 1, Double.NaN, 1)).hasMessageStartingWith("s: NaN");
        BgNbd m = new BgNbd(0.243, 4.414, 0.793, 2.426);
        assertThatThrownBy(() -> m.probabilityAlive(2, 40, 30))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("recency: 40.0 is greater than T 30.0");
        assertThatThrownBy(() -> m.expectedPurchases(-1)).hasMessageStartingWith("t: -1.0");
        assertThatThrownBy(() -> new BgBb(1, 1, 1, 1).probabilityAlive(1, 3, 2, 6))
                .hasMessageContaining("greater than recency");
    }

    @Test
    void transactionFilesNameFileLineAndColumn() throws IOException {
        Path f = dir.resolve("orders.csv");
        Files.writeString(f, "customer,day,total\nA,2024-01-02,10\nB,2024/13/01,5\n");
        TransactionSummarizer s = TransactionSummarizer.of(SummaryOptions.ofDefaults(LocalDate.parse("2024-12-31")));
        TransactionFile csv = TransactionFile.csv("customer", "day").amountColumn("total");
        assertThatThrownBy(() -> csv.readInto(f, s))
                .isInstanceOf(TransactionFileException.class)
                .hasMessage(f
                        + " line 3 column \"day\": \"2024/13/01\" is not a date (use YYYY-MM-DD, YYYY-MM-DD HH:MM:SS,"
                        + " YYYYMMDD or an ISO instant such as 2024-08-11T13:24:22Z)");
        Files.writeString(f, "customer,day,total\nA,2024-01-02 10:11:12,1x\n");
        assertThatThrownBy(() -> csv.readInto(
                        f, TransactionSummarizer.of(SummaryOptions.ofDefaults(LocalDate.parse("2024-12-31")))))
                .hasMessage(f + " line 2 column \"total\": \"1x\" is not an amount (a decimal number with a point)");
        assertThatThrownBy(() -> TransactionFile.csv("who", "day").readInto(f, s))
                .hasMessage(f + ": has no column \"who\"; its columns are customer, day, total");
        assertThatThrownBy(() -> TransactionFile.whitespace("x", "2"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("not a column position");
        assertThatThrownBy(() -> csv.readInto(dir.resolve("missing.csv"), s))
                .isInstanceOf(TransactionFileException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void datesInEveryAcceptedFormAndTimesAreDropped() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "c,d\nA,2024-01-02\nA,2024-01-02 23:59:59\nA,20240109\nB,2024-01-05T08:00:00\n");
        TransactionSummarizer s = TransactionSummarizer.of(SummaryOptions.ofDefaults(LocalDate.parse("2024-01-10")));
        assertThat(TransactionFile.csv("c", "d").readInto(f, s)).isEqualTo(4);
        CustomerSummary sum = s.summarize();
        assertThat(sum.id(0)).isEqualTo("A");
        assertThat(sum.frequency(0)).isEqualTo(1); // two rows on the 2nd merge into one day
        assertThat(sum.recency(0)).isEqualTo(7);
        assertThat(sum.t(0)).isEqualTo(8);
        assertThat(sum.t(1)).isEqualTo(5);
        assertThat(sum.hasMonetaryValue()).isFalse();
    }

    @Test
    void summarizerRefusesMixedAmountsAndCountsIgnoredRows() {
        TransactionSummarizer s = TransactionSummarizer.of(SummaryOptions.ofDefaults(LocalDate.parse("2024-01-10")));
        s.add("A", LocalDate.parse("2024-01-01"), 5);
        assertThatThrownBy(() -> s.add("A", LocalDate.parse("2024-01-02")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("earlier transactions had an amount");
        s.add("A", LocalDate.parse("2024-02-01"), 5);
        assertThat(s.ignoredAfterObservationEnd()).isEqualTo(1);
        assertThatThrownBy(() -> SummaryOptions.custom(LocalDate.parse("2024-01-10"))
                        .calibrationEnd(LocalDate.parse("2024-02-01"))
                        .build())
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("after the observation end");
    }
}
