package io.crmkit.generator;

import io.crmkit.core.CrmException;
import java.io.Serial;

/**
 * Writing the canonical CSV files failed: a file exists and must not be replaced, or a file
 * cannot be created or written. The message names the file.
 *
 * <pre>{@code
 * try (CanonicalCsv csv = CanonicalCsv.create(dir)) { ... }
 * catch (CanonicalCsvException e) { log.warn("export failed: {}", e.getMessage()); }
 * }</pre>
 */
public class CanonicalCsvException extends CrmException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the file */
    public CanonicalCsvException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the file
     * @param cause the underlying failure
     */
    public CanonicalCsvException(String message, Throwable cause) {
        super(message, cause);
    }
}
