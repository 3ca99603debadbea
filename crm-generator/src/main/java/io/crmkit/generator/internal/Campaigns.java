package io.crmkit.generator.internal;

import io.crmkit.core.Attributes;
import io.crmkit.core.CampaignId;
import io.crmkit.core.ContactChannel;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The brand's marketing calendar: regular campaigns (newsletters, new arrivals...) about {@code
 * campaignsPerMonth} a month on Tuesdays or Thursdays at noon or 8 pm, event campaigns before each
 * sales event, and the automated journeys (welcome, birthday, survey 7 days after delivery,
 * win-back after 90 days, abandoned cart). Sorted by send time.
 */
final class Campaigns {
    static final int WELCOME = 0;
    static final int BIRTHDAY = 1;
    static final int SURVEY = 2;
    static final int WINBACK = 3;
    static final int CART = 4;
    private static final String[] JOURNEYS = {
        "journey-welcome", "journey-birthday", "journey-survey-7d", "journey-winback-90d", "journey-cart-reminder"
    };
    private static final String[] THEMES = {
        "newsletter", "new-arrivals", "weekend-sale", "restock", "member-day", "tips"
    };

    final int count;
    final long[] at;
    final ContactChannel[] channel;
    final double[] share;
    final String[] idText;
    final Optional<CampaignId>[] id;
    final Attributes[] urlAttributes;
    final String[] journeyText;
    final Optional<CampaignId>[] journey;

    private record C(long at, ContactChannel channel, double share, String id) {}

    @SuppressWarnings("unchecked")
    Campaigns(TimeGrid grid, double perMonth, long seed) {
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed, 0xCA3FA16EL));
        List<C> list = new ArrayList<>();
        double perWeek = perMonth * 12 / 52;
        ContactChannel[] regularChannels = {
            ContactChannel.EMAIL,
            ContactChannel.LINE,
            ContactChannel.EMAIL,
            ContactChannel.LINE,
            ContactChannel.SMS,
            ContactChannel.APP_PUSH
        };
        for (int d = 0; d < grid.days(); d++) {
            LocalDate date = grid.firstDay().plusDays(d);
            if (date.getDayOfWeek() == DayOfWeek.MONDAY) {
                int n = Rand.poisson(r, perWeek);
                for (int k = 0; k < n; k++) {
                    int offset = r.nextBoolean() ? 1 : 3; // Tuesday or Thursday
                    int hour = r.nextBoolean() ? 12 : 20;
                    String theme = THEMES[r.nextInt(THEMES.length)];
                    add(
                            list,
                            grid,
                            date.plusDays(offset),
                            hour,
                            regularChannels[r.nextInt(regularChannels.length)],
                            0.3,
                            theme,
                            k);
                }
            }
            int m = date.getMonthValue();
            int dom = date.getDayOfMonth();
            if (m == 11 && dom == 8) {
                add(list, grid, date, 20, ContactChannel.LINE, 0.6, "double11-teaser", 0);
            } else if (m == 11 && dom == 10) {
                add(list, grid, date, 20, ContactChannel.LINE, 0.7, "double11-eve", 0);
            } else if (m == 11 && dom == 11) {
                add(list, grid, date, 10, ContactChannel.EMAIL, 0.6, "double11-day", 0);
            } else if (m == 12 && dom == 10) {
                add(list, grid, date, 12, ContactChannel.EMAIL, 0.5, "double12", 0);
            } else if (m == 12 && dom == 18) {
                add(list, grid, date, 20, ContactChannel.EMAIL, 0.4, "xmas", 0);
            } else if (m == 6 && dom == 15) {
                add(list, grid, date, 20, ContactChannel.LINE, 0.5, "mid-year-618", 0);
            } else if (m == 10 && dom == 1) {
                add(list, grid, date, 10, ContactChannel.LINE, 0.6, "anniversary", 0);
            } else if (m == 5 && dom <= 7 && date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                add(list, grid, date, 20, ContactChannel.LINE, 0.4, "mothers-day", 0);
            }
            for (String s : TaiwanData.LUNAR_NEW_YEAR) {
                if (LocalDate.parse(s).minusDays(20).equals(date)) {
                    add(list, grid, date, 12, ContactChannel.EMAIL, 0.5, "lunar-new-year", 0);
                }
            }
        }
        list.removeIf(c -> c.at < grid.start() || c.at >= grid.end());
        list.sort((x, y) -> x.at != y.at ? Long.compare(x.at, y.at) : x.id.compareTo(y.id));
        count = list.size();
        at = new long[count];
        channel = new ContactChannel[count];
        share = new double[count];
        idText = new String[count];
        id = (Optional<CampaignId>[]) new Optional<?>[count];
        urlAttributes = new Attributes[count];
        for (int i = 0; i < count; i++) {
            C c = list.get(i);
            at[i] = c.at;
            channel[i] = c.channel;
            share[i] = c.share;
            idText[i] = c.id;
            id[i] = Optional.of(CampaignId.of(c.id));
            urlAttributes[i] = ShopModel.url("https://shop.example.com.tw/campaigns/" + c.id);
        }
        journeyText = JOURNEYS.clone();
        journey = (Optional<CampaignId>[]) new Optional<?>[JOURNEYS.length];
        for (int j = 0; j < JOURNEYS.length; j++) {
            journey[j] = Optional.of(CampaignId.of(JOURNEYS[j]));
        }
    }

    private static void add(
            List<C> list,
            TimeGrid grid,
            LocalDate date,
            int hour,
            ContactChannel ch,
            double share,
            String theme,
            int k) {
        int day = grid.dayIndex(date);
        if (day < 0 || day >= grid.days()) {
            return;
        }
        long t = grid.dayStart(day) + hour * 3600L;
        String id = "C" + date.toString().replace("-", "") + "-" + theme + (k > 0 ? "-" + (k + 1) : "");
        list.add(new C(t, ch, share, id));
    }
}
