package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.spi.DuplicateKeyException;
import io.crmkit.core.spi.MemberStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two {@link PostgresStores} on one schema stand for two application processes: the database, not a
 * JVM lock, keeps updates from being lost and external ids unique between them.
 */
class TwoProcessesTest {
    private static final AttributeKey<Integer> COUNTER = AttributeKey.ofInteger("counter");
    private static final Instant T = Instant.parse("2025-03-01T02:00:00Z");

    @Test
    void updatesThroughTwoStoreObjectsLoseNothing() throws Exception {
        PostgresStores a = Db.fresh("two");
        PostgresStores b = PostgresStores.builder(Db.dataSource()).schema("two").build(); // migrations: no-op
        a.members()
                .save(Member.builder(MemberId.of("M1"), T).attribute(COUNTER, 0).build());
        int threads = 4;
        int increments = 50;
        List<Thread> all = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger failures = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            MemberStore store = (t % 2 == 0 ? a : b).members();
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < increments; i++) {
                        store.update(
                                MemberId.of("M1"),
                                m -> m.toBuilder()
                                        .attribute(COUNTER, m.attribute(COUNTER).orElseThrow() + 1)
                                        .build());
                    }
                } catch (Exception | AssertionError e) {
                    failures.incrementAndGet();
                }
            });
            th.start();
            all.add(th);
        }
        start.countDown();
        for (Thread th : all) {
            th.join();
        }
        assertThat(failures).hasValue(0);
        Member m = b.members().find(MemberId.of("M1")).orElseThrow();
        assertThat(m.attribute(COUNTER)).contains(threads * increments);
        assertThat(m.version()).isEqualTo(1L + threads * increments);
    }

    @Test
    void anExternalIdStaysWithOneMemberAcrossStoreObjects() throws Exception {
        PostgresStores a = Db.fresh("two");
        PostgresStores b = PostgresStores.builder(Db.dataSource()).schema("two").build();
        ExternalId x = ExternalId.of("SHOPIFY", "42");
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            MemberStore store = (t % 2 == 0 ? a : b).members();
            MemberId id = MemberId.of("M" + t);
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    store.save(Member.builder(id, T).externalId(x).build());
                } catch (DuplicateKeyException e) {
                    refused.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            th.start();
            all.add(th);
        }
        start.countDown();
        for (Thread th : all) {
            th.join();
        }
        assertThat(refused).as("saves refused").hasValue(7);
        assertThat(a.members().count()).isEqualTo(1);
        assertThat(b.members().findByExternalId(x)).isPresent();
    }
}
