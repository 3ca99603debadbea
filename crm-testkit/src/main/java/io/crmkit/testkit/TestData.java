package io.crmkit.testkit;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.Attributes;
import io.crmkit.core.CampaignId;
import io.crmkit.core.Category;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Gender;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionId;
import io.crmkit.core.InteractionType;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Note;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.PaymentMethod;
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.Product;
import io.crmkit.core.ProductId;
import io.crmkit.core.Refund;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.ShippingMethod;
import io.crmkit.core.StoreId;
import io.crmkit.core.Tag;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * Valid members, orders, products and interactions for store tests, built in one call: a minimal
 * form (only what is required) and a full form (every optional field set, every attribute type,
 * non-ASCII text). The contract classes use it; adapter authors can use it in their own tests.
 *
 * <p>Ids made from a number are zero-padded ({@code M000042}), so that their text order, the order
 * stores iterate in, is the numeric order. Every instant is a whole number of microseconds, the
 * precision of a PostgreSQL timestamp.
 *
 * <pre>{@code
 * Member mei = TestData.fullMember(TestData.memberId(1));
 * Order order = TestData.order(TestData.orderId(7), mei.id(), TestData.at(30));
 * store.save(mei);
 * }</pre>
 */
public final class TestData {
    /** The instant the test data starts from: 2025-01-01T00:00:00Z. */
    public static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** New Taiwan dollar, the currency of the default brand and of the test data. */
    public static final Currency TWD = Currency.getInstance("TWD");

    private TestData() {}

    /**
     * @param minutes minutes after {@link #T0}, possibly negative
     * @return that instant
     */
    public static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /**
     * @param major whole dollars
     * @return that amount in {@link #TWD}
     */
    public static Money twd(long major) {
        return Money.of(major, TWD);
    }

    /**
     * @param n a number, 0 to 999,999
     * @return the member id {@code M} and the number in six digits, e.g. {@code M000042}
     */
    public static MemberId memberId(int n) {
        return MemberId.of(padded("M", n));
    }

    /**
     * @param n a number, 0 to 999,999
     * @return the order id {@code O} and the number in six digits
     */
    public static OrderId orderId(int n) {
        return OrderId.of(padded("O", n));
    }

    /**
     * @param n a number, 0 to 999,999
     * @return the product id {@code P} and the number in six digits
     */
    public static ProductId productId(int n) {
        return ProductId.of(padded("P", n));
    }

    /**
     * @param n a number, 0 to 999,999
     * @return the interaction id {@code I} and the number in six digits
     */
    public static InteractionId interactionId(int n) {
        return InteractionId.of(padded("I", n));
    }

    private static String padded(String prefix, int n) {
        if (n < 0 || n > 999_999) {
            throw new IllegalArgumentException("test data numbers are 0 to 999999, was " + n);
        }
        return prefix + String.format(Locale.ROOT, "%06d", n);
    }

    /**
     * A typical value of an attribute type, chosen to expose lossy storage: a text with non-ASCII
     * characters and white space at both ends, a {@code long} above 2<sup>53</sup> (which a JSON
     * double loses), a decimal with a trailing zero (whose scale must survive), {@code false} rather
     * than {@code true}, 29 February, and an instant with microseconds.
     *
     * @param type an attribute type
     * @return a value of the type's Java class
     */
    public static Object sampleValue(AttributeKey.Type type) {
        return switch (type) {
            case STRING -> " logistics / 物流 🚚 ";
            case INTEGER -> -123_456;
            case LONG -> 9_007_199_254_740_993L;
            case DECIMAL -> new BigDecimal("12345678901234567890.50");
            case BOOLEAN -> Boolean.FALSE;
            case DATE -> LocalDate.of(2024, 2, 29);
            case INSTANT -> T0.plusNanos(123_456_000);
        };
    }

    /**
     * @return one value of every {@link AttributeKey.Type}, under the names {@code tk_string},
     *     {@code tk_integer} and so on, each holding its {@link #sampleValue}
     */
    public static Attributes everyAttributeType() {
        Attributes a = Attributes.empty();
        for (AttributeKey.Type type : AttributeKey.Type.values()) {
            a = a.withUnchecked(attributeKey(type), sampleValue(type));
        }
        return a;
    }

    /**
     * @param type an attribute type
     * @return the key {@link #everyAttributeType()} uses for that type
     */
    public static AttributeKey<?> attributeKey(AttributeKey.Type type) {
        return AttributeKey.of("tk_" + type.name().toLowerCase(Locale.ROOT), type);
    }

    /**
     * @param id the member id
     * @return a member with only the required fields: the id and the join time {@link #T0}
     */
    public static Member member(MemberId id) {
        return Member.builder(id, T0).build();
    }

    /**
     * @param n a number for {@link #memberId(int)}
     * @return a member with only the required fields
     */
    public static Member member(int n) {
        return member(memberId(n));
    }

    /**
     * A member with every field set: name, gender, birthday, region, city, source channel, e-mail
     * {@code <id in lower case>@example.com}, phone {@code +886912345678}, LINE and Facebook ids,
     * preferred channel, three consents, {@link #everyAttributeType()}, three tags (one of each
     * source, not in name order), two notes and two external ids made from the member id ({@code
     * SHOPIFY:<id>} and {@code POS:P-<id>}).
     *
     * @param id the member id
     * @return the member, version 0
     */
    public static Member fullMember(MemberId id) {
        return Member.builder(id, T0.plusNanos(987_654_000))
                .name("林美玲 Mei-Ling 🌸")
                .gender(Gender.FEMALE)
                .birthday(LocalDate.of(1996, 2, 29))
                .region("北部")
                .city("新北市")
                .sourceChannel(SalesChannel.of("SHOPEE"))
                .email(Email.parse(id.value().toLowerCase(Locale.ROOT) + "@example.com"))
                .phone(PhoneNumber.parse("0912-345-678", "886"))
                .lineId("U4af4980629" + id.value())
                .facebookId("fb-" + id.value())
                .preferredChannel(ContactChannel.LINE)
                .consent(Consent.optIn(ContactChannel.EMAIL, at(1), "signup-form"))
                .consent(Consent.optOut(ContactChannel.SMS, at(2).plusNanos(1_000), "pos 門市"))
                .consent(Consent.optIn(ContactChannel.LINE, at(3), "line-oa"))
                .attributes(everyAttributeType())
                .tag(Tag.manual("vip", "agent:amy", at(10)))
                .tag(Tag.rule("persona:office-worker", "segment-42", at(11)))
                .tag(new Tag("b2b", Tag.Source.IMPORT, "shopify-import", at(12)))
                .note(new Note("Prefers delivery after 6 pm\n晚上六點後送貨", "agent:amy", at(20)))
                .note(new Note("Asked about the loyalty programme", "agent:bob", at(21)))
                .externalId(ExternalId.of("shopify", id.value()))
                .externalId(ExternalId.of("POS", "P-" + id.value()))
                .build();
    }

    /**
     * @param id the order id
     * @param memberId the member who placed it
     * @param placedAt when
     * @return a completed web order with one line of NT$100 and nothing else
     */
    public static Order order(OrderId id, MemberId memberId, Instant placedAt) {
        return Order.builder(id, memberId, placedAt)
                .line(OrderLine.of(ProductId.of("P-TEST"), "Test product", Category.of("Test"), 1, twd(100)))
                .build();
    }

    /**
     * An order with every field set: a status other than the default, a POS channel with a store and
     * a pickup store, payment and shipping methods, a delivery time, two coupons, three lines (one
     * with SKU, unit cost and discount, one with cents, one from {@link #fullProduct}), a shipping
     * fee, an order discount and two refunds.
     *
     * @param id the order id
     * @param memberId the member who placed it
     * @param placedAt when
     * @return the order
     */
    public static Order fullOrder(OrderId id, MemberId memberId, Instant placedAt) {
        return Order.builder(id, memberId, placedAt)
                .status(OrderStatus.FULFILLED)
                .channel(SalesChannel.POS)
                .store(StoreId.of("台北信義店"))
                .pickupStore(StoreId.of("7-11-台北車站"))
                .paymentMethod(PaymentMethod.LINE_PAY)
                .shippingMethod(ShippingMethod.CONVENIENCE_STORE_PICKUP)
                .deliveredAt(placedAt.plus(Duration.ofDays(2)).plusNanos(250_000_000))
                .coupon("DOUBLE11")
                .coupon("VIP-10")
                .line(OrderLine.of(ProductId.of("P42"), "Cocoa 500g 可可", Category.of("Food > Drinks"), 2, twd(180))
                        .withSku("COCOA-500")
                        .withUnitCost(twd(95))
                        .withDiscount(Money.parse("36.50", TWD)))
                .line(OrderLine.of(
                        ProductId.of("P7"), "Mug", Category.of("Home > Kitchen > Cups"), 1, Money.parse("299.99", TWD)))
                .line(OrderLine.of(fullProduct(ProductId.of("P8")), 3, twd(50)))
                .shippingFee(twd(60))
                .orderDiscount(twd(100))
                .refund(new Refund(placedAt.plus(Duration.ofDays(3)), twd(50), "damaged 破損"))
                .refund(new Refund(placedAt.plus(Duration.ofDays(4)), Money.parse("10.25", TWD), ""))
                .build();
    }

    /**
     * @param id the product id
     * @return a product with a name and a category and no price or cost
     */
    public static Product product(ProductId id) {
        return Product.of(id, "Test product", Category.of("Test"));
    }

    /**
     * @param id the product id
     * @return a product with a non-ASCII name, a three-level category, a list price with cents and
     *     a unit cost
     */
    public static Product fullProduct(ProductId id) {
        return new Product(
                id,
                "Cocoa 可可 500g",
                Category.of("Food > Drinks > Cocoa"),
                Optional.of(Money.parse("180.50", TWD)),
                Optional.of(twd(95)));
    }

    /**
     * @param id the interaction id
     * @param memberId the member
     * @param at when
     * @return a page view without channel, campaign, message or properties
     */
    public static Interaction interaction(InteractionId id, MemberId memberId, Instant at) {
        return Interaction.builder(id, memberId, at, InteractionType.PAGE_VIEWED)
                .build();
    }

    /**
     * @param id the interaction id
     * @param memberId the member
     * @param at when
     * @return a survey answer on LINE with a campaign, a message id, a score and {@link
     *     #everyAttributeType()} as further properties
     */
    public static Interaction fullInteraction(InteractionId id, MemberId memberId, Instant at) {
        Interaction base = Interaction.builder(id, memberId, at, InteractionType.SURVEY_ANSWERED)
                .channel(ContactChannel.LINE)
                .campaign(CampaignId.of("survey-7d"))
                .message("msg-" + id.value())
                .property(Interaction.SCORE, 5)
                .build();
        Attributes props = base.properties();
        for (var e : everyAttributeType().asMap().entrySet()) {
            props = props.withUnchecked(e.getKey(), e.getValue());
        }
        return new Interaction(
                base.id(),
                base.memberId(),
                base.at(),
                base.type(),
                base.channel(),
                base.campaignId(),
                base.messageId(),
                props);
    }
}
