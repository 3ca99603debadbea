package io.crmkit.io;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.io.internal.Resolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds members who are one person, arrived through several sources (a POS phone, a LINE follow, a
 * Shopify account, a Shopee buyer), and merges them: by deterministic rules in a configurable order
 * (external id, e-mail, phone), keeping every source id, tag, note, consent, order and interaction,
 * with a note on the surviving member for each merge, and a policy for fields that disagree. Matches
 * that something contradicts (two ids of the same system, two e-mail addresses for one phone) are
 * reported, not merged. Running it again changes nothing.
 *
 * <pre>{@code
 * IdentityReport report = IdentityResolver.builder(crm.settings())
 *         .rules(MatchKey.EXTERNAL_ID, MatchKey.EMAIL, MatchKey.PHONE)
 *         .policy(ConflictPolicy.SOURCE_PRIORITY)
 *         .sourcePriority("POS", "SHOPIFY", "LINE", "SHOPEE")
 *         .build()
 *         .resolve(crm);
 * }</pre>
 *
 * <p>It holds every member's keys in memory (about 200 bytes a member) and rewrites the orders and
 * interactions of merged members; run it as a batch job, not per request.
 */
public final class IdentityResolver {
    private final BrandSettings brand;
    private final List<MatchKey> rules;
    private final ConflictPolicy policy;
    private final List<String> sourcePriority;
    private final boolean dryRun;

    private IdentityResolver(Builder b) {
        this.brand = b.brand;
        this.rules = List.copyOf(b.rules);
        this.policy = b.policy;
        this.sourcePriority = List.copyOf(b.sourcePriority);
        this.dryRun = b.dryRun;
    }

    /**
     * @param brand the clock of the merge notes
     * @return a builder with the rules external id, e-mail, phone and newest-wins
     */
    public static Builder builder(BrandSettings brand) {
        return new Builder(brand);
    }

    /**
     * Merges the members of a crm's member store that are one person, and moves their orders and
     * interactions to the surviving member.
     *
     * @param crm the stores
     * @return what was merged and what was ambiguous
     * @throws io.crmkit.core.spi.StoreException if a store write fails (run again: merged members are
     *     found again, so it completes)
     */
    public IdentityReport resolve(Crm crm) {
        return new Resolution(rules, policy, sourcePriority, dryRun, brand.now()).run(crm);
    }

    /** Configures an {@link IdentityResolver}. */
    public static final class Builder {
        private final BrandSettings brand;
        private List<MatchKey> rules = List.of(MatchKey.EXTERNAL_ID, MatchKey.EMAIL, MatchKey.PHONE);
        private ConflictPolicy policy = ConflictPolicy.NEWEST_WINS;
        private List<String> sourcePriority = List.of();
        private boolean dryRun;

        private Builder(BrandSettings brand) {
            this.brand = brand;
        }

        /**
         * @param order the rules, tried in this order; each at most once
         * @return this builder
         */
        public Builder rules(MatchKey... order) {
            if (order.length == 0) {
                throw new ImportException("rules: give at least one of " + List.of(MatchKey.values()));
            }
            List<MatchKey> l = new ArrayList<>();
            for (MatchKey k : order) {
                if (l.contains(k)) {
                    throw new ImportException("rules: " + k + " is given twice");
                }
                l.add(k);
            }
            this.rules = l;
            return this;
        }

        /**
         * @param p how conflicting fields are decided
         * @return this builder
         */
        public Builder policy(ConflictPolicy p) {
            this.policy = p;
            return this;
        }

        /**
         * @param systems system codes (external id systems or source channels), most trusted first
         * @return this builder
         */
        public Builder sourcePriority(String... systems) {
            List<String> l = new ArrayList<>();
            for (String s : systems) {
                l.add(s.strip().toUpperCase(Locale.ROOT));
            }
            this.sourcePriority = l;
            return this;
        }

        /**
         * @param report true to write nothing and only report
         * @return this builder
         */
        public Builder dryRun(boolean report) {
            this.dryRun = report;
            return this;
        }

        /** @return the resolver */
        public IdentityResolver build() {
            return new IdentityResolver(this);
        }
    }
}
