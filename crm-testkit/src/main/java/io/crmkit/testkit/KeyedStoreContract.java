package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.ChangeEvent.Kind;
import io.crmkit.core.spi.ChangeListener;
import io.crmkit.core.spi.KeyedStore;
import io.crmkit.core.spi.Subscription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The part of the store contract that every {@link KeyedStore} keeps, whatever it stores: get by
 * id, get many, the keyset cursor and the stream built on it, count, delete, and change listeners.
 * It is not extended directly: {@link MemberStoreContract}, {@link OrderStoreContract}, {@link
 * ProductStoreContract} and {@link InteractionStoreContract} inherit these tests and add their own.
 *
 * <pre>{@code
 * class MyProductStoreTest extends ProductStoreContract {   // runs these tests and the product ones
 *     @Override
 *     protected ProductStore newStore() {
 *         return new MyProductStore(freshDatabase());
 *     }
 * }
 * }</pre>
 *
 * @param <K> the id type
 * @param <V> the stored type
 * @param <S> the store type
 */
public abstract class KeyedStoreContract<K extends Comparable<? super K>, V, S extends KeyedStore<K, V>> {
    private @Nullable S store;

    /** For subclasses: the contracts of this package, and an adapter's own extra store types. */
    protected KeyedStoreContract() {}

    /**
     * Makes the store under test. The contract calls it once before each test and requires it to be
     * empty; release what it holds in an {@code @AfterEach} method of the subclass.
     *
     * @return a new, empty store
     */
    protected abstract S newStore();

    /** @return the store under test: the one {@link #newStore()} made for the running test */
    protected final S store() {
        if (store == null) {
            throw new IllegalStateException("the store is made before each test; call store() from a test");
        }
        return store;
    }

    /**
     * @param n a sample number
     * @return the id of the n-th sample; ids of larger n sort later
     */
    protected abstract K id(int n);

    /**
     * @param n a sample number
     * @return a valid, never-stored value with id {@link #id(int) id(n)}
     */
    protected abstract V sample(int n);

    /**
     * Writes new values in one write call.
     *
     * @param values the values
     * @return them as stored (e.g. with their new versions)
     */
    protected abstract List<V> write(List<V> values);

    final V write(V value) {
        return write(List.of(value)).get(0);
    }

    final List<V> samples(int fromInclusive, int toExclusive) {
        return IntStream.range(fromInclusive, toExclusive)
                .mapToObj(this::sample)
                .collect(Collectors.toList());
    }

    final List<K> idsOf(List<V> values) {
        return values.stream().map(v -> store().idOf(v)).collect(Collectors.toList());
    }

    /** Reads the whole store through {@code scan} with the given page size, checking every page. */
    final List<V> scanAll(int limit) {
        Comparator<V> byId = Comparator.comparing(v -> store().idOf(v));
        return Paging.readAll(
                "scan", (last, l) -> store().scan(last == null ? null : store().idOf(last), l), limit, byId, 1_000_000);
    }

    /** The values of {@link KeyedStore#stream()}, at most {@code max + 1} of them. */
    final List<V> streamed(int max) {
        return Paging.take(store().stream(), max);
    }

    @BeforeEach
    final void makeStore() {
        S s = newStore();
        assertThat(s).as("newStore()").isNotNull();
        assertThat(s.count())
                .as("newStore() must return an empty store, but its count() is")
                .isZero();
        store = s;
    }

    // ---------------------------------------------------------------- find, findAll, count, delete

    @Test
    void newStoreIsEmpty() {
        assertThat(store().find(id(1))).isEmpty();
        assertThat(store().findAll(List.of(id(1), id(2)))).isEmpty();
        assertThat(store().scan(null, 10)).isEmpty();
        assertThat(streamed(10)).isEmpty();
        assertThat(store().delete(id(1))).isFalse();
    }

    @Test
    void findReturnsTheStoredValue() {
        V stored = write(sample(1));
        assertThat(store().find(id(1))).contains(stored);
        assertThat(store().find(id(2))).isEmpty();
    }

    @Test
    void findAllReturnsValuesInOrderOfFirstMentionWithoutRepeatsOrMissingIds() {
        List<V> stored = write(samples(1, 4));
        List<V> found = store().findAll(List.of(id(3), id(1), id(3), id(9), id(2), id(1)));
        assertThat(found).containsExactly(stored.get(2), stored.get(0), stored.get(1));
        assertThat(store().findAll(List.of())).isEmpty();
        assertThat(store().findAll(List.of(id(7), id(8)))).isEmpty();
        assertThat(store().findAll(new HashSet<>(List.of(id(2))))).containsExactly(stored.get(1));
    }

    @Test
    void countFollowsWritesAndDeletes() {
        write(samples(0, 5));
        assertThat(store().count()).isEqualTo(5);
        write(samples(5, 7));
        assertThat(store().count()).isEqualTo(7);
        store().delete(id(3));
        store().delete(id(3));
        store().delete(id(99));
        assertThat(store().count()).isEqualTo(6);
    }

    @Test
    void deleteRemovesTheValueEverywhereAndSaysWhetherItDid() {
        List<V> stored = write(samples(1, 4));
        assertThat(store().delete(id(2))).as("delete of a stored value").isTrue();
        assertThat(store().delete(id(2))).as("delete of a deleted value").isFalse();
        assertThat(store().delete(id(9))).as("delete of a value never stored").isFalse();
        assertThat(store().find(id(2))).isEmpty();
        assertThat(store().findAll(List.of(id(1), id(2), id(3)))).containsExactly(stored.get(0), stored.get(2));
        assertThat(store().scan(null, 10)).containsExactly(stored.get(0), stored.get(2));
        assertThat(streamed(10)).containsExactly(stored.get(0), stored.get(2));
    }

    @Test
    void aDeletedValueCanBeWrittenAgain() {
        write(sample(1));
        store().delete(id(1));
        V again = write(sample(1));
        assertThat(store().find(id(1))).contains(again);
        assertThat(store().count()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- scan and stream

    @Test
    void scanReturnsValuesInAscendingIdOrderPageByPage() {
        List<Integer> order = IntStream.range(0, 50).boxed().collect(Collectors.toList());
        Collections.shuffle(order, new Random(7));
        for (int n : order) {
            write(sample(n));
        }
        List<V> all = scanAll(7);
        assertThat(idsOf(all))
                .containsExactlyElementsOf(
                        IntStream.range(0, 50).mapToObj(this::id).toList());
        assertThat(store().scan(null, 3)).extracting(v -> store().idOf(v)).containsExactly(id(0), id(1), id(2));
    }

    @Test
    void scanAfterIsExclusiveAndNeedNotBeAStoredId() {
        for (int n = 0; n < 20; n += 2) {
            write(sample(n));
        }
        assertThat(idsOf(store().scan(id(4), 3))).as("after a stored id").containsExactly(id(6), id(8), id(10));
        assertThat(idsOf(store().scan(id(5), 3)))
                .as("after an id that is not stored")
                .containsExactly(id(6), id(8), id(10));
        assertThat(idsOf(store().scan(id(18), 3))).as("after the last id").isEmpty();
        assertThat(idsOf(store().scan(id(500), 3)))
                .as("after an id beyond the last")
                .isEmpty();
        assertThat(idsOf(store().scan(id(16), 100))).as("a short last page").containsExactly(id(18));
    }

    @Test
    void scanLimitMustBeFrom1To100000() {
        write(samples(0, 3));
        for (int bad : new int[] {0, -1, 100_001, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> store().scan(null, bad))
                    .as("scan limit %d", bad)
                    .isInstanceOf(InvalidValueException.class);
        }
        assertThat(store().scan(null, 1)).hasSize(1);
        assertThat(store().scan(null, 100_000)).hasSize(3);
    }

    @Test
    void scanNeverSkipsNorRepeatsAValueThatExistsThroughoutWhileOthersComeAndGo() {
        // n % 3 == 0: there throughout; n % 3 == 1: deleted during the scan; n % 3 == 2: added during it
        int universe = 600;
        List<V> initial = new ArrayList<>();
        List<Integer> toDelete = new ArrayList<>();
        List<Integer> toAdd = new ArrayList<>();
        for (int n = 0; n < universe; n++) {
            if (n % 3 != 2) {
                initial.add(sample(n));
            }
            (n % 3 == 1 ? toDelete : toAdd).add(n);
        }
        toAdd.removeIf(n -> n % 3 != 2);
        write(initial);
        Random random = new Random(42);
        Collections.shuffle(toDelete, random);
        Collections.shuffle(toAdd, random);

        List<K> seen = new ArrayList<>();
        List<V> page = store().scan(null, 7);
        int pages = 0;
        while (!page.isEmpty()) {
            assertThat(++pages).as("pages (a cursor that never ends?)").isLessThan(universe);
            page.forEach(v -> seen.add(store().idOf(v)));
            for (int i = 0; i < 2 && !toDelete.isEmpty(); i++) {
                store().delete(id(toDelete.remove(toDelete.size() - 1)));
            }
            for (int i = 0; i < 2 && !toAdd.isEmpty(); i++) {
                write(sample(toAdd.remove(toAdd.size() - 1)));
            }
            page = store().scan(store().idOf(page.get(page.size() - 1)), 7);
        }
        assertThat(seen)
                .as("ids seen by the scan")
                .doesNotHaveDuplicates()
                .isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(seen)
                .as("ids that existed throughout the scan")
                .containsAll(IntStream.range(0, universe)
                        .filter(n -> n % 3 == 0)
                        .mapToObj(this::id)
                        .toList());
        Set<K> valid = IntStream.range(0, universe).mapToObj(this::id).collect(Collectors.toSet());
        assertThat(valid).containsAll(seen);
    }

    @Test
    void streamReadsEveryValueInIdOrderAcrossPages() {
        int pageSize = KeyedStore.STREAM_PAGE_SIZE;
        write(samples(0, 2 * pageSize));
        assertThat(idsOf(streamed(2 * pageSize)))
                .as("stream of exactly two pages")
                .containsExactlyElementsOf(
                        IntStream.range(0, 2 * pageSize).mapToObj(this::id).toList());
        write(samples(2 * pageSize, 2 * pageSize + 1));
        assertThat(idsOf(streamed(2 * pageSize + 1)))
                .as("stream of two pages and one value")
                .containsExactlyElementsOf(
                        IntStream.range(0, 2 * pageSize + 1).mapToObj(this::id).toList());
        assertThat((long) streamed(3 * pageSize).size()).isEqualTo(store().count());
    }

    // ---------------------------------------------------------------- change listeners

    @Test
    void aListenerHearsOneCallPerWriteWithEveryChangeOfTheBatch() {
        Recorder<V> heard = new Recorder<>();
        store().subscribe(heard);
        List<V> stored = write(samples(1, 4));
        List<ChangeEvent<V>> call = heard.onlyCall();
        assertThat(call).extracting(ChangeEvent::kind).containsExactly(Kind.CREATED, Kind.CREATED, Kind.CREATED);
        assertThat(call).extracting(ChangeEvent::before).containsOnly(Optional.empty());
        assertThat(call).extracting(ChangeEvent::value).containsExactlyElementsOf(stored);
    }

    @Test
    void aListenerHearsADeleteWithTheValueBefore() {
        V stored = write(sample(1));
        Recorder<V> heard = new Recorder<>();
        store().subscribe(heard);
        store().delete(id(1));
        assertThat(heard.onlyCall())
                .containsExactly(new ChangeEvent<>(Kind.DELETED, Optional.of(stored), Optional.empty()));
    }

    @Test
    void aListenerHearsNothingForAWriteThatChangesNothing() {
        write(sample(1));
        Recorder<V> heard = new Recorder<>();
        store().subscribe(heard);
        store().delete(id(2));
        write(List.of());
        assertThat(heard.calls()).isEmpty();
    }

    @Test
    void aListenerHearsWritesInTheOrderTheyHappenedOnTheWritingThread() {
        Recorder<V> heard = new Recorder<>();
        store().subscribe(heard);
        V one = write(sample(1));
        V two = write(sample(2));
        store().delete(id(1));
        assertThat(heard.calls())
                .containsExactly(
                        List.of(ChangeEvent.of(null, one)),
                        List.of(ChangeEvent.of(null, two)),
                        List.of(ChangeEvent.of(one, null)));
        assertThat(heard.threads()).containsOnly(Thread.currentThread());
    }

    @Test
    void aListenerIsCalledWhenTheWriteIsVisibleToReaders() {
        AtomicReference<@Nullable Optional<V>> seenOnWrite = new AtomicReference<>();
        AtomicReference<@Nullable Optional<V>> seenOnDelete = new AtomicReference<>();
        store().subscribe(changes -> {
            ChangeEvent<V> c = changes.get(0);
            (c.kind() == Kind.DELETED ? seenOnDelete : seenOnWrite).set(store().find(id(1)));
        });
        V stored = write(sample(1));
        store().delete(id(1));
        assertThat(seenOnWrite.get()).as("what the listener read on the write").isEqualTo(Optional.of(stored));
        assertThat(seenOnDelete.get())
                .as("what the listener read on the delete")
                .isEqualTo(Optional.empty());
    }

    @Test
    void aClosedSubscriptionHearsNothingAndClosingTwiceIsHarmless() {
        Recorder<V> closed = new Recorder<>();
        store().subscribe(closed).close();
        Recorder<V> twice = new Recorder<>();
        Subscription first = store().subscribe(twice);
        store().subscribe(twice);
        first.close();
        first.close();
        write(sample(1));
        assertThat(closed.calls()).as("calls to a closed listener").isEmpty();
        assertThat(twice.calls())
                .as("a listener subscribed twice, one subscription closed twice: the other must still hear")
                .hasSize(1);
    }

    @Test
    void aThrowingListenerDoesNotUndoTheWriteNorStopOtherListeners() {
        ChangeListener<V> throwing = changes -> {
            throw new IllegalStateException("a listener failed on purpose (the contract test expects this)");
        };
        store().subscribe(throwing);
        Recorder<V> heard = new Recorder<>();
        store().subscribe(heard);
        store().subscribe(throwing);
        V stored = write(sample(1));
        assertThat(store().find(id(1))).contains(stored);
        assertThatCode(() -> store().delete(id(1))).doesNotThrowAnyException();
        assertThat(store().find(id(1))).isEmpty();
        assertThat(heard.calls()).hasSize(2);
    }

    // ---------------------------------------------------------------- threads and bad input

    @Test
    void concurrentWritersOfDistinctValuesAreAllStoredAndHeard() throws InterruptedException {
        AtomicInteger heard = new AtomicInteger();
        store().subscribe(changes -> heard.addAndGet(changes.size()));
        Concurrently.run(4, t -> {
            for (int b = 0; b < 25; b++) {
                int from = t * 250 + b * 10;
                write(samples(from, from + 10));
            }
        });
        assertThat(store().count()).isEqualTo(1000);
        assertThat(heard).hasValue(1000);
        assertThat(idsOf(streamed(1000)))
                .containsExactlyElementsOf(
                        IntStream.range(0, 1000).mapToObj(this::id).toList());
    }

    @Test
    void nullArgumentsAreInvalidValuesNotNullPointers() {
        write(sample(1));
        assertInvalid("find(null)", () -> store().find(null));
        assertInvalid("findAll(null)", () -> store().findAll(null));
        assertInvalid("findAll([id, null])", () -> store().findAll(Arrays.asList(id(1), null)));
        assertInvalid("delete(null)", () -> store().delete(null));
        assertInvalid("subscribe(null)", () -> store().subscribe(null));
        assertThat(store().count()).isEqualTo(1);
    }

    static void assertInvalid(String call, org.assertj.core.api.ThrowableAssert.ThrowingCallable code) {
        assertThatThrownBy(code)
                .as("%s must throw InvalidValueException", call)
                .isInstanceOf(InvalidValueException.class);
    }
}
