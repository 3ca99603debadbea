package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.automation.JourneyId;
import io.crmkit.automation.Reentry;
import io.crmkit.automation.spi.BatchingJourneyStateStore;
import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.EnterResult;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.JourneyInstance.Outcome;
import io.crmkit.automation.spi.JourneyInstance.Status;
import io.crmkit.automation.spi.WriteBatch;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.spi.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link BatchingJourneyStateStore}: bulk reads that agree with the single-call
 * methods, {@link BatchingJourneyStateStore#claim claims} that respect other owners' leases, and
 * {@link BatchingJourneyStateStore#apply} as one atomic transaction of updates (compare-and-set,
 * several versions on), schedules, effects, releases and entries (in order, under the re-entry
 * policy, leased to the writing engine). An adapter's test extends this class and returns a fresh,
 * empty store; the store should pass {@link JourneyStateStoreContract} too.
 *
 * <pre>{@code
 * class PgBatchingJourneyStateStoreTest extends BatchingJourneyStateStoreContract {
 *     @Override
 *     protected BatchingJourneyStateStore newStore() {
 *         return PostgresStores.builder(freshDataSource()).build().journeys();
 *     }
 * }
 * }</pre>
 */
public abstract class BatchingJourneyStateStoreContract {
    /** The zone the re-entry periods are counted in. */
    protected static final ZoneId ZONE = ZoneId.of("Asia/Taipei");

    private static final JourneyId J = JourneyId.of("survey");
    private static final JourneyId OTHER_JOURNEY = JourneyId.of("winback");
    private static final MemberId M = MemberId.of("M-1");
    private static final MemberId M2 = MemberId.of("M-2");
    private static final MemberId M3 = MemberId.of("M-3");
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private BatchingJourneyStateStore store;

    /** @return a new, empty store */
    protected abstract BatchingJourneyStateStore newStore();

    @BeforeEach
    void fresh() {
        store = newStore();
    }

    // ------------------------------------------------------------------ helpers

    private static JourneyInstance instance(
            JourneyId j, MemberId m, String entryKey, Status status, @Nullable Instant due, long version) {
        return new JourneyInstance(
                JourneyInstance.idOf(j, m, entryKey),
                j,
                1,
                m,
                entryKey,
                due == null ? T : due,
                status,
                status == Status.DONE ? null : "s1",
                status == Status.DONE ? null : due,
                null,
                null,
                0,
                0,
                Map.of(),
                status == Status.DONE ? Outcome.COMPLETED : null,
                version);
    }

    /** A running instance of journey {@code J}, version 1, entered and due at {@code at}. */
    private static JourneyInstance running(MemberId m, String entryKey, Instant at) {
        return instance(J, m, entryKey, Status.RUNNING, at, 1);
    }

    /** A scheduled instance of journey {@code J}, version 1, due at {@code at}. */
    private static JourneyInstance scheduled(MemberId m, String entryKey, Instant at) {
        return instance(J, m, entryKey, Status.SCHEDULED, at, 1);
    }

    /** The running instance that admits {@code s} (same id, one version later). */
    private static JourneyInstance admitting(JourneyInstance s) {
        return instance(s.journey(), s.member(), s.entryKey(), Status.RUNNING, s.dueAt(), s.version() + 1);
    }

    private static EffectRecord effect(String key, EffectRecord.Kind kind, MemberId m, Instant at) {
        return new EffectRecord(key, kind, J, 1, m, "s1", at, EffectRecord.Status.PENDING, null, null);
    }

    private static EffectRecord message(String key, MemberId m, Instant at) {
        return effect(key, EffectRecord.Kind.MESSAGE, m, at);
    }

    private JourneyInstance entered(JourneyInstance i) {
        assertThat(store.enter(i, Reentry.always(), ZONE)).isEqualTo(EnterResult.ENTERED);
        return i;
    }

    private JourneyInstance stored(String id) {
        return store.find(id).orElseThrow();
    }

    private List<String> claimDueIds(Instant now, String owner) {
        List<String> ids = new ArrayList<>();
        for (JourneyInstance i : store.claimDue(now, 100, owner, LEASE)) {
            ids.add(i.id());
        }
        return ids;
    }

    private static Batch batch(String owner) {
        return new Batch(owner);
    }

    /** Builds a {@link WriteBatch}. */
    private static final class Batch {
        private final String owner;
        private final List<WriteBatch.Update> updates = new ArrayList<>();
        private final List<JourneyInstance> schedules = new ArrayList<>();
        private final List<EffectRecord> effects = new ArrayList<>();
        private final List<String> releases = new ArrayList<>();
        private final List<WriteBatch.Entering> entries = new ArrayList<>();

        Batch(String owner) {
            this.owner = owner;
        }

        Batch update(JourneyInstance next, long storedVersion) {
            updates.add(new WriteBatch.Update(next, storedVersion));
            return this;
        }

        Batch schedule(JourneyInstance i) {
            schedules.add(i);
            return this;
        }

        Batch effect(EffectRecord e) {
            effects.add(e);
            return this;
        }

        Batch release(String id) {
            releases.add(id);
            return this;
        }

        Batch enter(JourneyInstance i, Reentry reentry) {
            entries.add(new WriteBatch.Entering(i, reentry, ZONE));
            return this;
        }

        WriteBatch build() {
            return new WriteBatch(updates, schedules, effects, releases, entries, owner, T, LEASE);
        }
    }

    private List<EnterResult> apply(Batch b) {
        return store.apply(b.build());
    }

    // ------------------------------------------------------------------ bulk reads

    @Test
    void bulkLiveReturnsEachMembersLiveInstancesOnlyAsTheSingleCallDoes() {
        JourneyInstance run = entered(running(M, "a", T));
        JourneyInstance waiting = entered(running(M, "b", T));
        waiting = waiting.moveTo(Status.WAITING, "s2", T.plusSeconds(60));
        store.update(waiting);
        JourneyInstance goal = entered(running(M, "c", T));
        goal = goal.moveTo(Status.AWAITING_GOAL, null, T.plusSeconds(600));
        store.update(goal);
        JourneyInstance done = entered(running(M, "d", T));
        store.update(done.finish(Outcome.COMPLETED));
        store.schedule(scheduled(M, "e", T.plusSeconds(100)));
        JourneyInstance other = entered(running(M2, "a", T));
        entered(running(M3, "a", T)); // not asked for

        Map<MemberId, List<JourneyInstance>> live = store.live(List.of(M, M2, MemberId.of("M-none")));
        assertThat(live.get(M)).containsExactlyInAnyOrder(run, waiting, goal);
        assertThat(live.get(M)).containsExactlyInAnyOrderElementsOf(store.live(M));
        assertThat(live.get(M2)).containsExactly(other);
        assertThat(live.get(M2)).containsExactlyInAnyOrderElementsOf(store.live(M2));
        assertThat(live.getOrDefault(MemberId.of("M-none"), List.of())).isEmpty();
        assertThat(live).doesNotContainKey(M3);
    }

    @Test
    void bulkLiveOfNoMembersIsEmpty() {
        entered(running(M, "a", T));
        assertThat(store.live(List.<MemberId>of())).isEmpty();
    }

    @Test
    void effectsByPrefixReturnsEveryEffectOfThePrefixAndNoneOfAnotherJourneyOrMember() {
        JourneyInstance a = running(M, "order:O1", T);
        JourneyInstance b = running(M2, "order:O1", T);
        String pa = a.effectKeyPrefix();
        String pb = b.effectKeyPrefix();
        EffectRecord a0 = store.intend(message(pa + "s1#0", M, T));
        EffectRecord a1 = store.intend(effect(pa + "s2#1", EffectRecord.Kind.COUPON, M, T));
        EffectRecord a2 = store.intend(message(pa + "9s#2", M, T));
        store.complete(a2.complete(EffectRecord.Status.DONE, "ok", T.plusSeconds(1)));
        EffectRecord b0 = store.intend(message(pb + "s1#0", M2, T));
        // not of the prefixes: another member, another journey, another entry key
        EffectRecord otherMember =
                store.intend(message(running(M3, "order:O1", T).effectKeyPrefix() + "s1#0", M3, T));
        EffectRecord otherJourney = store.intend(message(
                instance(OTHER_JOURNEY, M, "order:O1", Status.RUNNING, T, 1).effectKeyPrefix() + "s1#0", M, T));
        EffectRecord otherEntry =
                store.intend(message(running(M, "order:O10", T).effectKeyPrefix() + "s1#0", M, T));

        List<EffectRecord> found = store.effectsByPrefix(List.of(pa, pb));
        assertThat(found)
                .contains(a0, a1, a2.complete(EffectRecord.Status.DONE, "ok", T.plusSeconds(1)), b0)
                .doesNotContain(otherMember, otherJourney, otherEntry);
        assertThat(found).filteredOn(e -> e.key().startsWith(pa)).hasSize(3);
        assertThat(store.effectsByPrefix(List.of(pb))).contains(b0).doesNotContain(a0, a1);
        assertThat(store.effectsByPrefix(List.of())).isEmpty();
    }

    @Test
    void messagesAreOnlyMessageEffectsNotFailedStrictlyAfterSinceOfTheGivenMembers() {
        EffectRecord pending = store.intend(message("k/pending", M, T.plusSeconds(10)));
        EffectRecord done = store.intend(message("k/done", M, T.plusSeconds(20)));
        done = done.complete(EffectRecord.Status.DONE, "ok", T.plusSeconds(21));
        store.complete(done);
        EffectRecord failed = store.intend(message("k/failed", M, T.plusSeconds(30)));
        store.complete(failed.complete(EffectRecord.Status.FAILED, "bounced", T.plusSeconds(31)));
        EffectRecord coupon = store.intend(effect("k/coupon", EffectRecord.Kind.COUPON, M, T.plusSeconds(40)));
        EffectRecord atSince = store.intend(message("k/at-since", M, T));
        EffectRecord before = store.intend(message("k/before", M, T.minusSeconds(1)));
        EffectRecord notAsked = store.intend(message("k/not-asked", M2, T.plusSeconds(10)));
        EffectRecord third = store.intend(message("k/third", M3, T.plusNanos(1)));

        List<EffectRecord> found = store.messages(List.of(M, M3), T);
        assertThat(found).containsExactlyInAnyOrder(pending, done, third);
        assertThat(found).doesNotContain(coupon, atSince, before, notAsked);
        assertThat(found)
                .hasSize(store.messagesSince(M, T) + store.messagesSince(M3, T))
                .filteredOn(e -> e.member().equals(M))
                .hasSize(store.messagesSince(M, T));
        assertThat(store.messages(List.<MemberId>of(), T)).isEmpty();
    }

    // ------------------------------------------------------------------ claim

    @Test
    void claimSkipsAnotherOwnersLiveLeaseTakesAnExpiredOneReclaimsItsOwnAndReturnsTheStoredState() {
        JourneyInstance held = entered(running(M, "held", T));
        JourneyInstance expired = entered(running(M, "expired", T));
        JourneyInstance own = entered(running(M, "own", T));
        JourneyInstance free = entered(running(M, "free", T));
        JourneyInstance moved = free.moveTo(Status.WAITING, "s2", T);
        store.update(moved);
        assertThat(store.claim(List.of(held.id()), T, "b", Duration.ofHours(1))).containsExactly(held);
        assertThat(store.claim(List.of(expired.id()), T, "b", Duration.ofMinutes(1)))
                .containsExactly(expired);
        assertThat(store.claim(List.of(own.id()), T, "a", Duration.ofHours(1))).containsExactly(own);

        Instant now = T.plusSeconds(120);
        List<JourneyInstance> claimed = store.claim(
                List.of(held.id(), expired.id(), own.id(), moved.id(), "survey/M-1/missing"), now, "a", LEASE);
        assertThat(claimed).containsExactlyInAnyOrder(expired, own, moved);
        for (JourneyInstance i : claimed) {
            assertThat(i).isEqualTo(stored(i.id()));
        }
        assertThat(store.claim(List.of(), now, "a", LEASE)).isEmpty();
    }

    @Test
    void aClaimedInstanceIsNotClaimedDueByAnotherOwnerUntilReleasedOrUpdatedToNotRunning() {
        JourneyInstance released = entered(running(M, "released", T));
        JourneyInstance waiting = entered(running(M, "waiting", T));
        JourneyInstance kept = entered(running(M, "kept", T));
        assertThat(store.claim(List.of(released.id(), waiting.id(), kept.id()), T, "a", LEASE))
                .hasSize(3);
        assertThat(claimDueIds(T, "c")).isEmpty();

        apply(batch("a").release(released.id()).update(waiting.moveTo(Status.WAITING, "s2", T), 1));
        assertThat(claimDueIds(T, "c")).containsExactlyInAnyOrder(released.id(), waiting.id());
        // kept stays a's until its lease runs out
        assertThat(claimDueIds(T.plus(LEASE).plusSeconds(1), "d")).contains(kept.id());
    }

    // ------------------------------------------------------------------ apply: updates

    @Test
    void anUpdateMaySkipSeveralVersionsAndIsStoredExactly() {
        JourneyInstance i = entered(running(M, "a", T));
        JourneyInstance next = i.withArm("mail")
                .afterAction("s1", "coupon", "CPN-7")
                .moveTo(Status.RUNNING, "s2", T.plusSeconds(1))
                .moveTo(Status.RUNNING, "s3", T.plusSeconds(2))
                .moveTo(Status.WAITING, "s4", T.plusSeconds(3600));
        assertThat(next.version()).isEqualTo(4);
        assertThat(apply(batch("a").update(next, 1))).isEmpty();
        assertThat(stored(i.id())).isEqualTo(next);
        // and the next single-call update goes on from the stored version
        JourneyInstance after = next.finish(Outcome.COMPLETED);
        store.update(after);
        assertThat(stored(i.id())).isEqualTo(after);
    }

    @Test
    void anUpdateEndsTheLeaseEvenWhenTheInstanceStaysRunning() {
        // a batch is written after its instances ran: a running instance in it is due later (deferred
        // or retrying), and any engine may run it then
        JourneyInstance i = entered(running(M, "a", T));
        assertThat(claimDueIds(T, "a")).containsExactly(i.id());
        apply(batch("a").update(i.afterAction("s1", null, null).moveTo(Status.RUNNING, "s2", T), 1));
        assertThat(claimDueIds(T, "b")).containsExactly(i.id());
    }

    @Test
    void anEntryOfALateEventIsLeasedFromTheBatchsPresentNotFromItsOwnInstant() {
        // the batch's present is T; the entry's event happened a day before
        JourneyInstance i = running(M, "late", T.minus(Duration.ofDays(1)));
        assertThat(apply(batch("a").enter(i, Reentry.always()))).containsExactly(EnterResult.ENTERED);
        assertThat(claimDueIds(T.plusSeconds(60), "b")).isEmpty();
        assertThat(claimDueIds(T.plus(LEASE).plusSeconds(1), "b")).containsExactly(i.id());
    }

    @Test
    void aWaitingUpdateEndsTheLease() {
        JourneyInstance i = entered(running(M, "a", T));
        assertThat(claimDueIds(T, "a")).containsExactly(i.id());
        apply(batch("a").update(i.moveTo(Status.WAITING, "s2", T), 1));
        assertThat(claimDueIds(T, "b")).containsExactly(i.id());
    }

    @Test
    void aStaleStoredVersionThrowsAndWritesNothingOfTheBatch() {
        JourneyInstance fine = entered(running(M, "fine", T));
        JourneyInstance moved = entered(running(M, "moved", T));
        store.update(moved.moveTo(Status.WAITING, "s2", T)); // now version 2
        JourneyInstance heldByA = entered(running(M, "held", T));
        assertThat(store.claim(List.of(heldByA.id()), T, "a", LEASE)).hasSize(1);
        JourneyInstance s = scheduled(M2, "birthday:2026", T.plusSeconds(100));
        EffectRecord e = message(fine.effectKeyPrefix() + "s1#0", M, T);
        JourneyInstance newcomer = running(M3, "order:O1", T);

        assertThatThrownBy(() -> apply(batch("a")
                        .update(fine.moveTo(Status.WAITING, "s2", T), 1)
                        .update(moved.moveTo(Status.WAITING, "s3", T).moveTo(Status.WAITING, "s4", T), 1)
                        .schedule(s)
                        .effect(e)
                        .release(heldByA.id())
                        .enter(newcomer, Reentry.always())))
                .isInstanceOf(StoreException.class);

        assertThat(stored(fine.id())).isEqualTo(fine);
        assertThat(stored(moved.id()).version()).isEqualTo(2);
        assertThat(store.find(s.id())).isEmpty();
        assertThat(store.effect(e.key())).isEmpty();
        assertThat(store.find(newcomer.id())).isEmpty();
        assertThat(store.live(M3)).isEmpty();
        assertThat(claimDueIds(T, "c")).doesNotContain(heldByA.id()); // still a's
    }

    @Test
    void anInstanceUpdatedTwiceInOneBatchIsRefusedAndNothingIsWritten() {
        JourneyInstance i = entered(running(M, "a", T));
        JourneyInstance v2 = i.moveTo(Status.WAITING, "s2", T);
        JourneyInstance v3 = v2.moveTo(Status.WAITING, "s3", T);
        // a batch folds its writes per id: two updates of one instance are a caller's error
        assertThatThrownBy(() -> apply(batch("a").update(v2, 1).update(v3, 2)))
                .isInstanceOf(io.crmkit.core.InvalidValueException.class);
        assertThat(stored(i.id())).isEqualTo(i);
    }

    @Test
    void anUpdateOfAMissingInstanceThrowsAndWritesNothing() {
        JourneyInstance fine = entered(running(M, "fine", T));
        JourneyInstance ghost = running(M, "ghost", T);
        assertThatThrownBy(() -> apply(batch("a")
                        .update(fine.moveTo(Status.WAITING, "s2", T), 1)
                        .update(ghost.moveTo(Status.WAITING, "s2", T), 1)))
                .isInstanceOf(StoreException.class);
        assertThat(stored(fine.id())).isEqualTo(fine);
        assertThat(store.find(ghost.id())).isEmpty();
    }

    // ------------------------------------------------------------------ apply: schedules

    @Test
    void schedulesAreInsertedUnlessTheirIdExists() {
        JourneyInstance existing = scheduled(M, "birthday:2026", T.plusSeconds(100));
        assertThat(store.schedule(existing)).isTrue();
        JourneyInstance same = scheduled(M, "birthday:2026", T.plusSeconds(999));
        JourneyInstance fresh = scheduled(M2, "birthday:2026", T.plusSeconds(200));
        assertThat(apply(batch("a").schedule(same).schedule(fresh))).isEmpty();
        assertThat(stored(existing.id())).isEqualTo(existing);
        assertThat(stored(fresh.id())).isEqualTo(fresh);
        assertThat(store.live(M2)).isEmpty();
        assertThat(store.nextDue()).contains(T.plusSeconds(100));
    }

    // ------------------------------------------------------------------ apply: effects

    @Test
    void effectsAreInsertedIfNewReplaceAPendingRecordAndKeepAFinalOne() {
        String p = running(M, "a", T).effectKeyPrefix();
        EffectRecord pending = store.intend(effect(p + "s1#0", EffectRecord.Kind.COUPON, M, T));
        EffectRecord done = store.intend(effect(p + "s2#1", EffectRecord.Kind.COUPON, M, T));
        done = done.complete(EffectRecord.Status.DONE, "CPN-1", T.plusSeconds(1));
        store.complete(done);
        EffectRecord failed = store.intend(effect(p + "s3#2", EffectRecord.Kind.COUPON, M, T));
        failed = failed.complete(EffectRecord.Status.FAILED, "no stock", T.plusSeconds(1));
        store.complete(failed);
        EffectRecord brandNew = effect(p + "s4#3", EffectRecord.Kind.TAG, M, T.plusSeconds(5));

        EffectRecord pendingDone = pending.complete(EffectRecord.Status.DONE, "CPN-2", T.plusSeconds(2));
        apply(batch("a")
                .effect(pendingDone)
                .effect(done.complete(EffectRecord.Status.FAILED, "late", T.plusSeconds(3)))
                .effect(failed.complete(EffectRecord.Status.DONE, "late", T.plusSeconds(3)))
                .effect(brandNew));

        assertThat(store.effect(pending.key())).contains(pendingDone);
        assertThat(store.effect(done.key())).contains(done);
        assertThat(store.effect(failed.key())).contains(failed);
        assertThat(store.effect(brandNew.key())).contains(brandNew);
    }

    @Test
    void aPendingMessageReplacedByAFailedOneIsNoLongerCountedAndANewDoneOneIs() {
        EffectRecord pending = store.intend(message("m/s1#0", M, T.plusSeconds(1)));
        EffectRecord doneNew =
                message("m/s2#1", M, T.plusSeconds(2)).complete(EffectRecord.Status.DONE, "ok", T.plusSeconds(2));
        EffectRecord failedNew = message("m/s3#2", M, T.plusSeconds(3))
                .complete(EffectRecord.Status.FAILED, "bounced", T.plusSeconds(3));
        apply(batch("a")
                .effect(pending.complete(EffectRecord.Status.FAILED, "bounced", T.plusSeconds(4)))
                .effect(doneNew)
                .effect(failedNew));
        assertThat(store.messagesSince(M, T)).isEqualTo(1);
        assertThat(store.messages(List.of(M), T)).containsExactly(doneNew);
    }

    @Test
    void aReplacedPendingRecordIsStoredAsGivenAndCountedAsGiven() {
        EffectRecord pending = store.intend(message("m/s1#0", M, T.plusSeconds(1)));
        EffectRecord again = new EffectRecord(
                pending.key(),
                EffectRecord.Kind.MESSAGE,
                J,
                1,
                M,
                "s1",
                T.plusSeconds(10),
                EffectRecord.Status.DONE,
                "ok",
                T.plusSeconds(11));
        apply(batch("a").effect(again));
        assertThat(store.effect(pending.key())).contains(again);
        assertThat(store.messages(List.of(M), T.plusSeconds(5))).containsExactly(again);
        assertThat(store.messagesSince(M, T.plusSeconds(5))).isEqualTo(1);
    }

    // ------------------------------------------------------------------ apply: releases

    @Test
    void releasesEndOnlyTheOwnersOwnLeases() {
        JourneyInstance mine = entered(running(M, "mine", T));
        JourneyInstance theirs = entered(running(M, "theirs", T));
        assertThat(store.claim(List.of(mine.id()), T, "a", LEASE)).hasSize(1);
        assertThat(store.claim(List.of(theirs.id()), T, "b", LEASE)).hasSize(1);
        apply(batch("a").release(mine.id()).release(theirs.id()));
        assertThat(claimDueIds(T, "c")).containsExactly(mine.id());
        assertThat(stored(mine.id())).isEqualTo(mine);
        assertThat(stored(theirs.id())).isEqualTo(theirs);
    }

    // ------------------------------------------------------------------ apply: entries

    @Test
    void entriesAreDecidedInOrderAsEnterDecides() {
        JourneyInstance earlier = running(M3, "order:O0", T);
        assertThat(store.enter(earlier, Reentry.once(), ZONE)).isEqualTo(EnterResult.ENTERED);
        JourneyInstance a = running(M, "order:O1", T);
        JourneyInstance b = running(M, "order:O2", T.plusSeconds(10));
        JourneyInstance c = running(M2, "order:O1", T);
        JourneyInstance d = running(M3, "order:O1", T.plusSeconds(10));
        List<EnterResult> results = apply(batch("a")
                .enter(a, Reentry.once())
                .enter(a, Reentry.once())
                .enter(b, Reentry.once())
                .enter(c, Reentry.once())
                .enter(d, Reentry.once()));
        assertThat(results)
                .containsExactly(
                        EnterResult.ENTERED,
                        EnterResult.DUPLICATE,
                        EnterResult.REFUSED,
                        EnterResult.ENTERED,
                        EnterResult.REFUSED);
        assertThat(stored(a.id())).isEqualTo(a);
        assertThat(store.find(b.id())).isEmpty();
        assertThat(stored(c.id())).isEqualTo(c);
        assertThat(store.find(d.id())).isEmpty();
        assertThat(store.live(M)).containsExactly(a);
        // and a later single-call entry sees them
        assertThat(store.enter(running(M2, "order:O9", T.plusSeconds(99)), Reentry.once(), ZONE))
                .isEqualTo(EnterResult.REFUSED);
    }

    @Test
    void aDuplicateEntryLeavesTheStoredInstanceAndItsLeaseAlone() {
        JourneyInstance i = entered(running(M, "order:O1", T));
        assertThat(store.claim(List.of(i.id()), T, "b", LEASE)).containsExactly(i);
        JourneyInstance again = running(M, "order:O1", T.plusSeconds(1));
        assertThat(apply(batch("a").enter(again, Reentry.always()))).containsExactly(EnterResult.DUPLICATE);
        assertThat(stored(i.id())).isEqualTo(i);
        assertThat(store.claim(List.of(i.id()), T, "a", LEASE)).isEmpty();
        assertThat(store.claim(List.of(i.id()), T, "b", LEASE)).containsExactly(i);
    }

    @Test
    void anInvalidEntryThrowsAndWritesNothingOfTheBatch() {
        JourneyInstance fine = entered(running(M, "fine", T));
        JourneyInstance s = scheduled(M2, "birthday:2026", T.plusSeconds(100));
        EffectRecord e = message(fine.effectKeyPrefix() + "s1#0", M, T);
        JourneyInstance valid = running(M3, "order:O1", T);
        JourneyInstance invalid = instance(J, M3, "order:O2", Status.RUNNING, T, 3); // new: must be version 1
        assertThatThrownBy(() -> apply(batch("a")
                        .update(fine.moveTo(Status.WAITING, "s2", T), 1)
                        .schedule(s)
                        .effect(e)
                        .enter(valid, Reentry.always())
                        .enter(invalid, Reentry.always())))
                .isInstanceOf(InvalidValueException.class);
        assertThat(stored(fine.id())).isEqualTo(fine);
        assertThat(store.find(s.id())).isEmpty();
        assertThat(store.effect(e.key())).isEmpty();
        assertThat(store.find(valid.id())).isEmpty();
        assertThat(store.find(invalid.id())).isEmpty();
    }

    @Test
    void twoEntriesOfOnePairInOneBatchUnderOnceAdmitTheFirstOnly() {
        JourneyInstance first = running(M, "order:O1", T);
        JourneyInstance second = running(M, "order:O2", T.plusSeconds(1));
        assertThat(apply(batch("a").enter(first, Reentry.once()).enter(second, Reentry.once())))
                .containsExactly(EnterResult.ENTERED, EnterResult.REFUSED);
        assertThat(store.live(M)).containsExactly(first);
    }

    @Test
    void twoEntriesOfOnePairInOneBatchUnderAlwaysAreBothAdmitted() {
        JourneyInstance first = running(M, "order:O1", T);
        JourneyInstance second = running(M, "order:O2", T.plusSeconds(1));
        assertThat(apply(batch("a").enter(first, Reentry.always()).enter(second, Reentry.always())))
                .containsExactly(EnterResult.ENTERED, EnterResult.ENTERED);
        assertThat(store.live(M)).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void anEnteredInstanceIsLeasedToTheBatchOwnerUntilItsDueInstantPlusTheLease() {
        Instant due = T.plusSeconds(100);
        JourneyInstance i = instance(J, M, "order:O1", Status.RUNNING, due, 1);
        assertThat(apply(batch("a").enter(i, Reentry.always()))).containsExactly(EnterResult.ENTERED);
        assertThat(claimDueIds(due, "b")).isEmpty();
        assertThat(claimDueIds(due.plus(LEASE).minusSeconds(1), "b")).isEmpty();
        assertThat(claimDueIds(due.plus(LEASE).plusSeconds(1), "b")).containsExactly(i.id());
    }

    @Test
    void theEnteringOwnerMayClaimItsEnteredInstanceAtOnce() {
        JourneyInstance i = running(M, "order:O1", T);
        apply(batch("a").enter(i, Reentry.always()));
        assertThat(claimDueIds(T, "a")).containsExactly(i.id());
        assertThat(store.claim(List.of(i.id()), T, "a", LEASE)).containsExactly(i);
        assertThat(store.claim(List.of(i.id()), T, "b", LEASE)).isEmpty();
    }

    @Test
    void aScheduledInstanceIsReplacedByAnAdmittedEntry() {
        JourneyInstance s = scheduled(M, "birthday:2026", T.plusSeconds(100));
        store.schedule(s);
        JourneyInstance admitted = admitting(s);
        assertThat(admitted.version()).isEqualTo(2);
        assertThat(apply(batch("a").enter(admitted, Reentry.once()))).containsExactly(EnterResult.ENTERED);
        assertThat(stored(s.id())).isEqualTo(admitted);
        assertThat(store.live(M)).containsExactly(admitted);
        assertThat(claimDueIds(s.dueAt(), "b")).isEmpty(); // leased to a
    }

    @Test
    void aScheduledInstanceIsFinishedNotAdmittedWhenItsEntryIsRefused() {
        store.enter(running(M, "order:O1", T), Reentry.once(), ZONE);
        JourneyInstance s = scheduled(M, "birthday:2026", T.plusSeconds(100));
        store.schedule(s);
        assertThat(apply(batch("a").enter(admitting(s), Reentry.once()))).containsExactly(EnterResult.REFUSED);
        JourneyInstance after = stored(s.id());
        assertThat(after.status()).isEqualTo(Status.DONE);
        assertThat(after.outcome()).isEqualTo(Outcome.NOT_ADMITTED);
        assertThat(after.version()).isEqualTo(2);
        assertThat(store.live(M)).hasSize(1);
        assertThat(claimDueIds(T.plusSeconds(1000), "b")).doesNotContain(s.id());
    }

    @Test
    void aScheduleAndItsEntryInOneBatchAdmitTheScheduledInstance() {
        JourneyInstance s = scheduled(M, "birthday:2026", T);
        JourneyInstance admitted = admitting(s);
        assertThat(apply(batch("a").schedule(s).enter(admitted, Reentry.once())))
                .containsExactly(EnterResult.ENTERED);
        assertThat(stored(s.id())).isEqualTo(admitted);
    }

    @Test
    void theResultsAreOneForEachEntry() {
        List<JourneyInstance> is = new ArrayList<>();
        Batch b = batch("a");
        for (int k = 0; k < 7; k++) {
            JourneyInstance i = running(MemberId.of("M-" + (k % 3)), "order:O" + k, T.plusSeconds(k));
            is.add(i);
            b.enter(i, k % 2 == 0 ? Reentry.once() : Reentry.always());
        }
        b.enter(is.get(0), Reentry.always());
        assertThat(apply(b)).hasSize(8).last().isEqualTo(EnterResult.DUPLICATE);
        assertThat(apply(batch("a"))).isEmpty();
    }

    @Test
    void anEmptyBatchIsANoOp() {
        JourneyInstance i = entered(running(M, "a", T));
        assertThat(store.claim(List.of(i.id()), T, "a", LEASE)).hasSize(1);
        WriteBatch empty = batch("a").build();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(store.apply(empty)).isEmpty();
        assertThat(stored(i.id())).isEqualTo(i);
        assertThat(claimDueIds(T, "b")).isEmpty();
        assertThat(store.live(List.of(M)).get(M)).containsExactly(i);
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void concurrentBatchesEnteringOverlappingPairsUnderOnceAdmitEachPairOnce() throws Exception {
        int threads = 4;
        int members = 40;
        Map<MemberId, AtomicInteger> entered = new ConcurrentHashMap<>();
        Concurrently.run(threads, thread -> {
            List<Integer> order = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                order.add(m);
            }
            if (thread % 2 == 1) {
                Collections.reverse(order);
            }
            for (int from = 0; from < members; from += 10) {
                Batch b = batch("engine-" + thread);
                List<MemberId> ms = new ArrayList<>();
                for (int k = from; k < from + 10; k++) {
                    MemberId m = MemberId.of("C-" + order.get(k));
                    ms.add(m);
                    b.enter(running(m, "t" + thread, T.plusSeconds(thread)), Reentry.once());
                }
                List<EnterResult> results = apply(b);
                assertThat(results).hasSize(10).doesNotContain(EnterResult.DUPLICATE);
                for (int k = 0; k < results.size(); k++) {
                    if (results.get(k) == EnterResult.ENTERED) {
                        entered.computeIfAbsent(ms.get(k), x -> new AtomicInteger())
                                .incrementAndGet();
                    }
                }
            }
        });
        List<MemberId> all = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            all.add(MemberId.of("C-" + m));
        }
        assertThat(entered).hasSize(members);
        assertThat(entered.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        Map<MemberId, List<JourneyInstance>> live = store.live(all);
        assertThat(live).hasSize(members);
        assertThat(live.values()).allSatisfy(l -> assertThat(l).hasSize(1));
    }
}
