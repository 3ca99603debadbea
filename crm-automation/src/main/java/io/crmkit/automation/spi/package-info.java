/**
 * What a host plugs into the journey engine: the gateways that carry effects out (messages,
 * coupons, points, tags, custom actions), the durable {@link
 * io.crmkit.automation.spi.JourneyStateStore} and a {@link
 * io.crmkit.automation.spi.JourneyListener} for metrics.
 *
 * <p>Every effect carries an idempotency key; gateways must treat a second call with a key they
 * have already carried out as done (return the first result, send nothing). The engine calls again
 * with the same key only when it cannot know whether the first call went through (a crash between
 * recording the intent and the outcome, or a transient failure).
 */
@NullMarked
package io.crmkit.automation.spi;

import org.jspecify.annotations.NullMarked;
