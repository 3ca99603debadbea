package io.crmkit.core;

/** What kind of touchpoint an {@link Interaction} records. */
public enum InteractionType {
    /** A message (e-mail, SMS, LINE, push) was sent to the member. */
    MESSAGE_SENT,
    /** The member opened a message. */
    MESSAGE_OPENED,
    /** The member clicked a link in a message. */
    MESSAGE_CLICKED,
    /** The member replied to a message. */
    MESSAGE_REPLIED,
    /** A message could not be delivered. */
    MESSAGE_BOUNCED,
    /** The member unsubscribed through a message. */
    UNSUBSCRIBED,
    /** The member answered a survey; {@link Interaction#SCORE} holds the score. */
    SURVEY_ANSWERED,
    /** The member viewed a page; {@link Interaction#DURATION_SECONDS} holds how long. */
    PAGE_VIEWED,
    /** The member left a cart without buying. */
    CART_ABANDONED,
    /** The member contacted customer service, or it contacted the member. */
    SERVICE_CONTACT
}
