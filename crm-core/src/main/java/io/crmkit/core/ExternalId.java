package io.crmkit.core;

import io.crmkit.core.internal.Check;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A member's id in another system: a POS customer number, a LINE user id, a Shopify customer id,
 * a Shopee buyer account. A member keeps every one, so that identity resolution can merge people
 * who arrived through several channels and still find them by any of their ids. One external id
 * belongs to at most one member in a store.
 *
 * <pre>{@code
 * ExternalId shopify = ExternalId.of("shopify", "9013808660771");  // system "SHOPIFY"
 * }</pre>
 *
 * @param system the upper-case system name, e.g. {@code SHOPIFY}, {@code LINE}, {@code POS}
 * @param value the id in that system
 */
public record ExternalId(String system, String value) {
    private static final Pattern SYSTEM = Pattern.compile("[A-Z0-9_]{1,40}");

    /** @throws InvalidValueException if the system is not an upper-case code or the value not an id */
    public ExternalId {
        Check.notNull(system, "externalId.system");
        Check.that(
                SYSTEM.matcher(system).matches(),
                "externalId.system",
                Check.quote(system) + " is not a system code (1 to 40 upper-case letters, digits or _)");
        Check.id(value, "externalId.value");
    }

    /**
     * @param system the system name, any case
     * @param value the id in that system
     * @return the external id
     */
    public static ExternalId of(String system, String value) {
        Check.notNull(system, "externalId.system");
        return new ExternalId(
                system.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'), value);
    }

    @Override
    public String toString() {
        return system + ":" + value;
    }
}
