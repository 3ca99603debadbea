package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.loyalty.MembershipTerm;
import io.crmkit.loyalty.spi.MembershipStore;
import io.crmkit.loyalty.spi.PointsLedgerStore.AppendResult;
import java.time.Instant;
import java.util.Currency;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link MembershipStore}: terms round-trip; an append stores exactly when its
 * sequence is the member's next and its key is new; members come in id order.
 *
 * <pre>{@code
 * class PostgresMembershipStoreTest extends MembershipStoreContract {
 *     @Override
 *     protected MembershipStore newStore() {
 *         return PostgresStores.builder(freshDataSource()).build().memberships();
 *     }
 * }
 * }</pre>
 */
public abstract class MembershipStoreContract {
    private static final Instant T = Instant.parse("2026-03-01T02:00:00Z");

    /** The store under test. */
    protected MembershipStore store;

    /** @return a new, empty store */
    protected abstract MembershipStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static MembershipTerm term(String member, long seq, String key) {
        return new MembershipTerm(
                MemberId.of(member),
                seq,
                "plus",
                T.plusSeconds(seq),
                T.plusSeconds(seq + 1_000),
                Money.of(1_200, Currency.getInstance("TWD")),
                T,
                seq > 0,
                key);
    }

    @Test
    void termsAreAppendedInSequenceWithNewKeysOnly() {
        assertThat(store.terms(MemberId.of("B"))).isEmpty();
        assertThat(store.append(term("B", 1, "k1"))).isEqualTo(AppendResult.STALE_SEQUENCE);
        assertThat(store.append(term("B", 0, "k1"))).isEqualTo(AppendResult.APPENDED);
        assertThat(store.append(term("B", 1, "k1"))).isEqualTo(AppendResult.DUPLICATE_REFERENCE);
        assertThat(store.append(term("A", 0, "k1"))).isEqualTo(AppendResult.DUPLICATE_REFERENCE);
        assertThat(store.append(term("B", 1, "k2"))).isEqualTo(AppendResult.APPENDED);
        assertThat(store.append(term("A", 0, "k3"))).isEqualTo(AppendResult.APPENDED);
        assertThat(store.terms(MemberId.of("B"))).containsExactly(term("B", 0, "k1"), term("B", 1, "k2"));
        assertThat(store.findByKey("k2")).contains(term("B", 1, "k2"));
        assertThat(store.members()).containsExactly(MemberId.of("A"), MemberId.of("B"));
    }
}
