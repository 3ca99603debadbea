package io.crmkit.automation.spi;

import io.crmkit.automation.JourneyId;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.MemberId;
import java.time.Instant;
import java.util.Map;

/**
 * A message to send.
 *
 * @param key the idempotency key: a second send with it must not reach the member again
 * @param journey the journey that sends it
 * @param member the recipient
 * @param channel the channel
 * @param template the host's template id
 * @param variables the template's personal variables, resolved
 * @param at when it is sent (engine time)
 */
public record Message(
        String key,
        JourneyId journey,
        MemberId member,
        ContactChannel channel,
        String template,
        Map<String, String> variables,
        Instant at) {
    /** Copies the variables. */
    public Message {
        variables = Map.copyOf(variables);
    }
}
