package io.crmkit.automation;

import io.crmkit.core.InteractionType;
import io.crmkit.core.InvalidValueException;
import org.jspecify.annotations.Nullable;

/**
 * Which events a journey listens for: to enter, to wake a {@link Step.WaitForEvent}, or to count a
 * {@link Goal}.
 *
 * <pre>{@code
 * Trigger.firstOrder();
 * Trigger.interaction(InteractionType.SURVEY_ANSWERED, 5);   // answered with a score of 5 or more
 * }</pre>
 *
 * @param kind the kind of event
 * @param interactionType for {@link Kind#INTERACTION}: the type, or null for any interaction
 * @param minScore for interactions: the lowest score that matches, or -1 for any (also none)
 */
public record Trigger(Kind kind, @Nullable InteractionType interactionType, int minScore) {

    /** The kinds of event a trigger can match. */
    public enum Kind {
        /** The member registered. */
        MEMBER_REGISTERED,
        /** Any order. */
        ORDER_PLACED,
        /** The member's first purchase. */
        FIRST_ORDER,
        /** An order was delivered. */
        ORDER_DELIVERED,
        /** An interaction, of a type if given, with a score at least {@code minScore} if given. */
        INTERACTION
    }

    /** @throws InvalidValueException if the fields do not fit the kind */
    public Trigger {
        if (kind == null) {
            throw new InvalidValueException("trigger.kind", "is required");
        }
        if (kind != Kind.INTERACTION && (interactionType != null || minScore != -1)) {
            throw new InvalidValueException("trigger", "only interaction triggers take a type and a score");
        }
        if (minScore < -1) {
            throw new InvalidValueException("trigger.minScore", "must be 0 or more (or -1 for any)");
        }
    }

    /** @return matches registrations */
    public static Trigger memberRegistered() {
        return new Trigger(Kind.MEMBER_REGISTERED, null, -1);
    }

    /** @return matches every order */
    public static Trigger orderPlaced() {
        return new Trigger(Kind.ORDER_PLACED, null, -1);
    }

    /** @return matches a member's first purchase */
    public static Trigger firstOrder() {
        return new Trigger(Kind.FIRST_ORDER, null, -1);
    }

    /** @return matches deliveries */
    public static Trigger orderDelivered() {
        return new Trigger(Kind.ORDER_DELIVERED, null, -1);
    }

    /**
     * @param type the interaction type
     * @return matches interactions of that type
     */
    public static Trigger interaction(InteractionType type) {
        if (type == null) {
            throw new InvalidValueException("trigger.interactionType", "is required");
        }
        return new Trigger(Kind.INTERACTION, type, -1);
    }

    /**
     * @param type the interaction type
     * @param minScore the lowest score that matches (e.g. 5 for "5 stars")
     * @return matches interactions of that type with a score of at least {@code minScore}
     */
    public static Trigger interaction(InteractionType type, int minScore) {
        if (type == null) {
            throw new InvalidValueException("trigger.interactionType", "is required");
        }
        if (minScore < 0) {
            throw new InvalidValueException("trigger.minScore", "must be 0 or more");
        }
        return new Trigger(Kind.INTERACTION, type, minScore);
    }

    /** @return matches abandoned carts */
    public static Trigger cartAbandoned() {
        return interaction(InteractionType.CART_ABANDONED);
    }

    /**
     * @param event an event
     * @return whether this trigger matches it
     */
    public boolean matches(JourneyEvent event) {
        return switch (kind) {
            case MEMBER_REGISTERED -> event.kind() == JourneyEvent.Kind.REGISTERED;
            case ORDER_PLACED -> event.kind() == JourneyEvent.Kind.ORDER_PLACED;
            case FIRST_ORDER -> event.kind() == JourneyEvent.Kind.ORDER_PLACED && event.first();
            case ORDER_DELIVERED -> event.kind() == JourneyEvent.Kind.ORDER_DELIVERED;
            case INTERACTION ->
                event.kind() == JourneyEvent.Kind.INTERACTION
                        && (interactionType == null || interactionType == event.interactionType())
                        && (minScore < 0 || event.score() >= minScore);
        };
    }

    /** @return the kind of event this trigger can match */
    public JourneyEvent.Kind eventKind() {
        return switch (kind) {
            case MEMBER_REGISTERED -> JourneyEvent.Kind.REGISTERED;
            case ORDER_PLACED, FIRST_ORDER -> JourneyEvent.Kind.ORDER_PLACED;
            case ORDER_DELIVERED -> JourneyEvent.Kind.ORDER_DELIVERED;
            case INTERACTION -> JourneyEvent.Kind.INTERACTION;
        };
    }
}
