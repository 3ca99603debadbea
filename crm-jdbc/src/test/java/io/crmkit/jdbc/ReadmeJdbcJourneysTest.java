package io.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.automation.JourneyEngine;
import io.crmkit.automation.JourneyEvent;
import io.crmkit.automation.StandardJourneys;
import io.crmkit.automation.spi.Message;
import io.crmkit.automation.spi.MessageGateway;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.Email;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import io.crmkit.segmentation.ReadmeBlocks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** README.md's "Durable journeys" block (jdbc-2), compiled and run; the README copy must stay identical. */
class ReadmeJdbcJourneysTest {
    @Test
    void theReadmeCodeRuns() throws Exception {
        Db.fresh("crmkit"); // migrated and empty
        DataSource dataSource = Db.dataSource();
        BrandSettings brand = BrandSettings.ofDefaults();
        List<Message> sent = new ArrayList<>();
        MessageGateway gateway = sent::add;
        Instant t = Instant.parse("2026-05-04T03:00:00Z");

        // readme:jdbc-2:start
        PostgresStores pg = PostgresStores.builder(dataSource).schema("crmkit").build();
        Crm crm = pg.crm(brand);
        JourneyEngine engine = JourneyEngine.builder(crm)
                .store(pg.journeys()) // instances, timers, the effect log and cursors in PostgreSQL
                .owner("node-1") // each engine sharing the store has its own owner name
                .messages(gateway)
                .build();
        engine.deploy(StandardJourneys.survey7d());
        // readme:jdbc-2:end

        Member m = crm.members()
                .save(Member.builder(MemberId.of("M1"), t)
                        .name("Amy")
                        .email(Email.parse("amy@example.com"))
                        .consent(Consent.optIn(ContactChannel.EMAIL, t, "signup"))
                        .build());
        Order o = Order.builder(OrderId.of("O1"), m.id(), t.plusSeconds(60))
                .line(OrderLine.of(
                        ProductId.of("P1"), "Cocoa", Category.of("Food"), 1, Money.of(180, brand.currency())))
                .build();
        crm.orders().upsertAll(List.of(o));
        engine.publish(JourneyEvent.orderPlaced(o, true));
        // a restarted process (a new engine with the same owner) finds the instance waiting in PostgreSQL
        JourneyEngine restarted = JourneyEngine.builder(crm)
                .store(pg.journeys())
                .owner("node-1")
                .messages(gateway)
                .build();
        restarted.deploy(StandardJourneys.survey7d());
        assertThat(restarted.tick(t.plus(Duration.ofDays(6)))).isZero();
        assertThat(restarted.tick(t.plus(Duration.ofDays(8)))).isEqualTo(1);
        assertThat(sent).extracting(Message::template).containsExactly("survey-7d");
        ReadmeBlocks.assertReadmeShows(ReadmeJdbcJourneysTest.class, "jdbc-2");
    }
}
