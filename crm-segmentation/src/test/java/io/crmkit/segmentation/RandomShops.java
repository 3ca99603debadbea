package io.crmkit.segmentation;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.Attributes;
import io.crmkit.core.BrandSettings;
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
import io.crmkit.core.MemberView;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.ProductId;
import io.crmkit.core.Refund;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.ShippingMethod;
import io.crmkit.core.StoreId;
import io.crmkit.core.Tag;
import io.crmkit.segmentation.Condition.InteractionFilter;
import io.crmkit.segmentation.Condition.Item;
import io.crmkit.segmentation.Condition.OrderFilter;
import io.crmkit.segmentation.spi.CustomPredicate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random small shops and random conditions over one shared vocabulary, so that conditions name
 * tags, products, coupons, stores and campaigns the shops actually have, and windows and bounds
 * fall where the data is. Times cluster around the awkward places: midnights, a São Paulo
 * daylight-saving change at midnight (the local date goes back), 29 February.
 */
public final class RandomShops {
    private RandomShops() {}

    public static final Currency TWD = Currency.getInstance("TWD");
    public static final Currency USD = Currency.getInstance("USD");

    public static final Instant START = Instant.parse("2018-06-01T00:00:00Z");
    public static final Instant END = Instant.parse("2020-06-30T00:00:00Z");

    public static final List<String> ZONES =
            List.of("Asia/Taipei", "America/Sao_Paulo", "America/New_York", "Australia/Lord_Howe");

    /** Instants where days, daylight saving and leap days change. */
    public static final List<Instant> HOTSPOTS = List.of(
            Instant.parse("2019-02-17T02:00:00Z"), // São Paulo: 00:00 back to 23:00 the day before
            Instant.parse("2018-11-04T03:00:00Z"), // São Paulo: 00:00 on to 01:00
            Instant.parse("2019-11-10T16:00:00Z"), // Taipei midnight before 11/11
            Instant.parse("2019-11-11T16:00:00Z"), // Taipei midnight after 11/11
            Instant.parse("2020-02-28T16:00:00Z"), // Taipei 29 Feb 2020 begins
            Instant.parse("2020-03-08T07:00:00Z"), // New York spring forward
            Instant.parse("2019-12-31T16:00:00Z"),
            Instant.parse("2020-01-01T05:00:00Z"));

    public static final List<String> TAGS = List.of("vip", "new", "churn-risk", "do-not-contact");
    public static final List<String> REGIONS = List.of("北部", "中部", "南部");
    public static final List<String> CITIES = List.of("台北市", "新北市", "高雄市");
    public static final List<String> SALES_CHANNELS = List.of("WEB", "APP", "POS", "SHOPEE");
    public static final List<String> PAYMENTS = List.of("CREDIT_CARD", "LINE_PAY", "CONVENIENCE_STORE_COD");
    public static final List<String> SHIPPINGS = List.of("HOME_DELIVERY", "CONVENIENCE_STORE_PICKUP");
    public static final List<String> STORES = List.of("7-11-台北車站", "FM-信義", "SHOP-1");
    public static final List<String> COUPONS = List.of("D11", "WELCOME", "VIP10");
    public static final List<String> CAMPAIGNS = List.of("c1", "c2", "c3");
    public static final List<String> PRODUCTS = List.of("P1", "P2", "P3", "P4", "P5");
    public static final Map<String, String> CATEGORY_OF = Map.of(
            "P1", "Home > Kitchen > Cups",
            "P2", "Home > Kitchen",
            "P3", "Home > Bath",
            "P4", "Food > Drinks > Cocoa",
            "P5", "Food");
    public static final List<String> CATEGORIES = List.of(
            "Home", "Home > Kitchen", "Home > Kitchen > Cups", "Home > Bath", "Food", "Food > Drinks", "Garden");
    public static final List<String> SKUS = List.of("P1-RED", "P1-BLUE", "P4-1KG");

    public static final AttributeKey<Integer> EMPLOYEES = AttributeKey.ofInteger("employees");
    public static final AttributeKey<BigDecimal> REVENUE = AttributeKey.ofDecimal("revenue");
    public static final AttributeKey<String> INDUSTRY = AttributeKey.ofString("industry");
    public static final AttributeKey<LocalDate> SINCE = AttributeKey.ofDate("since");
    public static final AttributeKey<Boolean> B2B = AttributeKey.ofBoolean("b2b");
    public static final AttributeKey<Instant> LAST_LOGIN = AttributeKey.ofInstant("last_login");
    public static final AttributeKey<Long> VISITS = AttributeKey.ofLong("visits");
    /** The same name with two types on different members: keys are name and type. */
    public static final AttributeKey<String> CODE_TEXT = AttributeKey.ofString("code");

    public static final AttributeKey<Integer> CODE_NUMBER = AttributeKey.ofInteger("code");
    public static final List<String> INDUSTRIES = List.of("logistics", "retail", "food", "b");
    public static final List<BigDecimal> REVENUES =
            List.of(new BigDecimal("1.5"), new BigDecimal("1.50"), new BigDecimal("20"), new BigDecimal("300.25"));
    public static final List<Instant> LOGINS = List.of(
            Instant.parse("2020-01-01T00:00:00Z"),
            Instant.parse("2020-01-01T00:00:00.5Z"),
            Instant.parse("2020-03-01T12:00:00Z"));

    /** A custom predicate that reads the view: at least {@code n} orders placed (any status). */
    public static final CustomPredicate MIN_ORDERS = new CustomPredicate() {
        @Override
        public String name() {
            return "min-orders";
        }

        @Override
        public boolean test(MemberView member, Map<String, String> params, Instant asOf) {
            return member.orders().size() >= Integer.parseInt(params.getOrDefault("n", "1"));
        }
    };

    public static final SegmentCatalog CATALOG = SegmentCatalog.builder()
            .predicate(MIN_ORDERS)
            .segment(Segment.of(
                    "vip-buyers",
                    "VIP buyers",
                    Where.allOf(
                            Where.tagged("vip"),
                            Where.orderCount(Window.allTime()).atLeast(1))))
            .segment(
                    Segment.of("recent", "Recent", Where.daysSinceLastPurchase().atMost(90)))
            .segment(Segment.of(
                    "recent-or-mail",
                    "Recent or reachable by mail",
                    Where.anyOf(Where.inSegment(SegmentId.of("recent")), Where.reachableBy(ContactChannel.EMAIL))))
            .build();

    // ---- the shop ---------------------------------------------------------------------------------

    /** A random shop, built into a fresh in-memory {@link Crm} on demand. */
    public record Shop(String zone, List<MemberDraft> members, List<OrderDraft> orphans) {
        public Crm build() {
            Crm crm = Crm.inMemory(BrandSettings.custom().zone(ZoneId.of(zone)).build());
            List<Member> ms = new ArrayList<>();
            List<Order> os = new ArrayList<>();
            List<Interaction> is = new ArrayList<>();
            int[] seq = new int[1];
            for (int i = 0; i < members.size(); i++) {
                MemberDraft d = members.get(i);
                MemberId id = MemberId.of(String.format("M%03d", i));
                ms.add(d.member(id));
                for (OrderDraft o : d.orders) {
                    os.add(o.order(OrderId.of(String.format("O%05d", seq[0]++)), id));
                }
                for (InteractionDraft x : d.interactions) {
                    is.add(x.interaction(InteractionId.of(String.format("I%05d", seq[0]++)), id));
                }
            }
            for (OrderDraft o : orphans) {
                os.add(o.order(OrderId.of(String.format("O%05d", seq[0]++)), MemberId.of("Z-unknown")));
            }
            crm.members().saveAll(ms);
            crm.orders().upsertAll(os);
            crm.interactions().appendAll(is);
            return crm;
        }

        /** Instants worth taking as as-of: order times and refund times. */
        public List<Instant> instants() {
            List<Instant> out = new ArrayList<>();
            for (MemberDraft m : members) {
                for (OrderDraft o : m.orders) {
                    out.add(o.placedAt);
                    for (RefundDraft r : o.refunds) {
                        out.add(o.placedAt.plusSeconds(r.afterSeconds));
                    }
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return "Shop[" + zone + ", " + members.size() + " members, "
                    + members.stream().mapToInt(m -> m.orders.size()).sum() + " orders]";
        }
    }

    public static final class MemberDraft {
        Gender gender = Gender.UNKNOWN;
        Optional<LocalDate> birthday = Optional.empty();
        Instant joinedAt = START;
        Optional<String> region = Optional.empty();
        Optional<String> city = Optional.empty();
        Optional<String> source = Optional.empty();
        boolean email;
        boolean phone;
        boolean line;
        Map<ContactChannel, Boolean> consents = new EnumMap<>(ContactChannel.class);
        Set<String> tags = Set.of();
        List<Tuple.Tuple2<AttributeKey<?>, Object>> attributes = List.of();
        List<OrderDraft> orders = List.of();
        List<InteractionDraft> interactions = List.of();

        Member member(MemberId id) {
            // a birthday is never after the member joined (Member.Builder refuses it)
            LocalDate joinDay = LocalDate.ofInstant(joinedAt, java.time.ZoneOffset.UTC);
            LocalDate born =
                    birthday.map(d -> d.isAfter(joinDay) ? d.minusYears(32) : d).orElse(null);
            Member.Builder b = Member.builder(id, joinedAt).gender(gender).birthday(born);
            region.ifPresent(b::region);
            city.ifPresent(b::city);
            source.ifPresent(s -> b.sourceChannel(SalesChannel.of(s)));
            if (email) {
                b.email(Email.parse(id.value().toLowerCase(java.util.Locale.ROOT) + "@example.com"));
            }
            if (phone) {
                b.phone(PhoneNumber.parse("0912-345-" + String.format("%03d", Math.abs(id.hashCode()) % 1000), "886"));
            }
            if (line) {
                b.lineId("line-" + id.value());
            }
            consents.forEach((c, in) -> b.consent(new Consent(c, in, START, "test")));
            for (String t : tags) {
                b.tag(Tag.manual(t, "test", START));
            }
            Attributes attrs = Attributes.empty();
            for (Tuple.Tuple2<AttributeKey<?>, Object> a : attributes) {
                attrs = attrs.withUnchecked(a.get1(), a.get2());
            }
            b.attributes(attrs);
            return b.build();
        }

        @Override
        public String toString() {
            return "Member[" + gender + " " + birthday.orElse(null) + " tags=" + tags + " orders=" + orders + "]";
        }
    }

    public record LineDraft(String product, Optional<String> sku, int quantity, long unitMinor, long discountMinor) {}

    public record RefundDraft(long afterSeconds, boolean full, int part) {}

    public static final class OrderDraft {
        Instant placedAt = START;
        boolean cancelled;
        boolean foreign;
        String channel = "WEB";
        Optional<String> payment = Optional.empty();
        Optional<String> shipping = Optional.empty();
        Optional<String> pickup = Optional.empty();
        Optional<String> store = Optional.empty();
        List<String> coupons = List.of();
        List<LineDraft> lines = List.of();
        long shippingMinor;
        boolean orderDiscount;
        List<RefundDraft> refunds = List.of();

        Order order(OrderId id, MemberId member) {
            Currency cur = foreign ? USD : TWD;
            Order.Builder b = Order.builder(id, member, placedAt)
                    .status(cancelled ? OrderStatus.CANCELLED : OrderStatus.COMPLETED)
                    .channel(SalesChannel.of(channel));
            payment.ifPresent(p -> b.paymentMethod(PaymentMethod.of(p)));
            shipping.ifPresent(s -> b.shippingMethod(ShippingMethod.of(s)));
            pickup.ifPresent(s -> b.pickupStore(StoreId.of(s)));
            store.ifPresent(s -> b.store(StoreId.of(s)));
            for (String c : coupons) {
                b.coupon(c);
            }
            long subtotal = 0;
            for (LineDraft l : lines) {
                long gross = l.unitMinor * l.quantity;
                long discount = Math.min(l.discountMinor, gross);
                subtotal += gross - discount;
                OrderLine line = OrderLine.of(
                                ProductId.of(l.product),
                                "product " + l.product,
                                Category.of(CATEGORY_OF.get(l.product)),
                                l.quantity,
                                Money.ofMinor(l.unitMinor, cur))
                        .withDiscount(Money.ofMinor(discount, cur))
                        .withSku(l.sku.orElse(null));
                b.line(line);
            }
            long discount = orderDiscount ? subtotal / 10 : 0;
            b.orderDiscount(Money.ofMinor(discount, cur)).shippingFee(Money.ofMinor(shippingMinor, cur));
            long total = subtotal - discount + shippingMinor;
            long left = total;
            for (RefundDraft r : refunds) {
                if (left <= 0) {
                    break;
                }
                long amount = r.full ? left : Math.max(1, Math.min(left, total * r.part / 4));
                b.refund(new Refund(placedAt.plusSeconds(r.afterSeconds), Money.ofMinor(amount, cur), ""));
                left -= amount;
            }
            return b.build();
        }

        @Override
        public String toString() {
            return "Order[" + placedAt + (cancelled ? " cancelled" : "") + " lines=" + lines + " refunds=" + refunds
                    + "]";
        }
    }

    public record InteractionDraft(
            Instant at,
            InteractionType type,
            Optional<ContactChannel> channel,
            Optional<String> campaign,
            Optional<Integer> score,
            Optional<Long> duration) {
        Interaction interaction(InteractionId id, MemberId member) {
            Interaction.Builder b = Interaction.builder(id, member, at, type);
            channel.ifPresent(b::channel);
            campaign.ifPresent(c -> b.campaign(CampaignId.of(c)));
            score.ifPresent(s -> b.property(Interaction.SCORE, s));
            duration.ifPresent(d -> b.property(Interaction.DURATION_SECONDS, d));
            return b.build();
        }
    }

    public static Arbitrary<Instant> instants() {
        Arbitrary<Long> seconds = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.longs().between(START.getEpochSecond(), END.getEpochSecond())),
                Tuple.of(
                        3,
                        Arbitraries.of(HOTSPOTS)
                                .flatMap(h -> Arbitraries.longs()
                                        .between(h.getEpochSecond() - 7200, h.getEpochSecond() + 7200))),
                Tuple.of(2, Arbitraries.of(HOTSPOTS).map(Instant::getEpochSecond)));
        Arbitrary<Integer> nanos = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.integers().between(0, 999_999_999)));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    /** True {@code in} times out of {@code of}. */
    public static Arbitrary<Boolean> chance(int in, int of) {
        return Arbitraries.frequencyOf(
                Tuple.of(in, Arbitraries.just(true)), Tuple.of(of - in, Arbitraries.just(false)));
    }

    public static <T> Arbitrary<Optional<T>> maybe(Arbitrary<T> a, int percentPresent) {
        return Arbitraries.frequencyOf(
                Tuple.of(percentPresent, a.map(Optional::of)),
                Tuple.of(100 - percentPresent, Arbitraries.just(Optional.empty())));
    }

    public static Arbitrary<LocalDate> birthdays() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        2,
                        Arbitraries.of(
                                LocalDate.of(2000, 2, 29), LocalDate.of(1996, 2, 29), LocalDate.of(2016, 2, 29))),
                Tuple.of(
                        6,
                        Arbitraries.longs()
                                .between(
                                        LocalDate.of(1950, 1, 1).toEpochDay(),
                                        LocalDate.of(2019, 12, 31).toEpochDay())
                                .map(LocalDate::ofEpochDay)),
                // around the as-of dates, for birthday windows
                Tuple.of(
                        2,
                        Arbitraries.integers()
                                .between(1970, 2005)
                                .flatMap(y -> Arbitraries.integers()
                                        .between(0, 60)
                                        .map(d -> LocalDate.of(y, 2, 1).plusDays(d)))));
    }

    public static Arbitrary<List<Tuple.Tuple2<AttributeKey<?>, Object>>> attributes() {
        List<Arbitrary<Tuple.Tuple2<AttributeKey<?>, Object>>> each = List.of(
                attr(EMPLOYEES, Arbitraries.of(1, 10, 50, 120, 5000)),
                attr(REVENUE, Arbitraries.of(REVENUES)),
                attr(INDUSTRY, Arbitraries.of(INDUSTRIES)),
                attr(
                        SINCE,
                        Arbitraries.integers()
                                .between(0, 40)
                                .map(d -> LocalDate.of(2019, 1, 1).plusDays(d * 10L))),
                attr(B2B, Arbitraries.of(true, false)),
                attr(LAST_LOGIN, Arbitraries.of(LOGINS)),
                attr(VISITS, Arbitraries.of(0L, 3L, 99L, 5_000_000_000L)));
        Arbitrary<List<Tuple.Tuple2<AttributeKey<?>, Object>>> base = Combinators.combine(
                        each.stream().map(a -> maybe(a, 40)).toList())
                .as(list -> {
                    List<Tuple.Tuple2<AttributeKey<?>, Object>> out = new ArrayList<>();
                    for (Object o : list) {
                        @SuppressWarnings("unchecked")
                        Optional<Tuple.Tuple2<AttributeKey<?>, Object>> x =
                                (Optional<Tuple.Tuple2<AttributeKey<?>, Object>>) o;
                        x.ifPresent(out::add);
                    }
                    return out;
                });
        Arbitrary<Optional<Tuple.Tuple2<AttributeKey<?>, Object>>> code = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Optional.empty())),
                Tuple.of(1, attr(CODE_TEXT, Arbitraries.of("7", "A", "B")).map(Optional::of)),
                Tuple.of(1, attr(CODE_NUMBER, Arbitraries.of(7, 8)).map(Optional::of)));
        return Combinators.combine(base, code).as((l, c) -> {
            List<Tuple.Tuple2<AttributeKey<?>, Object>> out = new ArrayList<>(l);
            c.ifPresent(out::add);
            return out;
        });
    }

    private static <T> Arbitrary<Tuple.Tuple2<AttributeKey<?>, Object>> attr(AttributeKey<T> key, Arbitrary<T> values) {
        return values.map(v -> Tuple.of(key, v));
    }

    public static Arbitrary<LineDraft> lines() {
        return Combinators.combine(
                        Arbitraries.of(PRODUCTS),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.of(0L, 9_900L, 25_000L, 100_000L, 199_950L),
                        Arbitraries.of(0L, 0L, 1_000L, 30_000L))
                .as((p, s, q, price, discount) -> new LineDraft(
                        p,
                        p.equals("P1") && s > 0
                                ? Optional.of(s == 1 ? "P1-RED" : "P1-BLUE")
                                : p.equals("P4") && s > 0 ? Optional.of("P4-1KG") : Optional.empty(),
                        q,
                        price,
                        discount));
    }

    public static Arbitrary<RefundDraft> refunds() {
        return Combinators.combine(
                        Arbitraries.frequencyOf(
                                Tuple.of(1, Arbitraries.just(0L)),
                                Tuple.of(3, Arbitraries.longs().between(1, 86_400L * 120))),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(1, 3))
                .as(RefundDraft::new);
    }

    public static Arbitrary<OrderDraft> orders() {
        return Builders.withBuilder(OrderDraft::new)
                .use(instants())
                .in((d, v) -> set(d, x -> x.placedAt = v))
                .use(chance(15, 100))
                .in((d, v) -> set(d, x -> x.cancelled = v))
                .use(chance(1, 1500))
                .in((d, v) -> set(d, x -> x.foreign = v))
                .use(Arbitraries.of(SALES_CHANNELS))
                .in((d, v) -> set(d, x -> x.channel = v))
                .use(maybe(Arbitraries.of(PAYMENTS), 80))
                .in((d, v) -> set(d, x -> x.payment = v))
                .use(maybe(Arbitraries.of(SHIPPINGS), 70))
                .in((d, v) -> set(d, x -> x.shipping = v))
                .use(maybe(Arbitraries.of(STORES), 40))
                .in((d, v) -> set(d, x -> x.pickup = v))
                .use(maybe(Arbitraries.of(STORES), 30))
                .in((d, v) -> set(d, x -> x.store = v))
                .use(Arbitraries.frequencyOf(
                        Tuple.of(5, Arbitraries.just(List.<String>of())),
                        Tuple.of(4, Arbitraries.of(COUPONS).map(List::of)),
                        Tuple.of(1, Arbitraries.of(COUPONS).list().ofSize(2).uniqueElements())))
                .in((d, v) -> set(d, x -> x.coupons = v))
                .use(lines().list().ofMinSize(1).ofMaxSize(3))
                .in((d, v) -> set(d, x -> x.lines = v))
                .use(Arbitraries.of(0L, 6_000L))
                .in((d, v) -> set(d, x -> x.shippingMinor = v))
                .use(Arbitraries.of(true, false, false))
                .in((d, v) -> set(d, x -> x.orderDiscount = v))
                .use(Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.just(List.<RefundDraft>of())),
                        Tuple.of(4, refunds().list().ofMinSize(1).ofMaxSize(2))))
                .in((d, v) -> set(d, x -> x.refunds = v))
                .build();
    }

    /** Interaction types, the common ones more often. */
    public static Arbitrary<InteractionType> interactionTypes() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(InteractionType.MESSAGE_SENT)),
                Tuple.of(3, Arbitraries.just(InteractionType.MESSAGE_OPENED)),
                Tuple.of(2, Arbitraries.just(InteractionType.MESSAGE_CLICKED)),
                Tuple.of(3, Arbitraries.just(InteractionType.PAGE_VIEWED)),
                Tuple.of(2, Arbitraries.just(InteractionType.SURVEY_ANSWERED)),
                Tuple.of(2, Arbitraries.of(InteractionType.class)));
    }

    public static Arbitrary<InteractionDraft> interactions() {
        Arbitrary<InteractionType> type = interactionTypes();
        return type.flatMap(t -> Combinators.combine(
                        instants(),
                        maybe(Arbitraries.of(ContactChannel.class), 60),
                        maybe(Arbitraries.of(CAMPAIGNS), 60),
                        maybe(Arbitraries.integers().between(1, 5), t == InteractionType.SURVEY_ANSWERED ? 90 : 5),
                        maybe(Arbitraries.longs().between(0, 600), t == InteractionType.PAGE_VIEWED ? 90 : 5))
                .as((at, ch, camp, score, dur) -> new InteractionDraft(at, t, ch, camp, score, dur)));
    }

    public static Arbitrary<MemberDraft> members() {
        Arbitrary<Map<ContactChannel, Boolean>> consents = Arbitraries.of(ContactChannel.class)
                .set()
                .ofMaxSize(4)
                .flatMap(cs -> Arbitraries.of(true, true, false)
                        .list()
                        .ofSize(cs.size())
                        .map(flags -> {
                            Map<ContactChannel, Boolean> m = new EnumMap<>(ContactChannel.class);
                            int i = 0;
                            for (ContactChannel c : cs) {
                                m.put(c, flags.get(i++));
                            }
                            return m;
                        }));
        return Builders.withBuilder(MemberDraft::new)
                .use(Arbitraries.of(Gender.class))
                .in((d, v) -> set(d, x -> x.gender = v))
                .use(maybe(birthdays(), 80))
                .in((d, v) -> set(d, x -> x.birthday = v))
                .use(instants().map(t -> t.minusSeconds(86_400L * 200)))
                .in((d, v) -> set(d, x -> x.joinedAt = v))
                .use(maybe(Arbitraries.of(REGIONS), 70))
                .in((d, v) -> set(d, x -> x.region = v))
                .use(maybe(Arbitraries.of(CITIES), 70))
                .in((d, v) -> set(d, x -> x.city = v))
                .use(maybe(Arbitraries.of(SALES_CHANNELS), 70))
                .in((d, v) -> set(d, x -> x.source = v))
                .use(Arbitraries.of(true, false).list().ofSize(3))
                .in((d, v) -> set(d, x -> {
                    x.email = v.get(0);
                    x.phone = v.get(1);
                    x.line = v.get(2);
                }))
                .use(consents)
                .in((d, v) -> set(d, x -> x.consents = v))
                .use(Arbitraries.of(TAGS).set().ofMaxSize(3))
                .in((d, v) -> set(d, x -> x.tags = v))
                .use(attributes())
                .in((d, v) -> set(d, x -> x.attributes = v))
                .use(Arbitraries.frequencyOf(
                        Tuple.of(2, Arbitraries.just(List.<OrderDraft>of())),
                        Tuple.of(8, orders().list().ofMinSize(1).ofMaxSize(8))))
                .in((d, v) -> set(d, x -> x.orders = v))
                .use(interactions().list().ofMaxSize(16))
                .in((d, v) -> set(d, x -> x.interactions = v))
                .build();
    }

    public static Arbitrary<Shop> shops() {
        return Combinators.combine(
                        Arbitraries.of(ZONES),
                        members().list().ofMinSize(3).ofMaxSize(25),
                        Arbitraries.frequencyOf(
                                Tuple.of(4, Arbitraries.just(List.<OrderDraft>of())),
                                Tuple.of(1, orders().list().ofSize(1))))
                .as(Shop::new);
    }

    private static <T> T set(T target, java.util.function.Consumer<T> change) {
        change.accept(target);
        return target;
    }

    // ---- conditions -------------------------------------------------------------------------------

    public static Arbitrary<Window> windows() {
        Arbitrary<Window> last = Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.of(1, 2, 7, 30, 90, 365, 800)),
                        Tuple.of(2, Arbitraries.integers().between(1, 900)))
                .map(Window::lastDays);
        Arbitrary<Window> between = Combinators.combine(
                        Arbitraries.longs()
                                .between(
                                        LocalDate.of(2018, 5, 1).toEpochDay(),
                                        LocalDate.of(2020, 7, 1).toEpochDay()),
                        Arbitraries.frequencyOf(
                                Tuple.of(2, Arbitraries.just(1)),
                                Tuple.of(3, Arbitraries.integers().between(2, 400))))
                .as((from, len) -> Window.between(LocalDate.ofEpochDay(from), LocalDate.ofEpochDay(from + len)));
        Arbitrary<Window> elevenEleven = Arbitraries.of(
                Window.between(LocalDate.of(2019, 11, 11), LocalDate.of(2019, 11, 12)),
                Window.between(LocalDate.of(2019, 2, 16), LocalDate.of(2019, 2, 18)),
                Window.between(LocalDate.of(2020, 2, 29), LocalDate.of(2020, 3, 1)));
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Window.allTime())),
                Tuple.of(4, last),
                Tuple.of(3, between),
                Tuple.of(1, elevenEleven));
    }

    public static Arbitrary<Bound> bounds(List<Long> interesting) {
        Arbitrary<Long> v = Arbitraries.of(interesting);
        return Arbitraries.frequencyOf(
                Tuple.of(3, v.map(Bound::atLeast)),
                Tuple.of(2, v.map(Bound::atMost)),
                Tuple.of(1, v.map(x -> Bound.between(x, x))),
                Tuple.of(3, Combinators.combine(v, v).as((a, b) -> Bound.between(Math.min(a, b), Math.max(a, b)))));
    }

    public static final List<Long> COUNTS = List.of(0L, 1L, 1L, 1L, 2L, 3L, -1L);
    public static final List<Long> MONEY = List.of(0L, 1L, 9_900L, 25_000L, 60_000L, 100_000L, 250_000L, 1_000_000L);
    public static final List<Long> DAYS = List.of(0L, 1L, 7L, 30L, 60L, 90L, 180L, 365L, 700L, 2_000L);
    public static final List<Long> YEARS = List.of(0L, 18L, 25L, 30L, 45L, 60L, 100L);

    public static Arbitrary<Currency> currencies() {
        return Arbitraries.frequencyOf(Tuple.of(100, Arbitraries.just(TWD)), Tuple.of(1, Arbitraries.just(USD)));
    }

    public static Arbitrary<Condition> compares() {
        return Arbitraries.of(Measure.class).flatMap(m -> {
            List<Long> pool = switch (m.unit()) {
                case COUNT -> COUNTS;
                case MONEY -> MONEY;
                case DAYS -> DAYS;
                case YEARS -> YEARS;
            };
            Arbitrary<Window> w = m.windowed() ? windows() : Arbitraries.just(Window.allTime());
            Arbitrary<Optional<Currency>> cur = m.unit() == Measure.Unit.MONEY
                    ? currencies().map(Optional::of)
                    : Arbitraries.just(Optional.empty());
            return Combinators.combine(w, bounds(pool), cur).as((win, b, c) -> new Condition.Compare(m, win, b, c));
        });
    }

    public static Arbitrary<Condition> profiles() {
        return Arbitraries.of(Condition.ProfileField.class).flatMap(f -> {
            List<String> values = switch (f) {
                case GENDER -> List.of("FEMALE", "MALE", "OTHER", "UNKNOWN");
                case REGION -> List.of("北部", "中部", "南部", "火星");
                case CITY -> List.of("台北市", "新北市", "高雄市", "台南市");
                case SOURCE_CHANNEL -> List.of("WEB", "APP", "POS", "SHOPEE", "MOMO");
            };
            return Arbitraries.of(values).set().ofMinSize(1).ofMaxSize(2).map(s -> new Condition.Profile(f, s));
        });
    }

    public static Arbitrary<Condition> attributeConditions() {
        return Arbitraries.oneOf(
                attrCond(EMPLOYEES, Arbitraries.of(1, 10, 50, 120, 5000, 0, 100)),
                attrCond(
                        REVENUE,
                        Arbitraries.of(
                                new BigDecimal("1.5"),
                                new BigDecimal("1.500"),
                                new BigDecimal("20.0"),
                                BigDecimal.ZERO,
                                new BigDecimal("400"))),
                attrCond(INDUSTRY, Arbitraries.of("logistics", "retail", "food", "b", "a", "zzz")),
                attrCond(
                        SINCE,
                        Arbitraries.integers()
                                .between(0, 40)
                                .map(d -> LocalDate.of(2019, 1, 1).plusDays(d * 10L))),
                attrCond(B2B, Arbitraries.of(true, false)),
                attrCond(
                        LAST_LOGIN,
                        Arbitraries.of(
                                LOGINS.get(0), LOGINS.get(1), LOGINS.get(2), Instant.parse("2020-01-01T00:00:00.4Z"))),
                attrCond(VISITS, Arbitraries.of(0L, 3L, 99L, 5_000_000_000L, 100L)),
                attrCond(CODE_TEXT, Arbitraries.of("7", "A", "B")),
                attrCond(CODE_NUMBER, Arbitraries.of(7, 8)));
    }

    private static <T extends Comparable<? super T>> Arbitrary<Condition> attrCond(
            AttributeKey<T> key, Arbitrary<T> values) {
        boolean ordered = key.type() != AttributeKey.Type.BOOLEAN;
        Arbitrary<Condition> exists =
                Arbitraries.just(new Condition.Attribute(key, Condition.AttributeTest.EXISTS, List.of()));
        Arbitrary<Condition> in = values.list()
                .ofMinSize(1)
                .ofMaxSize(2)
                .map(vs -> new Condition.Attribute(key, Condition.AttributeTest.IN, new ArrayList<>(vs)));
        Arbitrary<Condition> between = Combinators.combine(values, values).as((a, b) -> {
            T lo = Condition.Attribute.compareValues(a, b) <= 0 ? a : b;
            T hi = lo == a ? b : a;
            return (Condition) new Condition.Attribute(key, Condition.AttributeTest.BETWEEN, List.of(lo, hi));
        });
        return ordered ? Arbitraries.oneOf(exists, in, between) : Arbitraries.oneOf(exists, in);
    }

    public static Arbitrary<Item> items() {
        return Arbitraries.oneOf(
                Arbitraries.of("P1", "P2", "P3", "P4", "P5", "P9").map(p -> Item.product(ProductId.of(p))),
                Arbitraries.of("P1-RED", "P1-BLUE", "P4-1KG", "NOPE").map(Item::sku),
                Arbitraries.of(CATEGORIES).map(c -> Item.category(Category.of(c))));
    }

    public static Arbitrary<OrderFilter> orderFilters() {
        List<Arbitrary<java.util.function.UnaryOperator<OrderFilter>>> steps = List.of(
                items().map(i -> f -> f.withItem(i)),
                Arbitraries.just(OrderFilter::withAnyCoupon),
                Arbitraries.of("D11", "WELCOME", "VIP10", "NONE").map(c -> f -> f.withCoupon(c)),
                Arbitraries.of("CREDIT_CARD", "LINE_PAY", "CONVENIENCE_STORE_COD", "CASH")
                        .map(p -> f -> f.withPaymentMethod(PaymentMethod.of(p))),
                Arbitraries.of(SHIPPINGS).map(s -> f -> f.withShippingMethod(ShippingMethod.of(s))),
                Arbitraries.of(STORES).map(s -> f -> f.withPickupStore(StoreId.of(s))),
                Arbitraries.of("WEB", "APP", "POS", "SHOPEE", "LINE").map(c -> f -> f.withChannel(SalesChannel.of(c))),
                Arbitraries.of(STORES).map(s -> f -> f.withStore(StoreId.of(s))));
        return Arbitraries.oneOf(steps).list().ofMaxSize(2).map(ops -> {
            OrderFilter f = OrderFilter.any();
            for (java.util.function.UnaryOperator<OrderFilter> op : ops) {
                f = op.apply(f);
            }
            return f;
        });
    }

    public static Arbitrary<InteractionFilter> interactionFilters() {
        return Combinators.combine(
                        interactionTypes(),
                        maybe(Arbitraries.of("c1", "c2", "c3", "c9"), 40),
                        maybe(Arbitraries.of(ContactChannel.class), 25),
                        maybe(Arbitraries.integers().between(1, 6), 25),
                        maybe(Arbitraries.longs().between(0, 700), 25))
                .as((t, c, ch, s, d) -> new InteractionFilter(
                        t,
                        c.map(CampaignId::of),
                        ch,
                        s.map(OptionalInt::of).orElse(OptionalInt.empty()),
                        d.map(OptionalLong::of).orElse(OptionalLong.empty())));
    }

    public static Arbitrary<Condition> leaves() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(Where.all(), Where.none())),
                Tuple.of(7, compares()),
                Tuple.of(3, profiles()),
                Tuple.of(3, attributeConditions()),
                Tuple.of(
                        6,
                        Combinators.combine(orderFilters(), windows(), bounds(COUNTS))
                                .as(Condition.Orders::new)),
                Tuple.of(
                        3,
                        Combinators.combine(items(), windows(), bounds(MONEY), currencies())
                                .as(Condition.SpendOn::new)),
                Tuple.of(
                        4,
                        Combinators.combine(interactionFilters(), windows(), bounds(COUNTS))
                                .as(Condition.Interactions::new)),
                Tuple.of(2, Arbitraries.of(TAGS).map(Condition.Tagged::new)),
                Tuple.of(2, Arbitraries.of(ContactChannel.class).map(Condition.Reachable::new)),
                Tuple.of(2, Arbitraries.of(ContactChannel.class).map(Condition.OptedIn::new)),
                Tuple.of(
                        2,
                        Arbitraries.frequencyOf(
                                        Tuple.of(20, Arbitraries.of("vip-buyers", "recent", "recent-or-mail")),
                                        Tuple.of(1, Arbitraries.just("unknown-segment")))
                                .map(s -> new Condition.InSegment(SegmentId.of(s)))),
                Tuple.of(
                        1,
                        Arbitraries.frequencyOf(
                                Tuple.of(
                                        20,
                                        Arbitraries.integers()
                                                .between(0, 3)
                                                .map(n -> new Condition.Custom(
                                                        "min-orders", Map.of("n", String.valueOf(n))))),
                                Tuple.of(1, Arbitraries.just(new Condition.Custom("not-registered", Map.of()))))));
    }

    public static Arbitrary<Condition> conditions(int depth) {
        if (depth == 0) {
            return leaves();
        }
        Arbitrary<Condition> sub = Arbitraries.lazy(() -> conditions(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(4, leaves()),
                Tuple.of(2, sub.list().ofMinSize(2).ofMaxSize(3).map(Condition.And::new)),
                Tuple.of(2, sub.list().ofMinSize(2).ofMaxSize(3).map(Condition.Or::new)),
                Tuple.of(1, sub.map(Condition.Not::new)));
    }
}
