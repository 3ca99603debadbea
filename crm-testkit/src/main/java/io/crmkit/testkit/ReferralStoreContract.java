package io.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.MemberId;
import io.crmkit.core.OrderId;
import io.crmkit.loyalty.Referral;
import io.crmkit.loyalty.spi.ReferralStore;
import io.crmkit.loyalty.spi.ReferralStore.AttributeResult;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link ReferralStore}: one code per member and one member per code; one
 * referral per referee; a referral that would close a loop at any depth is refused; only the first
 * reward is recorded; two members racing to refer each other never both succeed.
 *
 * <pre>{@code
 * class PostgresReferralStoreTest extends ReferralStoreContract {
 *     @Override
 *     protected ReferralStore newStore() {
 *         return PostgresStores.builder(freshDataSource()).build().referrals();
 *     }
 * }
 * }</pre>
 */
public abstract class ReferralStoreContract {
    private static final Instant T = Instant.parse("2026-03-01T02:00:00Z");
    private static final MemberId A = MemberId.of("A");
    private static final MemberId B = MemberId.of("B");
    private static final MemberId C = MemberId.of("C");

    /** The store under test. */
    protected ReferralStore store;

    /** @return a new, empty store */
    protected abstract ReferralStore newStore();

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    private static Referral referral(MemberId referee, MemberId referrer) {
        return new Referral(referee, referrer, "CODE-" + referrer.value(), T, Optional.empty());
    }

    @Test
    void codesAreOnePerMemberAndOneMemberPerCode() {
        assertThat(store.putCodeIfAbsent(A, "AAAA2345")).contains("AAAA2345");
        assertThat(store.putCodeIfAbsent(A, "OTHER234")).contains("AAAA2345");
        assertThat(store.putCodeIfAbsent(B, "AAAA2345")).isEmpty();
        assertThat(store.codeOf(B)).isEmpty();
        assertThat(store.ownerOf("AAAA2345")).contains(A);
        assertThat(store.ownerOf("OTHER234")).isEmpty();
    }

    @Test
    void referralsAreOnePerRefereeAndNeverLoop() {
        assertThat(store.attribute(referral(B, A))).isEqualTo(AttributeResult.ATTRIBUTED);
        assertThat(store.attribute(referral(B, C))).isEqualTo(AttributeResult.ALREADY_REFERRED);
        assertThat(store.attribute(referral(C, B))).isEqualTo(AttributeResult.ATTRIBUTED);
        assertThat(store.attribute(referral(A, C))).isEqualTo(AttributeResult.LOOP);
        assertThat(store.referralOf(A)).isEmpty();
        assertThat(store.referralOf(B).map(Referral::referrer)).contains(A);
        assertThat(store.referrals()).extracting(Referral::referee).containsExactly(B, C);
    }

    @Test
    void onlyTheFirstRewardIsRecorded() {
        store.attribute(referral(B, A));
        Referral.Reward first = new Referral.Reward(OrderId.of("O1"), T, 200, 100);
        assertThat(store.reward(B, first).orElseThrow().reward()).contains(first);
        assertThat(store.reward(B, new Referral.Reward(OrderId.of("O2"), T, 1, 1))
                        .orElseThrow()
                        .reward())
                .contains(first);
        assertThat(store.reward(C, first)).isEmpty();
    }

    @Test
    void twoMembersRacingToReferEachOtherNeverBothSucceed() throws InterruptedException {
        for (int round = 0; round < 50; round++) {
            ReferralStore s = newStore();
            MemberId x = MemberId.of("X" + round);
            MemberId y = MemberId.of("Y" + round);
            AtomicInteger ok = new AtomicInteger();
            Concurrently.run(2, t -> {
                Referral r = t == 0 ? referral(x, y) : referral(y, x);
                if (s.attribute(r) == AttributeResult.ATTRIBUTED) {
                    ok.incrementAndGet();
                }
            });
            assertThat(ok.get()).isEqualTo(1);
        }
    }
}
