package io.crmkit.io;

/**
 * What an import does with a bad row.
 *
 * <pre>{@code
 * Importer.into(crm).mode(ImportMode.STRICT).build();
 * }</pre>
 */
public enum ImportMode {
    /** Stop at the first bad row with an {@link InputException}; nothing after it is written. */
    STRICT,
    /**
     * Reject the bad row (report it, copy it to the quarantine file) and go on, up to the error
     * limit.
     */
    LENIENT
}
