package io.crmkit.io.internal;

import io.crmkit.io.Field;
import io.crmkit.io.ImportKind;
import io.crmkit.io.Mapping;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/** The presets crm-io ships. docs/import.md describes each and why it maps what it maps. */
public final class BuiltIns {
    private BuiltIns() {}

    private static final Map<String, String> SHOPIFY_STATUS = Map.of(
            "paid", "PAID",
            "pending", "PLACED",
            "authorized", "PLACED",
            "partially_paid", "PLACED",
            "refunded", "COMPLETED",
            "partially_refunded", "COMPLETED",
            "voided", "CANCELLED",
            "expired", "CANCELLED");

    /** Shopify Admin › Orders › Export: one row per line item, order fields on the first row. */
    public static Mapping shopifyOrders() {
        String date = "yyyy-MM-dd HH:mm:ss Z";
        return Mapping.builder("shopify-orders", ImportKind.ORDERS)
                .source("SHOPIFY")
                .groupBy("Name")
                .field(Field.ORDER_ID, "Name")
                .field(Field.ORDER_PLACED_AT, Mapping.column("Created at").formats(date, "iso"))
                .field(Field.ORDER_STATUS, Mapping.column("Financial Status").values(SHOPIFY_STATUS))
                .field(Field.ORDER_CANCELLED_AT, Mapping.column("Cancelled at").formats(date, "iso"))
                .field(
                        Field.ORDER_CHANNEL,
                        Mapping.column("Source")
                                .values(Map.of("web", "WEB", "pos", "POS", "shopify_draft_order", "WEB")))
                .field(Field.ORDER_CURRENCY, "Currency")
                .field(Field.ORDER_SHIPPING_FEE, "Shipping")
                .field(Field.ORDER_COUPONS, "Discount Code")
                .field(Field.ORDER_PAYMENT_METHOD, "Payment Method")
                .field(Field.ORDER_SHIPPING_METHOD, "Shipping Method")
                .field(Field.MEMBER_EMAIL, "Email")
                .field(
                        Field.MEMBER_PHONE,
                        Mapping.column("Phone", "Billing Phone", "Shipping Phone")
                                .countryColumn("Billing Country"))
                .field(Field.MEMBER_NAME, Mapping.column("Billing Name", "Shipping Name"))
                .field(Field.MEMBER_CITY, "Billing City")
                .field(Field.MEMBER_EMAIL_OPT_IN, "Accepts Marketing")
                .field(Field.LINE_NAME, "Lineitem name")
                .field(Field.LINE_SKU, "Lineitem sku")
                .field(Field.LINE_QUANTITY, "Lineitem quantity")
                .field(Field.LINE_UNIT_PRICE, "Lineitem price")
                .field(Field.LINE_DISCOUNT, "Lineitem discount")
                .build();
    }

    /** Shopify customers export, all three header generations. */
    public static Mapping shopifyCustomers(Header h) {
        String country = h.has("Default Address Country Code") ? "Default Address Country Code" : "Country Code";
        return Mapping.builder("shopify-customers", ImportKind.MEMBERS)
                .source("SHOPIFY")
                .field(Field.MEMBER_EXTERNAL_ID, "Customer ID")
                .field(Field.MEMBER_EMAIL, "Email")
                .field(
                        Field.MEMBER_PHONE,
                        Mapping.column("Phone", "Default Address Phone").countryColumn(country))
                .field(Field.MEMBER_FIRST_NAME, "First Name")
                .field(Field.MEMBER_LAST_NAME, "Last Name")
                .field(Field.MEMBER_CITY, Mapping.column("Default Address City", "City"))
                .field(Field.MEMBER_EMAIL_OPT_IN, Mapping.column("Accepts Email Marketing", "Accepts Marketing"))
                .field(Field.MEMBER_SMS_OPT_IN, "Accepts SMS Marketing")
                .field(Field.MEMBER_TAGS, "Tags")
                .build();
    }

    /** Magento 2 customer import/export, main file or composite (address rows continue a customer). */
    public static Mapping magentoCustomers() {
        return Mapping.builder("magento2-customers", ImportKind.MEMBERS)
                .source("MAGENTO")
                .continuationWhenEmpty("email")
                .field(Field.MEMBER_EMAIL, "email")
                .field(Field.MEMBER_FIRST_NAME, "firstname")
                .field(Field.MEMBER_LAST_NAME, "lastname")
                .field(Field.MEMBER_GENDER, "gender")
                .field(Field.MEMBER_BIRTHDAY, Mapping.column("dob").formats("M/d/yyyy", "iso"))
                .field(Field.MEMBER_JOINED_AT, Mapping.column("created_at").formats("M/d/yyyy H:mm", "iso"))
                .field(Field.MEMBER_CITY, "_address_city")
                .field(Field.MEMBER_REGION, "_address_region")
                .field(Field.MEMBER_PHONE, Mapping.column("_address_telephone").countryColumn("_address_country_id"))
                .build();
    }

    /** Shopee Taiwan seller-centre order export (zh-TW), one row per item. */
    public static Mapping shopeeTwOrders() {
        List<String> dates = List.of("yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd HH:mm", "iso");
        return Mapping.builder("shopee-tw-orders", ImportKind.ORDERS)
                .source("SHOPEE")
                .zone(ZoneId.of("Asia/Taipei"))
                .currency(Currency.getInstance("TWD"))
                .callingCode("886")
                .field(Field.ORDER_ID, Mapping.column("訂單編號 (單)", "訂單編號"))
                .field(
                        Field.ORDER_PLACED_AT,
                        Mapping.column("訂單成立時間 (單)", "訂單成立時間", "訂單成立日期").formats(dates.toArray(new String[0])))
                .field(
                        Field.ORDER_STATUS,
                        Mapping.column("訂單狀態 (單)", "訂單狀態")
                                .values(Map.of(
                                        "已完成", "COMPLETED",
                                        "已取消", "CANCELLED",
                                        "不成立", "CANCELLED",
                                        "待出貨", "PAID",
                                        "運送中", "FULFILLED",
                                        "待付款", "PLACED",
                                        "退貨/退款", "COMPLETED")))
                .field(Field.ORDER_CHANNEL, Mapping.constant("SHOPEE"))
                .field(Field.ORDER_SHIPPING_FEE, Mapping.column("買家支付的運費 (單)", "買家支付的運費"))
                .field(Field.ORDER_DISCOUNT, Mapping.column("賣家折扣券折抵金額 (單)", "賣家折扣券折抵金額"))
                .field(
                        Field.ORDER_PAYMENT_METHOD,
                        Mapping.column("付款方式 (單)", "付款方式")
                                .values(Map.of(
                                        "信用卡", "CREDIT_CARD",
                                        "貨到付款", "CASH_ON_DELIVERY",
                                        "銀行轉帳", "BANK_TRANSFER",
                                        "ATM轉帳", "BANK_TRANSFER")))
                .field(Field.ORDER_SHIPPING_METHOD, Mapping.column("寄送方式 (單)", "寄送方式"))
                .field(Field.ORDER_PICKUP_STORE, Mapping.column("取件門市店號 (單)", "取件門市店號"))
                .field(Field.MEMBER_EXTERNAL_ID, Mapping.column("買家帳號 (單)", "買家帳號"))
                .field(Field.MEMBER_NAME, Mapping.column("收件者姓名 (單)", "收件者姓名"))
                .field(Field.LINE_PRODUCT_ID, Mapping.column("主商品貨號"))
                .field(Field.LINE_SKU, Mapping.column("商品選項貨號"))
                .field(Field.LINE_NAME, Mapping.column("商品名稱 (品)", "商品名稱"))
                .field(Field.LINE_QUANTITY, "數量")
                .field(Field.LINE_UNIT_PRICE, Mapping.column("商品活動價格 (品)", "商品活動價格", "商品原價 (品)", "商品原價"))
                .build();
    }

    private static PresetSpec mapped(String description, List<List<String>> signature, Mapping m) {
        return new PresetSpec(
                m.name(),
                m.kind(),
                description,
                m.source(),
                signature,
                false,
                m.columns(),
                (h, d, f) -> new GenericMapper(m, h, d, f));
    }

    /** @return every built-in preset, in the order detection lists them */
    public static List<PresetSpec> all() {
        return List.of(
                new PresetSpec(
                        "canonical-members",
                        ImportKind.MEMBERS,
                        "members.csv of the crmkit canonical format (./crmkit generate)",
                        "CANONICAL",
                        List.of(List.of("member_id"), List.of("joined_at"), List.of("consent_email")),
                        false,
                        CanonicalMapper.MEMBER,
                        (h, d, f) -> new CanonicalMapper(ImportKind.MEMBERS, h, f)),
                new PresetSpec(
                        "canonical-orders",
                        ImportKind.ORDERS,
                        "orders.csv of the crmkit canonical format, one row per order line",
                        "CANONICAL",
                        List.of(List.of("order_id"), List.of("member_id"), List.of("line_no"), List.of("line_count")),
                        false,
                        CanonicalMapper.ORDER,
                        (h, d, f) -> new CanonicalMapper(ImportKind.ORDERS, h, f)),
                new PresetSpec(
                        "canonical-products",
                        ImportKind.PRODUCTS,
                        "products.csv of the crmkit canonical format",
                        "CANONICAL",
                        List.of(List.of("product_id"), List.of("name"), List.of("category"), List.of("list_price")),
                        false,
                        CanonicalMapper.PRODUCT,
                        (h, d, f) -> new CanonicalMapper(ImportKind.PRODUCTS, h, f)),
                new PresetSpec(
                        "canonical-interactions",
                        ImportKind.INTERACTIONS,
                        "interactions.csv of the crmkit canonical format",
                        "CANONICAL",
                        List.of(List.of("interaction_id"), List.of("member_id"), List.of("at"), List.of("type")),
                        false,
                        CanonicalMapper.INTERACTION,
                        (h, d, f) -> new CanonicalMapper(ImportKind.INTERACTIONS, h, f)),
                new PresetSpec(
                        "cdnow",
                        ImportKind.ORDERS,
                        "the CDNOW purchase log (Fader & Hardie): customer, YYYYMMDD date, CDs, dollars",
                        "CDNOW",
                        List.of(
                                List.of("customer_id"),
                                List.of("date"),
                                List.of("number_of_cds"),
                                List.of("dollar_value")),
                        true,
                        List.of(),
                        (h, d, f) -> new CdnowMapper(h, d, f)),
                mapped(
                        "Shopify orders export: one row per line item, grouped by Name",
                        List.of(
                                List.of("Name"),
                                List.of("Created at"),
                                List.of("Financial Status"),
                                List.of("Lineitem quantity"),
                                List.of("Lineitem name")),
                        shopifyOrders()),
                new PresetSpec(
                        "shopify-customers",
                        ImportKind.MEMBERS,
                        "Shopify customers export (the three header generations)",
                        "SHOPIFY",
                        List.of(
                                List.of("First Name"),
                                List.of("Last Name"),
                                List.of("Email"),
                                List.of("Total Spent"),
                                List.of("Total Orders")),
                        false,
                        shopifyCustomers(new Header(List.of())).columns(),
                        (h, d, f) -> new GenericMapper(shopifyCustomers(h), h, d, f)),
                new PresetSpec(
                        "woocommerce-webtoffee",
                        ImportKind.ORDERS,
                        "WooCommerce orders exported by WebToffee's plugin: one row per order, line_item_N packed",
                        "WOOCOMMERCE",
                        List.of(
                                List.of("order_id"),
                                List.of("order_date"),
                                List.of("line_item_1"),
                                List.of("billing_email")),
                        false,
                        List.of(),
                        (h, d, f) -> new WooMapper(h, d, f)),
                mapped(
                        "Magento 2 customers (main file or composite with address rows)",
                        List.of(List.of("email"), List.of("_website"), List.of("firstname"), List.of("lastname")),
                        magentoCustomers()),
                mapped(
                        "Shopee Taiwan order export (zh-TW; (單) order-level and (品) item-level columns)",
                        List.of(
                                List.of("訂單編號 (單)", "訂單編號"),
                                List.of("買家帳號 (單)", "買家帳號"),
                                List.of("商品名稱 (品)", "商品名稱"),
                                List.of("數量")),
                        shopeeTwOrders()));
    }
}
