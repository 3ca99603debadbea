package io.crmkit.generator.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import org.jspecify.annotations.Nullable;

/**
 * The observation period cut into hours, with the relative intensity of purchases and of sign-ups in
 * every hour: a weekday x hour profile in the brand's zone (evening peak), month seasonality and the
 * sales events (11/11, 12/12, 6/18, Chinese New Year, the anniversary sale, Christmas, Mother's Day).
 *
 * <p>Purchases run on "shop time": the cumulative intensity, scaled so that one unit is one
 * average day. A Poisson process of rate λ per day in shop time, mapped back to real time, has
 * exactly the seasonal and daily pattern of the grid.
 */
final class TimeGrid {
    static final int EV_NONE = 0;
    static final int EV_D11 = 1;
    static final int EV_D11_WARM = 2;
    static final int EV_D12 = 3;
    static final int EV_618 = 4;
    static final int EV_618_WARM = 5;
    static final int EV_CNY_SHOP = 6;
    static final int EV_CNY_HOLIDAY = 7;
    static final int EV_ANNIV = 8;
    static final int EV_XMAS = 9;
    static final int EV_MOM = 10;

    private static final double[] EVENT_BUY = {1, 6.0, 1.35, 3.0, 2.5, 1.25, 1.5, 0.45, 1.6, 1.3, 1.3};
    private static final double[] EVENT_JOIN = {1, 3.0, 1.3, 1.8, 1.8, 1.2, 1.2, 0.6, 1.5, 1.1, 1.1};
    private static final double[] EVENT_COUPON = {1, 6, 2.5, 4, 4, 2, 2.5, 1, 4, 2, 2};
    private static final @Nullable String[] EVENT_CODE = {
        null, "DOUBLE11", "D11-EARLY", "DOUBLE12", "618", "618-EARLY", "CNY", null, "ANNIV", "XMAS", "MOM"
    };
    private static final int[] EVENT_PCT = {0, 15, 10, 12, 10, 8, 10, 0, 20, 10, 10};
    private static final int[] EVENT_CAP = {0, 600, 300, 400, 300, 200, 300, 0, 800, 200, 300};
    private static final double[] MONTH = {1.0, 0.9, 0.95, 0.95, 1.0, 1.0, 0.95, 0.95, 0.95, 1.05, 1.15, 1.1};
    private static final double[] DOW = {1.05, 1.0, 1.0, 0.97, 0.9, 0.93, 1.12};
    private static final double[] HOUR_WEEKDAY = {
        0.55, 0.3, 0.18, 0.1, 0.08, 0.1, 0.22, 0.45, 0.75, 0.95, 1.05, 1.15, 1.45, 1.3, 1.05, 1.05, 1.05, 1.05, 1.15,
        1.45, 1.95, 2.35, 2.15, 1.35
    };
    private static final double[] HOUR_WEEKEND = {
        0.7, 0.4, 0.22, 0.12, 0.09, 0.1, 0.18, 0.35, 0.6, 0.9, 1.2, 1.35, 1.45, 1.45, 1.4, 1.35, 1.3, 1.25, 1.2, 1.4,
        1.8, 2.1, 1.95, 1.3
    };

    private final ZoneId zone;
    private final long start;
    private final long end;
    private final int hours;
    private final double[] cumBuy;
    private final double[] cumJoin;
    private final int[] buyBucket;
    private final double buyStep;
    private final double buyPerStep;
    private final int[] joinBucket;
    private final double joinStep;
    private final double joinPerStep;
    private final int[] dayOfHour;
    private final byte[] localHour;
    private final LocalDate firstDay;
    private final int days;
    private final long[] dayStart;
    private final byte[] eventOfDay;
    private final byte[] monthOfDay;
    private final short[] yearOfDay;
    private final @Nullable String[] couponOfDay;

    TimeGrid(Instant startInstant, Instant endInstant, ZoneId zone) {
        this.zone = zone;
        this.start = startInstant.getEpochSecond();
        this.end = endInstant.getEpochSecond();
        this.hours = (int) ((end - start + 3599) / 3600);
        this.firstDay = LocalDate.ofInstant(startInstant, zone);
        LocalDate lastDay = LocalDate.ofInstant(Instant.ofEpochSecond(end - 1), zone);
        this.days = (int) (lastDay.toEpochDay() - firstDay.toEpochDay()) + 1;
        this.dayStart = new long[days];
        this.eventOfDay = new byte[days];
        this.monthOfDay = new byte[days];
        this.yearOfDay = new short[days];
        this.couponOfDay = new String[days];
        for (int d = 0; d < days; d++) {
            LocalDate date = firstDay.plusDays(d);
            dayStart[d] = date.atStartOfDay(zone).toEpochSecond();
            monthOfDay[d] = (byte) date.getMonthValue();
            yearOfDay[d] = (short) date.getYear();
            int ev = eventOf(date);
            eventOfDay[d] = (byte) ev;
            if (EVENT_CODE[ev] != null) {
                int year = ev == EV_CNY_SHOP ? lunarYear(date) : date.getYear();
                couponOfDay[d] = EVENT_CODE[ev] + "-" + year;
            }
        }
        cumBuy = new double[hours + 1];
        cumJoin = new double[hours + 1];
        dayOfHour = new int[hours];
        localHour = new byte[hours];
        double span = end - start;
        for (int h = 0; h < hours; h++) {
            long t = start + 3600L * h;
            ZonedDateTime z = Instant.ofEpochSecond(t).atZone(zone);
            int day = (int) (z.toLocalDate().toEpochDay() - firstDay.toEpochDay());
            int hour = z.getHour();
            int dw = z.getDayOfWeek().getValue() - 1;
            dayOfHour[h] = day;
            localHour[h] = (byte) hour;
            int ev = eventOfDay[day];
            double hw = dw >= 5 ? HOUR_WEEKEND[hour] : HOUR_WEEKDAY[hour];
            double special = 1;
            if (ev == EV_D11) {
                special = hour == 0 ? 3.0 : hour >= 20 ? 1.3 : 1.0;
            }
            double len = Math.min(3600, end - t) / 3600.0;
            double buy = hw * DOW[dw] * MONTH[z.getMonthValue() - 1] * EVENT_BUY[ev] * special;
            double growth = 0.6 + 0.8 * ((t - start) / span);
            double join = hw * EVENT_JOIN[ev] * growth;
            cumBuy[h + 1] = cumBuy[h] + buy * len;
            cumJoin[h + 1] = cumJoin[h] + join * len;
        }
        double scale = (span / 86400.0) / cumBuy[hours];
        for (int h = 0; h <= hours; h++) {
            cumBuy[h] *= scale;
        }
        buyStep = cumBuy[hours] / hours;
        buyPerStep = 1 / buyStep;
        buyBucket = buckets(cumBuy, buyStep);
        joinStep = cumJoin[hours] / hours;
        joinPerStep = 1 / joinStep;
        joinBucket = buckets(cumJoin, joinStep);
    }

    /** For each bucket b of width step, the last hour h with cum[h] <= b * step. */
    private int[] buckets(double[] cum, double step) {
        int[] b = new int[hours + 1];
        int h = 0;
        for (int i = 0; i <= hours; i++) {
            double x = i * step;
            while (h + 1 < hours && cum[h + 1] <= x) {
                h++;
            }
            b[i] = h;
        }
        return b;
    }

    private static int eventOf(LocalDate d) {
        int m = d.getMonthValue();
        int dom = d.getDayOfMonth();
        LocalDate cny = lunarNewYear(d);
        if (cny != null) {
            long off = d.toEpochDay() - cny.toEpochDay();
            if (off >= -1 && off <= 4) {
                return EV_CNY_HOLIDAY;
            }
            if (off >= -21 && off <= -8) {
                return EV_CNY_SHOP;
            }
        }
        if (m == 11) {
            if (dom == 11) {
                return EV_D11;
            }
            if (dom <= 14) {
                return EV_D11_WARM;
            }
        }
        if (m == 12) {
            if (dom == 12) {
                return EV_D12;
            }
            if (dom >= 18 && dom <= 24) {
                return EV_XMAS;
            }
        }
        if (m == 6) {
            if (dom == 18) {
                return EV_618;
            }
            if (dom >= 10 && dom < 18) {
                return EV_618_WARM;
            }
        }
        if (m == 10 && dom <= 10) {
            return EV_ANNIV;
        }
        if (m == 5) {
            LocalDate mothersDay = d.withDayOfMonth(1)
                    .with(TemporalAdjusters.firstInMonth(DayOfWeek.SUNDAY))
                    .plusWeeks(1);
            long off = d.toEpochDay() - mothersDay.toEpochDay();
            if (off >= -10 && off <= 0) {
                return EV_MOM;
            }
        }
        return EV_NONE;
    }

    /** The lunar new year closest to a date (within the table), or null. */
    private static @Nullable LocalDate lunarNewYear(LocalDate d) {
        for (String s : TaiwanData.LUNAR_NEW_YEAR) {
            LocalDate c = LocalDate.parse(s);
            long off = d.toEpochDay() - c.toEpochDay();
            if (off >= -40 && off <= 40) {
                return c;
            }
        }
        return null;
    }

    private static int lunarYear(LocalDate d) {
        LocalDate c = lunarNewYear(d);
        return c == null ? d.getYear() : c.getYear();
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    ZoneId zone() {
        return zone;
    }

    int days() {
        return days;
    }

    LocalDate firstDay() {
        return firstDay;
    }

    /** @return the local midnight of a day, as epoch seconds */
    long dayStart(int day) {
        return dayStart[day];
    }

    /** @return the day index of a date, possibly outside [0, days) */
    int dayIndex(LocalDate date) {
        return (int) (date.toEpochDay() - firstDay.toEpochDay());
    }

    int dayOfHour(int hourIndex) {
        return dayOfHour[hourIndex];
    }

    int localHourOfHour(int hourIndex) {
        return localHour[hourIndex];
    }

    /** @return the index of the hour of an epoch second, clamped to the grid */
    int hourIndex(long epochSecond) {
        int h = (int) ((epochSecond - start) / 3600);
        return h < 0 ? 0 : Math.min(h, hours - 1);
    }

    /** @return the month 1..12 of a day */
    int month(int day) {
        return monthOfDay[day];
    }

    int year(int day) {
        return yearOfDay[day];
    }

    int event(int day) {
        return eventOfDay[day];
    }

    /** @return the event coupon code of a day, or null */
    @Nullable
    String coupon(int day) {
        return couponOfDay[day];
    }

    double couponBoost(int day) {
        return EVENT_COUPON[eventOfDay[day]];
    }

    int eventPercent(int day) {
        return EVENT_PCT[eventOfDay[day]];
    }

    long eventCap(int day) {
        return EVENT_CAP[eventOfDay[day]];
    }

    /** @return the length of the period in shop time (average days) */
    double shopTimeEnd() {
        return cumBuy[hours];
    }

    /** @return the shop time of an epoch second */
    double shopTime(long epochSecond) {
        long off = epochSecond - start;
        int h = (int) (off / 3600);
        if (h >= hours) {
            return cumBuy[hours];
        }
        double frac = (off - 3600L * h) / 3600.0;
        return cumBuy[h] + frac * (cumBuy[h + 1] - cumBuy[h]);
    }

    /** @return the epoch second of a shop time in [0, shopTimeEnd()) */
    long realTime(double shopTime) {
        return invert(cumBuy, buyBucket, buyPerStep, shopTime);
    }

    /** @return the epoch second at a fraction u in [0, 1) of all sign-ups */
    long joinTime(double u) {
        return invert(cumJoin, joinBucket, joinPerStep, u * cumJoin[hours]);
    }

    private long invert(double[] cum, int[] bucket, double perStep, double x) {
        int b = (int) (x * perStep);
        int lo = bucket[Math.min(Math.max(b, 0), hours)];
        while (lo + 1 < hours && cum[lo + 1] <= x) {
            lo++;
        }
        double w = cum[lo + 1] - cum[lo];
        double frac = w > 0 ? (x - cum[lo]) / w : 0;
        long hourStart = start + 3600L * lo;
        long len = Math.min(3600, end - hourStart);
        long t = hourStart + (long) (frac * len);
        return Math.min(Math.max(t, start), end - 1);
    }
}
