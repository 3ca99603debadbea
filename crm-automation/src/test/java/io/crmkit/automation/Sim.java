package io.crmkit.automation;

import io.crmkit.automation.spi.CouponIssuer;
import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.automation.spi.Message;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionId;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** A test shop in Taipei with a journey engine, recording gateways and a virtual clock. */
final class Sim {
    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    final Crm crm = Crm.inMemory(BrandSettings.custom()
            .zone(TAIPEI)
            .currency(Currency.getInstance("TWD"))
            .build());
    final JourneyStateStore store = JourneyStateStore.inMemory();
    final List<Message> sent = new ArrayList<>();
    final List<CouponIssuer.Request> coupons = new ArrayList<>();
    final JourneyEngine engine;
    private final AtomicInteger ids = new AtomicInteger();

    Sim() {
        this(b -> b);
    }

    Sim(UnaryOperator<JourneyEngine.Builder> configure) {
        engine = configure
                .apply(JourneyEngine.builder(crm)
                        .store(store)
                        .messages(sent::add)
                        .coupons(r -> {
                            coupons.add(r);
                            return "CPN-" + coupons.size();
                        }))
                .build();
    }

    static Instant local(String dateTime) {
        return java.time.LocalDateTime.parse(dateTime).atZone(TAIPEI).toInstant();
    }

    Member member(String id, Instant joined, UnaryOperator<Member.Builder> more) {
        Member m = more.apply(Member.builder(MemberId.of(id), joined)
                        .name("會員 " + id)
                        .birthday(LocalDate.of(1990, 5, 17))
                        .email(Email.parse(id.toLowerCase() + "@example.com"))
                        .consent(Consent.optIn(ContactChannel.EMAIL, joined, "signup")))
                .build();
        crm.members().save(m);
        return m;
    }

    Member member(String id, Instant joined) {
        return member(id, joined, b -> b);
    }

    /** Advances the clock to {@code t}, firing every timer on its instant. */
    void advance(Instant t) {
        engine.runUntil(t);
    }

    JourneyEvent register(Member m) {
        advance(m.joinedAt());
        JourneyEvent e = JourneyEvent.registered(m);
        engine.publish(e);
        return e;
    }

    Order order(String member, Instant at, boolean first) {
        advance(at);
        Order o = Sim.newOrder(OrderId.of("O-" + ids.incrementAndGet()), MemberId.of(member), at);
        crm.orders().upsertAll(List.of(o));
        engine.publish(JourneyEvent.orderPlaced(o, first));
        return o;
    }

    Order deliver(Order o, Instant at) {
        advance(at);
        Order d = o.toBuilder().deliveredAt(at).build();
        crm.orders().upsertAll(List.of(d));
        engine.publish(JourneyEvent.orderDelivered(d));
        return d;
    }

    void answer(String member, Instant at, int score) {
        advance(at);
        Interaction i = Interaction.builder(
                        InteractionId.of("I-" + ids.incrementAndGet()),
                        MemberId.of(member),
                        at,
                        InteractionType.SURVEY_ANSWERED)
                .property(Interaction.SCORE, score)
                .build();
        crm.interactions().appendAll(List.of(i));
        engine.publish(JourneyEvent.interaction(i));
    }

    List<String> log() {
        List<String> out = new ArrayList<>();
        for (Message m : sent) {
            out.add(m.at().atZone(TAIPEI).toLocalDateTime() + " " + m.member().value() + " " + m.template()
                    + (m.variables().isEmpty() ? "" : " " + new java.util.TreeMap<>(m.variables())));
        }
        return out;
    }

    /** A completed web order with one line of NT$100. */
    static Order newOrder(OrderId id, MemberId member, Instant placedAt) {
        return Order.builder(id, member, placedAt)
                .line(io.crmkit.core.OrderLine.of(
                        io.crmkit.core.ProductId.of("P-TEST"),
                        "Test product",
                        io.crmkit.core.Category.of("Test"),
                        1,
                        io.crmkit.core.Money.of(100, Currency.getInstance("TWD"))))
                .build();
    }

    static Map<String, String> vars(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
