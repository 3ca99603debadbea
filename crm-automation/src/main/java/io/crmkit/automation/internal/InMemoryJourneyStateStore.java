package io.crmkit.automation.internal;

import io.crmkit.automation.JourneyId;
import io.crmkit.automation.Reentry;
import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.EnterResult;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.automation.spi.WriteBatch;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.spi.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The embedded {@link JourneyStateStore}: hash maps plus a sorted set of due timers, behind one
 * lock. Thread-safe; lost with the JVM.
 */
public final class InMemoryJourneyStateStore implements JourneyStateStore {
    private record Timer(Instant due, String id) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    private record Lease(String owner, Instant until) {}

    private final Map<String, JourneyInstance> instances = new HashMap<>();
    private final TreeSet<Timer> timers = new TreeSet<>();
    /** What the re-entry rule needs of one journey and member: the last admitted entry, and how many are in the journey. */
    private static final class Pair {
        Instant last;
        int inJourney;
    }

    /** A (journey, member) pair: hashing it reuses the ids' cached string hashes, no text is built. */
    private record PairKey(JourneyId journey, MemberId member) {}

    /** (journey, member) → its admitted (not scheduled) instances' summary. */
    private final Map<PairKey, Pair> admitted = new HashMap<>();

    /** member → its live instances (the stored objects, replaced on update). */
    private final Map<MemberId, List<JourneyInstance>> byMember = new HashMap<>();

    private final Map<String, Lease> leases = new HashMap<>();
    private final Map<String, EffectRecord> effects = new HashMap<>();
    /** member → intent instants of message effects that are pending or done, with multiplicity. */
    private final Map<MemberId, TreeMap<Instant, Integer>> messages = new HashMap<>();

    private final Map<String, Instant> cursors = new HashMap<>();

    @Override
    public synchronized EnterResult enter(JourneyInstance instance, Reentry reentry, ZoneId zone) {
        JourneyInstance existing = instances.get(instance.id());
        if (existing != null && existing.status() != JourneyInstance.Status.SCHEDULED) {
            return EnterResult.DUPLICATE;
        }
        long expected = existing == null ? 1 : existing.version() + 1;
        if (instance.version() != expected || instance.status() != JourneyInstance.Status.RUNNING) {
            throw new InvalidValueException(
                    "instance " + instance.id(), "must be running with version " + expected + " to enter");
        }
        Pair pair = admitted.computeIfAbsent(pair(instance), k -> new Pair());
        if (!reentry.allows(pair.last, pair.inJourney > 0, instance.enteredAt(), zone)) {
            if (existing != null) {
                put(existing, existing.finish(JourneyInstance.Outcome.NOT_ADMITTED));
            }
            return EnterResult.REFUSED;
        }
        if (pair.last == null || instance.enteredAt().isAfter(pair.last)) {
            pair.last = instance.enteredAt();
        }
        put(existing, instance);
        return EnterResult.ENTERED;
    }

    @Override
    public synchronized boolean schedule(JourneyInstance instance) {
        if (instances.containsKey(instance.id())) {
            return false;
        }
        if (instance.version() != 1
                || instance.status() != JourneyInstance.Status.SCHEDULED
                || instance.dueAt() == null) {
            throw new InvalidValueException("instance " + instance.id(), "must be scheduled, due, version 1");
        }
        put(null, instance);
        return true;
    }

    @Override
    public synchronized Optional<JourneyInstance> find(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    @Override
    public synchronized void update(JourneyInstance next) {
        JourneyInstance old = instances.get(next.id());
        if (old == null) {
            throw new StoreException("journey instance " + next.id() + " does not exist");
        }
        if (old.version() != next.version() - 1) {
            throw new StoreException("journey instance " + next.id() + ": version conflict (stored " + old.version()
                    + ", update from " + (next.version() - 1) + ")");
        }
        put(old, next);
        if (next.status() != JourneyInstance.Status.RUNNING) {
            leases.remove(next.id()); // still running: the claimer is between two actions of one run
        }
    }

    private void put(JourneyInstance old, JourneyInstance next) {
        if (old != null && old.dueAt() != null && old.status() != JourneyInstance.Status.DONE) {
            timers.remove(new Timer(old.dueAt(), old.id()));
        }
        instances.put(next.id(), next);
        if (next.dueAt() != null && next.status() != JourneyInstance.Status.DONE) {
            timers.add(new Timer(next.dueAt(), next.id()));
        }
        int inDelta = (next.inJourney() ? 1 : 0) - (old != null && old.inJourney() ? 1 : 0);
        if (inDelta != 0) {
            admitted.computeIfAbsent(pair(next), k -> new Pair()).inJourney += inDelta;
        }
        boolean wasLive = old != null && old.live();
        if (wasLive) {
            List<JourneyInstance> l = byMember.get(next.member());
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i).id().equals(next.id())) {
                    if (next.live()) {
                        l.set(i, next);
                    } else {
                        l.remove(i);
                        if (l.isEmpty()) {
                            byMember.remove(next.member());
                        }
                    }
                    break;
                }
            }
        } else if (next.live()) {
            byMember.computeIfAbsent(next.member(), k -> new ArrayList<>(2)).add(next);
        }
    }

    @Override
    public synchronized List<JourneyInstance> claimDue(Instant now, int limit, String owner, Duration lease) {
        List<JourneyInstance> out = new ArrayList<>(Math.min(limit, 256));
        Iterator<Timer> it = timers.iterator();
        Instant until = now.plus(lease);
        while (it.hasNext() && out.size() < limit) {
            Timer t = it.next();
            if (t.due.isAfter(now)) {
                break;
            }
            Lease l = leases.get(t.id);
            if (l != null && !l.owner.equals(owner) && l.until.isAfter(now)) {
                continue;
            }
            leases.put(t.id, new Lease(owner, until));
            out.add(instances.get(t.id));
        }
        return out;
    }

    @Override
    public synchronized Optional<Instant> nextDue() {
        return timers.isEmpty() ? Optional.empty() : Optional.of(timers.first().due);
    }

    @Override
    public synchronized List<JourneyInstance> live(MemberId member) {
        List<JourneyInstance> l = byMember.get(member);
        return l == null ? List.of() : new ArrayList<>(l);
    }

    @Override
    public synchronized EffectRecord intend(EffectRecord intent) {
        EffectRecord old = effects.putIfAbsent(intent.key(), intent);
        if (old != null) {
            return old;
        }
        if (intent.kind() == EffectRecord.Kind.MESSAGE) {
            messages.computeIfAbsent(intent.member(), k -> new TreeMap<>()).merge(intent.at(), 1, Integer::sum);
        }
        return intent;
    }

    @Override
    public synchronized void complete(EffectRecord done) {
        EffectRecord old = effects.get(done.key());
        if (old == null) {
            throw new StoreException("effect " + done.key() + " was never intended");
        }
        effects.put(done.key(), done);
        if (done.kind() == EffectRecord.Kind.MESSAGE
                && old.status() != EffectRecord.Status.FAILED
                && done.status() == EffectRecord.Status.FAILED) {
            TreeMap<Instant, Integer> m = messages.get(done.member());
            if (m != null) {
                m.computeIfPresent(old.at(), (k, v) -> v == 1 ? null : v - 1);
            }
        }
    }

    @Override
    public synchronized Optional<EffectRecord> effect(String key) {
        return Optional.ofNullable(effects.get(key));
    }

    @Override
    public synchronized int messagesSince(MemberId member, Instant since) {
        TreeMap<Instant, Integer> m = messages.get(member);
        if (m == null) {
            return 0;
        }
        int n = 0;
        for (int c : m.tailMap(since, false).values()) {
            n += c;
        }
        return n;
    }

    @Override
    public synchronized Optional<Instant> cursor(String name) {
        return Optional.ofNullable(cursors.get(name));
    }

    @Override
    public synchronized void cursor(String name, Instant value) {
        cursors.put(name, value);
    }

    // ------------------------------------------------------------------ batches (BatchingInMemoryJourneyStateStore)

    synchronized Map<MemberId, List<JourneyInstance>> live(Collection<MemberId> members) {
        Map<MemberId, List<JourneyInstance>> out = new HashMap<>();
        for (MemberId m : members) {
            List<JourneyInstance> l = byMember.get(m);
            if (l != null) {
                out.put(m, new ArrayList<>(l));
            }
        }
        return out;
    }

    synchronized List<EffectRecord> effectsByPrefix(Collection<String> prefixes) {
        Set<String> ps = new HashSet<>(prefixes);
        List<EffectRecord> out = new ArrayList<>();
        for (EffectRecord e : effects.values()) {
            String k = e.key();
            int slash = k.lastIndexOf('/');
            // a prefix ends in '/': try every '/' of the key from the right
            for (int i = slash; i >= 0; i = i == 0 ? -1 : k.lastIndexOf('/', i - 1)) {
                if (ps.contains(k.substring(0, i + 1))) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }

    synchronized List<EffectRecord> messages(Collection<MemberId> members, Instant since) {
        Set<MemberId> ms = new HashSet<>(members);
        List<EffectRecord> out = new ArrayList<>();
        for (EffectRecord e : effects.values()) {
            if (e.kind() == EffectRecord.Kind.MESSAGE
                    && e.status() != EffectRecord.Status.FAILED
                    && ms.contains(e.member())
                    && e.at().isAfter(since)) {
                out.add(e);
            }
        }
        return out;
    }

    synchronized List<JourneyInstance> claim(Collection<String> ids, Instant now, String owner, Duration lease) {
        List<JourneyInstance> out = new ArrayList<>();
        for (String id : ids) {
            JourneyInstance i = instances.get(id);
            Lease l = leases.get(id);
            if (i == null || (l != null && !l.owner.equals(owner) && l.until.isAfter(now))) {
                continue;
            }
            leases.put(id, new Lease(owner, now.plus(lease)));
            out.add(i);
        }
        return out;
    }

    synchronized List<EnterResult> apply(WriteBatch b) {
        for (WriteBatch.Update u : b.updates()) {
            JourneyInstance old = instances.get(u.next().id());
            if (old == null) {
                throw new StoreException("journey instance " + u.next().id() + " does not exist");
            }
            if (old.version() != u.storedVersion()) {
                throw new StoreException("journey instance " + u.next().id() + ": version conflict (stored "
                        + old.version() + ", update from " + u.storedVersion() + ")");
            }
        }
        validateBeforeWriting(b);
        for (WriteBatch.Update u : b.updates()) {
            put(instances.get(u.next().id()), u.next());
            leases.remove(u.next().id()); // a batch is written after its runs: every update ends the lease
        }
        for (JourneyInstance i : b.schedules()) {
            schedule(i);
        }
        for (EffectRecord e : b.effects()) {
            EffectRecord old = effects.get(e.key());
            if (old == null || old.status() == EffectRecord.Status.PENDING) {
                // the given record replaces the pending one whole: count it where it is, not where the old one was
                effects.put(e.key(), e);
                if (old != null) {
                    countMessage(old, -1);
                }
                countMessage(e, 1);
            }
        }
        for (String id : b.releases()) {
            Lease l = leases.get(id);
            if (l != null && l.owner.equals(b.owner())) {
                leases.remove(id);
            }
        }
        List<EnterResult> results = new ArrayList<>(b.entries().size());
        for (WriteBatch.Entering e : b.entries()) {
            EnterResult r = enter(e.instance(), e.reentry(), e.zone());
            if (r == EnterResult.ENTERED && e.instance().dueAt() != null) {
                leases.put(
                        e.instance().id(),
                        new Lease(
                                b.owner(),
                                (e.instance().dueAt().isAfter(b.now())
                                                ? e.instance().dueAt()
                                                : b.now())
                                        .plus(b.lease())));
            }
            results.add(r);
        }
        return results;
    }

    /**
     * Throws what {@link #schedule} and {@link #enter} would throw for the batch's schedules and
     * entries, before anything of the batch is written (so that an invalid batch writes nothing, as
     * one transaction would). Looks at the instances as the batch's updates, schedules and earlier
     * entries leave them.
     */
    private void validateBeforeWriting(WriteBatch b) {
        Map<String, JourneyInstance> after = new HashMap<>();
        for (WriteBatch.Update u : b.updates()) {
            after.put(u.next().id(), u.next());
        }
        for (JourneyInstance i : b.schedules()) {
            if (after.containsKey(i.id()) || instances.containsKey(i.id())) {
                continue;
            }
            if (i.version() != 1 || i.status() != JourneyInstance.Status.SCHEDULED || i.dueAt() == null) {
                throw new InvalidValueException("instance " + i.id(), "must be scheduled, due, version 1");
            }
            after.put(i.id(), i);
        }
        for (WriteBatch.Entering e : b.entries()) {
            JourneyInstance i = e.instance();
            JourneyInstance existing = after.containsKey(i.id()) ? after.get(i.id()) : instances.get(i.id());
            if (existing != null && existing.status() != JourneyInstance.Status.SCHEDULED) {
                continue; // a duplicate
            }
            long expected = existing == null ? 1 : existing.version() + 1;
            if (i.version() != expected || i.status() != JourneyInstance.Status.RUNNING) {
                throw new InvalidValueException(
                        "instance " + i.id(), "must be running with version " + expected + " to enter");
            }
            after.put(i.id(), i); // entered, or (a scheduled one) finished: either way no longer scheduled
        }
    }

    /** Adds {@code delta} to the message count of {@code e}'s member at {@code e.at()}, if {@code e} counts. */
    private void countMessage(EffectRecord e, int delta) {
        if (e.kind() != EffectRecord.Kind.MESSAGE || e.status() == EffectRecord.Status.FAILED) {
            return;
        }
        TreeMap<Instant, Integer> m = messages.computeIfAbsent(e.member(), k -> new TreeMap<>());
        m.merge(e.at(), delta, (x, y) -> x + y == 0 ? null : x + y);
    }

    /** @return every effect recorded, in no order (for tests and back-tests) */
    public synchronized List<EffectRecord> effects() {
        return new ArrayList<>(effects.values());
    }

    /** @return every instance stored, in no order (for tests and back-tests) */
    public synchronized List<JourneyInstance> instances() {
        return new ArrayList<>(instances.values());
    }

    private static PairKey pair(JourneyInstance i) {
        return new PairKey(i.journey(), i.member());
    }
}
