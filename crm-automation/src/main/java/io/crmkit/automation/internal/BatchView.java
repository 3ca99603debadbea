package io.crmkit.automation.internal;

import io.crmkit.automation.Reentry;
import io.crmkit.automation.spi.BatchingJourneyStateStore;
import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.EnterResult;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.automation.spi.WriteBatch;
import io.crmkit.core.MemberId;
import io.crmkit.core.spi.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The engine's view of a {@link BatchingJourneyStateStore} while it runs one batch: reads come from
 * what the batch fetched up front (falling back to the store for anything else), writes are kept and
 * handed to {@link BatchingJourneyStateStore#apply} by {@link #commit}. Entries are admitted at the
 * commit; what the engine does with an entered instance runs after it ({@link #enter(WriteBatch.Entering,
 * Consumer)}), and its writes go to the next commit. Not thread-safe: the engine's lock guards it.
 */
public final class BatchView implements JourneyStateStore {
    private final BatchingJourneyStateStore base;
    private final String owner;
    private final Instant now;
    private final Duration lease;

    /** The latest state of every instance the batch knows, by id. */
    private final Map<String, JourneyInstance> instances = new HashMap<>();
    /** Instances written since the last commit → the version stored before. */
    private final LinkedHashMap<String, Long> dirty = new LinkedHashMap<>();
    /** Members whose live instances the batch knows completely → their instance ids. */
    private final Map<MemberId, Set<String>> byMember = new HashMap<>();

    private final LinkedHashMap<String, JourneyInstance> schedules = new LinkedHashMap<>();
    /** Instances leased to the owner for this batch (claimed, or entered by it). */
    private final Set<String> leased = new LinkedHashSet<>();

    /** Effects the batch knows, by key (fetched or written). */
    private final Map<String, EffectRecord> effects = new HashMap<>();

    private final LinkedHashMap<String, EffectRecord> dirtyEffects = new LinkedHashMap<>();
    /** Keys written by the batch that the store did not have. */
    private final Set<String> newEffects = new HashSet<>();
    /** Key prefixes whose every stored effect was fetched. */
    private final Set<String> covered = new HashSet<>();
    /** Members whose message effects after {@link #messagesFrom} were fetched → their message keys. */
    private final Map<MemberId, Set<String>> messages = new HashMap<>();

    private @Nullable Instant messagesFrom;
    /** How many applies succeeded. */
    private int applied;

    private final List<WriteBatch.Entering> entries = new ArrayList<>();
    private final List<Consumer<EnterResult>> then = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    /**
     * @param base the store
     * @param owner the engine's name
     * @param now the engine's present, which entered instances' leases are measured from
     * @param lease how long entered instances stay leased
     */
    public BatchView(BatchingJourneyStateStore base, String owner, Instant now, Duration lease) {
        this.base = base;
        this.owner = owner;
        this.now = now;
        this.lease = lease;
    }

    /**
     * Takes instances the engine leased (claimed due, or claimed for an event): their state as
     * stored, and their effects fetched in one query.
     *
     * @param claimed the instances
     */
    public void claimed(Collection<JourneyInstance> claimed) {
        List<String> prefixes = new ArrayList<>();
        for (JourneyInstance i : claimed) {
            instances.put(i.id(), i);
            leased.add(i.id());
            Set<String> ids = byMember.get(i.member());
            if (ids != null) {
                ids.add(i.id());
            }
            String p = i.effectKeyPrefix();
            if (covered.add(p)) {
                prefixes.add(p);
            }
        }
        if (!prefixes.isEmpty()) {
            for (EffectRecord e : base.effectsByPrefix(prefixes)) {
                effects.putIfAbsent(e.key(), e);
            }
        }
    }

    /**
     * Fetches the live instances of members in one query.
     *
     * @param members the members
     */
    public void fetchLive(Collection<MemberId> members) {
        List<MemberId> missing = new ArrayList<>();
        for (MemberId m : members) {
            if (!byMember.containsKey(m)) {
                missing.add(m);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<MemberId, List<JourneyInstance>> live = base.live(missing);
        for (MemberId m : missing) {
            Set<String> ids = new LinkedHashSet<>();
            for (JourneyInstance i : live.getOrDefault(m, List.of())) {
                instances.putIfAbsent(i.id(), i);
                ids.add(i.id());
            }
            byMember.put(m, ids);
        }
    }

    /**
     * Fetches the message effects of members after {@code since} in one query (the frequency cap
     * counts them).
     *
     * @param members the members
     * @param since the earliest instant the batch will count from
     */
    public void fetchMessages(Collection<MemberId> members, Instant since) {
        if (messagesFrom != null && since.isBefore(messagesFrom)) {
            messages.clear(); // fetched for a later window: start again
        }
        if (messagesFrom == null || since.isBefore(messagesFrom)) {
            messagesFrom = since;
        }
        List<MemberId> missing = new ArrayList<>();
        for (MemberId m : members) {
            if (!messages.containsKey(m)) {
                missing.add(m);
                messages.put(m, new HashSet<>());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        for (EffectRecord e : base.messages(missing, messagesFrom)) {
            effects.putIfAbsent(e.key(), e);
            messages.get(e.member()).add(e.key());
        }
        for (EffectRecord e : dirtyEffects.values()) {
            Set<String> keys = messages.get(e.member());
            if (keys != null && e.kind() == EffectRecord.Kind.MESSAGE) {
                keys.add(e.key());
            }
        }
    }

    /**
     * Admits an instance at the next {@link #commit}, then calls {@code then} with the result.
     *
     * @param entering the entry
     * @param next what to do with the result (runs after the commit; its writes go to the next one)
     */
    public void enter(WriteBatch.Entering entering, Consumer<EnterResult> next) {
        entries.add(entering);
        then.add(next);
    }

    /** @param r something to do once the writes made so far are committed (listener calls) */
    public void afterCommit(Runnable r) {
        afterCommit.add(r);
    }

    /**
     * Applies the writes and entries, runs what waits for them, and repeats until nothing is left.
     *
     * @throws StoreException if the store refused the batch (nothing of the failed apply is written)
     */
    public void commit() {
        while (true) {
            List<WriteBatch.Update> updates = new ArrayList<>(dirty.size());
            for (Map.Entry<String, Long> d : dirty.entrySet()) {
                updates.add(new WriteBatch.Update(instances.get(d.getKey()), d.getValue()));
            }
            List<String> releases = new ArrayList<>();
            for (String id : leased) {
                if (!dirty.containsKey(id)) {
                    releases.add(id);
                }
            }
            List<WriteBatch.Entering> es = List.copyOf(entries);
            List<Consumer<EnterResult>> ts = List.copyOf(then);
            WriteBatch batch = new WriteBatch(
                    updates,
                    List.copyOf(schedules.values()),
                    List.copyOf(dirtyEffects.values()),
                    releases,
                    es,
                    owner,
                    now,
                    lease);
            List<Runnable> notes = List.copyOf(afterCommit);
            afterCommit.clear();
            List<EnterResult> results = List.of();
            if (!batch.isEmpty()) {
                results = base.apply(batch);
                applied++;
            }
            dirty.clear();
            dirtyEffects.clear();
            newEffects.clear();
            schedules.clear();
            leased.clear();
            entries.clear();
            then.clear();
            notes.forEach(Runnable::run);
            Set<String> entered = new HashSet<>();
            for (int k = 0; k < es.size(); k++) {
                EnterResult r = results.get(k);
                JourneyInstance i = es.get(k).instance();
                if (r == EnterResult.ENTERED) {
                    entered.add(i.id());
                    instances.put(i.id(), i);
                    leased.add(i.id());
                    Set<String> ids = byMember.get(i.member());
                    if (ids != null) {
                        ids.add(i.id());
                    }
                    covered.add(i.effectKeyPrefix()); // a new (or never run, scheduled) instance has no effects
                } else if (!entered.contains(i.id())) {
                    instances.remove(i.id()); // its stored state is not this one: read it again if needed
                }
                ts.get(k).accept(r);
            }
            if (dirty.isEmpty()
                    && dirtyEffects.isEmpty()
                    && schedules.isEmpty()
                    && leased.isEmpty()
                    && entries.isEmpty()
                    && afterCommit.isEmpty()) {
                return;
            }
        }
    }

    /** @return how many times {@link #commit} applied writes to the store */
    public int applied() {
        return applied;
    }

    /**
     * Ends, as far as the store lets it, the leases this batch holds (claimed or entered instances not
     * yet written), so that other engines need not wait for them to run out; errors are ignored.
     */
    public void releaseQuietly() {
        if (leased.isEmpty()) {
            return;
        }
        try {
            base.apply(
                    new WriteBatch(List.of(), List.of(), List.of(), List.copyOf(leased), List.of(), owner, now, lease));
        } catch (RuntimeException e) {
            // the leases run out by themselves
        }
        leased.clear();
    }

    /** Forgets every write not yet committed (the engine gives the batch up). */
    public void discard() {
        dirty.clear();
        dirtyEffects.clear();
        newEffects.clear();
        schedules.clear();
        entries.clear();
        then.clear();
        afterCommit.clear();
    }

    // ------------------------------------------------------------------ JourneyStateStore

    @Override
    public EnterResult enter(JourneyInstance instance, Reentry reentry, ZoneId zone) {
        throw new IllegalStateException("a batch admits entries at its commit: use enter(Entering, then)");
    }

    @Override
    public boolean schedule(JourneyInstance instance) {
        if (instances.containsKey(instance.id()) || schedules.containsKey(instance.id())) {
            return false;
        }
        schedules.put(instance.id(), instance);
        return true;
    }

    @Override
    public Optional<JourneyInstance> find(String id) {
        JourneyInstance i = instances.get(id);
        if (i == null) {
            i = schedules.get(id);
        }
        return i != null ? Optional.of(i) : base.find(id);
    }

    @Override
    public void update(JourneyInstance next) {
        JourneyInstance known = instances.get(next.id());
        if (known == null) {
            known = base.find(next.id())
                    .orElseThrow(() -> new StoreException("journey instance " + next.id() + " does not exist"));
            instances.put(known.id(), known);
        }
        if (known.version() != next.version() - 1) {
            throw new StoreException("journey instance " + next.id() + ": version conflict (stored " + known.version()
                    + ", update from " + (next.version() - 1) + ")");
        }
        dirty.putIfAbsent(next.id(), known.version());
        instances.put(next.id(), next);
        Set<String> ids = byMember.get(next.member());
        if (ids != null) {
            ids.add(next.id());
        }
    }

    @Override
    public List<JourneyInstance> claimDue(Instant now, int limit, String owner, Duration lease) {
        throw new IllegalStateException("claim before opening a batch");
    }

    @Override
    public Optional<Instant> nextDue() {
        return base.nextDue();
    }

    @Override
    public List<JourneyInstance> live(MemberId member) {
        Set<String> ids = byMember.get(member);
        if (ids == null) {
            fetchLive(List.of(member));
            ids = byMember.get(member);
        }
        List<JourneyInstance> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            JourneyInstance i = instances.get(id);
            if (i != null && i.live()) {
                out.add(i);
            }
        }
        return out;
    }

    @Override
    public EffectRecord intend(EffectRecord intent) {
        Optional<EffectRecord> known = effect(intent.key());
        if (known.isPresent()) {
            return known.get();
        }
        effects.put(intent.key(), intent);
        dirtyEffects.put(intent.key(), intent);
        newEffects.add(intent.key());
        if (intent.kind() == EffectRecord.Kind.MESSAGE) {
            Set<String> keys = messages.get(intent.member());
            if (keys != null) {
                keys.add(intent.key());
            }
        }
        return intent;
    }

    @Override
    public void complete(EffectRecord done) {
        if (effect(done.key()).isEmpty()) {
            throw new StoreException("effect " + done.key() + " was never intended");
        }
        effects.put(done.key(), done);
        dirtyEffects.put(done.key(), done);
    }

    @Override
    public Optional<EffectRecord> effect(String key) {
        EffectRecord e = effects.get(key);
        if (e != null) {
            return Optional.of(e);
        }
        if (covered.contains(key.substring(0, key.lastIndexOf('/') + 1))) {
            return Optional.empty();
        }
        Optional<EffectRecord> stored = base.effect(key);
        stored.ifPresent(s -> effects.put(key, s));
        return stored;
    }

    @Override
    public int messagesSince(MemberId member, Instant since) {
        Set<String> keys = messages.get(member);
        if (keys != null && messagesFrom != null && !since.isBefore(messagesFrom)) {
            int n = 0;
            for (String k : keys) {
                EffectRecord e = effects.get(k);
                if (e.status() != EffectRecord.Status.FAILED && e.at().isAfter(since)) {
                    n++;
                }
            }
            return n;
        }
        int n = base.messagesSince(member, since);
        for (EffectRecord e : dirtyEffects.values()) {
            if (newEffects.contains(e.key())
                    && e.member().equals(member)
                    && e.kind() == EffectRecord.Kind.MESSAGE
                    && e.status() != EffectRecord.Status.FAILED
                    && e.at().isAfter(since)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public Optional<Instant> cursor(String name) {
        return base.cursor(name);
    }

    @Override
    public void cursor(String name, Instant value) {
        base.cursor(name, value);
    }
}
