package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything about one member that the per-member paths of crmkit read: the profile, the
 * statistics as of an instant, the orders and the interactions, and both merged into one timeline.
 * Journeys test segment rules on a view when an event arrives; a customer-service screen shows one.
 *
 * <pre>{@code
 * MemberView view = crm.view(MemberId.of("M1")).orElseThrow();
 * view.stats().orderCount();
 * for (MemberView.Event e : view.timeline()) { ... }
 * }</pre>
 *
 * @param member the member
 * @param stats the statistics over all orders, as of {@link MemberStats#asOf()}
 * @param orders the member's orders placed by then, oldest first
 * @param interactions the member's interactions by then, oldest first
 */
public record MemberView(Member member, MemberStats stats, List<Order> orders, List<Interaction> interactions) {

    /** One entry of a member's timeline: an order or an interaction. */
    public sealed interface Event permits OrderEvent, InteractionEvent {
        /** @return when it happened */
        Instant at();
    }

    /**
     * An order in the timeline.
     *
     * @param order the order
     */
    public record OrderEvent(Order order) implements Event {
        @Override
        public Instant at() {
            return order.placedAt();
        }
    }

    /**
     * An interaction in the timeline.
     *
     * @param interaction the interaction
     */
    public record InteractionEvent(Interaction interaction) implements Event {
        @Override
        public Instant at() {
            return interaction.at();
        }
    }

    /** @throws InvalidValueException if an order or interaction belongs to another member */
    public MemberView {
        Check.notNull(member, "view.member");
        Check.notNull(stats, "view.stats");
        orders = List.copyOf(orders);
        interactions = List.copyOf(interactions);
        for (Order o : orders) {
            Check.that(
                    o.memberId().equals(member.id()), "view.orders", "order " + o.id() + " belongs to " + o.memberId());
        }
        for (Interaction i : interactions) {
            Check.that(
                    i.memberId().equals(member.id()),
                    "view.interactions",
                    "interaction " + i.id() + " belongs to " + i.memberId());
        }
    }

    /**
     * Builds a view as of an instant from the member's orders and interactions; anything after the
     * instant is left out.
     *
     * @param member the member
     * @param orders the member's orders, any order
     * @param interactions the member's interactions, any order
     * @param asOf the instant
     * @param brand the brand's settings
     * @return the view
     */
    public static MemberView of(
            Member member, List<Order> orders, List<Interaction> interactions, Instant asOf, BrandSettings brand) {
        List<Order> os = new ArrayList<>(orders.size());
        for (Order o : orders) {
            if (!o.placedAt().isAfter(asOf)) {
                os.add(o);
            }
        }
        os.sort(Comparator.comparing(Order::placedAt).thenComparing(Order::id));
        List<Interaction> is = new ArrayList<>(interactions.size());
        for (Interaction i : interactions) {
            if (!i.at().isAfter(asOf)) {
                is.add(i);
            }
        }
        is.sort(Comparator.comparing(Interaction::at).thenComparing(Interaction::id));
        return new MemberView(member, MemberStats.of(os, asOf, brand), os, is);
    }

    /** @return orders and interactions merged, oldest first (orders first on a tie) */
    public List<Event> timeline() {
        List<Event> out = new ArrayList<>(orders.size() + interactions.size());
        int i = 0;
        int j = 0;
        while (i < orders.size() || j < interactions.size()) {
            if (j >= interactions.size()
                    || (i < orders.size()
                            && !orders.get(i)
                                    .placedAt()
                                    .isAfter(interactions.get(j).at()))) {
                out.add(new OrderEvent(orders.get(i++)));
            } else {
                out.add(new InteractionEvent(interactions.get(j++)));
            }
        }
        return out;
    }
}
