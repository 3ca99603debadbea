package io.crmkit.automation.spi;

import io.crmkit.automation.Reentry;
import io.crmkit.core.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The writes of one group of instance runs, which a {@link BatchingJourneyStateStore} applies in one
 * transaction ({@link BatchingJourneyStateStore#apply}), in this order: updates, schedules, effects,
 * releases, entries. Within one batch an instance id appears in at most one update or schedule and
 * an effect key at most once (the engine folds a batch's writes per id and key); entries may name
 * one (journey, member) pair several times and are decided in order. A batch is all or nothing: when
 * it is refused (a version conflict, an invalid entry) nothing of it is written.
 *
 * @param updates instances to replace, each a compare-and-set on the version stored before the group;
 *     each update ends the instance's lease, whatever its new status (a batch is written after its
 *     instances ran, never between two actions of one run)
 * @param schedules scheduled entries to store unless their id exists (as {@link JourneyStateStore#schedule})
 * @param effects effect records to store: inserted if the key is new, replacing a stored {@link
 *     EffectRecord.Status#PENDING} record otherwise; a stored final record (done or failed) is kept
 * @param releases ids of instances the owner leased and did not write: their lease (if the owner's) ends
 * @param entries entries to admit, in order, each as {@link JourneyStateStore#enter}; an admitted
 *     instance is leased to {@code owner} until the later of its {@code dueAt} and {@code now}, plus
 *     {@code lease}, so that no other engine runs it before the entering engine does
 * @param owner the writing engine's name
 * @param now the writing engine's present (other engines compare leases with theirs; an entry's own
 *     instant may be long past, for an event delivered late)
 * @param lease how long entered instances stay leased
 */
public record WriteBatch(
        List<Update> updates,
        List<JourneyInstance> schedules,
        List<EffectRecord> effects,
        List<String> releases,
        List<Entering> entries,
        String owner,
        Instant now,
        Duration lease) {

    /**
     * One instance replaced.
     *
     * @param next the new state
     * @param storedVersion the version it replaces (the group may have moved it several versions on)
     */
    public record Update(JourneyInstance next, long storedVersion) {
        /** @throws InvalidValueException if {@code next} is missing or not newer than {@code storedVersion} */
        public Update {
            if (next == null || next.version() <= storedVersion) {
                throw new InvalidValueException("update", "needs an instance newer than the stored version");
            }
        }
    }

    /**
     * One entry to admit.
     *
     * @param instance the instance, as {@link JourneyStateStore#enter} takes it
     * @param reentry the journey's policy
     * @param zone the brand's zone
     */
    public record Entering(JourneyInstance instance, Reentry reentry, ZoneId zone) {
        /** @throws InvalidValueException if a field is missing */
        public Entering {
            if (instance == null || reentry == null || zone == null) {
                throw new InvalidValueException("entering", "instance, reentry and zone are required");
            }
        }
    }

    /** @throws InvalidValueException if a field is missing, or an id or key is written twice */
    public WriteBatch {
        if (updates == null
                || schedules == null
                || effects == null
                || releases == null
                || entries == null
                || owner == null
                || now == null
                || lease == null) {
            throw new InvalidValueException("write batch", "every field is required");
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Update u : updates) {
            if (!ids.add(u.next().id())) {
                throw new InvalidValueException(
                        "write batch", "updates instance " + u.next().id() + " twice");
            }
        }
        for (JourneyInstance i : schedules) {
            if (!ids.add(i.id())) {
                throw new InvalidValueException("write batch", "writes instance " + i.id() + " twice");
            }
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (EffectRecord e : effects) {
            if (!keys.add(e.key())) {
                throw new InvalidValueException("write batch", "writes effect " + e.key() + " twice");
            }
        }
        updates = List.copyOf(updates);
        schedules = List.copyOf(schedules);
        effects = List.copyOf(effects);
        releases = List.copyOf(releases);
        entries = List.copyOf(entries);
    }

    /** @return whether there is nothing to write */
    public boolean isEmpty() {
        return updates.isEmpty() && schedules.isEmpty() && effects.isEmpty() && releases.isEmpty() && entries.isEmpty();
    }
}
