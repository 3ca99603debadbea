package io.crmkit.io;

import java.io.Serial;

/**
 * An import stopped for a reason that is not the input's fault: a store write failed, the
 * quarantine or checkpoint file could not be written, the input could not be read. Batches written
 * before the failure stay written; when a checkpoint file was configured, running the same import
 * again resumes after the last written batch.
 *
 * <pre>{@code
 * catch (ImportAbortedException e) {
 *     log.warn("import stopped, will resume: {}", e.getMessage());
 * }
 * }</pre>
 */
public class ImportAbortedException extends ImportException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the underlying failure
     */
    public ImportAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
