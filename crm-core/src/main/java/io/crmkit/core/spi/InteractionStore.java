package io.crmkit.core.spi;

import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionId;
import io.crmkit.core.MemberId;
import io.crmkit.core.TimeRange;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Stores interactions, an append-only log of touchpoints. Appending is idempotent: an interaction
 * whose id is already stored with equal content is skipped, so a retried delivery is harmless.
 *
 * <pre>{@code
 * int added = crm.interactions().appendAll(List.of(opened, clicked));
 * List<Interaction> last30 = crm.interactions().findByMember(MemberId.of("M1"), TimeRange.since(monthAgo));
 * }</pre>
 */
public interface InteractionStore extends KeyedStore<InteractionId, Interaction> {
    /**
     * Appends interactions atomically.
     *
     * @param interactions the interactions
     * @return how many were new (the rest were already stored)
     * @throws DuplicateKeyException if an id is already stored, or repeated in the batch, with
     *     different content
     */
    int appendAll(Collection<Interaction> interactions);

    /**
     * @param memberId a member
     * @return all the member's interactions, oldest first (ties by id)
     */
    default List<Interaction> findByMember(MemberId memberId) {
        return findByMember(memberId, TimeRange.all());
    }

    /**
     * @param memberId a member
     * @param range when the interactions happened
     * @return the member's interactions in the range, oldest first (ties by id)
     */
    List<Interaction> findByMember(MemberId memberId, TimeRange range);

    /**
     * One page of all interactions in a range, ordered by time then id.
     *
     * @param range when they happened
     * @param after the last interaction of the previous page, or null for the first page
     * @param limit the most to return, 1 to 100,000
     * @return up to {@code limit} interactions; empty when done
     */
    List<Interaction> findIn(TimeRange range, @Nullable Interaction after, int limit);

    /**
     * All interactions in a range, ordered by time then id, read lazily page by page.
     *
     * @param range when they happened
     * @return the interactions
     */
    default java.util.stream.Stream<Interaction> streamIn(TimeRange range) {
        return Paging.stream(after -> findIn(range, after, STREAM_PAGE_SIZE), STREAM_PAGE_SIZE);
    }

    @Override
    default InteractionId idOf(Interaction value) {
        return value.id();
    }
}
