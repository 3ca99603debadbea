package io.crmkit.core.spi;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What every crmkit store does: get by id, get many, iterate in id order with a stable cursor,
 * count, delete, and tell listeners about changes. {@link MemberStore}, {@link OrderStore}, {@link
 * ProductStore} and {@link InteractionStore} add their own writes and look-ups.
 *
 * <p>Implementations must be thread-safe. Reads see every write that returned before they
 * started.
 *
 * @param <K> the id type; ids order the cursor
 * @param <V> the stored type
 */
public interface KeyedStore<K extends Comparable<? super K>, V> {
    /** Page size of the default {@link #stream()}. */
    int STREAM_PAGE_SIZE = 1_000;

    /**
     * @param id an id
     * @return the stored value, if any
     */
    Optional<V> find(K id);

    /**
     * @param ids ids, possibly with repeats
     * @return the stored values for those ids that exist, in the order of first mention
     */
    List<V> findAll(Collection<K> ids);

    /**
     * One page of a keyset cursor: the values whose id is greater than {@code after}, in ascending
     * id order. Values written while a scan is under way do not make it skip or repeat any value that
     * existed throughout the scan.
     *
     * <pre>{@code
     * List<Member> page = store.scan(null, 500);
     * while (!page.isEmpty()) {
     *     ...
     *     page = store.scan(store.idOf(page.get(page.size() - 1)), 500);
     * }
     * }</pre>
     *
     * @param after the last id of the previous page, or null for the first page
     * @param limit the most values to return, 1 to 100,000
     * @return exactly {@code limit} values unless fewer remain: a shorter page (or an empty one)
     *     means the scan is done
     * @throws io.crmkit.core.InvalidValueException if the limit is out of range
     */
    List<V> scan(@Nullable K after, int limit);

    /**
     * @param value a stored value
     * @return its id
     */
    K idOf(V value);

    /**
     * All values in id order, read lazily page by page through {@link #scan}.
     *
     * @return the values
     */
    default Stream<V> stream() {
        return Paging.stream(after -> scan(after == null ? null : idOf(after), STREAM_PAGE_SIZE), STREAM_PAGE_SIZE);
    }

    /** @return how many values are stored */
    long count();

    /**
     * @param id an id
     * @return true if a value was removed
     */
    boolean delete(K id);

    /**
     * @param listener hears every later change
     * @return the subscription; close it to stop
     */
    Subscription subscribe(ChangeListener<V> listener);
}
