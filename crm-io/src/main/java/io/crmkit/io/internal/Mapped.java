package io.crmkit.io.internal;

import io.crmkit.core.Interaction;
import io.crmkit.core.Order;
import io.crmkit.core.Product;
import org.jspecify.annotations.Nullable;

/**
 * What one group of rows became. An order whose member is found by e-mail, phone or external id
 * carries a placeholder member id until the writer has resolved the member.
 */
public final class Mapped {
    public @Nullable MemberDraft member;
    public @Nullable Order order;
    public @Nullable Product product;
    public @Nullable Interaction interaction;
    /** The rows it came from. */
    public int rows;
}
