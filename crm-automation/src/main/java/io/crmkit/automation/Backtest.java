package io.crmkit.automation;

import io.crmkit.automation.spi.CouponIssuer;
import io.crmkit.automation.spi.CustomAction;
import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.automation.spi.Message;
import io.crmkit.automation.spi.PointsAwarder;
import io.crmkit.automation.spi.TagWriter;
import io.crmkit.core.Crm;
import io.crmkit.core.Interaction;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberStats;
import io.crmkit.core.Order;
import io.crmkit.segmentation.SegmentCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Replays journeys over a store's history with a virtual clock and recording gateways: what would
 * have been sent, to whom, when; how many entered, waited, were sent, skipped by a guard and
 * converted, per step and split arm; and the uplift against a control group.
 *
 * <pre>{@code
 * Backtest.Result r = Backtest.builder(crm)
 *         .journeys(List.of(welcome, survey, winBack, birthday))
 *         .guards(guards)
 *         .between(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"))
 *         .run();
 * r.metrics().journey(JourneyId.of("win-back"));   // entered, converted, ...
 * r.metrics().uplift(JourneyId.of("win-back"));    // treated vs control, 95% interval
 * r.messages();                                    // every message that would have gone out
 * }</pre>
 *
 * <p>Events are the store's history inside the period: registrations ({@link Member#joinedAt()}),
 * orders (first purchases marked), deliveries and interactions, in time order; timers fire at their
 * exact instants in between. Conditions see each member's orders and interactions as of the virtual
 * instant, but the member's profile (consents, tags, birthday) as it is stored now. Nothing is
 * written to the stores: tags, coupons, points and custom actions are recorded, not carried out.
 */
public final class Backtest {
    private final Crm crm;
    private SegmentCatalog catalog = SegmentCatalog.empty();
    private final List<Journey> journeys = new ArrayList<>();
    private Guards guards = Guards.consentOnly();
    private @Nullable Instant from;
    private @Nullable Instant to;
    private boolean keepMessages = true;

    private Backtest(Crm crm) {
        this.crm = crm;
    }

    /**
     * @param crm the stores with the history to replay
     * @return a back-test builder
     */
    public static Backtest builder(Crm crm) {
        if (crm == null) {
            throw new InvalidValueException("crm", "is required");
        }
        return new Backtest(crm);
    }

    /**
     * @param c segments and predicates that conditions name
     * @return this
     */
    public Backtest catalog(SegmentCatalog c) {
        this.catalog = c;
        return this;
    }

    /**
     * @param js the journeys to replay
     * @return this
     */
    public Backtest journeys(List<Journey> js) {
        journeys.addAll(js);
        return this;
    }

    /**
     * @param g the guards to apply
     * @return this
     */
    public Backtest guards(Guards g) {
        this.guards = g;
        return this;
    }

    /**
     * @param start the first instant replayed
     * @param end the instant the replay stops (exclusive); timers due later do not fire
     * @return this
     */
    public Backtest between(Instant start, Instant end) {
        if (start == null || end == null || !start.isBefore(end)) {
            throw new InvalidValueException("between", "needs a start before the end");
        }
        this.from = start;
        this.to = end;
        return this;
    }

    /**
     * @param keep whether to keep every message in the result (default true; turn off for huge replays)
     * @return this
     */
    public Backtest keepMessages(boolean keep) {
        this.keepMessages = keep;
        return this;
    }

    /**
     * Everything a back-test found.
     *
     * @param from the first instant replayed
     * @param to the end (exclusive)
     * @param events the events replayed
     * @param metrics per journey, step and arm
     * @param messages the messages that would have gone out, in time order (empty if not kept)
     * @param effects how many effects of each kind would have been carried out
     * @param elapsedMillis how long the replay took
     */
    public record Result(
            Instant from,
            Instant to,
            long events,
            JourneyMetrics metrics,
            List<Message> messages,
            Map<String, Long> effects,
            long elapsedMillis) {}

    /**
     * Runs the replay.
     *
     * @return what happened
     * @throws InvalidValueException if the period or the journeys are missing
     * @throws JourneyDefinitionException if a journey names an unknown segment
     */
    public Result run() {
        if (from == null || to == null) {
            throw new InvalidValueException("between", "is required");
        }
        if (journeys.isEmpty()) {
            throw new InvalidValueException("journeys", "at least one journey is required");
        }
        long started = System.nanoTime();
        List<Message> sent = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicLong> counts = new HashMap<>();
        for (String k : List.of("message", "coupon", "points", "tag", "custom")) {
            counts.put(k, new AtomicLong());
        }
        AtomicLong couponNo = new AtomicLong();
        JourneyStateStore store = JourneyStateStore.inMemory();
        JourneyEngine.Builder b = JourneyEngine.builder(crm)
                .catalog(catalog)
                .store(store)
                .guards(guards)
                .owner("backtest")
                .messages(m -> {
                    counts.get("message").incrementAndGet();
                    if (keepMessages) {
                        sent.add(m);
                    }
                })
                .coupons((CouponIssuer) r -> {
                    counts.get("coupon").incrementAndGet();
                    return "SIM-" + couponNo.incrementAndGet();
                })
                .points((PointsAwarder) r -> counts.get("points").incrementAndGet())
                .tags((TagWriter) r -> counts.get("tag").incrementAndGet());
        java.util.Set<String> actions = new java.util.TreeSet<>();
        for (Journey j : journeys) {
            for (Step s : j.steps()) {
                if (s instanceof Step.Custom c) {
                    actions.add(c.action());
                }
            }
        }
        for (String a : actions) {
            b.customAction(new CustomAction() {
                @Override
                public String name() {
                    return a;
                }

                @Override
                public @Nullable String execute(Request request) {
                    counts.get("custom").incrementAndGet();
                    return null;
                }
            });
        }
        JourneyEngine engine = b.build();
        journeys.forEach(engine::deploy);
        List<JourneyEvent> events = history(crm, from, to);
        engine.tick(from);
        for (JourneyEvent e : events) {
            engine.runUntil(e.at());
            engine.publish(e);
        }
        engine.runUntil(to.minusNanos(1));
        engine.tick(to.minusNanos(1));
        Map<String, Long> effects = new java.util.LinkedHashMap<>();
        counts.forEach((k, v) -> effects.put(k, v.get()));
        List<Message> messages = new ArrayList<>(sent);
        messages.sort(Comparator.comparing(Message::at).thenComparing(Message::key));
        return new Result(
                from,
                to,
                events.size(),
                engine.metrics(),
                List.copyOf(messages),
                Map.copyOf(effects),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The events a store's history holds in a period, in the order a back-test replays them (time,
     * then kind, then id): registrations, orders (first purchases marked: the member's earliest order
     * that counts as a purchase), deliveries and interactions.
     *
     * @param crm the stores
     * @param start the first instant
     * @param end the end (exclusive)
     * @return the events
     */
    public static List<JourneyEvent> history(Crm crm, Instant start, Instant end) {
        List<JourneyEvent> out = new ArrayList<>();
        crm.members().stream().forEach(m -> {
            if (!m.joinedAt().isBefore(start) && m.joinedAt().isBefore(end)) {
                out.add(JourneyEvent.registered(m));
            }
        });
        Map<MemberId, Order> firsts = new HashMap<>();
        crm.orders().stream().forEach(o -> {
            if (MemberStats.countsAsPurchase(o, o.placedAt())) {
                firsts.merge(o.memberId(), o, (a, c) -> earlier(a, c) ? a : c);
            }
        });
        crm.orders().stream().forEach(o -> {
            if (!o.placedAt().isBefore(start) && o.placedAt().isBefore(end)) {
                Order first = firsts.get(o.memberId());
                out.add(JourneyEvent.orderPlaced(o, first != null && first.id().equals(o.id())));
            }
            if (o.deliveredAt().isPresent()
                    && !o.deliveredAt().get().isBefore(start)
                    && o.deliveredAt().get().isBefore(end)) {
                out.add(JourneyEvent.orderDelivered(o));
            }
        });
        crm.interactions().stream().forEach((Interaction i) -> {
            if (!i.at().isBefore(start) && i.at().isBefore(end)) {
                out.add(JourneyEvent.interaction(i));
            }
        });
        out.sort(Comparator.comparing(JourneyEvent::at)
                .thenComparing(JourneyEvent::kind)
                .thenComparing(JourneyEvent::id));
        return out;
    }

    private static boolean earlier(Order a, Order b) {
        int c = a.placedAt().compareTo(b.placedAt());
        return c < 0 || (c == 0 && a.id().compareTo(b.id()) < 0);
    }
}
