package io.crmkit.io.internal;

import io.crmkit.core.Category;
import io.crmkit.core.ExternalId;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.Money;
import io.crmkit.core.Order;
import io.crmkit.core.OrderId;
import io.crmkit.core.OrderLine;
import io.crmkit.core.OrderStatus;
import io.crmkit.core.ProductId;
import io.crmkit.core.SalesChannel;
import io.crmkit.io.ImportKind;
import io.crmkit.io.InputException;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The CDNOW purchase log: {@code customer_id date number_of_cds dollar_value}, separated by runs of
 * spaces. Each row is one order ({@code CDNOW-<customer>-<yyyymmdd>-<record number>}, stable for
 * the same file, so a re-import or a resumed import finds the same orders): the log's transactions,
 * of which a customer can have several on one day. RFM counts them as orders; the CLV summary merges
 * same-day purchases itself, as the BG/NBD literature does. Members are {@code
 * CDNOW-<customer>} with the external id {@code CDNOW:<customer>}. Amounts are USD; a day is read
 * as the start of that day in the importer's zone.
 */
final class CdnowMapper implements EntityMapper {
    static final Currency USD = Currency.getInstance("USD");
    private static final ProductId CD = ProductId.of("CD");
    private static final Category MUSIC = Category.of("Music > CD");

    private final Header header;
    private final Dates dates;
    private final int customer;
    private final int date;
    private final int cds;
    private final int dollars;

    CdnowMapper(Header header, Defaults defaults, String file) {
        this.header = header;
        this.dates = new Dates(List.of("yyyyMMdd"), defaults.zone());
        this.customer = need(header, "customer_id", file);
        this.date = need(header, "date", file);
        this.cds = need(header, "number_of_cds", file);
        this.dollars = need(header, "dollar_value", file);
    }

    static int need(Header h, String column, String file) {
        int i = h.indexOf(column);
        if (i < 0) {
            throw new InputException(file, 1, column, "the column is missing; the header has " + h.names());
        }
        return i;
    }

    @Override
    public ImportKind kind() {
        return ImportKind.ORDERS;
    }

    @Override
    public @Nullable String groupKey(Row row) {
        return null; // every row is an order of its own
    }

    private CellException at(Row r, int column, CellException e) {
        return e.at(header.name(column), Header.cell(r, column), r.line);
    }

    @Override
    public Mapped map(List<Row> group) {
        Row first = group.get(0);
        String c;
        Instant placed;
        try {
            c = Values.id(Header.cell(first, customer));
        } catch (CellException e) {
            throw at(first, customer, e);
        }
        try {
            placed = dates.instant(Header.cell(first, date));
        } catch (CellException e) {
            throw at(first, date, e);
        }
        MemberId member = MemberId.of("CDNOW-" + c);
        Order.Builder b = Order.builder(
                        OrderId.of("CDNOW-" + c + "-" + Values.clean(Header.cell(first, date)) + "-" + first.number),
                        member,
                        placed)
                .status(OrderStatus.COMPLETED)
                .channel(SalesChannel.WEB);
        for (Row r : group) {
            long q;
            try {
                q = Values.integer(Header.cell(r, cds));
            } catch (CellException e) {
                throw at(r, cds, e);
            }
            if (q < 1 || q > 1_000_000) {
                throw at(r, cds, new CellException(q + " is not a positive number of CDs"));
            }
            Money amount;
            try {
                amount = Values.money(Header.cell(r, dollars), USD, '.');
            } catch (CellException e) {
                throw at(r, dollars, e);
            }
            if (amount.isNegative()) {
                throw at(r, dollars, new CellException(amount + " is negative"));
            }
            long up = Math.floorDiv(amount.minorUnits() + q - 1, q);
            OrderLine line = OrderLine.of(CD, "CD", MUSIC, (int) q, Money.ofMinor(up, USD));
            long discount = up * q - amount.minorUnits();
            if (discount > 0) {
                line = line.withDiscount(Money.ofMinor(discount, USD));
            }
            b.line(line);
        }
        Mapped m = new Mapped();
        m.rows = group.size();
        try {
            m.order = b.build();
        } catch (InvalidValueException e) {
            throw new CellException(e.getMessage(), null, null, first.line);
        }
        MemberDraft d = new MemberDraft();
        d.id = member;
        d.externalIds.add(ExternalId.of("CDNOW", c));
        d.joinedAt = placed;
        m.member = d;
        return m;
    }
}
