package io.crmkit.segmentation;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Category;
import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.ProductId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CDNOW master log (test resource) as rows and as a shop in the in-memory store. */
final class Cdnow {
    static final BrandSettings BRAND = BrandSettings.custom()
            .zone(ZoneOffset.UTC)
            .currency(java.util.Currency.getInstance("USD"))
            .build();

    record Row(String customer, LocalDate date, int cds, long cents) {}

    private Cdnow() {}

    static List<Row> rows() {
        List<Row> out = new ArrayList<>(70_000);
        try (InputStream in = Cdnow.class.getResourceAsStream("/cdnow/CDNOW_master.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line = r.readLine(); // header
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f.length != 4) {
                    continue;
                }
                out.add(new Row(
                        f[0],
                        LocalDate.parse(f[1], DateTimeFormatter.BASIC_ISO_DATE),
                        Integer.parseInt(f[2]),
                        new BigDecimal(f[3]).movePointRight(2).longValueExact()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** One member per customer (joined at the first purchase), one order per row. */
    static Crm shop(List<Row> rows) {
        Crm crm = Crm.inMemory(BRAND);
        Map<String, LocalDate> first = new LinkedHashMap<>();
        for (Row row : rows) {
            first.merge(row.customer(), row.date(), (a, b) -> a.isBefore(b) ? a : b);
        }
        List<Member> members = new ArrayList<>();
        first.forEach((c, d) -> members.add(
                Member.builder(MemberId.of(c), d.atStartOfDay(ZoneOffset.UTC).toInstant())
                        .build()));
        crm.members().saveAll(members);
        List<Order> orders = new ArrayList<>(rows.size());
        int i = 0;
        for (Row row : rows) {
            orders.add(Order.builder(
                            OrderId.of("O" + (i++)),
                            MemberId.of(row.customer()),
                            row.date().atStartOfDay(ZoneOffset.UTC).toInstant())
                    .line(OrderLine.of(
                            ProductId.of("CD"),
                            "CDs",
                            Category.of("Music"),
                            1,
                            Money.ofMinor(row.cents(), BRAND.currency())))
                    .build());
        }
        crm.orders().upsertAll(orders);
        return crm;
    }
}
