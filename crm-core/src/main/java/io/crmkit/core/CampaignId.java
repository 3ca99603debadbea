package io.crmkit.core;

import io.crmkit.core.internal.Check;

/**
 * Identifies a campaign. Ids are opaque text of 1 to 128 characters with no leading or trailing white
 * space; they compare as text, which is the order stores iterate in.
 *
 * <pre>{@code
 * CampaignId id = CampaignId.of("C10042");
 * }</pre>
 *
 * @param value the id text
 */
public record CampaignId(String value) implements Comparable<CampaignId> {
    /** @throws InvalidValueException if the text is not a valid id */
    public CampaignId {
        Check.id(value, "campaignId");
    }

    /**
     * @param value the id text
     * @return the id
     * @throws InvalidValueException if the text is empty, longer than 128 characters, has leading
     *     or trailing white space or control characters
     */
    public static CampaignId of(String value) {
        return new CampaignId(value);
    }

    @Override
    public int compareTo(CampaignId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
