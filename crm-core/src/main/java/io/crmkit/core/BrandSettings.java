package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;

/**
 * What crmkit needs to know about a brand: its time zone (every "day", "birthday" and "N days
 * after" is computed there), its currency (every order must be in it), its clock (injected, so
 * tests and simulations control time) and the country calling code used to read local phone
 * numbers.
 *
 * <pre>{@code
 * BrandSettings taipei = BrandSettings.ofDefaults();      // Asia/Taipei, TWD, system clock, +886
 * BrandSettings fixed = BrandSettings.from(taipei)
 *         .clock(Clock.fixed(Instant.parse("2026-11-11T04:00:00Z"), taipei.zone()))
 *         .build();
 * }</pre>
 */
public final class BrandSettings {
    private final ZoneId zone;
    private final Currency currency;
    private final Clock clock;
    private final String countryCallingCode;

    private BrandSettings(Builder b) {
        this.zone = b.zone;
        this.currency = b.currency;
        this.clock = b.clock.withZone(b.zone);
        this.countryCallingCode = b.countryCallingCode;
    }

    /** @return Taiwan: zone {@code Asia/Taipei}, currency TWD, the system clock, calling code 886 */
    public static BrandSettings ofDefaults() {
        return custom().build();
    }

    /** @return a builder that starts from the Taiwan defaults of {@link #ofDefaults()} */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * @param existing settings to copy
     * @return a builder that starts from the given settings
     */
    public static Builder from(BrandSettings existing) {
        Builder b = new Builder();
        b.zone = existing.zone;
        b.currency = existing.currency;
        b.clock = existing.clock;
        b.countryCallingCode = existing.countryCallingCode;
        return b;
    }

    /** @return the brand's time zone */
    public ZoneId zone() {
        return zone;
    }

    /** @return the brand's currency */
    public Currency currency() {
        return currency;
    }

    /** @return the brand's clock, in the brand's zone */
    public Clock clock() {
        return clock;
    }

    /** @return the country calling code without "+", used for local phone numbers, e.g. "886" */
    public String countryCallingCode() {
        return countryCallingCode;
    }

    /** @return the current instant on the brand's clock */
    public Instant now() {
        return clock.instant();
    }

    /** @return today's date in the brand's zone */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * @param instant an instant
     * @return the date of that instant in the brand's zone
     */
    public LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    @Override
    public String toString() {
        return "BrandSettings[zone=" + zone + ", currency=" + currency + ", callingCode=+" + countryCallingCode + "]";
    }

    /** Builds {@link BrandSettings}; every setting starts at the Taiwan default. */
    public static final class Builder {
        private ZoneId zone = ZoneId.of("Asia/Taipei");
        private Currency currency = Currency.getInstance("TWD");
        private Clock clock = Clock.systemUTC();
        private String countryCallingCode = "886";

        private Builder() {}

        /**
         * @param zone the brand's time zone
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = Check.notNull(zone, "zone");
            return this;
        }

        /**
         * @param currency the brand's currency
         * @return this builder
         */
        public Builder currency(Currency currency) {
            this.currency = Check.notNull(currency, "currency");
            return this;
        }

        /**
         * @param clock the clock to read "now" from; its zone is replaced by the brand's zone
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Check.notNull(clock, "clock");
            return this;
        }

        /**
         * @param code country calling code, 1 to 3 digits, with or without "+", e.g. "886"
         * @return this builder
         * @throws InvalidValueException if the code is not 1 to 3 digits
         */
        public Builder countryCallingCode(String code) {
            Check.notNull(code, "countryCallingCode");
            String c = code.startsWith("+") ? code.substring(1) : code;
            Check.that(
                    c.matches("[1-9]\\d{0,2}"),
                    "countryCallingCode",
                    Check.quote(code) + " is not a country calling code (1 to 3 digits, e.g. 886)");
            this.countryCallingCode = c;
            return this;
        }

        /** @return the settings */
        public BrandSettings build() {
            return new BrandSettings(this);
        }
    }
}
