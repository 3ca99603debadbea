/**
 * Loyalty for crmkit: an append-only {@link io.crmkit.loyalty.PointsLedger} (earn rules, pending
 * points, oldest-expiring-first redemption, expiry, clawback on refunds), tier {@link
 * io.crmkit.loyalty.Benefits} read from crm-segmentation's {@code TierProgram}, {@link
 * io.crmkit.loyalty.CouponService coupons} with unguessable unique codes, prepaid multi-use {@link
 * io.crmkit.loyalty.VoucherService vouchers} (寄杯), paid {@link io.crmkit.loyalty.MembershipService
 * memberships}, product {@link io.crmkit.loyalty.SubscriptionService subscriptions} and {@link
 * io.crmkit.loyalty.ReferralService referrals}.
 *
 * <p>Every mutating call takes an idempotency key: a retry with the same key and the same content
 * returns the first result, the same key with other content throws {@link
 * io.crmkit.loyalty.IdempotencyConflictException}. State lives behind the stores of {@link
 * io.crmkit.loyalty.spi}; the in-memory defaults are used when none is given. Rules: docs/loyalty.md.
 */
@NullMarked
package io.crmkit.loyalty;

import org.jspecify.annotations.NullMarked;
