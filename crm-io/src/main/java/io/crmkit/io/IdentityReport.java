package io.crmkit.io;

import io.crmkit.core.MemberId;
import java.time.Instant;
import java.util.List;

/**
 * What identity resolution did: the merges (each also written as a note on the surviving member),
 * and the matches it did not make because they were ambiguous.
 *
 * <pre>{@code
 * IdentityReport r = IdentityResolver.builder(brand).build().resolve(crm);
 * r.merges().forEach(m -> System.out.println(m.survivor() + " <- " + m.merged()));
 * r.ambiguous().forEach(a -> System.out.println(a.reason()));
 * }</pre>
 *
 * @param membersBefore members in the store before
 * @param membersAfter members in the store after (the same in a dry run)
 * @param merges the merges, in survivor id order
 * @param ambiguous the matches not made
 * @param ordersMoved orders re-pointed to their member's survivor
 * @param interactionsMoved interactions re-pointed to their member's survivor
 * @param dryRun true if nothing was written
 */
public record IdentityReport(
        long membersBefore,
        long membersAfter,
        List<Merge> merges,
        List<AmbiguousMatch> ambiguous,
        long ordersMoved,
        long interactionsMoved,
        boolean dryRun) {
    /** Copies the lists. */
    public IdentityReport {
        merges = List.copyOf(merges);
        ambiguous = List.copyOf(ambiguous);
    }

    /**
     * One merge: the members that became one, and why.
     *
     * @param survivor the member that remains (the earliest to join; ties by id)
     * @param merged the members merged into it and deleted
     * @param matchedOn the rule of each merged member's match, in the order of {@code merged}
     * @param at when the merge was made
     */
    public record Merge(MemberId survivor, List<MemberId> merged, List<MatchKey> matchedOn, Instant at) {
        /** Copies the lists. */
        public Merge {
            merged = List.copyOf(merged);
            matchedOn = List.copyOf(matchedOn);
        }
    }

    /**
     * Members that share a key but were not merged, because something says they are different
     * people (two ids of one system, two e-mail addresses).
     *
     * @param rule the rule whose key they share
     * @param key the key, with most of an e-mail or phone hidden
     * @param members the members, in id order
     * @param reason why they were not merged
     */
    public record AmbiguousMatch(MatchKey rule, String key, List<MemberId> members, String reason) {
        /** Copies the list. */
        public AmbiguousMatch {
            members = List.copyOf(members);
        }
    }
}
