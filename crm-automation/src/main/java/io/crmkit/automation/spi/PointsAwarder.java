package io.crmkit.automation.spi;

import io.crmkit.automation.JourneyId;
import io.crmkit.core.MemberId;
import java.time.Instant;

/** Awards loyalty points (crm-loyalty's ledger, or the host's). */
@FunctionalInterface
public interface PointsAwarder {
    /**
     * Points to award.
     *
     * @param key the idempotency key (the ledger's external reference)
     * @param journey the journey
     * @param member the member
     * @param points how many
     * @param reason why
     * @param at when (engine time)
     */
    record Request(String key, JourneyId journey, MemberId member, long points, String reason, Instant at) {}

    /**
     * Awards points, or does nothing if points with the same key were awarded.
     *
     * @param request what to award
     * @throws DeliveryException if they could not be awarded
     */
    void award(Request request);
}
