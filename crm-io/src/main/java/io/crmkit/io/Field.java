package io.crmkit.io;

import java.util.Optional;

/**
 * A target of a {@link Mapping}: a field of a member, an order or an order line, with the kind of
 * value a cell must hold. Member fields are read from the first row of a group, order fields from
 * the first row of an order, line fields from every row.
 *
 * <pre>{@code
 * Field.named("order.placedAt"); // Optional[ORDER_PLACED_AT]
 * Field.ORDER_PLACED_AT.type();  // INSTANT
 * }</pre>
 */
public enum Field {
    /** The member's id in crmkit; when absent, members are found by external id, e-mail or phone. */
    MEMBER_ID("member.id", Type.ID),
    /** The member's id in the source system ({@link Mapping#source()}). */
    MEMBER_EXTERNAL_ID("member.externalId", Type.ID),
    /** E-mail, normalised (trimmed, lower-case). */
    MEMBER_EMAIL("member.email", Type.EMAIL),
    /** Phone, turned into E.164 with the country from a column or the default calling code. */
    MEMBER_PHONE("member.phone", Type.PHONE),
    /** Full name. */
    MEMBER_NAME("member.name", Type.TEXT),
    /** Given name, joined with the family name when there is no full name. */
    MEMBER_FIRST_NAME("member.firstName", Type.TEXT),
    /** Family name. */
    MEMBER_LAST_NAME("member.lastName", Type.TEXT),
    /** Gender: male / female / other words in English or Chinese, or a value map. */
    MEMBER_GENDER("member.gender", Type.GENDER),
    /** Birthday. */
    MEMBER_BIRTHDAY("member.birthday", Type.DATE),
    /** When the member joined; for members found through orders, the first order's time is used. */
    MEMBER_JOINED_AT("member.joinedAt", Type.INSTANT),
    /** City or county. */
    MEMBER_CITY("member.city", Type.TEXT),
    /** Region. */
    MEMBER_REGION("member.region", Type.TEXT),
    /** LINE user id. */
    MEMBER_LINE_ID("member.lineId", Type.TEXT),
    /** Whether the member accepts e-mail marketing (a consent at the row's time). */
    MEMBER_EMAIL_OPT_IN("member.emailOptIn", Type.BOOLEAN),
    /** Whether the member accepts SMS marketing. */
    MEMBER_SMS_OPT_IN("member.smsOptIn", Type.BOOLEAN),
    /** Tags, separated by commas. */
    MEMBER_TAGS("member.tags", Type.LIST),
    /** The order id (also the default group key). */
    ORDER_ID("order.id", Type.ID),
    /** When the order was placed. */
    ORDER_PLACED_AT("order.placedAt", Type.INSTANT),
    /** Order status: PLACED, PAID, FULFILLED, COMPLETED or CANCELLED, usually through a value map. */
    ORDER_STATUS("order.status", Type.CODE),
    /** When the order was cancelled; a non-empty cell makes the order CANCELLED. */
    ORDER_CANCELLED_AT("order.cancelledAt", Type.INSTANT),
    /** Sales channel code, e.g. WEB, SHOPEE. */
    ORDER_CHANNEL("order.channel", Type.CODE),
    /** ISO 4217 currency of the order's amounts. */
    ORDER_CURRENCY("order.currency", Type.CODE),
    /** Shipping fee. */
    ORDER_SHIPPING_FEE("order.shippingFee", Type.MONEY),
    /** Discount on the whole order. */
    ORDER_DISCOUNT("order.discount", Type.MONEY),
    /** Payment method code. */
    ORDER_PAYMENT_METHOD("order.paymentMethod", Type.CODE),
    /** Shipping method code. */
    ORDER_SHIPPING_METHOD("order.shippingMethod", Type.CODE),
    /** Coupon codes, separated by commas. */
    ORDER_COUPONS("order.coupons", Type.LIST),
    /** Physical store id of a POS order. */
    ORDER_STORE("order.store", Type.ID),
    /** Pickup store (a convenience store or an own store). */
    ORDER_PICKUP_STORE("order.pickupStore", Type.ID),
    /** Product id of the line. */
    LINE_PRODUCT_ID("line.productId", Type.ID),
    /** SKU of the line. */
    LINE_SKU("line.sku", Type.TEXT),
    /** Product name at the time of sale. */
    LINE_NAME("line.name", Type.TEXT),
    /** Category path, levels separated by " > ". */
    LINE_CATEGORY("line.category", Type.TEXT),
    /** Quantity, a positive whole number. */
    LINE_QUANTITY("line.quantity", Type.INTEGER),
    /** Price of one unit before discount. */
    LINE_UNIT_PRICE("line.unitPrice", Type.MONEY),
    /** Discount on the whole line. */
    LINE_DISCOUNT("line.discount", Type.MONEY),
    /**
     * What the line came to after discount; used when there is no unit price (the unit price is
     * then the amount divided by the quantity, rounded up, and the rest is a line discount).
     */
    LINE_AMOUNT("line.amount", Type.MONEY),
    /** Cost of one unit to the brand. */
    LINE_UNIT_COST("line.unitCost", Type.MONEY),
    /** The product id (products files). */
    PRODUCT_ID("product.id", Type.ID),
    /** The product name. */
    PRODUCT_NAME("product.name", Type.TEXT),
    /** The category path, levels separated by " > ". */
    PRODUCT_CATEGORY("product.category", Type.TEXT),
    /** ISO 4217 currency of the product's amounts. */
    PRODUCT_CURRENCY("product.currency", Type.CODE),
    /** The usual selling price. */
    PRODUCT_LIST_PRICE("product.listPrice", Type.MONEY),
    /** What one unit costs the brand. */
    PRODUCT_UNIT_COST("product.unitCost", Type.MONEY),
    /** The interaction id (interactions files). */
    INTERACTION_ID("interaction.id", Type.ID),
    /** When it happened. */
    INTERACTION_AT("interaction.at", Type.INSTANT),
    /** MESSAGE_SENT, MESSAGE_OPENED, ..., PAGE_VIEWED, CART_ABANDONED, SERVICE_CONTACT; map others with values. */
    INTERACTION_TYPE("interaction.type", Type.CODE),
    /** The contact channel: EMAIL, SMS, LINE, FACEBOOK, APP_PUSH, PHONE_CALL. */
    INTERACTION_CHANNEL("interaction.channel", Type.CODE),
    /** The campaign or journey id. */
    INTERACTION_CAMPAIGN("interaction.campaign", Type.ID),
    /** The message it is about. */
    INTERACTION_MESSAGE("interaction.message", Type.ID);

    /** The kind of value a cell holds, which chooses the parser. */
    public enum Type {
        /** An id: trimmed, a leading {@code '} dropped, Excel's scientific notation rejected. */
        ID,
        /** Free text, trimmed. */
        TEXT,
        /** An e-mail address. */
        EMAIL,
        /** A phone number. */
        PHONE,
        /** A date. */
        DATE,
        /** A date and time, or an instant. */
        INSTANT,
        /** An amount of money. */
        MONEY,
        /** A whole number. */
        INTEGER,
        /** yes / no. */
        BOOLEAN,
        /** A gender. */
        GENDER,
        /** An upper-case code. */
        CODE,
        /** Comma-separated values. */
        LIST
    }

    private final String key;
    private final Type type;

    Field(String key, Type type) {
        this.key = key;
        this.type = type;
    }

    /** @return the name used in the JSON form, e.g. {@code order.placedAt} */
    public String key() {
        return key;
    }

    /** @return the kind of value */
    public Type type() {
        return type;
    }

    /** @return true for member fields */
    public boolean isMemberField() {
        return key.startsWith("member.");
    }

    /** @return true for order-level fields */
    public boolean isOrderField() {
        return key.startsWith("order.");
    }

    /** @return true for product fields */
    public boolean isProductField() {
        return key.startsWith("product.");
    }

    /** @return true for interaction fields */
    public boolean isInteractionField() {
        return key.startsWith("interaction.");
    }

    /** @return true for line-level fields */
    public boolean isLineField() {
        return key.startsWith("line.");
    }

    /**
     * @param key a field name as in the JSON form
     * @return the field, if there is one by that name
     */
    public static Optional<Field> named(String key) {
        for (Field f : values()) {
            if (f.key.equals(key)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return key;
    }
}
