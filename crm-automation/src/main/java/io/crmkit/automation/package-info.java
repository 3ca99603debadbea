/**
 * Journeys: the right message at the right time, never twice, never without consent.
 *
 * <p>A {@link io.crmkit.automation.Journey} says when a member enters ({@link
 * io.crmkit.automation.Entry}), what happens then ({@link io.crmkit.automation.Step}s: waits,
 * branches on segment conditions, random splits with control groups, actions) and what counts as
 * success ({@link io.crmkit.automation.Goal}). A {@link io.crmkit.automation.JourneyEngine} runs
 * journeys durably on a {@link io.crmkit.automation.spi.JourneyStateStore}, sends through the
 * gateways of {@link io.crmkit.automation.spi}, checks the {@link io.crmkit.automation.Guards} at
 * the moment of sending, and gives every effect an idempotency key. A {@link
 * io.crmkit.automation.Backtest} replays journeys over a store's history with a virtual clock.
 */
@NullMarked
package io.crmkit.automation;

import org.jspecify.annotations.NullMarked;
