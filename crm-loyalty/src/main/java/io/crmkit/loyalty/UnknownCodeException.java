package io.crmkit.loyalty;

import java.io.Serial;

/**
 * A coupon, voucher, referral code or campaign / plan id is not known (or a typed code fails its
 * check character). Nothing was recorded.
 *
 * <pre>{@code
 * coupons.redeem("QX7K-TYPO", member, order, now); // UnknownCodeException: coupon code "QX7K-TYPO" ...
 * }</pre>
 */
public final class UnknownCodeException extends LoyaltyException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String code;

    /**
     * @param kind what kind of code, e.g. "coupon code", "campaign", "voucher"
     * @param code the code as given
     * @param detail why it is not known
     */
    public UnknownCodeException(String kind, String code, String detail) {
        super(kind + " \"" + code + "\" " + detail);
        this.kind = kind;
        this.code = code;
    }

    /** @return what kind of code it was, e.g. "coupon code" */
    public String kind() {
        return kind;
    }

    /** @return the code as given */
    public String code() {
        return code;
    }
}
