package io.crmkit.automation.spi;

import io.crmkit.automation.JourneyId;
import io.crmkit.core.MemberId;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A host's own action, named in journeys by {@link #name()} (open a service ticket, call a webhook, ...). */
public interface CustomAction {
    /**
     * A call of the action.
     *
     * @param key the idempotency key
     * @param journey the journey
     * @param member the member
     * @param params the step's parameters
     * @param at when (engine time)
     */
    record Request(String key, JourneyId journey, MemberId member, Map<String, String> params, Instant at) {}

    /** @return the name journeys use */
    String name();

    /**
     * Carries the action out, or does nothing if it was carried out with the same key.
     *
     * @param request the call
     * @return a result to remember in the instance's context under the step's id, or null
     * @throws DeliveryException if it failed
     */
    @Nullable
    String execute(Request request);
}
