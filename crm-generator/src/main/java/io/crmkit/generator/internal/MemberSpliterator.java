package io.crmkit.generator.internal;

import io.crmkit.generator.GeneratedMember;
import java.util.Spliterator;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Generates the members of an index range lazily, one at a time. Splits in halves for parallel
 * streams; every part makes its own {@link MemberWorker}, and a member depends only on its index,
 * so the output is the same however the range is split.
 */
public final class MemberSpliterator implements Spliterator<GeneratedMember> {
    private static final int MIN_SPLIT = 256;

    private final ShopModel model;
    private int next;
    private final int end;
    private @Nullable MemberWorker worker;

    /**
     * @param model the shared model
     * @param from the first member index
     * @param to the index after the last
     */
    public MemberSpliterator(ShopModel model, int from, int to) {
        this.model = model;
        this.next = from;
        this.end = to;
    }

    private MemberWorker worker() {
        MemberWorker w = worker;
        if (w == null) {
            w = model.newWorker();
            worker = w;
        }
        return w;
    }

    @Override
    public boolean tryAdvance(Consumer<? super GeneratedMember> action) {
        if (next >= end) {
            return false;
        }
        action.accept(worker().generate(next++));
        return true;
    }

    @Override
    public void forEachRemaining(Consumer<? super GeneratedMember> action) {
        MemberWorker w = worker();
        while (next < end) {
            action.accept(w.generate(next++));
        }
    }

    @Override
    public @Nullable Spliterator<GeneratedMember> trySplit() {
        int size = end - next;
        if (size < 2 * MIN_SPLIT) {
            return null;
        }
        int mid = next + size / 2;
        MemberSpliterator prefix = new MemberSpliterator(model, next, mid);
        next = mid;
        return prefix;
    }

    @Override
    public long estimateSize() {
        return (long) end - next;
    }

    @Override
    public int characteristics() {
        return ORDERED | SIZED | SUBSIZED | IMMUTABLE | NONNULL | DISTINCT;
    }
}
