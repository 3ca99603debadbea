package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.time.Instant;
import java.util.Optional;

/**
 * One touchpoint in a member's timeline: a message sent, opened or clicked, a survey answer, a page
 * view, an abandoned cart, a customer-service contact. Interactions are immutable events; a store
 * keeps each id once, so a retried delivery does not count twice.
 *
 * <pre>{@code
 * Interaction answer = Interaction.builder(InteractionId.of("I9"), MemberId.of("M1"), at, InteractionType.SURVEY_ANSWERED)
 *         .campaign(CampaignId.of("survey-7d"))
 *         .property(Interaction.SCORE, 5)
 *         .build();
 * answer.score(); // OptionalInt[5]
 * }</pre>
 *
 * @param id the interaction id
 * @param memberId the member
 * @param at when it happened
 * @param type what happened
 * @param channel the channel it happened on, if any (a page view has none)
 * @param campaignId the campaign or journey it belongs to, if any
 * @param messageId the message it is about, if any (the same id on the send, open and click)
 * @param properties typed details, e.g. {@link #SCORE}, {@link #DURATION_SECONDS}, {@link #URL}
 */
public record Interaction(
        InteractionId id,
        MemberId memberId,
        Instant at,
        InteractionType type,
        Optional<ContactChannel> channel,
        Optional<CampaignId> campaignId,
        Optional<String> messageId,
        Attributes properties) {

    /** A survey answer's score, e.g. 1 to 5 stars. */
    public static final AttributeKey<Integer> SCORE = AttributeKey.ofInteger("score");
    /** How long a page was viewed, in seconds. */
    public static final AttributeKey<Long> DURATION_SECONDS = AttributeKey.ofLong("duration_seconds");
    /** The page or link address. */
    public static final AttributeKey<String> URL = AttributeKey.ofString("url");
    /** A product the interaction is about, e.g. the product page viewed. */
    public static final AttributeKey<String> PRODUCT_ID = AttributeKey.ofString("product_id");

    /** @throws InvalidValueException if a field is missing */
    public Interaction {
        Check.notNull(id, "interaction.id");
        Check.notNull(memberId, "interaction.memberId");
        Check.notNull(at, "interaction.at");
        Check.notNull(type, "interaction.type");
        Check.notNull(channel, "interaction.channel");
        Check.notNull(campaignId, "interaction.campaignId");
        Check.notNull(messageId, "interaction.messageId");
        messageId.ifPresent(m -> Check.id(m, "interaction.messageId"));
        Check.notNull(properties, "interaction.properties");
    }

    /**
     * @param id the interaction id
     * @param memberId the member
     * @param at when
     * @param type what happened
     * @return a builder
     */
    public static Builder builder(InteractionId id, MemberId memberId, Instant at, InteractionType type) {
        return new Builder(id, memberId, at, type);
    }

    /** @return a builder that starts from this interaction */
    public Builder toBuilder() {
        Builder b = new Builder(id, memberId, at, type);
        b.channel = channel;
        b.campaignId = campaignId;
        b.messageId = messageId;
        b.properties = properties;
        return b;
    }

    /** @return the survey score, if this interaction has one */
    public java.util.OptionalInt score() {
        return properties.get(SCORE).map(java.util.OptionalInt::of).orElse(java.util.OptionalInt.empty());
    }

    /** @return the page-view duration in seconds, if this interaction has one */
    public java.util.OptionalLong durationSeconds() {
        return properties.get(DURATION_SECONDS).map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty());
    }

    /** Builds an {@link Interaction}. */
    public static final class Builder {
        private final InteractionId id;
        private final MemberId memberId;
        private final Instant at;
        private final InteractionType type;
        private Optional<ContactChannel> channel = Optional.empty();
        private Optional<CampaignId> campaignId = Optional.empty();
        private Optional<String> messageId = Optional.empty();
        private Attributes properties = Attributes.empty();

        private Builder(InteractionId id, MemberId memberId, Instant at, InteractionType type) {
            this.id = id;
            this.memberId = memberId;
            this.at = at;
            this.type = type;
        }

        /**
         * @param c the channel
         * @return this builder
         */
        public Builder channel(ContactChannel c) {
            this.channel = Optional.of(Check.notNull(c, "interaction.channel"));
            return this;
        }

        /**
         * @param c the campaign or journey
         * @return this builder
         */
        public Builder campaign(CampaignId c) {
            this.campaignId = Optional.of(Check.notNull(c, "interaction.campaignId"));
            return this;
        }

        /**
         * @param m the message id
         * @return this builder
         */
        public Builder message(String m) {
            this.messageId = Optional.of(Check.id(m, "interaction.messageId"));
            return this;
        }

        /**
         * @param key a property key
         * @param value its value
         * @param <T> the value type
         * @return this builder
         */
        public <T> Builder property(AttributeKey<T> key, T value) {
            this.properties = properties.with(key, value);
            return this;
        }

        /**
         * @param all every property, replacing those set before
         * @return this builder
         */
        public Builder properties(Attributes all) {
            this.properties = Check.notNull(all, "interaction.properties");
            return this;
        }

        /** @return the interaction */
        public Interaction build() {
            return new Interaction(id, memberId, at, type, channel, campaignId, messageId, properties);
        }
    }
}
