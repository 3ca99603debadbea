package io.crmkit.automation.spi;

import io.crmkit.core.MemberId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A {@link JourneyStateStore} where every call costs a round trip (a database), so the engine reads
 * and writes whole groups of instances at once. When its store implements this interface, the {@link
 * io.crmkit.automation.JourneyEngine} runs each batch of due instances (and each batch of events
 * given to {@link io.crmkit.automation.JourneyEngine#publishAll}) against an in-memory view of the
 * batch: it reads what the batch needs in a few queries, runs the instances and calls the gateways,
 * then hands every write to {@link #apply} — one transaction.
 *
 * <p>What changes for exactly-once: a batch's writes become durable together, after its gateway
 * calls. An engine that dies before {@link #apply} returns loses the batch's records; re-run, the
 * instances reach the same steps with the same keys and the gateways are called again with them,
 * which gateways de-duplicate (as after any crash between a call and its record). So a crash (or a
 * store failure, or a batch that ran into a lease another engine holds) repeats at most one batch of
 * gateway calls instead of one call; the batch size is the engine's {@link
 * io.crmkit.automation.JourneyEngine.Builder#batchSize(int) batchSize}.
 *
 * <p>Contract (crm-testkit's {@code JourneyStateStoreContract} tests these methods too):
 *
 * <ul>
 *   <li>reads return what the single-call methods would, for many members or instances at once;
 *   <li>{@link #claim} leases only instances that no other owner holds, and returns their stored state;
 *   <li>{@link #apply} is atomic: when an update finds another version stored, nothing of the batch is
 *       written and a {@link io.crmkit.core.spi.StoreException} is thrown.
 * </ul>
 */
public interface BatchingJourneyStateStore extends JourneyStateStore {

    /**
     * @param members members
     * @return each member's live instances (as {@link #live(MemberId)}); members without any may be absent
     */
    Map<MemberId, List<JourneyInstance>> live(Collection<MemberId> members);

    /**
     * @param keyPrefixes key prefixes, each ending in {@code /}
     * @return at least every stored effect whose key is one of the prefixes followed by a step id (which
     *     begins with a letter or digit); other records may come along; in no order
     */
    List<EffectRecord> effectsByPrefix(Collection<String> keyPrefixes);

    /**
     * @param members members
     * @param since an instant
     * @return the members' message effects (pending or done) intended after {@code since}, in no order
     */
    List<EffectRecord> messages(Collection<MemberId> members, Instant since);

    /**
     * Leases instances to {@code owner} for an event to change them, skipping those that another
     * owner holds (a lease not yet expired at {@code now}) and those that no longer exist.
     *
     * @param ids instance ids
     * @param now the engine's present
     * @param owner the claiming engine's name
     * @param lease how long the claim holds
     * @return the claimed instances as stored, in no order
     */
    List<JourneyInstance> claim(Collection<String> ids, Instant now, String owner, Duration lease);

    /**
     * Applies a batch of writes in one transaction (see {@link WriteBatch} for the order and the rules).
     *
     * @param batch the writes
     * @return the result of each of {@code batch.entries()}, in order
     * @throws io.crmkit.core.spi.StoreException if an update found another version stored (nothing is
     *     written then) or the store failed
     */
    List<EnterResult> apply(WriteBatch batch);
}
