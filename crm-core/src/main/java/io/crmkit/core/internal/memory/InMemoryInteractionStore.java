package io.crmkit.core.internal.memory;

import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionId;
import io.crmkit.core.MemberId;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.DuplicateKeyException;
import io.crmkit.core.spi.InteractionStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The in-memory {@link InteractionStore}: append-only and idempotent, indexed by member and time. */
public final class InMemoryInteractionStore extends MemoryStore<InteractionId, Interaction>
        implements InteractionStore {
    private static final Comparator<Interaction> BY_TIME =
            Comparator.comparing(Interaction::at).thenComparing(Interaction::id);

    private final Buckets<MemberId, Interaction> byMember = new Buckets<>(BY_TIME);
    private final TimeIndex<InteractionId, Interaction> byTime = new TimeIndex<>(Interaction::at, Interaction::id);

    /** An empty store. */
    public InMemoryInteractionStore() {}

    @Override
    protected void index(Interaction i) {
        byMember.add(i.memberId(), i);
        byTime.add(i);
    }

    @Override
    protected void unindex(Interaction i) {
        byMember.remove(i.memberId(), i);
        byTime.remove(i);
    }

    @Override
    public int appendAll(Collection<Interaction> interactions) {
        required(interactions, "interactions");
        Map<InteractionId, Interaction> batch = new LinkedHashMap<>();
        int n = 0;
        for (Interaction i : interactions) {
            required(i, "interactions[" + n + "]");
            Interaction prev = batch.putIfAbsent(i.id(), i);
            if (prev != null && !prev.equals(i)) {
                throw new DuplicateKeyException("interactions[" + n + "]: id " + i.id()
                        + " occurs twice in one batch with different content; nothing was written");
            }
            n++;
        }
        return write(() -> {
            for (Interaction i : batch.values()) {
                Interaction stored = byId.get(i.id());
                if (stored != null && !stored.equals(i)) {
                    throw new DuplicateKeyException(
                            "interaction " + i.id() + " is already stored with different content; nothing was written");
                }
            }
            List<ChangeEvent<Interaction>> changes = new ArrayList<>();
            for (Interaction i : batch.values()) {
                if (!byId.containsKey(i.id())) {
                    addChange(changes, put(i.id(), i));
                }
            }
            return changes;
        });
    }

    @Override
    public List<Interaction> findByMember(MemberId memberId, TimeRange range) {
        required(memberId, "memberId");
        required(range, "range");
        return read(() -> byMember.get(memberId, i -> range.contains(i.at())));
    }

    @Override
    public List<Interaction> findIn(TimeRange range, @Nullable Interaction after, int limit) {
        required(range, "range");
        checkLimit(limit);
        return read(() -> byTime.page(range, after, limit));
    }
}
