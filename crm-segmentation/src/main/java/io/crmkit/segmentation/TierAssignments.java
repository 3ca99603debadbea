package io.crmkit.segmentation;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.segmentation.internal.tier.TierTable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every member's tier as of an instant, from {@link TierProgram#evaluateAll}: counts per tier and a
 * look-up by member, held compactly (the ids' characters and one byte per member).
 *
 * <pre>{@code
 * TierAssignments all = program.evaluateAll(crm, brand.now());
 * all.counts();                          // {member=81234, gold=15021, black=912}
 * all.tierOf(MemberId.of("M1"));         // Optional[Tier[gold, ...]]
 * List<MemberId> black = all.members("black");
 * }</pre>
 */
public final class TierAssignments {
    private final TierProgram program;
    private final Instant asOf;
    private final Instant nextReview;
    private final TierTable table;

    TierAssignments(TierProgram program, Instant asOf, Instant nextReview, TierTable table) {
        this.program = program;
        this.asOf = asOf;
        this.nextReview = nextReview;
        this.table = table;
    }

    /** @return the programme */
    public TierProgram program() {
        return program;
    }

    /** @return the instant the tiers are as of */
    public Instant asOf() {
        return asOf;
    }

    /** @return the first review after {@link #asOf()}, the same for every member */
    public Instant nextReview() {
        return nextReview;
    }

    /** @return how many members had joined by {@link #asOf()} */
    public long memberCount() {
        return table.size();
    }

    /** @return the number of members per tier, lowest tier first, tiers without members included */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        List<Tier> tiers = program.tiers();
        for (int i = 0; i < tiers.size(); i++) {
            m.put(tiers.get(i).name(), table.count(i));
        }
        return m;
    }

    /**
     * @param tierName a tier's name
     * @return how many members hold it
     * @throws InvalidValueException if the programme has no tier of that name
     */
    public long count(String tierName) {
        return table.count(indexOf(tierName));
    }

    /** @return how many members hold no tier */
    public long countWithoutTier() {
        return table.withoutTier();
    }

    /**
     * @param member a member
     * @return the tier the member holds; empty if none, or if the member had not joined by {@link
     *     #asOf()} or did not exist
     */
    public Optional<Tier> tierOf(MemberId member) {
        int t = table.tierOf(member);
        return t < 0 ? Optional.empty() : Optional.of(program.tiers().get(t));
    }

    /**
     * @param member a member
     * @return true if the member had joined by {@link #asOf()} and so has an entry (with or without a tier)
     */
    public boolean contains(MemberId member) {
        return table.tierOf(member) > -2;
    }

    /**
     * @param tierName a tier's name
     * @return the members holding it, in id order
     * @throws InvalidValueException if the programme has no tier of that name
     */
    public List<MemberId> members(String tierName) {
        return table.members(indexOf(tierName));
    }

    /** @return the members holding no tier, in id order */
    public List<MemberId> membersWithoutTier() {
        return table.members(-1);
    }

    private int indexOf(String tierName) {
        List<Tier> tiers = program.tiers();
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).name().equals(tierName)) {
                return i;
            }
        }
        throw new InvalidValueException("tier", "\"" + tierName + "\" is not a tier of this programme");
    }

    @Override
    public String toString() {
        return "TierAssignments[asOf=" + asOf + ", " + counts() + ", without tier=" + countWithoutTier() + "]";
    }
}
