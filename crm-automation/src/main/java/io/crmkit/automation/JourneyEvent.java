package io.crmkit.automation;

import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionType;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Order;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Something a member did, fed to {@link JourneyEngine#publish(JourneyEvent)} by the host (from its
 * shop, a queue, or {@link JourneyEngine#followStores()}). Events are delivered at least once: the
 * engine ignores an event whose {@link #id()} it has already turned into an entry of a journey, so a
 * host may re-deliver after a crash.
 *
 * @param kind what happened
 * @param id identifies the event for de-duplication, e.g. {@code order:O-17}
 * @param member who did it
 * @param at when it happened
 * @param first for orders: whether this is the member's first purchase
 * @param interactionType for interactions: the type
 * @param score for interactions: the score (surveys), or -1
 */
public record JourneyEvent(
        Kind kind,
        String id,
        MemberId member,
        Instant at,
        boolean first,
        @Nullable InteractionType interactionType,
        int score) {

    /** What happened. */
    public enum Kind {
        /** The member registered. */
        REGISTERED,
        /** The member placed an order. */
        ORDER_PLACED,
        /** An order of the member was delivered. */
        ORDER_DELIVERED,
        /** An interaction was recorded (survey answer, cart abandoned, message opened, ...). */
        INTERACTION
    }

    /** @throws InvalidValueException if a field is missing or does not fit the kind */
    public JourneyEvent {
        if (kind == null || id == null || id.isBlank() || member == null || at == null) {
            throw new InvalidValueException("event", "kind, id, member and at are required");
        }
        if ((kind == Kind.INTERACTION) != (interactionType != null)) {
            throw new InvalidValueException("event.interactionType", "is required for interactions and only for them");
        }
        if (first && kind != Kind.ORDER_PLACED) {
            throw new InvalidValueException("event.first", "only orders can be a first purchase");
        }
    }

    /**
     * @param member the new member
     * @return the registration event, at the member's join instant
     */
    public static JourneyEvent registered(Member member) {
        return new JourneyEvent(
                Kind.REGISTERED, "registered:" + member.id().value(), member.id(), member.joinedAt(), false, null, -1);
    }

    /**
     * @param order the order
     * @param first whether it is the member's first purchase
     * @return the order-placed event, at the order's placement instant
     */
    public static JourneyEvent orderPlaced(Order order, boolean first) {
        return new JourneyEvent(
                Kind.ORDER_PLACED, "order:" + order.id().value(), order.memberId(), order.placedAt(), first, null, -1);
    }

    /**
     * @param order a delivered order
     * @return the delivery event, at {@link Order#deliveredAt()}
     * @throws InvalidValueException if the order has no delivery instant
     */
    public static JourneyEvent orderDelivered(Order order) {
        Instant at = order.deliveredAt()
                .orElseThrow(() -> new InvalidValueException(
                        "order.deliveredAt", "order " + order.id().value() + " has not been delivered"));
        return new JourneyEvent(
                Kind.ORDER_DELIVERED, "delivered:" + order.id().value(), order.memberId(), at, false, null, -1);
    }

    /**
     * @param interaction the interaction
     * @return the interaction event, with the score when the interaction has one
     */
    public static JourneyEvent interaction(Interaction interaction) {
        OptionalInt score = interaction.score();
        return new JourneyEvent(
                Kind.INTERACTION,
                "interaction:" + interaction.id().value(),
                interaction.memberId(),
                interaction.at(),
                false,
                interaction.type(),
                score.orElse(-1));
    }

    /** @return the score, if the event carries one */
    public OptionalInt scoreIfAny() {
        return score >= 0 ? OptionalInt.of(score) : OptionalInt.empty();
    }

    /** @return the interaction type, for interactions */
    public Optional<InteractionType> interaction() {
        return Optional.ofNullable(interactionType);
    }
}
