package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.time.Instant;

/**
 * A label on a member, e.g. {@code vip}, {@code do-not-contact} or {@code persona:office-worker}.
 * A member has at most one tag of a name; the tag records whether a person or a rule put it there,
 * who (a user name or a rule id) and when.
 *
 * <pre>{@code
 * Tag t = Tag.manual("do-not-contact", "agent:amy", Instant.now());
 * }</pre>
 *
 * @param name the tag name, 1 to 128 characters, compared exactly
 * @param source whether a person or a rule set it
 * @param by who set it: a user name for manual tags, a rule or segment id for rule tags
 * @param at when it was set
 */
public record Tag(String name, Source source, String by, Instant at) {
    /** Who put a tag on a member. */
    public enum Source {
        /** A person, e.g. a customer-service agent. */
        MANUAL,
        /** An automatic rule, e.g. a segment or a journey. */
        RULE,
        /** Brought in by an import from another system. */
        IMPORT
    }

    /** @throws InvalidValueException if a field is missing or the name is not a valid name */
    public Tag {
        Check.id(name, "tag.name");
        Check.notNull(source, "tag.source");
        by = Check.text(by, "tag.by");
        Check.notNull(at, "tag.at");
    }

    /**
     * @param name the tag name
     * @param by the person
     * @param at when
     * @return a manual tag
     */
    public static Tag manual(String name, String by, Instant at) {
        return new Tag(name, Source.MANUAL, by, at);
    }

    /**
     * @param name the tag name
     * @param ruleId the rule, segment or journey that set it
     * @param at when
     * @return a rule tag
     */
    public static Tag rule(String name, String ruleId, Instant at) {
        return new Tag(name, Source.RULE, ruleId, at);
    }
}
