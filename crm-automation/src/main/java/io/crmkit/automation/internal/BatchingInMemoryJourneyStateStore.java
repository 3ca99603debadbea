package io.crmkit.automation.internal;

import io.crmkit.automation.Reentry;
import io.crmkit.automation.spi.BatchingJourneyStateStore;
import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.EnterResult;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.WriteBatch;
import io.crmkit.core.MemberId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The in-memory store seen as a {@link BatchingJourneyStateStore}, so that the engine's batch path
 * can be tested (and compared with its one-call-at-a-time path) without a database. The batch reads
 * scan every effect: for tests, not for production use.
 */
public final class BatchingInMemoryJourneyStateStore implements BatchingJourneyStateStore {
    private final InMemoryJourneyStateStore inner;

    /** @param inner the store that holds the state */
    public BatchingInMemoryJourneyStateStore(InMemoryJourneyStateStore inner) {
        this.inner = inner;
    }

    /** @return the store that holds the state */
    public InMemoryJourneyStateStore inner() {
        return inner;
    }

    @Override
    public Map<MemberId, List<JourneyInstance>> live(Collection<MemberId> members) {
        return inner.live(members);
    }

    @Override
    public List<EffectRecord> effectsByPrefix(Collection<String> keyPrefixes) {
        return inner.effectsByPrefix(keyPrefixes);
    }

    @Override
    public List<EffectRecord> messages(Collection<MemberId> members, Instant since) {
        return inner.messages(members, since);
    }

    @Override
    public List<JourneyInstance> claim(Collection<String> ids, Instant now, String owner, Duration lease) {
        return inner.claim(ids, now, owner, lease);
    }

    @Override
    public List<EnterResult> apply(WriteBatch batch) {
        return inner.apply(batch);
    }

    @Override
    public EnterResult enter(JourneyInstance instance, Reentry reentry, ZoneId zone) {
        return inner.enter(instance, reentry, zone);
    }

    @Override
    public boolean schedule(JourneyInstance instance) {
        return inner.schedule(instance);
    }

    @Override
    public Optional<JourneyInstance> find(String id) {
        return inner.find(id);
    }

    @Override
    public void update(JourneyInstance next) {
        inner.update(next);
    }

    @Override
    public List<JourneyInstance> claimDue(Instant now, int limit, String owner, Duration lease) {
        return inner.claimDue(now, limit, owner, lease);
    }

    @Override
    public Optional<Instant> nextDue() {
        return inner.nextDue();
    }

    @Override
    public List<JourneyInstance> live(MemberId member) {
        return inner.live(member);
    }

    @Override
    public EffectRecord intend(EffectRecord intent) {
        return inner.intend(intent);
    }

    @Override
    public void complete(EffectRecord done) {
        inner.complete(done);
    }

    @Override
    public Optional<EffectRecord> effect(String key) {
        return inner.effect(key);
    }

    @Override
    public int messagesSince(MemberId member, Instant since) {
        return inner.messagesSince(member, since);
    }

    @Override
    public Optional<Instant> cursor(String name) {
        return inner.cursor(name);
    }

    @Override
    public void cursor(String name, Instant value) {
        inner.cursor(name, value);
    }
}
