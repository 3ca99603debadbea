package io.crmkit.io.internal;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.Consent;
import io.crmkit.core.Crm;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Gender;
import io.crmkit.core.Interaction;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Note;
import io.crmkit.core.Order;
import io.crmkit.core.Tag;
import io.crmkit.io.ConflictPolicy;
import io.crmkit.io.IdentityReport;
import io.crmkit.io.MatchKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** One run of identity resolution: keys, union-find with contradiction checks, merges, writes. */
public final class Resolution {
    static final String AUTHOR = "crmkit:identity";

    private final List<MatchKey> rules;
    private final ConflictPolicy policy;
    private final List<String> priority;
    private final boolean dryRun;
    private final Instant now;

    // one entry per member, by index
    private final List<MemberId> ids = new ArrayList<>();
    private final List<List<String>> emails = new ArrayList<>();
    private final List<List<String>> phones = new ArrayList<>();

    /** E-mail addresses a merge could not keep as the member's address, space-separated. */
    public static final AttributeKey<String> OTHER_EMAILS = AttributeKey.ofString("crmkit.identity.other_emails");
    /** Phones a merge could not keep as the member's phone, space-separated. */
    public static final AttributeKey<String> OTHER_PHONES = AttributeKey.ofString("crmkit.identity.other_phones");

    private final List<List<String>> externals = new ArrayList<>();
    private int[] parent = new int[0];
    private @Nullable MatchKey[] matchedOn = new MatchKey[0];
    private final Map<Integer, List<Integer>> clusters = new HashMap<>();

    public Resolution(List<MatchKey> rules, ConflictPolicy policy, List<String> priority, boolean dryRun, Instant now) {
        this.rules = rules;
        this.policy = policy;
        this.priority = priority;
        this.dryRun = dryRun;
        this.now = now;
    }

    public IdentityReport run(Crm crm) {
        long before;
        Iterator<Member> it = crm.members().stream().iterator();
        while (it.hasNext()) {
            Member m = it.next();
            ids.add(m.id());
            emails.add(all(m.email().map(e -> e.value()), m.attribute(OTHER_EMAILS)));
            phones.add(all(m.phone().map(p -> p.e164()), m.attribute(OTHER_PHONES)));
            List<String> x = new ArrayList<>(m.externalIds().size() + 2);
            for (ExternalId e : m.externalIds()) {
                x.add(e.toString());
            }
            m.lineId().ifPresent(l -> x.add("LINE:" + l));
            m.facebookId().ifPresent(f -> x.add("FACEBOOK:" + f));
            externals.add(x);
        }
        before = ids.size();
        int n = ids.size();
        parent = new int[n];
        matchedOn = new MatchKey[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        List<IdentityReport.AmbiguousMatch> ambiguous = new ArrayList<>();
        for (MatchKey rule : rules) {
            TreeMap<String, List<Integer>> groups = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                for (String k : keys(rule, i)) {
                    groups.computeIfAbsent(k, x -> new ArrayList<>(2)).add(i);
                }
            }
            for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
                if (g.getValue().size() < 2) {
                    continue;
                }
                List<Integer> roots = new ArrayList<>();
                for (int i : g.getValue()) {
                    int r = find(i);
                    if (!roots.contains(r)) {
                        roots.add(r);
                    }
                }
                if (roots.size() < 2) {
                    continue;
                }
                // each cluster joins the first earlier cluster of the group it does not contradict; so at
                // the end the group's clusters contradict each other pairwise, and a second run finds
                // nothing left to join
                List<Integer> kept = new ArrayList<>();
                String reason = null;
                for (int r : roots) {
                    boolean joined = false;
                    for (int k = 0; k < kept.size() && !joined; k++) {
                        int c = find(kept.get(k));
                        String why = contradiction(c, find(r), rule);
                        if (why == null) {
                            union(c, r, rule);
                            kept.set(k, find(c));
                            joined = true;
                        } else if (reason == null) {
                            reason = why;
                        }
                    }
                    if (!joined) {
                        kept.add(find(r));
                    }
                }
                if (kept.size() < 2) {
                    reason = null;
                }
                if (reason != null) {
                    List<MemberId> who = new ArrayList<>();
                    for (int i : g.getValue()) {
                        who.add(ids.get(i));
                    }
                    who.sort(Comparator.naturalOrder());
                    ambiguous.add(new IdentityReport.AmbiguousMatch(rule, mask(rule, g.getKey()), who, reason));
                }
            }
        }
        Map<Integer, List<Integer>> byRoot = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byRoot.computeIfAbsent(find(i), x -> new ArrayList<>()).add(i);
        }
        List<IdentityReport.Merge> merges = new ArrayList<>();
        long[] moved = new long[2];
        for (List<Integer> cluster : byRoot.values()) {
            if (cluster.size() > 1) {
                merges.add(merge(crm, cluster, moved));
            }
        }
        merges.sort(Comparator.comparing(IdentityReport.Merge::survivor));
        long after = dryRun ? before : crm.members().count();
        return new IdentityReport(before, after, merges, ambiguous, moved[0], moved[1], dryRun);
    }

    private List<String> keys(MatchKey rule, int i) {
        switch (rule) {
            case EMAIL:
                return emails.get(i);
            case PHONE:
                return phones.get(i);
            default:
                return externals.get(i);
        }
    }

    private int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private List<Integer> members(int root) {
        return clusters.computeIfAbsent(root, r -> new ArrayList<>(List.of(r)));
    }

    private void union(int a, int b, MatchKey rule) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return;
        }
        List<Integer> ma = members(ra);
        List<Integer> mb = members(rb);
        // the rule that first joined a member to others (the survivor's is not reported)
        for (List<Integer> side : List.of(ma, mb)) {
            for (int i : side) {
                if (matchedOn[i] == null) {
                    matchedOn[i] = rule;
                }
            }
        }
        int root = Math.min(ra, rb);
        parent[ra] = root;
        parent[rb] = root;
        List<Integer> all = new ArrayList<>(ma);
        all.addAll(mb);
        clusters.remove(ra);
        clusters.remove(rb);
        clusters.put(root, all);
    }

    /** The primary value and the ones earlier merges kept aside. */
    private static List<String> all(Optional<String> primary, Optional<String> others) {
        List<String> out = new ArrayList<>(2);
        primary.ifPresent(out::add);
        others.ifPresent(o -> {
            for (String v : o.split(" ")) {
                if (!v.isEmpty() && !out.contains(v)) {
                    out.add(v);
                }
            }
        });
        return out;
    }

    /** @return why two clusters are not one person, or null */
    private @Nullable String contradiction(int ra, int rb, MatchKey rule) {
        Map<String, String> systems = new HashMap<>();
        for (int i : members(ra)) {
            for (String x : externals.get(i)) {
                int colon = x.indexOf(':');
                systems.put(x.substring(0, colon), x.substring(colon + 1));
            }
        }
        for (int i : members(rb)) {
            for (String x : externals.get(i)) {
                int colon = x.indexOf(':');
                String other = systems.get(x.substring(0, colon));
                if (other != null && !other.equals(x.substring(colon + 1))) {
                    return "they hold different " + x.substring(0, colon) + " ids";
                }
            }
        }
        if (rule != MatchKey.EMAIL) {
            // both sides have addresses, and together more than one: different people sharing a phone
            java.util.Set<String> a = new java.util.HashSet<>();
            java.util.Set<String> both = new java.util.HashSet<>();
            for (int i : members(ra)) {
                a.addAll(emails.get(i));
            }
            boolean bHas = false;
            for (int j : members(rb)) {
                both.addAll(emails.get(j));
                bHas |= !emails.get(j).isEmpty();
            }
            both.addAll(a);
            if (!a.isEmpty() && bHas && both.size() > 1) {
                return "they share a " + (rule == MatchKey.PHONE ? "phone" : "key") + " but have different"
                        + " e-mail addresses (a family or shop phone?)";
            }
        }
        return null;
    }

    static String mask(MatchKey rule, String key) {
        if (rule == MatchKey.EMAIL) {
            int at = key.indexOf('@');
            return at > 0 ? key.charAt(0) + "***" + key.substring(at) : "***";
        }
        if (rule == MatchKey.PHONE) {
            return "*".repeat(Math.max(0, key.length() - 4)) + key.substring(Math.max(0, key.length() - 4));
        }
        return key;
    }

    // ------------------------------------------------------------------ merging

    private static Instant recency(Member m) {
        Instant t = m.joinedAt();
        for (Consent c : m.consents().values()) {
            t = c.at().isAfter(t) ? c.at() : t;
        }
        for (Tag g : m.tags()) {
            t = g.at().isAfter(t) ? g.at() : t;
        }
        for (Note x : m.notes()) {
            t = x.at().isAfter(t) ? x.at() : t;
        }
        return t;
    }

    private String source(Member m) {
        if (m.sourceChannel().isPresent()) {
            return m.sourceChannel().get().code();
        }
        for (ExternalId x : m.externalIds()) {
            return x.system();
        }
        return "";
    }

    private int rank(Member m) {
        int i = priority.indexOf(source(m));
        if (i < 0) {
            for (ExternalId x : m.externalIds()) {
                int j = priority.indexOf(x.system());
                if (j >= 0 && (i < 0 || j < i)) {
                    i = j;
                }
            }
        }
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static <T> @Nullable T first(List<Member> ordered, Function<Member, Optional<T>> get) {
        for (Member m : ordered) {
            Optional<T> v = get.apply(m);
            if (v.isPresent()) {
                return v.get();
            }
        }
        return null;
    }

    private IdentityReport.Merge merge(Crm crm, List<Integer> cluster, long[] moved) {
        List<MemberId> clusterIds = new ArrayList<>();
        Map<MemberId, MatchKey> why = new LinkedHashMap<>();
        for (int i : cluster) {
            clusterIds.add(ids.get(i));
            why.put(ids.get(i), matchedOn[i]);
        }
        List<Member> members = new ArrayList<>(crm.members().findAll(clusterIds));
        members.sort(Comparator.comparing(Member::joinedAt).thenComparing(Member::id));
        Member survivor = members.get(0);
        List<Member> others = members.subList(1, members.size());
        Comparator<Member> newest =
                Comparator.comparing(Resolution::recency).reversed().thenComparing(Member::id);
        List<Member> ordered = new ArrayList<>(members);
        if (policy == ConflictPolicy.SOURCE_PRIORITY) {
            ordered.sort(Comparator.comparingInt(this::rank).thenComparing(newest));
        } else {
            ordered.sort(newest);
        }
        Member.Builder b = survivor.toBuilder();
        b.name(first(ordered, Member::name));
        b.birthday(first(ordered, Member::birthday));
        b.region(first(ordered, Member::region));
        b.city(first(ordered, Member::city));
        b.email(first(ordered, Member::email));
        b.phone(first(ordered, Member::phone));
        b.lineId(first(ordered, Member::lineId));
        b.facebookId(first(ordered, Member::facebookId));
        b.preferredChannel(first(ordered, Member::preferredChannel));
        Gender g = first(ordered, m -> m.gender() == Gender.UNKNOWN ? Optional.empty() : Optional.of(m.gender()));
        b.gender(g == null ? Gender.UNKNOWN : g);
        for (Member m : members) {
            for (Consent c : m.consents().values()) {
                b.consent(c);
            }
        }
        List<MemberId> merged = new ArrayList<>();
        List<MatchKey> matched = new ArrayList<>();
        StringBuilder note = new StringBuilder("identity resolution merged");
        for (Member m : others) {
            merged.add(m.id());
            MatchKey k = why.get(m.id());
            matched.add(k);
            note.append(' ').append(m.id()).append(" (").append(k).append(')');
            for (ExternalId x : m.externalIds()) {
                b.externalId(x);
            }
            for (Tag t : m.tags()) {
                if (!survivor.hasTag(t.name())) {
                    b.tag(t);
                }
            }
            for (Note x : m.notes()) {
                b.note(x);
            }
        }
        io.crmkit.core.Attributes attributes = io.crmkit.core.Attributes.empty();
        for (int i = ordered.size() - 1; i >= 0; i--) {
            for (Map.Entry<AttributeKey<?>, Object> e :
                    ordered.get(i).attributes().asMap().entrySet()) {
                attributes = attributes.withUnchecked(e.getKey(), e.getValue());
            }
        }
        java.util.TreeSet<String> otherEmails = new java.util.TreeSet<>();
        java.util.TreeSet<String> otherPhones = new java.util.TreeSet<>();
        for (int i : cluster) {
            otherEmails.addAll(emails.get(i));
            otherPhones.addAll(phones.get(i));
        }
        io.crmkit.core.Email keptEmail = first(ordered, Member::email);
        io.crmkit.core.PhoneNumber keptPhone = first(ordered, Member::phone);
        if (keptEmail != null) {
            otherEmails.remove(keptEmail.value());
        }
        if (keptPhone != null) {
            otherPhones.remove(keptPhone.e164());
        }
        attributes = otherEmails.isEmpty()
                ? attributes.without(OTHER_EMAILS)
                : attributes.with(OTHER_EMAILS, String.join(" ", otherEmails));
        attributes = otherPhones.isEmpty()
                ? attributes.without(OTHER_PHONES)
                : attributes.with(OTHER_PHONES, String.join(" ", otherPhones));
        b.attributes(attributes);
        Instant joined = survivor.joinedAt();
        b.joinedAt(joined);
        b.note(new Note(note.toString(), AUTHOR, now));
        Member result = b.build();
        if (!dryRun) {
            for (Member m : others) {
                if (!m.externalIds().isEmpty()) {
                    Member.Builder strip = m.toBuilder();
                    for (ExternalId x : m.externalIds()) {
                        strip.removeExternalId(x);
                    }
                    crm.members().save(strip.build());
                }
            }
            crm.members().save(result);
            for (Member m : others) {
                List<Order> orders = new ArrayList<>();
                for (Order o : crm.orders().findByMember(m.id())) {
                    orders.add(o.toBuilder().memberId(survivor.id()).build());
                }
                if (!orders.isEmpty()) {
                    crm.orders().upsertAll(orders);
                    moved[0] += orders.size();
                }
                List<Interaction> moving = new ArrayList<>();
                for (Interaction x : crm.interactions().findByMember(m.id())) {
                    crm.interactions().delete(x.id());
                    moving.add(new Interaction(
                            x.id(),
                            survivor.id(),
                            x.at(),
                            x.type(),
                            x.channel(),
                            x.campaignId(),
                            x.messageId(),
                            x.properties()));
                }
                if (!moving.isEmpty()) {
                    crm.interactions().appendAll(moving);
                    moved[1] += moving.size();
                }
                crm.members().delete(m.id());
            }
        }
        return new IdentityReport.Merge(survivor.id(), merged, matched, now);
    }
}
