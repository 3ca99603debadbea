package io.crmkit.io;

/**
 * Which member's value a merge keeps when merged members disagree on a field (name, birthday,
 * city, e-mail, phone, ...). Ids in other systems, tags, notes and consents are always all kept
 * (the newest consent per channel).
 *
 * <pre>{@code
 * IdentityResolver.builder(brand).policy(ConflictPolicy.SOURCE_PRIORITY).sourcePriority("POS", "SHOPIFY");
 * }</pre>
 */
public enum ConflictPolicy {
    /**
     * The value of the member whose record changed last (the latest of its join, consent, tag and
     * note times); ties by id.
     */
    NEWEST_WINS,
    /**
     * The value of the member from the first system in {@link IdentityResolver.Builder#sourcePriority}
     * (a member's system is its source channel, else the system of its first external id); members of
     * systems not listed come after, newest first.
     */
    SOURCE_PRIORITY
}
