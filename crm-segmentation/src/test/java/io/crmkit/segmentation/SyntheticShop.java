package io.crmkit.segmentation;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.CampaignId;
import io.crmkit.core.Category;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.Gender;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionId;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.ProductId;
import io.crmkit.core.Refund;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.ShippingMethod;
import io.crmkit.core.StoreId;
import io.crmkit.core.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic Taiwanese shop for tests that need more than a handful of members:
 * members with profiles, consents and tags; orders over two years with a Double-11 peak,
 * cancellations, refunds, coupons, pickups and lines in nested categories; message and page-view
 * interactions. The same seed gives the same shop.
 */
final class SyntheticShop {
    static final Currency TWD = Currency.getInstance("TWD");
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    static final AttributeKey<Integer> EMPLOYEES = AttributeKey.ofInteger("employees");

    static final String[] CITIES = {"台北市", "新北市", "桃園市", "台中市", "台南市", "高雄市", "新竹市", "基隆市"};
    static final String[] REGIONS = {"北部", "北部", "北部", "中部", "南部", "南部", "北部", "北部"};
    static final String[] TOPS = {"Home", "Food", "Beauty", "Baby", "Outdoor"};
    static final String[] MIDS = {"Kitchen", "Bath", "Snacks", "Drinks", "Care"};
    static final String[] LEAVES = {"Cups", "Towels", "Cocoa", "Pads", "Tea"};
    static final SalesChannel[] CHANNELS = {
        SalesChannel.WEB, SalesChannel.WEB, SalesChannel.APP, SalesChannel.POS, SalesChannel.SHOPEE, SalesChannel.LINE
    };
    static final PaymentMethod[] PAYMENTS = {
        PaymentMethod.CREDIT_CARD, PaymentMethod.LINE_PAY, PaymentMethod.CONVENIENCE_STORE_COD, PaymentMethod.CASH
    };
    static final String[] COUPONS = {"D11", "WELCOME100", "VIP10", "BDAY", "FREESHIP"};

    private SyntheticShop() {}

    /**
     * @param crm an empty CRM in Taipei time
     * @param members how many members
     * @param ordersPerMember the average number of orders
     * @param interactionsPerMember the average number of interactions
     * @param end the last instant of history
     * @param seed the seed
     */
    static void populate(
            Crm crm, int members, double ordersPerMember, double interactionsPerMember, Instant end, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Instant start = end.minusSeconds(86_400L * 730);
        long span = end.getEpochSecond() - start.getEpochSecond();
        LocalDate endDate = LocalDate.ofInstant(end, TAIPEI);
        Instant d11 = LocalDate.of(endDate.getYear() - (endDate.getMonthValue() > 11 ? 0 : 1), 11, 11)
                .atStartOfDay(TAIPEI)
                .toInstant();
        List<Member> ms = new ArrayList<>();
        List<Order> os = new ArrayList<>();
        List<Interaction> is = new ArrayList<>();
        long orderSeq = 0;
        long interactionSeq = 0;
        for (int i = 0; i < members; i++) {
            MemberId id = MemberId.of(String.format("M%08d", i));
            Instant joined = start.minusSeconds(r.nextLong(86_400L * 365)).plusSeconds(r.nextLong(span));
            int c = r.nextInt(CITIES.length);
            Member.Builder b = Member.builder(id, joined)
                    .gender(r.nextInt(10) < 6 ? Gender.FEMALE : r.nextInt(10) < 9 ? Gender.MALE : Gender.UNKNOWN)
                    .city(CITIES[c])
                    .region(REGIONS[c])
                    .sourceChannel(CHANNELS[r.nextInt(CHANNELS.length)]);
            if (r.nextInt(10) < 8) {
                b.birthday(LocalDate.of(1960 + r.nextInt(45), 1 + r.nextInt(12), 1 + r.nextInt(28)));
            }
            if (r.nextInt(10) < 7) {
                b.email(Email.parse("m" + i + "@example.com"));
                b.consent(new Consent(ContactChannel.EMAIL, r.nextInt(10) < 8, joined, "signup"));
            }
            if (r.nextInt(10) < 5) {
                b.lineId("U" + i);
                b.consent(new Consent(ContactChannel.LINE, r.nextInt(10) < 9, joined, "line-oa"));
            }
            if (r.nextInt(100) < 5) {
                b.tag(Tag.manual("vip", "agent", joined));
            }
            if (r.nextInt(100) < 2) {
                b.tag(Tag.manual("do-not-contact", "agent", joined));
            }
            if (r.nextInt(100) < 10) {
                b.attribute(EMPLOYEES, 1 + r.nextInt(500));
            }
            ms.add(b.build());
            int n = poisson(r, ordersPerMember);
            for (int k = 0; k < n; k++) {
                Instant at =
                        r.nextInt(100) < 8 ? d11.plusSeconds(r.nextLong(86_400)) : start.plusSeconds(r.nextLong(span));
                os.add(order(r, OrderId.of(String.format("O%09d", orderSeq++)), id, at, end));
            }
            int m = poisson(r, interactionsPerMember);
            for (int k = 0; k < m; k++) {
                Instant at = start.plusSeconds(r.nextLong(span));
                InteractionType type = switch (r.nextInt(6)) {
                    case 0, 1 -> InteractionType.MESSAGE_SENT;
                    case 2 -> InteractionType.MESSAGE_OPENED;
                    case 3 -> InteractionType.MESSAGE_CLICKED;
                    case 4 -> InteractionType.PAGE_VIEWED;
                    default -> InteractionType.SURVEY_ANSWERED;
                };
                Interaction.Builder ib = Interaction.builder(
                                InteractionId.of(String.format("I%09d", interactionSeq++)), id, at, type)
                        .campaign(CampaignId.of("c" + r.nextInt(8)));
                if (type == InteractionType.PAGE_VIEWED) {
                    ib.property(Interaction.DURATION_SECONDS, (long) r.nextInt(600));
                } else {
                    ib.channel(r.nextBoolean() ? ContactChannel.EMAIL : ContactChannel.LINE);
                }
                if (type == InteractionType.SURVEY_ANSWERED) {
                    ib.property(Interaction.SCORE, 1 + r.nextInt(5));
                }
                is.add(ib.build());
            }
            if (ms.size() >= 10_000) {
                flush(crm, ms, os, is);
            }
        }
        flush(crm, ms, os, is);
    }

    private static void flush(Crm crm, List<Member> ms, List<Order> os, List<Interaction> is) {
        crm.members().saveAll(ms);
        crm.orders().upsertAll(os);
        crm.interactions().appendAll(is);
        ms.clear();
        os.clear();
        is.clear();
    }

    private static Order order(SplittableRandom r, OrderId id, MemberId member, Instant at, Instant end) {
        Order.Builder b = Order.builder(id, member, at)
                .channel(CHANNELS[r.nextInt(CHANNELS.length)])
                .paymentMethod(PAYMENTS[r.nextInt(PAYMENTS.length)]);
        if (r.nextInt(100) < 3) {
            b.status(OrderStatus.CANCELLED);
        }
        if (r.nextInt(10) < 4) {
            b.shippingMethod(ShippingMethod.CONVENIENCE_STORE_PICKUP).pickupStore(StoreId.of("711-" + r.nextInt(3000)));
        } else {
            b.shippingMethod(ShippingMethod.HOME_DELIVERY);
        }
        if (r.nextInt(10) < 2) {
            b.coupon(COUPONS[r.nextInt(COUPONS.length)]);
        }
        int lines = 1 + (r.nextInt(10) < 3 ? 1 + r.nextInt(3) : 0);
        long total = 0;
        for (int l = 0; l < lines; l++) {
            int p = r.nextInt(200);
            String cat = TOPS[p % 5] + " > " + MIDS[(p / 5) % 5] + " > " + LEAVES[(p / 25) % 5];
            long price = (99 + (p * 37L) % 2000) * 100;
            int q = 1 + (r.nextInt(10) < 2 ? 1 : 0);
            OrderLine line =
                    OrderLine.of(ProductId.of("P" + p), "product " + p, Category.of(cat), q, Money.ofMinor(price, TWD));
            if (p % 3 == 0) {
                line = line.withSku("P" + p + "-" + (r.nextBoolean() ? "S" : "L"));
            }
            b.line(line);
            total += price * q;
        }
        if (r.nextInt(100) < 5) {
            Instant when = at.plusSeconds(r.nextLong(86_400L * 30));
            long amount = r.nextBoolean() ? total : Math.max(1, total / 3);
            b.refund(new Refund(when, Money.ofMinor(amount, TWD), "return"));
        }
        return b.build();
    }

    private static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
