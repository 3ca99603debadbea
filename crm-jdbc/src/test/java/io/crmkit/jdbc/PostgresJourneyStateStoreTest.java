package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.crmkit.automation.JourneyId;
import io.crmkit.automation.Reentry;
import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.EnterResult;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.testkit.JourneyStateStoreContract;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The journey state store on a real PostgreSQL passes the whole crm-testkit contract, and keeps every field exactly. */
class PostgresJourneyStateStoreTest extends JourneyStateStoreContract {
    private PostgresJourneyStateStore pg;

    @Override
    protected JourneyStateStore newStore() {
        pg = Db.fresh("contract_journey").journeys();
        return pg;
    }

    private static final JourneyId J = JourneyId.of("j");
    private static final MemberId M = MemberId.of("M-2");

    @Test
    void keepsEveryFieldExactlyIncludingNanosecondsAndContext() {
        Instant at = Instant.parse("2026-03-08T01:02:03.123456789Z");
        JourneyInstance i = new JourneyInstance(
                JourneyInstance.idOf(J, M, "order:O-1"),
                J,
                3,
                M,
                "order:O-1",
                at,
                JourneyInstance.Status.RUNNING,
                "s1",
                at.plusNanos(1),
                null,
                null,
                0,
                0,
                Map.of(),
                null,
                1);
        assertThat(pg.enter(i, Reentry.always(), ZONE)).isEqualTo(EnterResult.ENTERED);
        JourneyInstance next = i.withArm("mail")
                .afterAction("offer", "coupon", "CPN-7 \"quoted\" 中文")
                .moveTo(
                        JourneyInstance.Status.WAITING,
                        "wait",
                        at.plusSeconds(86400).plusNanos(999));
        pg.update(next);
        assertThat(pg.find(i.id())).contains(next);
        assertThat(pg.claimDue(at.plusSeconds(86400).plusNanos(998), 10, "a", Duration.ofMinutes(1)))
                .isEmpty();
        assertThat(pg.claimDue(at.plusSeconds(86400).plusNanos(999), 10, "a", Duration.ofMinutes(1)))
                .containsExactly(next);
        assertThat(pg.nextDue()).contains(at.plusSeconds(86400).plusNanos(999));

        EffectRecord e = new EffectRecord(
                "j/v3/M-2/order:O-1/offer#0",
                EffectRecord.Kind.COUPON,
                J,
                3,
                M,
                "offer",
                at,
                EffectRecord.Status.PENDING,
                null,
                null);
        assertThat(pg.intend(e)).isEqualTo(e);
        EffectRecord done = e.complete(EffectRecord.Status.DONE, "CPN-7", at.plusNanos(7));
        pg.complete(done);
        assertThat(pg.effect(e.key())).contains(done);
        assertThat(pg.messagesSince(M, Instant.MIN)).isZero(); // a coupon is not a message
    }

    @Test
    void cursorsHoldInstantMaxWhichTheEngineUsesForNoMore() {
        pg.cursor("broadcast:x", Instant.MAX);
        assertThat(pg.cursor("broadcast:x")).contains(Instant.MAX);
        pg.cursor("broadcast:x", Instant.MIN);
        assertThat(pg.cursor("broadcast:x")).contains(Instant.MIN);
    }

    @Test
    void refusesWhatItCannotStoreAndNamesTheField() {
        JourneyInstance far = running("far", Instant.parse("+10000-01-01T00:00:00Z"));
        assertThatThrownBy(() -> pg.enter(far, Reentry.always(), ZONE))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("enteredAt");
        assertThat(pg.find(far.id())).isEmpty();
        assertThatThrownBy(() -> pg.complete(new EffectRecord(
                        "nope",
                        EffectRecord.Kind.MESSAGE,
                        J,
                        1,
                        M,
                        "s",
                        Instant.EPOCH,
                        EffectRecord.Status.DONE,
                        null,
                        Instant.EPOCH)))
                .isInstanceOf(io.crmkit.core.spi.StoreException.class)
                .hasMessageContaining("never intended");
    }

    @Test
    void aSecondEngineSeesWhatTheFirstWroteThroughAnotherStoreObject() {
        JourneyInstance i = running("order:O-9", Instant.parse("2026-01-01T00:00:00Z"));
        pg.enter(i, Reentry.always(), ZONE);
        PostgresJourneyStateStore other = PostgresStores.builder(Db.dataSource())
                .schema("contract_journey")
                .migrate(false)
                .build()
                .journeys();
        assertThat(other.find(i.id())).contains(i);
        assertThat(other.enter(i, Reentry.always(), ZONE)).isEqualTo(EnterResult.DUPLICATE);
    }
}
