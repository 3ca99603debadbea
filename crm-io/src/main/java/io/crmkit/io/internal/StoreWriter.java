package io.crmkit.io.internal;

import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Interaction;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.Product;
import io.crmkit.core.ProductId;
import io.crmkit.core.spi.DuplicateKeyException;
import io.crmkit.core.spi.InteractionStore;
import io.crmkit.core.spi.MemberStore;
import io.crmkit.core.spi.OrderStore;
import io.crmkit.core.spi.ProductStore;
import io.crmkit.core.spi.VersionConflictException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes mapped groups into the stores in batches. Members without a crmkit id are found by
 * external id, then e-mail, then phone (the first in id order when several members share one), and
 * get a derived id ({@code SOURCE-} and 16 hex digits of a SHA-256 of the key) when none exists,
 * so that importing a file twice finds the same members. Writes that would change nothing are
 * skipped: a re-import writes nothing.
 */
public final class StoreWriter {
    /** One group waiting for the batch to be written. */
    public static final class Pending {
        public final Mapped mapped;
        public final List<Row> rows;

        @Nullable
        DraftGroup member;

        public @Nullable String failure;

        Pending(Mapped mapped, List<Row> rows) {
            this.mapped = mapped;
            this.rows = rows;
        }
    }

    /** The members of one batch that are the same person. */
    static final class DraftGroup {
        final MemberDraft draft;

        @Nullable
        MemberId id;

        @Nullable
        String failure;

        DraftGroup(MemberDraft draft) {
            this.draft = draft;
        }
    }

    private final @Nullable MemberStore memberStore;
    private final @Nullable OrderStore orderStore;
    private final @Nullable ProductStore productStore;
    private final @Nullable InteractionStore interactionStore;
    private final boolean dryRun;
    private final int previewLimit;
    private final String source;
    private final Instant now;

    private final List<Pending> pending = new ArrayList<>();
    /** In a dry run only: the members a real run would have created, to count each once. */
    private final java.util.Set<MemberId> createdInDryRun = new java.util.HashSet<>();

    private final Map<String, DraftGroup> keys = new HashMap<>();
    private final List<DraftGroup> groups = new ArrayList<>();
    private int pendingRows;
    /**
     * Whether the order store held orders when the import wrote its first batch. If it did not, the
     * look-up that skips unchanged orders is skipped too (every order of the file is new; one that
     * repeats in the file is written again, which an upsert makes harmless).
     */
    private @Nullable Boolean ordersExistedAtStart;

    public long members;
    public long membersCreated;
    public long membersUpdated;
    public long orders;
    public long ordersChanged;
    public long productsCount;
    public long interactionsCount;
    public final List<Member> previewMembers = new ArrayList<>();
    public final List<Order> previewOrders = new ArrayList<>();
    public final List<Product> previewProducts = new ArrayList<>();
    public final List<Interaction> previewInteractions = new ArrayList<>();

    public StoreWriter(
            @Nullable MemberStore members,
            @Nullable OrderStore orders,
            @Nullable ProductStore products,
            @Nullable InteractionStore interactions,
            boolean dryRun,
            int previewLimit,
            String source,
            Instant now) {
        this.memberStore = members;
        this.orderStore = orders;
        this.productStore = products;
        this.interactionStore = interactions;
        this.dryRun = dryRun;
        this.previewLimit = previewLimit;
        this.source = source;
        this.now = now;
    }

    public int pendingRows() {
        return pendingRows;
    }

    public void add(Mapped m, List<Row> rows) {
        Pending p = new Pending(m, rows);
        if (m.member != null) {
            p.member = group(m.member);
        }
        pending.add(p);
        pendingRows += rows.size();
    }

    private DraftGroup group(MemberDraft d) {
        List<String> ks = keysOf(d);
        DraftGroup g = null;
        for (String k : ks) {
            DraftGroup hit = keys.get(k);
            if (hit != null && (k.startsWith("i:") || k.startsWith("x:") || compatible(hit.draft, d))) {
                g = hit;
                break;
            }
        }
        if (g == null) {
            g = new DraftGroup(d);
            groups.add(g);
        } else {
            g.draft.absorb(d);
        }
        for (String k : ks) {
            keys.putIfAbsent(k, g);
        }
        return g;
    }

    /**
     * Whether a match on e-mail or phone may join two drafts: not when both hold an id of the same
     * system with different values, or different e-mail addresses (a shared family phone).
     */
    static boolean compatible(MemberDraft a, MemberDraft b) {
        if (a.id != null && b.id != null && !a.id.equals(b.id)) {
            return false;
        }
        for (ExternalId x : b.externalIds) {
            for (ExternalId y : a.externalIds) {
                if (x.system().equals(y.system()) && !x.value().equals(y.value())) {
                    return false;
                }
            }
        }
        return a.email == null || b.email == null || a.email.equals(b.email);
    }

    static boolean compatible(Member m, MemberDraft d) {
        if (d.id != null && !d.id.equals(m.id())) {
            return false;
        }
        for (ExternalId x : d.externalIds) {
            for (ExternalId y : m.externalIds()) {
                if (x.system().equals(y.system()) && !x.value().equals(y.value())) {
                    return false;
                }
            }
        }
        return m.email().isEmpty() || d.email == null || m.email().get().equals(d.email);
    }

    private static List<String> keysOf(MemberDraft d) {
        List<String> ks = new ArrayList<>(4);
        if (d.whole != null) {
            ks.add("i:" + d.whole.id().value());
            return ks;
        }
        if (d.id != null) {
            ks.add("i:" + d.id.value());
        }
        for (ExternalId x : d.externalIds) {
            ks.add("x:" + x);
        }
        if (d.email != null) {
            ks.add("e:" + d.email.value());
        }
        if (d.phone != null) {
            ks.add("p:" + d.phone.e164());
        }
        return ks;
    }

    /**
     * Writes the batch.
     *
     * @return the groups of the batch, each with its failure (a store refused it) or none
     */
    public List<Pending> flush() {
        List<Pending> done = new ArrayList<>(pending);
        try {
            if (!groups.isEmpty()) {
                writeMembers();
            }
            writeOrders(done);
            writeProducts(done);
            writeInteractions(done);
        } finally {
            pending.clear();
            keys.clear();
            groups.clear();
            pendingRows = 0;
        }
        return done;
    }

    // ------------------------------------------------------------------ members

    private void writeMembers() {
        MemberStore store = require(memberStore, "members");
        Map<MemberId, Member> existing = new HashMap<>();
        List<MemberId> lookup = new ArrayList<>();
        for (DraftGroup g : groups) {
            g.id = resolve(store, g.draft);
            lookup.add(g.id);
        }
        for (Member m : store.findAll(lookup)) {
            existing.put(m.id(), m);
        }
        Map<MemberId, DraftGroup> byId = new LinkedHashMap<>();
        Map<DraftGroup, Member> toSave = new IdentityHashMap<>();
        List<Member> save = new ArrayList<>();
        for (DraftGroup g : groups) {
            MemberId id = g.id;
            DraftGroup earlier = byId.get(id);
            if (earlier != null) {
                // two drafts of the batch resolved to the same stored member
                earlier.draft.absorb(g.draft);
                g.id = id;
                continue;
            }
            byId.put(id, g);
        }
        for (DraftGroup g : byId.values()) {
            Member old = existing.get(g.id);
            Member merged;
            try {
                merged = g.draft.mergeInto(old, g.id, now, now, source);
            } catch (InvalidValueException e) {
                g.failure = "member " + g.id + ": " + e.getMessage();
                continue;
            }
            if (old != null && merged.equals(old)) {
                preview(merged);
                continue;
            }
            if (old == null && dryRun && !createdInDryRun.add(g.id)) {
                // a dry run writes nothing, so a later batch sees the member as new again: count it once
                preview(merged);
                continue;
            }
            if (old == null) {
                membersCreated++;
            } else {
                membersUpdated++;
            }
            members++;
            preview(merged);
            toSave.put(g, merged);
            save.add(merged);
        }
        inheritFailures(byId);
        if (dryRun || save.isEmpty()) {
            return;
        }
        try {
            store.saveAll(save);
        } catch (VersionConflictException | DuplicateKeyException e) {
            // one by one, so that one member's conflict does not cost the batch
            for (Map.Entry<DraftGroup, Member> e2 : toSave.entrySet()) {
                DraftGroup g = e2.getKey();
                try {
                    saveOne(store, g);
                } catch (DuplicateKeyException d) {
                    g.failure = "member " + g.id + ": " + d.getMessage();
                    members--;
                    if (existing.containsKey(g.id)) {
                        membersUpdated--;
                    } else {
                        membersCreated--;
                    }
                }
            }
        }
        inheritFailures(byId);
    }

    private void inheritFailures(Map<MemberId, DraftGroup> byId) {
        for (DraftGroup g : groups) {
            DraftGroup owner = byId.get(g.id);
            if (g.failure == null && owner != null && owner.failure != null) {
                g.failure = owner.failure;
            }
        }
    }

    private void saveOne(MemberStore store, DraftGroup g) {
        Optional<Member> old = store.find(g.id);
        if (old.isEmpty()) {
            try {
                store.save(g.draft.mergeInto(null, g.id, now, now, source));
                return;
            } catch (VersionConflictException e) {
                // created meanwhile: update below
            }
        }
        store.update(g.id, m -> g.draft.mergeInto(m, g.id, now, now, source));
    }

    private void preview(Member m) {
        if (dryRun && previewMembers.size() < previewLimit) {
            previewMembers.add(m);
        }
    }

    private MemberId resolve(MemberStore store, MemberDraft d) {
        if (d.whole != null) {
            return d.whole.id();
        }
        if (d.id != null) {
            return d.id;
        }
        for (ExternalId x : d.externalIds) {
            Optional<Member> m = store.findByExternalId(x);
            if (m.isPresent()) {
                return m.get().id();
            }
        }
        if (d.email != null) {
            for (Member m : store.findByEmail(d.email)) {
                if (compatible(m, d)) {
                    return m.id();
                }
            }
        }
        if (d.phone != null) {
            for (Member m : store.findByPhone(d.phone)) {
                if (compatible(m, d)) {
                    return m.id();
                }
            }
        }
        return derivedId(source, d);
    }

    /** The id of a new member: the source and a hash of the first key (external id, e-mail, phone). */
    static MemberId derivedId(String source, MemberDraft d) {
        String key;
        if (!d.externalIds.isEmpty()) {
            key = d.externalIds.get(0).toString();
        } else if (d.email != null) {
            Email e = d.email;
            key = "email:" + e.value();
        } else {
            PhoneNumber p = d.phone;
            key = "phone:" + (p == null ? "" : p.e164());
        }
        return MemberId.of(source + "-" + sha256(key).substring(0, 16));
    }

    public static String sha256(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(64);
            for (byte x : h) {
                b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    // ------------------------------------------------------------------ orders, products, interactions

    private void writeOrders(List<Pending> done) {
        List<Order> batch = new ArrayList<>();
        List<Pending> owners = new ArrayList<>();
        for (Pending p : done) {
            Order o = p.mapped.order;
            if (o == null) {
                continue;
            }
            if (p.member != null && p.member.failure != null) {
                p.failure = p.member.failure;
                continue;
            }
            if (o.memberId() == GenericMapper.PENDING) {
                MemberId id = p.member == null ? null : p.member.id;
                if (id == null) {
                    p.failure = "the order's member could not be resolved";
                    continue;
                }
                try {
                    o = o.toBuilder().memberId(id).build();
                } catch (InvalidValueException e) {
                    p.failure = e.getMessage();
                    continue;
                }
            }
            batch.add(o);
            owners.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        OrderStore store = require(orderStore, "orders");
        Map<OrderId, Order> existing = new HashMap<>(batch.size() * 2);
        List<OrderId> ids = new ArrayList<>(batch.size());
        for (Order o : batch) {
            ids.add(o.id());
        }
        if (ordersExistedAtStart == null) {
            ordersExistedAtStart = store.count() > 0;
        }
        if (ordersExistedAtStart) {
            // only orders that may already be stored need comparing; into an empty store every one is new
            for (Order o : store.findAll(ids)) {
                existing.put(o.id(), o);
            }
        }
        Map<OrderId, Order> changed = new LinkedHashMap<>(batch.size() * 2);
        for (Order o : batch) {
            orders++;
            if (dryRun && previewOrders.size() < previewLimit) {
                previewOrders.add(o);
            }
            if (!o.equals(existing.get(o.id()))) {
                changed.put(o.id(), o);
            }
        }
        ordersChanged += changed.size();
        if (!dryRun && !changed.isEmpty()) {
            store.upsertAll(changed.values());
        }
    }

    private void writeProducts(List<Pending> done) {
        Map<ProductId, Product> batch = new LinkedHashMap<>();
        for (Pending p : done) {
            if (p.mapped.product != null) {
                batch.put(p.mapped.product.id(), p.mapped.product);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        ProductStore store = require(productStore, "products");
        productsCount += batch.size();
        for (Product p : batch.values()) {
            if (dryRun && previewProducts.size() < previewLimit) {
                previewProducts.add(p);
            }
        }
        for (Product p : store.findAll(new ArrayList<>(batch.keySet()))) {
            if (p.equals(batch.get(p.id()))) {
                batch.remove(p.id());
            }
        }
        if (!dryRun && !batch.isEmpty()) {
            store.upsertAll(batch.values());
        }
    }

    private void writeInteractions(List<Pending> done) {
        List<Interaction> batch = new ArrayList<>();
        List<Pending> owners = new ArrayList<>();
        for (Pending p : done) {
            Interaction i = p.mapped.interaction;
            if (i == null) {
                continue;
            }
            if (p.member != null && p.member.failure != null) {
                p.failure = p.member.failure;
                continue;
            }
            if (i.memberId() == GenericMapper.PENDING) {
                MemberId id = p.member == null ? null : p.member.id;
                if (id == null) {
                    p.failure = "the interaction's member could not be resolved";
                    continue;
                }
                i = new Interaction(
                        i.id(), id, i.at(), i.type(), i.channel(), i.campaignId(), i.messageId(), i.properties());
            }
            batch.add(i);
            owners.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        InteractionStore store = require(interactionStore, "interactions");
        interactionsCount += batch.size();
        for (Interaction i : batch) {
            if (dryRun && previewInteractions.size() < previewLimit) {
                previewInteractions.add(i);
            }
        }
        if (dryRun) {
            return;
        }
        try {
            store.appendAll(batch);
        } catch (DuplicateKeyException e) {
            // an id already stored with other content: find which, one by one
            for (int i = 0; i < batch.size(); i++) {
                try {
                    store.appendAll(List.of(batch.get(i)));
                } catch (DuplicateKeyException d) {
                    owners.get(i).failure = d.getMessage();
                    interactionsCount--;
                }
            }
        }
    }

    private static <T> T require(@Nullable T store, String what) {
        if (store == null) {
            throw new IllegalStateException("no " + what + " store was given to the importer");
        }
        return store;
    }
}
