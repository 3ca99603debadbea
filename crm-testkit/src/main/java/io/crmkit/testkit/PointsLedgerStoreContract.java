package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.MemberId;
import io.crmkit.core.OrderId;
import io.crmkit.loyalty.LedgerEntry;
import io.crmkit.loyalty.NegativeBalancePolicy;
import io.crmkit.loyalty.spi.PointsLedgerStore;
import io.crmkit.loyalty.spi.PointsLedgerStore.AppendResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link PointsLedgerStore}: entries round-trip with every field; an append
 * stores exactly when its sequence is the member's next and its reference is new anywhere in the
 * ledger, else nothing is stored; concurrent compare-and-set appends never lose or duplicate an
 * entry; one reference raced by many threads is stored once.
 *
 * <pre>{@code
 * class PostgresLedgerStoreTest extends PointsLedgerStoreContract {
 *     @Override
 *     protected PointsLedgerStore newStore() {
 *         return PostgresStores.builder(freshDataSource()).build().pointsLedger();
 *     }
 * }
 * }</pre>
 */
public abstract class PointsLedgerStoreContract {
    private static final Instant T = Instant.parse("2026-03-01T02:00:00Z");
    private static final MemberId A = MemberId.of("A");
    private static final MemberId B = MemberId.of("B");

    /** The store under test. */
    protected PointsLedgerStore store;

    /** @return a new, empty store */
    protected abstract PointsLedgerStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static LedgerEntry earn(MemberId m, long seq, String ref) {
        return new LedgerEntry(
                m,
                seq,
                LedgerEntry.Kind.EARN,
                100,
                T.plusSeconds(seq),
                ref,
                "order " + ref,
                Optional.of(OrderId.of("O-" + ref)),
                T.plusSeconds(seq + 86_400),
                Optional.of(T.plusSeconds(seq + 86_400 * 365)),
                Optional.empty());
    }

    @Test
    void anEmptyStoreHasNothing() {
        assertThat(store.entries(A)).isEmpty();
        assertThat(store.findByReference("x")).isEmpty();
        assertThat(store.members()).isEmpty();
    }

    @Test
    void entriesRoundTripWithEveryField() {
        LedgerEntry e = earn(A, 0, "r0");
        LedgerEntry c = new LedgerEntry(
                A,
                1,
                LedgerEntry.Kind.CLAWBACK,
                7,
                T.plusSeconds(5),
                "c1",
                "refund",
                Optional.of(OrderId.of("O-r0")),
                T.plusSeconds(5),
                Optional.empty(),
                Optional.of(NegativeBalancePolicy.ALLOW_NEGATIVE));
        LedgerEntry r = new LedgerEntry(
                A,
                2,
                LedgerEntry.Kind.REDEEM,
                3,
                T.plusNanos(5_000_000_123L),
                "r2",
                "兌換 NT$30",
                Optional.empty(),
                T.plusNanos(5_000_000_123L),
                Optional.empty(),
                Optional.empty());
        assertThat(store.append(e)).isEqualTo(AppendResult.APPENDED);
        assertThat(store.append(c)).isEqualTo(AppendResult.APPENDED);
        assertThat(store.append(r)).isEqualTo(AppendResult.APPENDED);
        assertThat(store.entries(A)).containsExactly(e, c, r);
        assertThat(store.findByReference("c1")).contains(c);
        assertThat(store.findByReference("r2")).contains(r);
    }

    @Test
    void aStaleSequenceOrAUsedReferenceStoresNothing() {
        assertThat(store.append(earn(A, 1, "r1"))).isEqualTo(AppendResult.STALE_SEQUENCE);
        assertThat(store.entries(A)).isEmpty();
        assertThat(store.findByReference("r1")).isEmpty();
        assertThat(store.append(earn(A, 0, "r0"))).isEqualTo(AppendResult.APPENDED);
        assertThat(store.append(earn(A, 0, "other"))).isEqualTo(AppendResult.STALE_SEQUENCE);
        assertThat(store.append(earn(A, 1, "r0"))).isEqualTo(AppendResult.DUPLICATE_REFERENCE);
        assertThat(store.append(earn(B, 0, "r0"))).isEqualTo(AppendResult.DUPLICATE_REFERENCE);
        assertThat(store.entries(A)).hasSize(1);
        assertThat(store.entries(B)).isEmpty();
        assertThat(store.findByReference("other")).isEmpty();
        assertThat(store.members()).containsExactly(A);
    }

    @Test
    void membersComeInIdOrder() {
        for (String id : List.of("M3", "M1", "M2")) {
            store.append(earn(MemberId.of(id), 0, "r-" + id));
        }
        assertThat(store.members()).containsExactly(MemberId.of("M1"), MemberId.of("M2"), MemberId.of("M3"));
    }

    @Test
    void concurrentCompareAndSetAppendsNeitherLoseNorDuplicate() throws InterruptedException {
        int threads = 8;
        int each = 100;
        Concurrently.run(threads, t -> {
            for (int i = 0; i < each; i++) {
                String ref = "t" + t + "-" + i;
                while (true) {
                    long next = store.entries(A).size();
                    AppendResult r = store.append(earn(A, next, ref));
                    if (r == AppendResult.APPENDED) {
                        break;
                    }
                    assertThat(r).isEqualTo(AppendResult.STALE_SEQUENCE);
                }
            }
        });
        List<LedgerEntry> all = store.entries(A);
        assertThat(all).hasSize(threads * each);
        assertThat(all)
                .extracting(LedgerEntry::sequence)
                .containsExactlyElementsOf(IntStream.range(0, threads * each)
                        .mapToObj(i -> (long) i)
                        .toList());
        assertThat(all).extracting(LedgerEntry::reference).doesNotHaveDuplicates();
    }

    @Test
    void oneReferenceRacedByManyThreadsIsStoredOnce() throws InterruptedException {
        AtomicInteger stored = new AtomicInteger();
        Concurrently.run(8, t -> {
            if (store.append(earn(MemberId.of("M" + t), 0, "same")) == AppendResult.APPENDED) {
                stored.incrementAndGet();
            }
        });
        assertThat(stored.get()).isEqualTo(1);
        assertThat(store.members()).hasSize(1);
    }
}
