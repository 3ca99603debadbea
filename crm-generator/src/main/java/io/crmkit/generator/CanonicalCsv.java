package io.crmkit.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.crmkit.core.AttributeKey;
import io.crmkit.core.Consent;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Interaction;
import io.crmkit.core.Member;
import io.crmkit.core.Money;
import io.crmkit.core.Note;
import io.crmkit.core.Order;
import io.crmkit.core.OrderLine;
import io.crmkit.core.Product;
import io.crmkit.core.Refund;
import io.crmkit.core.Tag;
import io.crmkit.generator.internal.CsvCells;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes a shop in the crmkit canonical CSV interchange format: {@code members.csv}, {@code
 * orders.csv} (one row per order line), {@code products.csv} and {@code interactions.csv}, UTF-8,
 * RFC 4180 quoting, a header row. The format is lossless for members, orders, products and
 * interactions; it is specified column by column in {@code docs/canonical-csv.md}.
 *
 * <p>A writer is not thread-safe. Close it to flush the files.
 *
 * <pre>{@code
 * ShopGenerator gen = ShopGenerator.of(GeneratorConfig.custom().members(1_000).build());
 * try (CanonicalCsv csv = CanonicalCsv.create(Path.of("out"))) {
 *     csv.writeProducts(gen.products());
 *     gen.members().forEach(csv::write);
 * }
 * }</pre>
 */
public final class CanonicalCsv implements AutoCloseable {
    /** The member file name. */
    public static final String MEMBERS_FILE = "members.csv";
    /** The order file name; one row per order line. */
    public static final String ORDERS_FILE = "orders.csv";
    /** The product file name. */
    public static final String PRODUCTS_FILE = "products.csv";
    /** The interaction file name. */
    public static final String INTERACTIONS_FILE = "interactions.csv";
    /** Every file of a canonical CSV shop. */
    public static final List<String> FILES = List.of(MEMBERS_FILE, ORDERS_FILE, PRODUCTS_FILE, INTERACTIONS_FILE);

    /** The columns of {@code members.csv}, in order. */
    public static final List<String> MEMBER_COLUMNS = List.of(
            "member_id",
            "joined_at",
            "name",
            "gender",
            "birthday",
            "region",
            "city",
            "source_channel",
            "email",
            "phone",
            "line_id",
            "facebook_id",
            "preferred_channel",
            "consent_email",
            "consent_sms",
            "consent_line",
            "consent_facebook",
            "consent_app_push",
            "consent_phone_call",
            "tags",
            "external_ids",
            "notes",
            "attributes");

    /** The columns of {@code orders.csv}, in order. */
    public static final List<String> ORDER_COLUMNS = List.of(
            "order_id",
            "member_id",
            "placed_at",
            "status",
            "channel",
            "store_id",
            "pickup_store_id",
            "payment_method",
            "shipping_method",
            "delivered_at",
            "coupon_codes",
            "currency",
            "shipping_fee",
            "order_discount",
            "order_total",
            "refunds",
            "line_count",
            "line_no",
            "product_id",
            "sku",
            "product_name",
            "category",
            "quantity",
            "unit_price",
            "unit_cost",
            "line_discount",
            "line_amount");

    /** The columns of {@code products.csv}, in order. */
    public static final List<String> PRODUCT_COLUMNS =
            List.of("product_id", "name", "category", "currency", "list_price", "unit_cost");

    /** The columns of {@code interactions.csv}, in order. */
    public static final List<String> INTERACTION_COLUMNS = List.of(
            "interaction_id",
            "member_id",
            "at",
            "type",
            "channel",
            "campaign_id",
            "message_id",
            "score",
            "duration_seconds",
            "url",
            "product_id",
            "properties");

    private static final Set<AttributeKey<?>> WELL_KNOWN =
            Set.of(Interaction.SCORE, Interaction.DURATION_SECONDS, Interaction.URL, Interaction.PRODUCT_ID);
    private static final ContactChannel[] CONSENT_ORDER = {
        ContactChannel.EMAIL,
        ContactChannel.SMS,
        ContactChannel.LINE,
        ContactChannel.FACEBOOK,
        ContactChannel.APP_PUSH,
        ContactChannel.PHONE_CALL
    };

    private final Path dir;
    private final Sheet members;
    private final Sheet orders;
    private final Sheet products;
    private final Sheet interactions;
    private long memberRows;
    private long orderCount;
    private long orderRows;
    private long productRows;
    private long interactionRows;
    private boolean closed;

    private CanonicalCsv(Path dir, boolean overwrite) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CanonicalCsvException("cannot create the directory " + dir + ": " + e, e);
        }
        if (!overwrite) {
            for (String f : FILES) {
                if (Files.exists(dir.resolve(f))) {
                    throw new CanonicalCsvException(
                            dir.resolve(f) + " already exists; remove it or write with CanonicalCsv.overwrite");
                }
            }
        }
        CsvMapper mapper = new CsvMapper();
        List<Sheet> opened = new ArrayList<>(4);
        try {
            members = open(mapper, MEMBERS_FILE, MEMBER_COLUMNS, overwrite, opened);
            orders = open(mapper, ORDERS_FILE, ORDER_COLUMNS, overwrite, opened);
            products = open(mapper, PRODUCTS_FILE, PRODUCT_COLUMNS, overwrite, opened);
            interactions = open(mapper, INTERACTIONS_FILE, INTERACTION_COLUMNS, overwrite, opened);
        } catch (CanonicalCsvException e) {
            for (Sheet s : opened) {
                s.closeQuietly();
            }
            throw e;
        }
    }

    /**
     * Creates the four files in a directory (created if missing).
     *
     * @param dir the directory
     * @return a writer; the header rows are written
     * @throws CanonicalCsvException if one of the files already exists or cannot be created
     */
    public static CanonicalCsv create(Path dir) {
        return new CanonicalCsv(dir, false);
    }

    /**
     * Creates the four files in a directory (created if missing), replacing existing ones.
     *
     * @param dir the directory
     * @return a writer; the header rows are written
     * @throws CanonicalCsvException if a file cannot be created
     */
    public static CanonicalCsv overwrite(Path dir) {
        return new CanonicalCsv(dir, true);
    }

    private Sheet open(CsvMapper mapper, String file, List<String> columns, boolean overwrite, List<Sheet> opened) {
        Path p = dir.resolve(file);
        OpenOption[] options = overwrite
                ? new OpenOption[] {
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE
                }
                : new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
        try {
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(p, options), 1 << 16);
            CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(false).setLineSeparator("\n");
            for (String c : columns) {
                schema.addColumn(c);
            }
            CsvGenerator g = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8);
            g.enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING); // quote only what RFC 4180 needs
            g.setSchema(schema.build());
            Sheet s = new Sheet(p, g, columns.size());
            opened.add(s);
            s.start(); // the header row, also when no data row follows
            for (String c : columns) {
                s.cell(c);
            }
            s.end();
            return s;
        } catch (FileAlreadyExistsException e) {
            throw new CanonicalCsvException(p + " already exists; remove it or write with CanonicalCsv.overwrite", e);
        } catch (IOException e) {
            throw new CanonicalCsvException("cannot create " + p + ": " + e, e);
        }
    }

    /** @return the directory written to */
    public Path directory() {
        return dir;
    }

    /**
     * Writes a generated member: the member row, its orders and its interactions.
     *
     * @param generated a generated member
     */
    public void write(GeneratedMember generated) {
        write(generated.member());
        for (Order o : generated.orders()) {
            write(o);
        }
        for (Interaction i : generated.interactions()) {
            write(i);
        }
    }

    /** @param products products to write, e.g. {@link ShopGenerator#products()} */
    public void writeProducts(Collection<Product> products) {
        for (Product p : products) {
            write(p);
        }
    }

    /** @param p a product to write as one row of {@code products.csv} */
    public void write(Product p) {
        Sheet s = products;
        Money price = p.listPrice().orElse(null);
        Money cost = p.unitCost().orElse(null);
        s.start();
        s.cell(p.id().value());
        s.cell(p.name());
        s.cell(p.category().path());
        s.cell(
                price != null
                        ? price.currency().getCurrencyCode()
                        : cost != null ? cost.currency().getCurrencyCode() : null);
        s.cell(price == null ? null : CsvCells.money(price));
        s.cell(cost == null ? null : CsvCells.money(cost));
        s.end();
        productRows++;
    }

    /** @param m a member to write as one row of {@code members.csv} */
    public void write(Member m) {
        Sheet s = members;
        s.start();
        s.cell(m.id().value());
        s.cell(CsvCells.instant(m.joinedAt()));
        s.cell(m.name().orElse(null));
        s.cell(m.gender().name());
        s.cell(m.birthday().map(Object::toString).orElse(null));
        s.cell(m.region().orElse(null));
        s.cell(m.city().orElse(null));
        s.cell(m.sourceChannel().map(c -> c.code()).orElse(null));
        s.cell(m.email().map(e -> e.value()).orElse(null));
        s.cell(m.phone().map(p -> p.e164()).orElse(null));
        s.cell(m.lineId().orElse(null));
        s.cell(m.facebookId().orElse(null));
        s.cell(m.preferredChannel().map(Enum::name).orElse(null));
        for (ContactChannel ch : CONSENT_ORDER) {
            Consent c = m.consents().get(ch);
            s.cell(c == null ? null : consent(c));
        }
        s.cell(tags(m.tags()));
        s.cell(externalIds(m.externalIds()));
        s.cell(notes(m.notes()));
        s.cell(CsvCells.attributesJson(m.attributes(), Set.of()));
        s.end();
        memberRows++;
    }

    /** @param o an order to write as one row per line of {@code orders.csv} */
    public void write(Order o) {
        Sheet s = orders;
        String id = o.id().value();
        String member = o.memberId().value();
        String placed = CsvCells.instant(o.placedAt());
        String status = o.status().name();
        String channel = o.channel().code();
        String store = o.store().map(x -> x.value()).orElse(null);
        String pickup = o.pickupStore().map(x -> x.value()).orElse(null);
        String pay = o.paymentMethod().map(x -> x.code()).orElse(null);
        String ship = o.shippingMethod().map(x -> x.code()).orElse(null);
        String delivered = o.deliveredAt().map(CsvCells::instant).orElse(null);
        String coupons = list(o.couponCodes());
        String currency = o.currency().getCurrencyCode();
        String fee = CsvCells.money(o.shippingFee());
        String discount = CsvCells.money(o.orderDiscount());
        String total = CsvCells.money(o.total());
        String refunds = refunds(o.refunds());
        List<OrderLine> lines = o.lines();
        String count = Integer.toString(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            OrderLine l = lines.get(i);
            s.start();
            s.cell(id);
            s.cell(member);
            s.cell(placed);
            s.cell(status);
            s.cell(channel);
            s.cell(store);
            s.cell(pickup);
            s.cell(pay);
            s.cell(ship);
            s.cell(delivered);
            s.cell(coupons);
            s.cell(currency);
            s.cell(fee);
            s.cell(discount);
            s.cell(total);
            s.cell(refunds);
            s.cell(count);
            s.cell(Integer.toString(i + 1));
            s.cell(l.productId().value());
            s.cell(l.sku().orElse(null));
            s.cell(l.name());
            s.cell(l.category().path());
            s.cell(Integer.toString(l.quantity()));
            s.cell(CsvCells.money(l.unitPrice()));
            s.cell(l.unitCost().map(CsvCells::money).orElse(null));
            s.cell(CsvCells.money(l.discount()));
            s.cell(CsvCells.money(l.netAmount()));
            s.end();
            orderRows++;
        }
        orderCount++;
    }

    /** @param i an interaction to write as one row of {@code interactions.csv} */
    public void write(Interaction i) {
        Sheet s = interactions;
        s.start();
        s.cell(i.id().value());
        s.cell(i.memberId().value());
        s.cell(CsvCells.instant(i.at()));
        s.cell(i.type().name());
        s.cell(i.channel().map(Enum::name).orElse(null));
        s.cell(i.campaignId().map(c -> c.value()).orElse(null));
        s.cell(i.messageId().orElse(null));
        s.cell(i.properties().get(Interaction.SCORE).map(String::valueOf).orElse(null));
        s.cell(i.properties()
                .get(Interaction.DURATION_SECONDS)
                .map(String::valueOf)
                .orElse(null));
        s.cell(i.properties().get(Interaction.URL).orElse(null));
        s.cell(i.properties().get(Interaction.PRODUCT_ID).orElse(null));
        s.cell(CsvCells.attributesJson(i.properties(), WELL_KNOWN));
        s.end();
        interactionRows++;
    }

    /** @return rows written to {@code members.csv} */
    public long memberRows() {
        return memberRows;
    }

    /** @return orders written (each is one or more rows of {@code orders.csv}) */
    public long orderCount() {
        return orderCount;
    }

    /** @return rows written to {@code orders.csv}: one per order line */
    public long orderRows() {
        return orderRows;
    }

    /** @return rows written to {@code products.csv} */
    public long productRows() {
        return productRows;
    }

    /** @return rows written to {@code interactions.csv} */
    public long interactionRows() {
        return interactionRows;
    }

    /**
     * Flushes and closes the four files; later calls do nothing.
     *
     * @throws CanonicalCsvException if a file cannot be written
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CanonicalCsvException failure = null;
        for (Sheet s : List.of(members, orders, products, interactions)) {
            try {
                s.close();
            } catch (CanonicalCsvException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ------------------------------------------------------------------ cell encodings

    private static String consent(Consent c) {
        StringBuilder b = new StringBuilder(48);
        b.append(c.optedIn() ? "in" : "out")
                .append(CsvCells.FIELD)
                .append(c.at())
                .append(CsvCells.FIELD);
        CsvCells.escape(c.source(), b);
        return b.toString();
    }

    private static @Nullable String tags(Collection<Tag> tags) {
        if (tags.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Tag t : tags) {
            if (b.length() > 0) {
                b.append(CsvCells.ITEM);
            }
            CsvCells.escape(t.name(), b);
            b.append(CsvCells.FIELD).append(t.source().name()).append(CsvCells.FIELD);
            CsvCells.escape(t.by(), b);
            b.append(CsvCells.FIELD).append(CsvCells.instant(t.at()));
        }
        return b.toString();
    }

    private static @Nullable String externalIds(Collection<ExternalId> ids) {
        if (ids.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (ExternalId id : ids) {
            if (b.length() > 0) {
                b.append(CsvCells.ITEM);
            }
            b.append(id.system()).append(':');
            CsvCells.escape(id.value(), b);
        }
        return b.toString();
    }

    private static @Nullable String notes(List<Note> notes) {
        if (notes.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Note n : notes) {
            if (b.length() > 0) {
                b.append(CsvCells.ITEM);
            }
            b.append(CsvCells.instant(n.at())).append(CsvCells.FIELD);
            CsvCells.escape(n.author(), b);
            b.append(CsvCells.FIELD);
            CsvCells.escape(n.text(), b);
        }
        return b.toString();
    }

    private static @Nullable String list(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() == 1 && isPlain(values.get(0))) {
            return values.get(0);
        }
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            if (b.length() > 0) {
                b.append(CsvCells.ITEM);
            }
            CsvCells.escape(v, b);
        }
        return b.toString();
    }

    private static boolean isPlain(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == CsvCells.ITEM || c == CsvCells.FIELD || c == CsvCells.ESCAPE) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable String refunds(List<Refund> refunds) {
        if (refunds.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Refund r : refunds) {
            if (b.length() > 0) {
                b.append(CsvCells.ITEM);
            }
            b.append(r.at())
                    .append(CsvCells.FIELD)
                    .append(CsvCells.money(r.amount()))
                    .append(CsvCells.FIELD);
            CsvCells.escape(r.reason(), b);
        }
        return b.toString();
    }

    /** One CSV file. */
    private static final class Sheet {
        private final Path path;
        private final CsvGenerator g;
        private final int columns;
        private int cells;

        Sheet(Path path, CsvGenerator g, int columns) {
            this.path = path;
            this.g = g;
            this.columns = columns;
        }

        void start() {
            try {
                g.writeStartArray();
            } catch (IOException e) {
                throw failed(e);
            }
            cells = 0;
        }

        void cell(@Nullable String value) {
            try {
                if (value == null) {
                    g.writeNull();
                } else {
                    g.writeString(value);
                }
            } catch (IOException e) {
                throw failed(e);
            }
            cells++;
        }

        void end() {
            if (cells != columns) {
                throw new IllegalStateException(
                        path.getFileName() + ": " + cells + " cells for " + columns + " columns");
            }
            try {
                g.writeEndArray();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        void close() {
            try {
                g.close();
            } catch (IOException e) {
                throw failed(e);
            }
        }

        void closeQuietly() {
            try {
                g.close();
            } catch (IOException | RuntimeException e) {
                // already failing
            }
        }

        private CanonicalCsvException failed(IOException e) {
            return new CanonicalCsvException("writing " + path + " failed: " + e, e);
        }
    }
}
