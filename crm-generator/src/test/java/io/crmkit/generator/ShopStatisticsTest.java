package io.crmkit.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.ContactChannel;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Member;
import io.crmkit.core.Order;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.SalesChannel;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default shop looks like a typical Taiwanese shop. Bands are wide enough for any seed but
 * narrow enough to fail if a part of the model breaks.
 */
class ShopStatisticsTest {
    private static final int N = 20_000;
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private static long buyers;
    private static long orders;
    private static long cancelled;
    private static long refunded;
    private static long[] totals;
    private static int totalCount;
    private static long heavy;
    private static final long[] hour = new long[24];
    private static final long[] dayOfWeek = new long[7];
    private static final Map<LocalDate, Long> perDay = new HashMap<>();
    private static final Map<LocalDate, Long> couponsPerDay = new HashMap<>();
    private static final Map<String, Long> payment = new HashMap<>();
    private static final Map<String, Long> region = new HashMap<>();
    private static long age25to45;
    private static long withAge;
    private static final Map<InteractionType, Long> emailFunnel = new HashMap<>();
    private static long scoreSum;
    private static long scores;
    private static long optedInEmail;
    private static long withEmail;
    private static long joinedBefore;

    @BeforeAll
    static void generate() {
        ShopGenerator g =
                ShopGenerator.of(GeneratorConfig.custom().members(N).seed(7).build());
        totals = new long[N * 20];
        LocalDate lastDay = LocalDate.of(2025, 12, 31);
        for (GeneratedMember gm : (Iterable<GeneratedMember>) g.members()::iterator) {
            Member m = gm.member();
            if (m.joinedAt().isBefore(GeneratorConfig.DEFAULT_START)) {
                joinedBefore++;
            }
            if (gm.isBuyer()) {
                buyers++;
            }
            m.region().ifPresent(r -> region.merge(r, 1L, Long::sum));
            m.age(lastDay).ifPresent(a -> {
                withAge++;
                if (a >= 25 && a <= 45) {
                    age25to45++;
                }
            });
            if (m.email().isPresent()) {
                withEmail++;
                if (m.consent(ContactChannel.EMAIL).map(c -> c.optedIn()).orElse(false)) {
                    optedInEmail++;
                }
            }
            if (gm.orders().size() >= 20) {
                heavy++;
            }
            for (Order o : gm.orders()) {
                orders++;
                if (o.isCancelled()) {
                    cancelled++;
                    continue;
                }
                if (!o.refunds().isEmpty()) {
                    refunded++;
                }
                if (totalCount < totals.length) {
                    totals[totalCount++] = o.total().minorUnits() / 100;
                }
                ZonedDateTime t = o.placedAt().atZone(TAIPEI);
                hour[t.getHour()]++;
                dayOfWeek[t.getDayOfWeek().getValue() - 1]++;
                perDay.merge(t.toLocalDate(), 1L, Long::sum);
                if (o.usedCoupon()) {
                    couponsPerDay.merge(t.toLocalDate(), 1L, Long::sum);
                }
                payment.merge(o.paymentMethod().orElseThrow().code(), 1L, Long::sum);
            }
            for (Interaction i : gm.interactions()) {
                if (i.channel().equals(java.util.Optional.of(ContactChannel.EMAIL))
                        && i.campaignId().isPresent()) {
                    emailFunnel.merge(i.type(), 1L, Long::sum);
                }
                if (i.type() == InteractionType.SURVEY_ANSWERED) {
                    scoreSum += i.score().orElseThrow();
                    scores++;
                }
            }
        }
        Arrays.sort(totals, 0, totalCount);
    }

    @Test
    void aboutFortyPercentOfMembersNeverBuy() {
        double never = 1 - (double) buyers / N;
        assertThat(never).isBetween(0.33, 0.47);
    }

    @Test
    void theShopHasMembersFromBeforeThePeriodSoItDoesNotStartFromZero() {
        assertThat((double) joinedBefore / N).isBetween(0.27, 0.33);
        long jan2023 = 0;
        long all = 0;
        for (Map.Entry<LocalDate, Long> e : perDay.entrySet()) {
            all += e.getValue();
            if (e.getKey().getYear() == 2023 && e.getKey().getMonth() == Month.JANUARY) {
                jan2023 += e.getValue();
            }
        }
        assertThat((double) jan2023).isGreaterThan(0.4 * all / 36);
    }

    @Test
    void ordersPerMemberHaveAHeavyTail() {
        double perMember = (double) orders / N;
        assertThat(perMember).isBetween(4.0, 12.0);
        assertThat((double) heavy / N).as("members with 20+ orders").isBetween(0.02, 0.2);
    }

    @Test
    void medianOrderValueIsBetween800And1500() {
        long median = totals[totalCount / 2];
        assertThat(median).isBetween(800L, 1500L);
        assertThat(totals[totalCount / 10]).as("p10").isLessThan(600);
        assertThat(totals[totalCount * 99 / 100]).as("p99").isGreaterThan(3000);
    }

    @Test
    void novemberPeaksAndDoubleElevenIsTheBiggestDay() {
        double avgDay = (double) (orders - cancelled) / perDay.size();
        long nov11 = perDay.getOrDefault(LocalDate.of(2024, 11, 11), 0L);
        assertThat(nov11).isGreaterThan((long) (3 * avgDay));
        long nov = 0;
        long mar = 0;
        for (Map.Entry<LocalDate, Long> e : perDay.entrySet()) {
            if (e.getKey().getMonth() == Month.NOVEMBER) {
                nov += e.getValue();
            } else if (e.getKey().getMonth() == Month.MARCH) {
                mar += e.getValue();
            }
        }
        assertThat((double) nov / 30).isGreaterThan(1.3 * mar / 31);
        LocalDate busiest = perDay.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        assertThat(busiest.getMonth()).isEqualTo(Month.NOVEMBER);
        assertThat(busiest.getDayOfMonth()).isEqualTo(11);
    }

    @Test
    void couponsAreUsedMostDuringSales() {
        LocalDate d11 = LocalDate.of(2024, 11, 11);
        double d11Share = (double) couponsPerDay.get(d11) / perDay.get(d11);
        LocalDate ordinary = LocalDate.of(2024, 3, 13);
        long ordinaryCoupons = 0;
        long ordinaryOrders = 0;
        for (int i = 0; i < 14; i++) {
            LocalDate d = ordinary.plusDays(i);
            ordinaryCoupons += couponsPerDay.getOrDefault(d, 0L);
            ordinaryOrders += perDay.getOrDefault(d, 0L);
        }
        assertThat(d11Share).isGreaterThan(0.3).isGreaterThan(3.0 * ordinaryCoupons / ordinaryOrders);
    }

    @Test
    void ordersPeakInTheEveningAndOnSundays() {
        long evening = hour[20] + hour[21] + hour[22];
        long night = hour[3] + hour[4] + hour[5];
        assertThat(evening).isGreaterThan(8 * night);
        assertThat(hour[21]).isGreaterThan(hour[10]);
        assertThat(dayOfWeek[DayOfWeek.SUNDAY.ordinal()]).isGreaterThan(dayOfWeek[DayOfWeek.FRIDAY.ordinal()]);
    }

    @Test
    void fewOrdersAreCancelledOrRefunded() {
        assertThat((double) cancelled / orders).isBetween(0.005, 0.03);
        assertThat((double) refunded / (orders - cancelled)).isBetween(0.02, 0.06);
    }

    @Test
    void paymentsAndRegionsLookTaiwanese() {
        long all = payment.values().stream().mapToLong(Long::longValue).sum();
        assertThat(payment.get(PaymentMethod.CREDIT_CARD.code())).isGreaterThan(all / 4);
        assertThat(payment.get(PaymentMethod.LINE_PAY.code())).isGreaterThan(all / 20);
        assertThat(payment.get(PaymentMethod.CONVENIENCE_STORE_COD.code())).isGreaterThan(all / 20);
        assertThat(payment.get(PaymentMethod.CASH.code())).isPositive();
        long withRegion = region.values().stream().mapToLong(Long::longValue).sum();
        assertThat((double) region.get("北部") / withRegion).isBetween(0.40, 0.52);
        assertThat((double) region.get("離島") / withRegion).isLessThan(0.03);
        assertThat(region).containsKeys("中部", "南部", "東部");
        assertThat((double) age25to45 / withAge).isBetween(0.5, 0.75);
        assertThat(SalesChannel.POS.code()).isEqualTo("POS");
    }

    @Test
    void messagingFunnelNarrows() {
        long sent = emailFunnel.get(InteractionType.MESSAGE_SENT);
        long opened = emailFunnel.get(InteractionType.MESSAGE_OPENED);
        long clicked = emailFunnel.get(InteractionType.MESSAGE_CLICKED);
        assertThat((double) opened / sent).isBetween(0.1, 0.45);
        assertThat((double) clicked / opened).isBetween(0.05, 0.4);
        assertThat(emailFunnel.get(InteractionType.MESSAGE_BOUNCED)).isPositive();
        assertThat((double) scoreSum / scores).isBetween(3.5, 4.6);
        assertThat((double) optedInEmail / withEmail).isBetween(0.5, 0.8);
    }
}
