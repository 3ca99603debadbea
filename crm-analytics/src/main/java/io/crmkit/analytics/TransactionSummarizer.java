package io.crmkit.analytics;

import io.crmkit.core.InvalidValueException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a stream of transactions into a {@link CustomerSummary} with the conventions of the
 * standard BTYD tools (lifetimes' {@code summary_data_from_transaction_data}, R BTYD's
 * {@code dc.ElogToCbsCbt}): purchases on the same calendar day are merged into one (amounts
 * summed); frequency is the number of distinct purchase days in the calibration period minus one;
 * recency is the time from the first to the last of them; T is the time from the first purchase to
 * the calibration end (the observation end without holdout); the monetary value is the mean of the
 * repeat days' amounts (the first day excluded; 0 when frequency is 0). With a calibration end the
 * holdout columns count the purchase days after it, up to the observation end. Transactions after
 * the observation end are ignored; customers whose first purchase is after the calibration end are
 * left out. Rows come in the order in which customers first appear. Amounts are added as the
 * decimals they print as ({@link BigDecimal#valueOf(double)}), so a mean of 18.135 is 18.135 and not
 * 18.134999999999998, and rounds as a spreadsheet would.
 *
 * <pre>{@code
 * TransactionSummarizer s = TransactionSummarizer.of(SummaryOptions.custom(LocalDate.parse("1997-09-30"))
 *         .unit(PeriodUnit.WEEKS).build());
 * s.add("0001", LocalDate.parse("1997-01-01"), 29.33);
 * s.add("0001", LocalDate.parse("1997-01-18"), 29.73);
 * CustomerSummary summary = s.summarize(); // 0001: frequency 1, recency 2.43, T 38.86
 * }</pre>
 *
 * <p>Memory is about 20 bytes a transaction plus the id map; not thread-safe.
 */
public final class TransactionSummarizer {
    private final SummaryOptions options;
    private final long observationEnd;
    private final long calibrationEnd;
    private final Map<String, Integer> index = new HashMap<>();
    private String[] ids = new String[1024];
    private int customers;
    private int[] customer = new int[4096];
    private int[] day = new int[4096];
    private double[] amount = new double[4096];
    private int size;
    private long ignored;
    private int withAmounts = -1; // -1 unknown, 0 no, 1 yes

    private TransactionSummarizer(SummaryOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.observationEnd = options.observationEnd().toEpochDay();
        this.calibrationEnd =
                options.calibrationEnd().orElse(options.observationEnd()).toEpochDay();
    }

    /**
     * @param options observation end, calibration end and unit
     * @return an empty summarizer
     */
    public static TransactionSummarizer of(SummaryOptions options) {
        return new TransactionSummarizer(options);
    }

    /**
     * Adds a transaction without an amount (the summary then has no monetary value).
     *
     * @param customerId the customer
     * @param date the day of the purchase
     * @throws InvalidValueException if earlier transactions had amounts
     */
    public void add(String customerId, LocalDate date) {
        mode(false);
        put(customerId, date, 0);
    }

    /**
     * Adds a transaction with its amount.
     *
     * @param customerId the customer
     * @param date the day of the purchase
     * @param value the amount, finite
     * @throws InvalidValueException if the amount is not finite or earlier transactions had no amount
     */
    public void add(String customerId, LocalDate date, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidValueException("amount", value + " is not a finite number");
        }
        mode(true);
        put(customerId, date, value);
    }

    private void mode(boolean amounts) {
        int m = amounts ? 1 : 0;
        if (withAmounts == -1) {
            withAmounts = m;
        } else if (withAmounts != m) {
            throw new InvalidValueException(
                    "amount",
                    amounts
                            ? "earlier transactions had no amount; give amounts for all transactions or for none"
                            : "earlier transactions had an amount; give amounts for all transactions or for none");
        }
    }

    private void put(String customerId, LocalDate date, double value) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(date, "date");
        long d = date.toEpochDay();
        if (d > observationEnd) {
            ignored++;
            return;
        }
        Integer c = index.get(customerId);
        if (c == null) {
            c = customers;
            index.put(customerId, c);
            if (customers == ids.length) {
                ids = Arrays.copyOf(ids, customers * 2);
            }
            ids[customers++] = customerId;
        }
        if (size == customer.length) {
            int n = size * 2;
            customer = Arrays.copyOf(customer, n);
            day = Arrays.copyOf(day, n);
            amount = Arrays.copyOf(amount, n);
        }
        customer[size] = c;
        day[size] = Math.toIntExact(d);
        amount[size] = value;
        size++;
    }

    /** @return the number of transactions ignored because they are after the observation end */
    public long ignoredAfterObservationEnd() {
        return ignored;
    }

    /**
     * @return the summary of the transactions added so far
     * @throws InvalidSummaryException if a customer's mean repeat spend is negative (refunds larger
     *     than purchases)
     */
    public CustomerSummary summarize() {
        int[] start = new int[customers + 1];
        for (int i = 0; i < size; i++) {
            start[customer[i] + 1]++;
        }
        for (int c = 0; c < customers; c++) {
            start[c + 1] += start[c];
        }
        // days and amounts grouped by customer, each group sorted by day (stable on input order)
        long[] keys = new long[size];
        int[] fill = Arrays.copyOf(start, customers);
        for (int i = 0; i < size; i++) {
            keys[fill[customer[i]]++] = ((long) day[i] << 32) | i;
        }
        double unit = options.unit().days();
        boolean holdout = options.calibrationEnd().isPresent();
        String[] outId = new String[customers];
        double[] x = new double[customers];
        double[] tx = new double[customers];
        double[] t = new double[customers];
        double[] m = new double[customers];
        double[] fh = new double[customers];
        double[] dh = new double[customers];
        int rows = 0;
        for (int c = 0; c < customers; c++) {
            Arrays.sort(keys, start[c], start[c + 1]);
            long first = keys[start[c]] >> 32;
            if (first > calibrationEnd) {
                continue;
            }
            int calDays = 0;
            long last = first;
            long previous = Long.MIN_VALUE;
            BigDecimal dayAmount = BigDecimal.ZERO;
            BigDecimal repeatSum = BigDecimal.ZERO;
            int holdDays = 0;
            for (int k = start[c]; k < start[c + 1]; k++) {
                long d = keys[k] >> 32;
                int i = (int) keys[k];
                if (d != previous) {
                    if (previous != Long.MIN_VALUE && previous != first && previous <= calibrationEnd) {
                        repeatSum = repeatSum.add(dayAmount);
                    }
                    dayAmount = BigDecimal.ZERO;
                    previous = d;
                    if (d <= calibrationEnd) {
                        calDays++;
                        last = d;
                    } else {
                        holdDays++;
                    }
                }
                if (withAmounts == 1) {
                    dayAmount = dayAmount.add(BigDecimal.valueOf(amount[i]));
                }
            }
            if (previous != first && previous <= calibrationEnd) {
                repeatSum = repeatSum.add(dayAmount);
            }
            outId[rows] = ids[c];
            x[rows] = calDays - 1;
            tx[rows] = (last - first) / unit;
            t[rows] = (calibrationEnd - first) / unit;
            m[rows] = calDays > 1
                    ? repeatSum
                            .divide(BigDecimal.valueOf(calDays - 1L), MathContext.DECIMAL64)
                            .doubleValue()
                    : 0;
            fh[rows] = holdDays;
            dh[rows] = (observationEnd - calibrationEnd) / unit;
            rows++;
        }
        CustomerSummary s = CustomerSummary.of(
                Arrays.copyOf(outId, rows), Arrays.copyOf(x, rows), Arrays.copyOf(tx, rows), Arrays.copyOf(t, rows));
        if (withAmounts == 1) {
            s = s.withMonetaryValue(Arrays.copyOf(m, rows));
        }
        if (holdout) {
            s = s.withHoldout(Arrays.copyOf(fh, rows), Arrays.copyOf(dh, rows));
        }
        return s;
    }
}
