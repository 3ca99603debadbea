package io.crmkit.io;

import io.crmkit.core.CrmException;
import java.io.Serial;

/**
 * Root of the exceptions crm-io throws on purpose: bad input that stops an import ({@link
 * InputException}), a header no preset or several presets match ({@link PresetDetectionException}),
 * a mapping that is not valid ({@link MappingException}), and a store or file failure during an
 * import ({@link ImportAbortedException}).
 *
 * <pre>{@code
 * try {
 *     importer.importFile(path);
 * } catch (ImportException e) {
 *     System.err.println(e.getMessage()); // orders.csv line 17 column "Total": "12,3x" is not an amount
 * }
 * }</pre>
 */
public class ImportException extends CrmException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the file and where */
    public ImportException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the file and where
     * @param cause the underlying failure
     */
    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
