package io.crmkit.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.core.BrandSettings;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Crm;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.OrderId;
import io.crmkit.segmentation.ReadmeBlocks;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** README.md's "Journeys", compiled and run; the README copy must stay identical. */
class ReadmeJourneysTest {
    @Test
    void theReadmeCodeRuns() {
        BrandSettings brand = BrandSettings.ofDefaults();
        Crm crm = Crm.inMemory(brand);
        Instant t0 = Instant.parse("2026-01-05T02:00:00Z");
        crm.members()
                .save(Member.builder(MemberId.of("M1"), t0.minusSeconds(86_400))
                        .email(io.crmkit.core.Email.parse("m1@example.com"))
                        .consent(io.crmkit.core.Consent.optIn(ContactChannel.EMAIL, t0, "signup"))
                        .build());
        List<String> outbox = new ArrayList<>();
        var order = Sim.newOrder(OrderId.of("O1"), MemberId.of("M1"), t0);
        crm.orders().upsertAll(List.of(order));
        Instant from = t0.minusSeconds(3600);
        Instant to = t0.plus(Duration.ofDays(30));

        // readme:journeys-1:start
        Journey survey = Journey.builder("survey-7d")
                .entry(Entry.on(Trigger.orderPlaced())) // every order…
                .reentry(Reentry.always())
                .step(Step.waitFor("wait-7d", Duration.ofDays(7))) // …7 days later…
                .step(Step.send("survey", ContactChannel.EMAIL, "survey-7d", Map.of("name", "${member.name}")))
                .goal(Goal.of(Trigger.interaction(InteractionType.SURVEY_ANSWERED), Duration.ofDays(14)))
                .build(); // a bad definition fails here, naming the step

        JourneyEngine engine = JourneyEngine.builder(crm)
                .store(JourneyStateStore.inMemory()) // or the PostgreSQL store of crm-jdbc
                .messages(message -> outbox.add(message.key())) // your gateway; dedupe by key
                .guards(Guards.builder()
                        .frequencyCap(2, Duration.ofDays(7)) // across all journeys
                        .quietHours(LocalTime.of(21, 0), LocalTime.of(9, 0)) // deferred, not dropped
                        .build())
                .build();
        engine.deploy(survey);
        engine.publish(JourneyEvent.orderPlaced(order, true)); // or engine.followStores()
        engine.tick(order.placedAt().plus(Duration.ofDays(7))); // or engine.start(scheduler, period)

        Backtest.Result replay = Backtest.builder(crm) // what would a year of history have sent?
                .journeys(StandardJourneys.all()) // welcome, thanks, survey, win-back, birthday
                .between(from, to)
                .run();
        replay.metrics().journey(JourneyId.of("win-back")); // entered, converted, ...
        replay.metrics().uplift(JourneyId.of("win-back")); // treated vs control, 95% interval
        // readme:journeys-1:end

        assertThat(outbox).containsExactly("survey-7d/v1/M1/order:O1/survey#0");
        assertThat(replay.messages()).extracting(m -> m.template()).contains("survey-7d", "thanks-first-purchase");
    }

    @Test
    void theReadmeShowsTheTestedCode() throws IOException {
        ReadmeBlocks.assertReadmeShows(ReadmeJourneysTest.class, "journeys-1");
    }
}
