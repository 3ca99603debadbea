package io.crmkit.core.spi;

import java.io.Serial;

/** A write needed a stored value that does not exist, e.g. {@link MemberStore#update} of an unknown member. */
public class NotFoundException extends StoreException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message what was missing */
    public NotFoundException(String message) {
        super(message);
    }
}
