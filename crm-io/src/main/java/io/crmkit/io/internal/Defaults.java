package io.crmkit.io.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;

/**
 * What a mapping falls back on: the zone of local times, the currency, the calling code of phones
 * without a country (from the importer's brand settings or options), and the time of the import.
 */
public record Defaults(ZoneId zone, Currency currency, String callingCode, Instant now, boolean zoneForced) {}
