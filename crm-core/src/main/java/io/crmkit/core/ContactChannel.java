package io.crmkit.core;

/**
 * A channel through which a brand reaches a member. Consent is kept per channel; a member is
 * reachable by a channel when it has the matching contact point and has opted in.
 */
public enum ContactChannel {
    /** E-mail, needs {@link Member#email()}. */
    EMAIL,
    /** SMS text message, needs {@link Member#phone()}. */
    SMS,
    /** LINE official account message, needs {@link Member#lineId()}. */
    LINE,
    /** Facebook Messenger, needs {@link Member#facebookId()}. */
    FACEBOOK,
    /** Push notification in the brand's app; needs no stored contact point. */
    APP_PUSH,
    /** Phone call, needs {@link Member#phone()}. */
    PHONE_CALL
}
