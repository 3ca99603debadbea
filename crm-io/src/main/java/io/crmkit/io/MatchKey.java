package io.crmkit.io;

/**
 * What identity resolution matches members on, in the order given to {@link
 * IdentityResolver.Builder#rules}.
 *
 * <pre>{@code
 * IdentityResolver.builder(brand).rules(MatchKey.EXTERNAL_ID, MatchKey.EMAIL, MatchKey.PHONE);
 * }</pre>
 */
public enum MatchKey {
    /**
     * An id in another system: the member's external ids, and its LINE and Facebook ids as {@code
     * LINE:…} and {@code FACEBOOK:…}, so that a LINE id typed into one profile matches a LINE
     * external id on another.
     */
    EXTERNAL_ID,
    /** The normalised e-mail address. */
    EMAIL,
    /** The E.164 phone number. */
    PHONE
}
