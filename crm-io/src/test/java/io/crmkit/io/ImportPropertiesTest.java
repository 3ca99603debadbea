package io.crmkit.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.crmkit.core.Crm;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated real files (cut short, bad bytes, stray or missing quotes, swapped columns, lost or
 * repeated lines): no undocumented exception ever escapes, and accepted + rejected = rows read.
 */
class ImportPropertiesTest {
    record Input(String name, String preset, byte[] bytes) {}

    static final CanonicalShop SHOP;

    static {
        try {
            SHOP = new CanonicalShop(java.nio.file.Files.createTempDirectory("crmkit-io-props"), 6, 9);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] shopFile(String name) {
        try {
            return java.nio.file.Files.readAllBytes(SHOP.file(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final List<Input> INPUTS = List.of(
            new Input("orders.csv", "canonical-orders", shopFile("orders.csv")),
            new Input("members.csv", "canonical-members", shopFile("members.csv")),
            new Input("shopify.csv", "shopify-orders", Samples.bytes("shopify_orders_export_devstore.csv")),
            new Input("woo.csv", "woocommerce-webtoffee", Samples.bytes("woocommerce_webtoffee_sample_order.csv")),
            new Input("magento.csv", "magento2-customers", Samples.bytes("magento2_customers_to_import.csv")),
            new Input(
                    "shopee.csv",
                    "shopee-tw-orders",
                    ImportBehaviourTest.SHOPEE.getBytes(Charset.forName("x-windows-950"))),
            new Input("cdnow.txt", "cdnow", Arrays.copyOf(Samples.bytes("CDNOW_master.txt"), 3000)),
            new Input(
                    "orders.jsonl",
                    "canonical-orders",
                    ("{\"order_id\":\"O1\",\"member_id\":\"M1\",\"placed_at\":\"2025-01-01T00:00:00Z\",\"status\":\"PAID\","
                                    + "\"channel\":\"WEB\",\"currency\":\"TWD\",\"shipping_fee\":\"0.00\",\"order_discount\":"
                                    + "\"0.00\",\"order_total\":\"10.00\",\"line_count\":1,\"line_no\":1,\"product_id\":\"P1\","
                                    + "\"product_name\":\"茶\",\"category\":\"飲料\",\"quantity\":1,\"unit_price\":\"10.00\","
                                    + "\"line_discount\":\"0.00\",\"line_amount\":\"10.00\"}\n")
                            .repeat(3)
                            .getBytes(StandardCharsets.UTF_8)));

    enum Kind {
        CUT,
        BAD_BYTE,
        QUOTE,
        UNQUOTE,
        SWAP_COLUMNS,
        DROP_LINE,
        REPEAT_LINE
    }

    record Mutation(Kind kind, int a, int b) {}

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, 1_000_000),
                        Arbitraries.integers().between(0, 1_000_000))
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    static byte[] apply(byte[] in, Mutation m) {
        if (in.length == 0) {
            return in;
        }
        int at = m.a() % in.length;
        switch (m.kind()) {
            case CUT:
                return Arrays.copyOf(in, at);
            case BAD_BYTE: {
                byte[] out = in.clone();
                out[at] = (byte) (0x80 + m.b() % 0x80);
                if (m.b() % 7 == 0) {
                    out[at] = 0;
                }
                return out;
            }
            case QUOTE:
                return insert(in, at, new byte[] {'"'});
            case UNQUOTE: {
                for (int i = 0; i < in.length; i++) {
                    int j = (at + i) % in.length;
                    if (in[j] == '"') {
                        return remove(in, j);
                    }
                }
                return in;
            }
            case SWAP_COLUMNS: {
                String s = new String(in, StandardCharsets.ISO_8859_1);
                int nl = s.indexOf('\n');
                String[] header = (nl < 0 ? s : s.substring(0, nl)).split(",", -1);
                if (header.length < 2) {
                    return in;
                }
                int i = m.a() % header.length;
                int j = m.b() % header.length;
                String t = header[i];
                header[i] = header[j];
                header[j] = t;
                return (String.join(",", header) + (nl < 0 ? "" : s.substring(nl)))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            case DROP_LINE:
            case REPEAT_LINE: {
                String s = new String(in, StandardCharsets.ISO_8859_1);
                List<String> lines = new java.util.ArrayList<>(Arrays.asList(s.split("\n", -1)));
                int k = m.a() % lines.size();
                if (m.kind() == Kind.DROP_LINE) {
                    lines.remove(k);
                } else {
                    lines.add(k, lines.get(k));
                }
                return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
            }
            default:
                throw new AssertionError(m);
        }
    }

    static byte[] insert(byte[] in, int at, byte[] what) {
        byte[] out = new byte[in.length + what.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(in, at, out, at + what.length, in.length - at);
        return out;
    }

    static byte[] remove(byte[] in, int at) {
        byte[] out = new byte[in.length - 1];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(in, at + 1, out, at, in.length - at - 1);
        return out;
    }

    @Property(tries = 300)
    void mutatedFilesKeepTheCountingLawAndFailOnlyWithDocumentedExceptions(
            @ForAll("mutations") List<Mutation> mutations, @ForAll boolean detect, @ForAll boolean strict) {
        for (Input input : INPUTS) {
            byte[] bytes = input.bytes();
            for (Mutation m : mutations) {
                bytes = apply(bytes, m);
            }
            Crm crm = Samples.crm();
            Importer.Builder b = Importer.into(crm)
                    .batchRows(3)
                    .mode(strict ? ImportMode.STRICT : ImportMode.LENIENT)
                    .keepRejections(Integer.MAX_VALUE);
            if (!detect || input.preset().equals("cdnow")) {
                b.preset(Preset.named(input.preset()));
            }
            try {
                ImportResult r = b.build().importStream(new ByteArrayInputStream(bytes), input.name());
                assertThat(r.accepted() + r.rejected()).as(input.name()).isEqualTo(r.rowsRead());
                assertThat(r.rejections()).hasSize((int) r.rejected());
                for (Rejection x : r.rejections()) {
                    assertThat(x.reason()).isNotBlank();
                    assertThat(x.line()).isPositive();
                }
                if (strict) {
                    assertThat(r.rejected()).isZero();
                }
            } catch (InputException | PresetDetectionException e) {
                assertThat(e.getMessage()).startsWith(input.name());
            } catch (ImportException e) {
                throw new AssertionError("only input and detection errors are expected here: " + e, e);
            }
        }
    }
}
