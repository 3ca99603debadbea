package io.crmkit.core.spi;

import java.io.Serial;

/**
 * A write would make a key that must be unique point at two things: an external id already held by
 * another member, an interaction id already stored with other content, or one id twice in one
 * batch. Nothing of the batch was written.
 */
public class DuplicateKeyException extends StoreException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message which key, and what holds it already */
    public DuplicateKeyException(String message) {
        super(message);
    }
}
