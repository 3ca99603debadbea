package io.crmkit.testkit;

import static io.crmkit.testkit.TestData.at;
import static io.crmkit.testkit.TestData.fullInteraction;
import static io.crmkit.testkit.TestData.interaction;
import static io.crmkit.testkit.TestData.interactionId;
import static io.crmkit.testkit.TestData.memberId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionId;
import io.crmkit.core.InteractionType;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.DuplicateKeyException;
import io.crmkit.core.spi.InteractionStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The contract of an {@link InteractionStore}: an interaction survives a round trip with every
 * property type; appending is idempotent (the same id with the same content is skipped and not
 * counted, with other content it is a {@link DuplicateKeyException} and nothing of the batch is
 * written), also under concurrency; a member's interactions come oldest first within half-open
 * ranges; {@link InteractionStore#findIn} pages by time then id; and everything {@link
 * KeyedStoreContract} checks.
 *
 * <pre>{@code
 * class PostgresInteractionStoreTest extends InteractionStoreContract {
 *     @Override
 *     protected InteractionStore newStore() {
 *         return PostgresStores.builder(freshDataSource()).build().interactions();
 *     }
 * }
 * }</pre>
 */
public abstract class InteractionStoreContract
        extends KeyedStoreContract<InteractionId, Interaction, InteractionStore> {
    private static final Comparator<Interaction> BY_TIME_THEN_ID =
            Comparator.comparing(Interaction::at).thenComparing(Interaction::id);

    /** For subclasses: an adapter's test class. */
    protected InteractionStoreContract() {}

    @Override
    protected final InteractionId id(int n) {
        return interactionId(n);
    }

    @Override
    protected final Interaction sample(int n) {
        return interaction(interactionId(n), memberId(n % 7), at(n % 13));
    }

    @Override
    protected final List<Interaction> write(List<Interaction> values) {
        store().appendAll(values);
        return values;
    }

    private static List<InteractionId> ids(List<Interaction> interactions) {
        return interactions.stream().map(Interaction::id).collect(Collectors.toList());
    }

    private static Interaction opened(int n, int member, long minute) {
        return Interaction.builder(interactionId(n), memberId(member), at(minute), InteractionType.MESSAGE_OPENED)
                .message("msg-" + n)
                .build();
    }

    // ---------------------------------------------------------------- round trips

    @Test
    void everythingAnInteractionCarriesSurvivesEveryReadPath() {
        Interaction full = fullInteraction(interactionId(1), memberId(1), at(5).plusNanos(654_321_000));
        assertThat(full.properties().asMap().keySet().stream().map(AttributeKey::type))
                .as("the test interaction has every property type")
                .containsAll(EnumSet.allOf(AttributeKey.Type.class));
        Interaction minimal = interaction(interactionId(2), memberId(1), at(6));
        Recorder<Interaction> heard = new Recorder<>();
        store().subscribe(heard);
        assertThat(store().appendAll(List.of(full, minimal))).isEqualTo(2);
        assertThat(store().find(interactionId(1))).contains(full);
        assertThat(store().find(interactionId(2))).contains(minimal);
        assertThat(store().findAll(List.of(interactionId(2), interactionId(1)))).containsExactly(minimal, full);
        assertThat(store().scan(null, 10)).containsExactly(full, minimal);
        assertThat(store().findByMember(memberId(1), TimeRange.all())).containsExactly(full, minimal);
        assertThat(store().findIn(TimeRange.all(), null, 10)).containsExactly(full, minimal);
        assertThat(heard.onlyCall()).extracting(ChangeEvent::value).containsExactly(full, minimal);
        Interaction found = store().find(interactionId(1)).orElseThrow();
        assertThat(found.score()).hasValue(5);
        assertThat(found.channel()).isEqualTo(full.channel());
        assertThat(found.campaignId()).isEqualTo(full.campaignId());
        assertThat(found.messageId()).isEqualTo(full.messageId());
        assertThat(store().find(interactionId(2)).orElseThrow().channel()).isEmpty();
    }

    // ---------------------------------------------------------------- idempotent appends

    @Test
    void appendAllCountsOnlyTheNewInteractions() {
        assertThat(store().appendAll(List.of(opened(1, 1, 1), opened(2, 1, 2)))).isEqualTo(2);
        assertThat(store().appendAll(List.of(opened(2, 1, 2), opened(3, 1, 3), opened(1, 1, 1))))
                .isEqualTo(1);
        assertThat(store().count()).isEqualTo(3);
        assertThat(store().appendAll(List.of())).isZero();
    }

    @Test
    void appendingTheSameInteractionAgainIsSkippedUncountedAndUnheard() {
        Interaction one = fullInteraction(interactionId(1), memberId(1), at(1));
        store().appendAll(List.of(one));
        Recorder<Interaction> heard = new Recorder<>();
        store().subscribe(heard);
        Interaction copy = fullInteraction(interactionId(1), memberId(1), at(1));
        assertThat(store().appendAll(List.of(copy))).isZero();
        assertThat(heard.calls()).as("calls for a batch that added nothing").isEmpty();
        Interaction two = opened(2, 1, 2);
        assertThat(store().appendAll(List.of(copy, two))).isEqualTo(1);
        assertThat(heard.onlyCall())
                .as("only the new interaction is a change")
                .containsExactly(ChangeEvent.of(null, two));
        assertThat(store().count()).isEqualTo(2);
    }

    @Test
    void theSameIdWithOtherContentIsADuplicateKeyAndWritesNothingOfTheBatch() {
        Interaction one = opened(1, 1, 1);
        store().appendAll(List.of(one));
        Recorder<Interaction> heard = new Recorder<>();
        store().subscribe(heard);
        Interaction changed = Interaction.builder(interactionId(1), memberId(1), at(1), InteractionType.MESSAGE_CLICKED)
                .message("msg-1")
                .build();
        assertThatThrownBy(() -> store().appendAll(List.of(opened(2, 1, 2), changed, opened(3, 2, 3))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(store().find(interactionId(1))).contains(one);
        assertThat(store().find(interactionId(2))).isEmpty();
        assertThat(store().find(interactionId(3))).isEmpty();
        assertThat(store().count()).isEqualTo(1);
        assertThat(store().findByMember(memberId(1), TimeRange.all())).containsExactly(one);
        assertThat(heard.calls()).isEmpty();
    }

    @Test
    void anIdRepeatedInOneBatchCountsOnceWithTheSameContentAndFailsWithOther() {
        assertThat(store().appendAll(List.of(opened(1, 1, 1), opened(2, 1, 2), opened(1, 1, 1))))
                .isEqualTo(2);
        assertThat(store().count()).isEqualTo(2);

        Interaction otherContent = opened(3, 2, 3);
        assertThatThrownBy(() -> store().appendAll(List.of(opened(3, 1, 3), opened(4, 1, 4), otherContent)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(store().findAll(List.of(interactionId(3), interactionId(4)))).isEmpty();
        assertThat(store().count()).isEqualTo(2);
    }

    @Test
    void concurrentAppendsOfOverlappingBatchesCountEachInteractionOnce() throws InterruptedException {
        int n = 400;
        List<Interaction> all =
                IntStream.range(0, n).mapToObj(i -> opened(i, i % 9, i % 17)).collect(Collectors.toList());
        AtomicInteger counted = new AtomicInteger();
        AtomicInteger heard = new AtomicInteger();
        store().subscribe(changes -> heard.addAndGet(changes.size()));
        Concurrently.run(4, t -> {
            List<Interaction> mine = new ArrayList<>(all);
            Collections.shuffle(mine, new Random(t));
            for (int from = 0; from < n; from += 20) {
                counted.addAndGet(store().appendAll(mine.subList(from, from + 20)));
            }
        });
        assertThat(counted).as("sum of appendAll results").hasValue(n);
        assertThat(heard).as("changes heard").hasValue(n);
        assertThat(store().count()).isEqualTo(n);
    }

    // ---------------------------------------------------------------- by member, findIn

    @Test
    void aMembersInteractionsComeOldestFirstWithTiesByIdWithinAHalfOpenRange() {
        store().appendAll(List.of(
                opened(5, 1, 3), opened(9, 1, 1), opened(4, 1, 2), opened(2, 1, 1), opened(3, 2, 1), opened(1, 1, 2)));
        assertThat(ids(store().findByMember(memberId(1), TimeRange.all())))
                .containsExactly(
                        interactionId(2), interactionId(9), interactionId(1), interactionId(4), interactionId(5));
        assertThat(ids(store().findByMember(memberId(1), TimeRange.of(at(1), at(3)))))
                .containsExactly(interactionId(2), interactionId(9), interactionId(1), interactionId(4));
        assertThat(ids(store().findByMember(memberId(1), TimeRange.of(at(2), at(3)))))
                .containsExactly(interactionId(1), interactionId(4));
        assertThat(ids(store().findByMember(memberId(1), TimeRange.since(at(3)))))
                .containsExactly(interactionId(5));
        assertThat(store().findByMember(memberId(1), TimeRange.of(at(2), at(2))))
                .isEmpty();
        assertThat(ids(store().findByMember(memberId(2), TimeRange.all()))).containsExactly(interactionId(3));
        assertThat(store().findByMember(memberId(3), TimeRange.all())).isEmpty();
    }

    @Test
    void findInPagesByTimeThenIdThroughTiesWithinAHalfOpenRange() {
        List<Interaction> all = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            all.add(opened(n, n % 4, (n * 7) % 6)); // six instants, five interactions each
        }
        Collections.shuffle(all, new Random(11));
        store().appendAll(all);
        for (int limit : new int[] {1, 4, 5, 30, 1000}) {
            assertThat(findInPages(TimeRange.all(), limit))
                    .as("pages of %d", limit)
                    .containsExactlyElementsOf(
                            all.stream().sorted(BY_TIME_THEN_ID).toList());
        }
        TimeRange range = TimeRange.of(at(1), at(4));
        assertThat(findInPages(range, 4))
                .containsExactlyElementsOf(all.stream()
                        .filter(i -> range.contains(i.at()))
                        .sorted(BY_TIME_THEN_ID)
                        .toList());
        Interaction first = store().find(interactionId(0)).orElseThrow(); // at minute 0, before the range
        assertThat(store().findIn(range, first, 100))
                .as("after an interaction before the range")
                .hasSize(15);
    }

    private List<Interaction> findInPages(TimeRange range, int limit) {
        return Paging.readAll("findIn", (last, l) -> store().findIn(range, last, l), limit, BY_TIME_THEN_ID, 1_000_000);
    }

    @Test
    void aDeletedInteractionLeavesTheMembersTimeline() {
        store().appendAll(List.of(opened(1, 1, 1), opened(2, 1, 2)));
        assertThat(store().delete(interactionId(1))).isTrue();
        assertThat(ids(store().findByMember(memberId(1), TimeRange.all()))).containsExactly(interactionId(2));
        assertThat(ids(store().findIn(TimeRange.all(), null, 10))).containsExactly(interactionId(2));
        assertThat(store().appendAll(List.of(opened(1, 1, 1))))
                .as("append after delete")
                .isEqualTo(1);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void findInLimitMustBeFrom1To100000() {
        store().appendAll(List.of(opened(1, 1, 1)));
        for (int bad : new int[] {0, -1, 100_001}) {
            assertThatThrownBy(() -> store().findIn(TimeRange.all(), null, bad))
                    .as("findIn limit %d", bad)
                    .isInstanceOf(InvalidValueException.class);
        }
        assertThat(store().findIn(TimeRange.all(), null, 100_000)).hasSize(1);
    }

    @Test
    void nullArgumentsOfInteractionMethodsAreInvalidValues() {
        Interaction one = opened(1, 1, 1);
        store().appendAll(List.of(one));
        @Nullable MemberId noMember = null;
        @Nullable TimeRange noRange = null;
        assertInvalid("appendAll(null)", () -> store().appendAll(null));
        assertInvalid("appendAll([interaction, null])", () -> store().appendAll(Arrays.asList(opened(2, 1, 2), null)));
        assertInvalid("findByMember(null, range)", () -> store().findByMember(noMember, TimeRange.all()));
        assertInvalid("findByMember(id, null)", () -> store().findByMember(memberId(1), noRange));
        assertInvalid("findIn(null, null, 10)", () -> store().findIn(noRange, null, 10));
        assertThat(store().findAll(List.of(interactionId(1), interactionId(2)))).containsExactly(one);
    }
}
