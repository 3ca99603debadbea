package io.crmkit.segmentation;

import io.crmkit.core.CrmException;
import java.io.Serial;

/**
 * A segment definition cannot be used: it names an unknown segment or custom predicate, or
 * segments refer to each other in a cycle. The message says which.
 */
public class SegmentationException extends CrmException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the segment */
    public SegmentationException(String message) {
        super(message);
    }
}
