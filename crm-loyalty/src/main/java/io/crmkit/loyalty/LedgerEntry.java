package io.crmkit.loyalty;

import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.OrderId;
import java.time.Instant;
import java.util.Optional;

/**
 * One immutable line of a member's points ledger, as stored. The ledger is append-only: balances,
 * unlocks, expiries and debts are derived from the entries by replaying them in sequence order.
 *
 * <pre>{@code
 * LedgerEntry e = ledger.earn(member, 100, "signup bonus", "signup-M1", now);
 * e.sequence(); // 0 for the member's first entry
 * }</pre>
 *
 * @param member the member
 * @param sequence the entry's position in the member's ledger, from 0 without gaps
 * @param kind earn, redeem or clawback
 * @param points the points, always positive; the kind gives the direction
 * @param at when it was recorded; never earlier than the member's previous entry
 * @param reference the idempotency key (external reference), unique across the whole ledger
 * @param reason a free text shown on statements
 * @param order the order an earn was for, or a clawback takes back
 * @param availableAt when earned points can be redeemed ({@code at} unless they are pending); equal
 *     to {@code at} for other kinds
 * @param expiresAt when earned points expire, if they do; empty for other kinds
 * @param policy for a clawback, the negative-balance policy in force when it was recorded
 */
public record LedgerEntry(
        MemberId member,
        long sequence,
        Kind kind,
        long points,
        Instant at,
        String reference,
        String reason,
        Optional<OrderId> order,
        Instant availableAt,
        Optional<Instant> expiresAt,
        Optional<NegativeBalancePolicy> policy) {

    /** The longest reference or reason, in UTF-16 characters. */
    public static final int MAX_TEXT = 500;

    /** What an entry does. */
    public enum Kind {
        /** Points in: available at {@code availableAt}, expiring at {@code expiresAt}. */
        EARN,
        /** Points out, oldest-expiring first. */
        REDEEM,
        /** Points of a refunded order taken back. */
        CLAWBACK
    }

    /** @throws InvalidValueException if a field is missing, negative or inconsistent, naming it */
    public LedgerEntry {
        if (member == null || kind == null || at == null || reference == null || reason == null) {
            throw new InvalidValueException("ledgerEntry", "member, kind, at, reference and reason are required");
        }
        if (order == null || availableAt == null || expiresAt == null || policy == null) {
            throw new InvalidValueException("ledgerEntry", "optional fields must be empty, not null");
        }
        if (sequence < 0) {
            throw new InvalidValueException("ledgerEntry.sequence", "must not be negative, was " + sequence);
        }
        if (points <= 0) {
            throw new InvalidValueException("points", "must be positive, was " + points);
        }
        requireText("reference", reference);
        if (reason.length() > MAX_TEXT) {
            throw new InvalidValueException("reason", "at most " + MAX_TEXT + " characters");
        }
        if (kind == Kind.EARN) {
            if (availableAt.isBefore(at)) {
                throw new InvalidValueException("availableAt", "must not be before the earn instant " + at);
            }
            if (expiresAt.isPresent() && !expiresAt.get().isAfter(availableAt)) {
                throw new InvalidValueException(
                        "expiresAt", expiresAt.get() + " must be after the points become available at " + availableAt);
            }
        } else {
            if (!availableAt.equals(at) || expiresAt.isPresent()) {
                throw new InvalidValueException(
                        "ledgerEntry", kind + " entries have availableAt = at and no expiresAt");
            }
        }
        if ((kind == Kind.CLAWBACK) != policy.isPresent()) {
            throw new InvalidValueException("policy", "a policy is given exactly on clawback entries");
        }
        if (kind == Kind.CLAWBACK && order.isEmpty()) {
            throw new InvalidValueException("order", "a clawback names its order");
        }
    }

    static void requireText(String field, String value) {
        if (value.isBlank() || value.length() > MAX_TEXT) {
            throw new InvalidValueException(field, "must be 1 to " + MAX_TEXT + " characters and not blank");
        }
    }

    /**
     * @param sequence a position in the member's ledger
     * @return this entry at that position (the service sets it just before appending)
     */
    public LedgerEntry withSequence(long sequence) {
        return new LedgerEntry(
                member, sequence, kind, points, at, reference, reason, order, availableAt, expiresAt, policy);
    }

    /**
     * The idempotency check: a retry must ask for the same thing (member, kind, points, reason and
     * order); instants may differ.
     *
     * @param other a request with the same reference
     * @return empty if it is the same request, else what differs
     */
    public Optional<String> differenceFrom(LedgerEntry other) {
        if (!member.equals(other.member)) {
            return Optional.of("member " + member.value() + " ≠ " + other.member.value());
        }
        if (kind != other.kind) {
            return Optional.of("kind " + kind + " ≠ " + other.kind);
        }
        if (points != other.points) {
            return Optional.of("points " + points + " ≠ " + other.points);
        }
        if (!reason.equals(other.reason)) {
            return Optional.of("reason \"" + reason + "\" ≠ \"" + other.reason + "\"");
        }
        if (!order.equals(other.order)) {
            return Optional.of("order " + order.map(OrderId::value).orElse("none") + " ≠ "
                    + other.order.map(OrderId::value).orElse("none"));
        }
        return Optional.empty();
    }
}
