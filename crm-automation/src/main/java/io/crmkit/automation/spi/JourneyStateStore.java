package io.crmkit.automation.spi;

import io.crmkit.automation.Reentry;
import io.crmkit.automation.internal.InMemoryJourneyStateStore;
import io.crmkit.core.MemberId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Everything the journey engine must not forget: instances (with their due timers), the effect log
 * and named cursors. Each method is one atomic write or read; the engine is correct if it is killed
 * between any two calls. {@link #inMemory()} is the embedded default; crm-jdbc stores it in
 * PostgreSQL.
 *
 * <p>Contract (tested by the engine's crash tests and by any adapter's contract test):
 *
 * <ul>
 *   <li>{@link #enter} and {@link #schedule} never store two instances with one id;
 *   <li>{@link #update} is a compare-and-set on {@link JourneyInstance#version()};
 *   <li>{@link #claimDue} returns runnable instances (status not {@code DONE}, {@code dueAt <= now})
 *       in {@code dueAt} order and leases them to the caller, so that engines sharing a store do not
 *       run one instance twice at the same time; an owner may re-claim its own leases at once (an
 *       engine restarted with the same owner name); {@link #update} ends the lease unless the
 *       instance stays {@code RUNNING} (the engine stores it between two actions of one run, and
 *       another engine must not claim it then; the lease still expires);
 *   <li>{@link #intend} stores an effect only if its key is new and returns the stored record either
 *       way.
 * </ul>
 */
public interface JourneyStateStore {

    /** @return a new, empty in-memory store (thread-safe; lost with the JVM) */
    static JourneyStateStore inMemory() {
        return new InMemoryJourneyStateStore();
    }

    /**
     * Admits an instance, atomically with the re-entry check: refuses when {@code
     * reentry.allows(lastEntry, inJourney, instance.enteredAt(), zone)} is false, where the last
     * entry and "in the journey" look at the other admitted instances of the same journey id and
     * member. If a {@link JourneyInstance.Status#SCHEDULED} instance with the same id is stored, it
     * is replaced (or, when refused, finished as {@link JourneyInstance.Outcome#NOT_ADMITTED}).
     *
     * @param instance the new instance, status running, version 1 (or the scheduled one's plus 1)
     * @param reentry the journey's policy
     * @param zone the brand's zone
     * @return what happened
     */
    EnterResult enter(JourneyInstance instance, Reentry reentry, ZoneId zone);

    /**
     * Stores a scheduled entry unless an instance with its id exists.
     *
     * @param instance the instance, version 1, status scheduled
     * @return true if stored, false if the id existed
     */
    boolean schedule(JourneyInstance instance);

    /**
     * @param id an instance id
     * @return the stored instance
     */
    Optional<JourneyInstance> find(String id);

    /**
     * Replaces an instance if the stored version is {@code next.version() - 1}.
     *
     * @param next the new state
     * @throws io.crmkit.core.spi.StoreException (a {@code VersionConflict}) if the stored version differs
     */
    void update(JourneyInstance next);

    /**
     * @param now the instant
     * @param limit the most to return
     * @param owner the claiming engine's name
     * @param lease how long the claim holds
     * @return runnable instances due at or before {@code now}, earliest first, now leased to {@code owner}
     */
    List<JourneyInstance> claimDue(Instant now, int limit, String owner, Duration lease);

    /** @return the earliest due instant of a runnable instance, leased or not (back-tests step to it) */
    Optional<Instant> nextDue();

    /**
     * @param member a member
     * @return the member's live instances (in a journey or awaiting a goal), in no order
     */
    List<JourneyInstance> live(MemberId member);

    /**
     * Records the intent of an effect if its key is new.
     *
     * @param intent the effect, status pending
     * @return the stored record with this key (the given one, or the earlier one)
     */
    EffectRecord intend(EffectRecord intent);

    /**
     * Completes an effect.
     *
     * @param done the record with its final status
     */
    void complete(EffectRecord done);

    /**
     * @param key an idempotency key
     * @return the effect with that key
     */
    Optional<EffectRecord> effect(String key);

    /**
     * @param member a member
     * @param since an instant
     * @return how many message effects (pending or done) were intended for the member after {@code since} (exclusive)
     */
    int messagesSince(MemberId member, Instant since);

    /**
     * @param name a cursor's name
     * @return its value
     */
    Optional<Instant> cursor(String name);

    /**
     * @param name a cursor's name
     * @param value its new value
     */
    void cursor(String name, Instant value);
}
