package io.crmkit.automation.spi;

/** What {@link JourneyStateStore#enter} did. */
public enum EnterResult {
    /** The member entered; the instance is stored as given. */
    ENTERED,
    /** An instance with this id was already admitted (the same trigger occurrence, delivered again). */
    DUPLICATE,
    /** The re-entry policy refused the entry; a scheduled instance of this id is finished as not admitted. */
    REFUSED
}
