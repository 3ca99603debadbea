package io.crmkit.loyalty;

import io.crmkit.core.CampaignId;
import io.crmkit.core.InvalidValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A coupon campaign: one shared code for everyone (e.g. "DOUBLE11") or a unique personal code per
 * issued coupon, a validity window, an optional validity per coupon from its issue, and budget
 * limits per member and in total.
 *
 * <pre>{@code
 * CouponCampaign birthday = CouponCampaign.builder(CampaignId.of("bday-2026"), "生日禮 NT$200")
 *         .uniqueCodes(12)
 *         .valid(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))
 *         .validFor(Duration.ofDays(30))
 *         .perMember(1)
 *         .budget(50_000)
 *         .build();
 * }</pre>
 *
 * @param id the campaign id
 * @param name what the coupon gives, shown in reports
 * @param sharedCode the shared code, normalised; empty for unique codes
 * @param codeLength random characters of unique codes (0 with a shared code)
 * @param validFrom first instant coupons can be redeemed
 * @param validUntil instant from which coupons are expired and no more are issued
 * @param validFor how long a coupon stays valid after its issue (never past {@code validUntil})
 * @param perMember most coupons one member can be issued
 * @param budget most coupons issued in total
 */
public record CouponCampaign(
        CampaignId id,
        String name,
        Optional<String> sharedCode,
        int codeLength,
        Instant validFrom,
        Instant validUntil,
        Optional<Duration> validFor,
        int perMember,
        long budget) {

    /** @throws InvalidValueException if a field is missing or inconsistent, naming it */
    public CouponCampaign {
        if (id == null
                || name == null
                || sharedCode == null
                || validFrom == null
                || validUntil == null
                || validFor == null) {
            throw new InvalidValueException(
                    "campaign", "id, name, sharedCode, validFrom, validUntil, validFor are required");
        }
        String at = "campaign[" + id.value() + "]";
        if (name.isBlank() || name.length() > 500) {
            throw new InvalidValueException(at + ".name", "must be 1 to 500 characters");
        }
        if (sharedCode.isPresent()) {
            String c = sharedCode.get();
            if (!c.equals(CouponCodes.normalise(c))
                    || c.length() < 3
                    || c.length() > 32
                    || !c.chars().allMatch(ch -> ch < 128 && Character.isLetterOrDigit(ch))) {
                throw new InvalidValueException(
                        at + ".sharedCode", "\"" + c + "\" must be 3 to 32 upper-case ASCII letters or digits");
            }
            if (codeLength != 0) {
                throw new InvalidValueException(at + ".codeLength", "must be 0 with a shared code");
            }
        } else if (codeLength < 8 || codeLength > 24) {
            throw new InvalidValueException(at + ".codeLength", "must be 8 to 24, was " + codeLength);
        }
        if (!validUntil.isAfter(validFrom)) {
            throw new InvalidValueException(at + ".validUntil", validUntil + " must be after validFrom " + validFrom);
        }
        if (validFor.isPresent()
                && (validFor.get().isNegative() || validFor.get().isZero())) {
            throw new InvalidValueException(at + ".validFor", "must be positive");
        }
        if (perMember < 1) {
            throw new InvalidValueException(at + ".perMember", "must be at least 1, was " + perMember);
        }
        if (budget < 1) {
            throw new InvalidValueException(at + ".budget", "must be at least 1, was " + budget);
        }
    }

    /**
     * @param id the campaign id
     * @param name what the coupon gives
     * @return a builder: unique 12-character codes, one per member, budget 10^9
     */
    public static Builder builder(CampaignId id, String name) {
        return new Builder(id, name);
    }

    /**
     * @param issuedAt when a coupon is issued
     * @return when it expires
     */
    public Instant expiryOf(Instant issuedAt) {
        if (validFor.isEmpty()) {
            return validUntil;
        }
        Instant start = issuedAt.isAfter(validFrom) ? issuedAt : validFrom;
        Instant end = start.plus(validFor.get());
        return end.isBefore(validUntil) ? end : validUntil;
    }

    /** Builds a campaign. */
    public static final class Builder {
        private final CampaignId id;
        private final String name;
        private String sharedCode;
        private int codeLength = 12;
        private Instant from;
        private Instant until;
        private Duration validFor;
        private int perMember = 1;
        private long budget = 1_000_000_000L;

        private Builder(CampaignId id, String name) {
            this.id = id;
            this.name = name;
        }

        /**
         * @param code the one code everybody types (normalised to upper case)
         * @return this builder
         */
        public Builder sharedCode(String code) {
            this.sharedCode = code == null ? null : CouponCodes.normalise(code);
            return this;
        }

        /**
         * @param length random characters per code, 8 to 24
         * @return this builder
         */
        public Builder uniqueCodes(int length) {
            this.sharedCode = null;
            this.codeLength = length;
            return this;
        }

        /**
         * @param from first valid instant
         * @param until end of validity (exclusive)
         * @return this builder
         */
        public Builder valid(Instant from, Instant until) {
            this.from = from;
            this.until = until;
            return this;
        }

        /**
         * @param duration validity of each coupon from its issue
         * @return this builder
         */
        public Builder validFor(Duration duration) {
            this.validFor = duration;
            return this;
        }

        /**
         * @param limit most coupons per member
         * @return this builder
         */
        public Builder perMember(int limit) {
            this.perMember = limit;
            return this;
        }

        /**
         * @param total most coupons issued in total
         * @return this builder
         */
        public Builder budget(long total) {
            this.budget = total;
            return this;
        }

        /** @return the campaign */
        public CouponCampaign build() {
            if (from == null || until == null) {
                throw new InvalidValueException(
                        "campaign[" + (id == null ? "?" : id.value()) + "].valid", "call valid(from, until)");
            }
            return new CouponCampaign(
                    id,
                    name,
                    Optional.ofNullable(sharedCode),
                    sharedCode == null ? codeLength : 0,
                    from,
                    until,
                    Optional.ofNullable(validFor),
                    perMember,
                    budget);
        }
    }

    /** @return the code length as an optional, empty for shared codes */
    public OptionalInt uniqueCodeLength() {
        return sharedCode.isPresent() ? OptionalInt.empty() : OptionalInt.of(codeLength);
    }
}
