package io.crmkit.core.spi;

import io.crmkit.core.MemberId;
import java.io.Serial;

/**
 * A member was saved with a version that is not the stored one: someone else changed it since it
 * was read (or it was saved as new, version 0, but exists). Read it again, apply the change again
 * and save; {@link MemberStore#update} does exactly that.
 */
public class VersionConflictException extends StoreException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String memberId;
    private final long expected;
    private final long actual;

    /**
     * @param memberId the member
     * @param expected the version the caller had
     * @param actual the stored version, 0 if the member does not exist
     */
    public VersionConflictException(MemberId memberId, long expected, long actual) {
        super("member " + memberId + ": saved with version " + expected + " but the stored version is " + actual
                + (actual == 0 ? " (no such member)" : expected == 0 ? " (it already exists)" : ""));
        this.memberId = memberId.value();
        this.expected = expected;
        this.actual = actual;
    }

    /** @return the member */
    public MemberId memberId() {
        return MemberId.of(memberId);
    }

    /** @return the version the caller had */
    public long expected() {
        return expected;
    }

    /** @return the stored version, 0 if the member does not exist */
    public long actual() {
        return actual;
    }
}
