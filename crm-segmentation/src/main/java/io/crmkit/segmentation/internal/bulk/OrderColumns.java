package io.crmkit.segmentation.internal.bulk;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Order;
import io.crmkit.core.OrderLine;
import io.crmkit.core.Refund;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.OrderStore;
import io.crmkit.segmentation.SegmentationException;
import java.time.Instant;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The order columns, in CSR layout: the orders of member {@code m} are {@code memberStart[m] ..
 * memberStart[m + 1] - 1}, sorted by placement instant (then order id, as a {@link
 * io.crmkit.core.MemberView} sorts them). Lines are CSR under orders. Rare things live in sparse side
 * tables: refunds, sub-second placement times, a second or third coupon, orders not in the brand's
 * currency, amounts that do not fit an {@code int}.
 *
 * <p>Bytes an order: placed second 4, local day 2, total 4, flags 1, channel / payment / shipping
 * / store / first coupon 1 each while there are at most 255 codes of each (2 up to 65,535), pickup
 * store 1 or 2, line offset 4: 20 to 22, plus about 20 bytes for each refunded order. The
 * per-member offsets ({@code 4 (n + 1)} bytes) are counted with the members.
 */
public final class OrderColumns {
    static final int CANCELLED = 1;
    static final int REFUNDED = 2;
    static final int FOREIGN = 4;
    static final int MORE_COUPONS = 8;

    private static final int PAGE = 10_000;
    private static final int BATCH = 50_000;

    final int count;
    final int[] memberStart;

    /** Epoch second that {@link #placed} counts from. */
    final long timeBase;

    final int[] placed;
    final SubSecond placedNanos;
    /** Epoch day that {@link #day} counts from. */
    final int dayBase;
    /** The placement date in the brand's zone, relative to {@link #dayBase}. */
    final char[] day;

    final PackedLongs total;
    final byte[] flags;
    final Codes channel;
    final Codes payment;
    final Codes shipping;
    final Codes pickup;
    final Codes store;
    /** The first coupon code; the others of {@link #MORE_COUPONS} orders are in the side table. */
    final Codes coupon;

    final int[] moreCouponOrders;
    final int[] moreCouponStart;
    final int[] moreCoupons;

    final int[] lineStart;
    final Codes product;
    final Codes sku;
    final Codes category;
    final PackedLongs lineNet;

    /** Orders with refunds, ascending. */
    final int[] refundOrders;

    /** CSR offsets of each refunded order's refunds. */
    final int[] refundStart;
    /** Refund instants, relative seconds as {@link #placed}. */
    final int[] refundAt;

    final SubSecond refundNanos;
    final PackedLongs refundAmount;
    /** The refund that completes a full return of the order, or -1 if its refunds never add up to its total. */
    final int[] fullAt;

    /** Orders not in the brand's currency, ascending, with their ids and currencies. */
    final int[] foreignOrders;

    final String[] foreignIds;
    final Currency[] foreignCurrencies;

    private OrderColumns(Temp t, int[] memberStart, int[] perm, Dicts dicts) {
        int count = t.member.size();
        this.count = count;
        this.memberStart = memberStart;
        long minSec = Long.MAX_VALUE;
        long maxSec = Long.MIN_VALUE;
        int minDay = Integer.MAX_VALUE;
        int maxDay = Integer.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            minSec = Math.min(minSec, t.sec.get(i));
            maxSec = Math.max(maxSec, t.sec.get(i));
            minDay = Math.min(minDay, t.day.get(i));
            maxDay = Math.max(maxDay, t.day.get(i));
        }
        for (int k = 0; k < t.refundSec.size(); k++) {
            maxSec = Math.max(maxSec, t.refundSec.get(k)); // refunds are never before their order
        }
        if (count == 0) {
            minSec = 0;
            maxSec = 0;
            minDay = 0;
            maxDay = 0;
        }
        if (maxSec - minSec > Integer.MAX_VALUE || maxDay - minDay > 0xFFFF) {
            throw new SegmentationException("snapshot: orders are placed from " + Instant.ofEpochSecond(minSec)
                    + " to " + Instant.ofEpochSecond(maxSec)
                    + " (refunds included); a snapshot covers at most 68 years of orders");
        }
        this.timeBase = minSec;
        this.dayBase = minDay;
        int[] placedA = new int[count];
        int[] nanosA = new int[count];
        char[] dayA = new char[count];
        long[] totalA = new long[count];
        byte[] flagsA = new byte[count];
        int[] channelA = new int[count];
        int[] paymentA = new int[count];
        int[] shippingA = new int[count];
        int[] pickupA = new int[count];
        int[] storeA = new int[count];
        int[] couponA = new int[count];
        Bufs.IntBuf moreOrders = new Bufs.IntBuf(16);
        Bufs.IntBuf moreStart = new Bufs.IntBuf(16);
        Bufs.IntBuf more = new Bufs.IntBuf(16);
        int lines = t.lineProduct.size();
        int[] lineStartA = new int[count + 1];
        int[] productA = new int[lines];
        int[] skuA = new int[lines];
        int[] categoryA = new int[lines];
        long[] netA = new long[lines];
        Bufs.IntBuf rOrders = new Bufs.IntBuf(16);
        Bufs.IntBuf rStart = new Bufs.IntBuf(16);
        Bufs.IntBuf rAt = new Bufs.IntBuf(16);
        Bufs.IntBuf rNano = new Bufs.IntBuf(16);
        Bufs.LongBuf rAmount = new Bufs.LongBuf(16);
        Bufs.IntBuf full = new Bufs.IntBuf(16);
        Bufs.IntBuf fOrders = new Bufs.IntBuf(4);
        List<String> fIds = new ArrayList<>(0);
        List<Currency> fCur = new ArrayList<>(0);
        int[] foreignTemp = t.foreign.toArray();
        int line = 0;
        for (int i = 0; i < count; i++) {
            int o = perm[i];
            placedA[i] = (int) (t.sec.get(o) - minSec);
            nanosA[i] = t.nano.get(o);
            dayA[i] = (char) (t.day.get(o) - minDay);
            long tot = t.total.get(o);
            totalA[i] = tot;
            int f = t.flags.get(o);
            flagsA[i] = (byte) f;
            channelA[i] = t.channel.get(o);
            paymentA[i] = t.payment.get(o);
            shippingA[i] = t.shipping.get(o);
            pickupA[i] = t.pickup.get(o);
            storeA[i] = t.store.get(o);
            int c0 = t.couponStart.get(o);
            int c1 = t.couponStart.get(o + 1);
            couponA[i] = c1 > c0 ? t.coupons.get(c0) : 0;
            if ((f & MORE_COUPONS) != 0) {
                moreOrders.add(i);
                moreStart.add(more.size());
                for (int k = c0 + 1; k < c1; k++) {
                    more.add(t.coupons.get(k));
                }
            }
            lineStartA[i] = line;
            for (int k = t.lineStart.get(o), e = t.lineStart.get(o + 1); k < e; k++) {
                productA[line] = t.lineProduct.get(k);
                skuA[line] = t.lineSku.get(k);
                categoryA[line] = t.lineCategory.get(k);
                netA[line] = t.lineNet.get(k);
                line++;
            }
            if ((f & REFUNDED) != 0) {
                rOrders.add(i);
                rStart.add(rAt.size());
                long sum = 0;
                long lastSec = Long.MIN_VALUE;
                int lastNano = 0;
                int last = -1;
                for (int k = t.refundStart.get(o), e = t.refundStart.get(o + 1); k < e; k++) {
                    long s = t.refundSec.get(k);
                    int ns = t.refundNano.get(k);
                    if (s > lastSec || (s == lastSec && ns > lastNano)) {
                        lastSec = s;
                        lastNano = ns;
                        last = rAt.size();
                    }
                    rAt.add((int) (s - minSec));
                    rNano.add(ns);
                    rAmount.add(t.refundAmount.get(k));
                    sum += t.refundAmount.get(k);
                }
                // Order.isFullyRefunded: total positive and the refunds seen add up to it, which
                // happens (refunds are positive and never exceed the total) once the last one is made
                full.add(tot > 0 && sum == tot ? last : -1);
            }
            if ((f & FOREIGN) != 0) {
                int k = Arrays.binarySearch(foreignTemp, o);
                fOrders.add(i);
                fIds.add(t.foreignIds.get(k));
                fCur.add(t.foreignCurrencies.get(k));
            }
        }
        lineStartA[count] = line;
        moreStart.add(more.size());
        rStart.add(rAt.size());
        this.placed = placedA;
        this.placedNanos = SubSecond.of(nanosA);
        this.day = dayA;
        this.total = PackedLongs.of(totalA);
        this.flags = flagsA;
        this.channel = Codes.of(channelA, dicts.channels.size());
        this.payment = Codes.of(paymentA, dicts.payments.size());
        this.shipping = Codes.of(shippingA, dicts.shippings.size());
        this.pickup = Codes.of(pickupA, dicts.pickups.size());
        this.store = Codes.of(storeA, dicts.stores.size());
        this.coupon = Codes.of(couponA, dicts.coupons.size());
        this.moreCouponOrders = moreOrders.toArray();
        this.moreCouponStart = moreStart.toArray();
        this.moreCoupons = more.toArray();
        this.lineStart = lineStartA;
        this.product = Codes.of(productA, dicts.products.size());
        this.sku = Codes.of(skuA, dicts.skus.size());
        this.category = Codes.of(categoryA, dicts.categories.size());
        this.lineNet = PackedLongs.of(netA);
        this.refundOrders = rOrders.toArray();
        this.refundStart = rStart.toArray();
        this.refundAt = rAt.toArray();
        this.refundNanos = SubSecond.of(rNano.toArray());
        this.refundAmount = PackedLongs.of(rAmount.toArray());
        this.fullAt = full.toArray();
        this.foreignOrders = fOrders.toArray();
        this.foreignIds = fIds.toArray(new String[0]);
        this.foreignCurrencies = fCur.toArray(new Currency[0]);
    }

    /**
     * Reads every order once, in placement order, and lays them out by member.
     *
     * @param store the order store
     * @param brand the brand (zone for dates, currency)
     * @param dicts the snapshot's dictionaries
     * @param members the member columns; orders of unknown members are left out, as no view has them
     * @return the columns
     */
    static OrderColumns read(OrderStore store, BrandSettings brand, Dicts dicts, MemberColumns members) {
        ZoneRules rules = brand.zone().getRules();
        Currency currency = brand.currency();
        // batches are encoded on the pool, with their own dictionaries, while the next batch is read;
        // then they are appended in order, their codes mapped to the snapshot's dictionaries
        List<Future<Temp>> parts = new ArrayList<>();
        List<Order> batch = new ArrayList<>(BATCH);
        try (Stream<Order> stream = store.streamPlaced(TimeRange.all())) {
            Iterator<Order> it = stream.iterator();
            while (it.hasNext()) {
                batch.add(it.next());
                if (batch.size() == BATCH) {
                    parts.add(encode(batch, members, rules, currency));
                    batch = new ArrayList<>(BATCH);
                }
            }
        }
        if (!batch.isEmpty()) {
            parts.add(encode(batch, members, rules, currency));
        }
        Temp t = new Temp(dicts);
        for (Future<Temp> part : parts) {
            t.append(Scans.join(part));
        }
        int n = members.size();
        int count = t.member.size();
        int[] memberStart = new int[n + 1];
        for (int i = 0; i < count; i++) {
            memberStart[t.member.get(i) + 1]++;
        }
        for (int m = 0; m < n; m++) {
            memberStart[m + 1] += memberStart[m];
        }
        // stable counting sort: placement order is kept within a member
        int[] next = Arrays.copyOf(memberStart, n);
        int[] perm = new int[count];
        for (int i = 0; i < count; i++) {
            perm[next[t.member.get(i)]++] = i;
        }
        return new OrderColumns(t, memberStart, perm, dicts);
    }

    /**
     * The order columns of a refreshed snapshot: the orders of unchanged members copied from the old
     * columns (no {@link Order} is read), those of re-read members encoded from the store.
     *
     * @param old the old columns
     * @param oldOrdinal for each new member ordinal, the member's old ordinal, or -1 if re-read
     * @param reread for each new ordinal with -1 in {@code oldOrdinal}, its orders in placement order
     * @param brand the brand
     * @param dicts the new snapshot's dictionaries (a copy of the old ones)
     * @return the new columns
     */
    static OrderColumns refresh(
            OrderColumns old, int[] oldOrdinal, List<List<Order>> reread, BrandSettings brand, Dicts dicts) {
        ZoneRules rules = brand.zone().getRules();
        Currency currency = brand.currency();
        int expected = old.count + 16;
        for (List<Order> os : reread) {
            expected += os == null ? 0 : os.size();
        }
        Temp t = new Temp(dicts, expected, old.lines() + expected / 4 + 16);
        int n = oldOrdinal.length;
        int[] memberStart = new int[n + 1];
        for (int m = 0; m < n; m++) {
            int o = oldOrdinal[m];
            if (o < 0) {
                for (Order order : reread.get(m)) {
                    t.add(order, m, rules, currency);
                }
            } else {
                for (int i = old.memberStart[o], e = old.memberStart[o + 1]; i < e; i++) {
                    t.copy(old, i, m);
                }
            }
            memberStart[m + 1] = t.member.size();
        }
        int[] perm = new int[t.member.size()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        return new OrderColumns(t, memberStart, perm, dicts);
    }

    private static Future<Temp> encode(List<Order> batch, MemberColumns members, ZoneRules rules, Currency currency) {
        return Scans.submit(() -> {
            Temp t = new Temp(new Dicts());
            for (Order o : batch) {
                int m = members.index.code(o.memberId().value()) - 1;
                if (m >= 0) {
                    t.add(o, m, rules, currency);
                }
            }
            return t;
        });
    }

    /** The orders as read, in placement order, before they are laid out by member. */
    private static final class Temp {
        final Bufs.IntBuf member;
        final Bufs.LongBuf sec;
        final Bufs.IntBuf nano;
        final Bufs.IntBuf day;
        final Bufs.LongBuf total;
        final Bufs.ByteBuf flags;
        final Bufs.IntBuf channel;
        final Bufs.IntBuf payment;
        final Bufs.IntBuf shipping;
        final Bufs.IntBuf pickup;
        final Bufs.IntBuf store;
        final Bufs.IntBuf couponStart;
        final Bufs.IntBuf coupons;
        final Bufs.IntBuf lineStart;
        final Bufs.IntBuf lineProduct;
        final Bufs.IntBuf lineSku;
        final Bufs.IntBuf lineCategory;
        final Bufs.LongBuf lineNet;
        final Bufs.IntBuf refundStart;
        final Bufs.LongBuf refundSec = new Bufs.LongBuf(16);
        final Bufs.IntBuf refundNano = new Bufs.IntBuf(16);
        final Bufs.LongBuf refundAmount = new Bufs.LongBuf(16);
        final Bufs.IntBuf foreign = new Bufs.IntBuf(4);
        final List<String> foreignIds = new ArrayList<>(0);
        final List<Currency> foreignCurrencies = new ArrayList<>(0);
        /** The dictionaries the codes of this batch refer to. */
        final Dicts dicts;

        Temp(Dicts dicts) {
            this(dicts, PAGE, PAGE);
        }

        /** @param orders the expected number of orders @param lines the expected number of lines */
        Temp(Dicts dicts, int orders, int lines) {
            this.dicts = dicts;
            member = new Bufs.IntBuf(orders);
            sec = new Bufs.LongBuf(orders);
            nano = new Bufs.IntBuf(orders);
            day = new Bufs.IntBuf(orders);
            total = new Bufs.LongBuf(orders);
            flags = new Bufs.ByteBuf(orders);
            channel = new Bufs.IntBuf(orders);
            payment = new Bufs.IntBuf(orders);
            shipping = new Bufs.IntBuf(orders);
            pickup = new Bufs.IntBuf(orders);
            store = new Bufs.IntBuf(orders);
            couponStart = new Bufs.IntBuf(orders);
            coupons = new Bufs.IntBuf(orders);
            lineStart = new Bufs.IntBuf(orders);
            lineProduct = new Bufs.IntBuf(lines);
            lineSku = new Bufs.IntBuf(lines);
            lineCategory = new Bufs.IntBuf(lines);
            lineNet = new Bufs.LongBuf(lines);
            refundStart = new Bufs.IntBuf(orders);
            couponStart.add(0);
            lineStart.add(0);
            refundStart.add(0);
        }

        /** Appends another batch, mapping its codes into this one's dictionaries. */
        void append(Temp b) {
            int[] ch = map(b.dicts.channels, dicts.channels);
            int[] pay = map(b.dicts.payments, dicts.payments);
            int[] ship = map(b.dicts.shippings, dicts.shippings);
            int[] pick = map(b.dicts.pickups, dicts.pickups);
            int[] sto = map(b.dicts.stores, dicts.stores);
            int[] cou = map(b.dicts.coupons, dicts.coupons);
            int[] pro = map(b.dicts.products, dicts.products);
            int[] sk = map(b.dicts.skus, dicts.skus);
            int[] cat = new int[b.dicts.categories.size() + 1];
            for (int c = 1; c < cat.length; c++) {
                cat[c] = dicts.category(b.dicts.categories.value(c));
            }
            int offset = member.size();
            int couponOffset = coupons.size();
            int lineOffset = lineProduct.size();
            int refundOffset = refundSec.size();
            for (int i = 0, n = b.member.size(); i < n; i++) {
                member.add(b.member.get(i));
                sec.add(b.sec.get(i));
                nano.add(b.nano.get(i));
                day.add(b.day.get(i));
                total.add(b.total.get(i));
                flags.add(b.flags.get(i));
                channel.add(ch[b.channel.get(i)]);
                payment.add(pay[b.payment.get(i)]);
                shipping.add(ship[b.shipping.get(i)]);
                pickup.add(pick[b.pickup.get(i)]);
                store.add(sto[b.store.get(i)]);
                couponStart.add(couponOffset + b.couponStart.get(i + 1));
                lineStart.add(lineOffset + b.lineStart.get(i + 1));
                refundStart.add(refundOffset + b.refundStart.get(i + 1));
            }
            for (int k = 0, n = b.coupons.size(); k < n; k++) {
                coupons.add(cou[b.coupons.get(k)]);
            }
            for (int k = 0, n = b.lineProduct.size(); k < n; k++) {
                lineProduct.add(pro[b.lineProduct.get(k)]);
                lineSku.add(sk[b.lineSku.get(k)]);
                lineCategory.add(cat[b.lineCategory.get(k)]);
                lineNet.add(b.lineNet.get(k));
            }
            for (int k = 0, n = b.refundSec.size(); k < n; k++) {
                refundSec.add(b.refundSec.get(k));
                refundNano.add(b.refundNano.get(k));
                refundAmount.add(b.refundAmount.get(k));
            }
            for (int k = 0, n = b.foreign.size(); k < n; k++) {
                foreign.add(offset + b.foreign.get(k));
            }
            foreignIds.addAll(b.foreignIds);
            foreignCurrencies.addAll(b.foreignCurrencies);
        }

        private static int[] map(StringDict from, StringDict to) {
            int[] out = new int[from.size() + 1];
            for (int c = 1; c < out.length; c++) {
                out[c] = to.add(from.value(c));
            }
            return out;
        }

        /** Appends order {@code i} of {@code old} for member {@code m}, codes unchanged. */
        void copy(OrderColumns old, int i, int m) {
            int at = member.size();
            member.add(m);
            sec.add(old.timeBase + old.placed[i]);
            nano.add(old.placedNanos.get(i));
            day.add(old.dayBase + old.day[i]);
            total.add(old.total.get(i));
            int f = old.flags[i];
            flags.add(f);
            channel.add(old.channel.get(i));
            payment.add(old.payment.get(i));
            shipping.add(old.shipping.get(i));
            pickup.add(old.pickup.get(i));
            store.add(old.store.get(i));
            int c = old.coupon.get(i);
            if (c != 0) {
                coupons.add(c);
            }
            if ((f & MORE_COUPONS) != 0) {
                int k = Arrays.binarySearch(old.moreCouponOrders, i);
                for (int j = old.moreCouponStart[k], e = old.moreCouponStart[k + 1]; j < e; j++) {
                    coupons.add(old.moreCoupons[j]);
                }
            }
            couponStart.add(coupons.size());
            for (int k = old.lineStart[i], e = old.lineStart[i + 1]; k < e; k++) {
                lineProduct.add(old.product.get(k));
                lineSku.add(old.sku.get(k));
                lineCategory.add(old.category.get(k));
                lineNet.add(old.lineNet.get(k));
            }
            lineStart.add(lineProduct.size());
            if ((f & REFUNDED) != 0) {
                int slot = Arrays.binarySearch(old.refundOrders, i);
                for (int k = old.refundStart[slot], e = old.refundStart[slot + 1]; k < e; k++) {
                    refundSec.add(old.timeBase + old.refundAt[k]);
                    refundNano.add(old.refundNanos.get(k));
                    refundAmount.add(old.refundAmount.get(k));
                }
            }
            refundStart.add(refundSec.size());
            if ((f & FOREIGN) != 0) {
                int k = Arrays.binarySearch(old.foreignOrders, i);
                foreign.add(at);
                foreignIds.add(old.foreignIds[k]);
                foreignCurrencies.add(old.foreignCurrencies[k]);
            }
        }

        void add(Order o, int m, ZoneRules rules, Currency currency) {
            int i = member.size();
            member.add(m);
            Instant at = o.placedAt();
            sec.add(at.getEpochSecond());
            nano.add(at.getNano());
            day.add((int) Days.epochDay(at, rules));
            total.add(o.total().minorUnits());
            int f = 0;
            if (o.isCancelled()) {
                f |= CANCELLED;
            }
            if (!o.refunds().isEmpty()) {
                f |= REFUNDED;
            }
            if (!o.currency().equals(currency)) {
                f |= FOREIGN;
                foreign.add(i);
                foreignIds.add(o.id().value());
                foreignCurrencies.add(o.currency());
            }
            if (o.couponCodes().size() > 1) {
                f |= MORE_COUPONS;
            }
            flags.add(f);
            channel.add(dicts.channels.add(o.channel().code()));
            payment.add(
                    o.paymentMethod().isPresent()
                            ? dicts.payments.add(o.paymentMethod().get().code())
                            : 0);
            shipping.add(
                    o.shippingMethod().isPresent()
                            ? dicts.shippings.add(o.shippingMethod().get().code())
                            : 0);
            pickup.add(
                    o.pickupStore().isPresent()
                            ? dicts.pickups.add(o.pickupStore().get().value())
                            : 0);
            store.add(o.store().isPresent() ? dicts.stores.add(o.store().get().value()) : 0);
            for (String c : o.couponCodes()) {
                coupons.add(dicts.coupons.add(c));
            }
            couponStart.add(coupons.size());
            for (OrderLine l : o.lines()) {
                lineProduct.add(dicts.products.add(l.productId().value()));
                lineSku.add(l.sku().isPresent() ? dicts.skus.add(l.sku().get()) : 0);
                lineCategory.add(dicts.category(l.category().path()));
                lineNet.add(l.netAmount().minorUnits());
            }
            lineStart.add(lineProduct.size());
            for (Refund r : o.refunds()) {
                refundSec.add(r.at().getEpochSecond());
                refundNano.add(r.at().getNano());
                refundAmount.add(r.amount().minorUnits());
            }
            refundStart.add(refundSec.size());
        }
    }

    /**
     * @param o an order
     * @return its total in minor units
     */
    long total(int o) {
        return total.get(o);
    }

    private volatile @org.jspecify.annotations.Nullable Instant latestEvent;
    private volatile boolean latestKnown;

    /**
     * @return the latest order placement or refund instant; null without orders. After it, the
     *     order statistics of any range no longer depend on the as-of instant
     */
    @org.jspecify.annotations.Nullable
    Instant latestEvent() {
        if (!latestKnown) {
            long sec = Long.MIN_VALUE;
            int nano = 0;
            for (int i = 0; i < count; i++) {
                long t = placed[i];
                if (t > sec || (t == sec && placedNanos.get(i) > nano)) {
                    sec = t;
                    nano = placedNanos.get(i);
                }
            }
            for (int k = 0; k < refundAt.length; k++) {
                long t = refundAt[k];
                if (t > sec || (t == sec && refundNanos.get(k) > nano)) {
                    sec = t;
                    nano = refundNanos.get(k);
                }
            }
            latestEvent = count == 0 ? null : Instant.ofEpochSecond(timeBase + sec, nano);
            latestKnown = true;
        }
        return latestEvent;
    }

    /**
     * @param o an order with {@link #REFUNDED}
     * @return its slot in the refund side table
     */
    int refundSlot(int o) {
        return Arrays.binarySearch(refundOrders, o);
    }

    /**
     * @param slot a refund slot
     * @param asSec the as-of epoch second
     * @param asNano the as-of nanoseconds
     * @return true if the order was fully refunded by then
     */
    boolean fullyRefunded(int slot, long asSec, int asNano) {
        int k = fullAt[slot];
        return k >= 0 && refundSeen(k, asSec - timeBase, asNano);
    }

    private boolean refundSeen(int k, long asRel, int asNano) {
        long s = refundAt[k];
        return s < asRel || (s == asRel && refundNanos.get(k) <= asNano);
    }

    /**
     * @param slot a refund slot
     * @param asSec the as-of epoch second
     * @param asNano the as-of nanoseconds
     * @return the refunds made by then
     */
    long refundedBy(int slot, long asSec, int asNano) {
        long asRel = asSec - timeBase;
        long sum = 0;
        for (int k = refundStart[slot], e = refundStart[slot + 1]; k < e; k++) {
            if (refundSeen(k, asRel, asNano)) {
                sum = Math.addExact(sum, refundAmount.get(k));
            }
        }
        return sum;
    }

    /**
     * @param o an order
     * @param code a coupon code
     * @return true if the order used that coupon
     */
    boolean usedCoupon(int o, int code) {
        if (coupon.get(o) == code) {
            return true;
        }
        if ((flags[o] & MORE_COUPONS) == 0) {
            return false;
        }
        int k = Arrays.binarySearch(moreCouponOrders, o);
        for (int j = moreCouponStart[k], e = moreCouponStart[k + 1]; j < e; j++) {
            if (moreCoupons[j] == code) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the bytes of the per-order columns and their side tables (refunds, extra coupons,
     *     sub-second times); lines and the per-member offsets excluded
     */
    long orderBytes() {
        return placed.length * 4L
                + placedNanos.bytes()
                + day.length * 2L
                + total.bytes()
                + flags.length
                + channel.bytes()
                + payment.bytes()
                + shipping.bytes()
                + pickup.bytes()
                + store.bytes()
                + coupon.bytes()
                + (moreCouponOrders.length + moreCouponStart.length + moreCoupons.length) * 4L
                + lineStart.length * 4L
                + refundOrders.length * 4L
                + refundStart.length * 4L
                + refundAt.length * 4L
                + refundNanos.bytes()
                + refundAmount.bytes()
                + fullAt.length * 4L
                + foreignOrders.length * 4L;
    }

    /** @return the bytes of the line columns */
    long lineBytes() {
        return product.bytes() + sku.bytes() + category.bytes() + lineNet.bytes();
    }

    /** @return the bytes of the per-member offsets */
    long memberIndexBytes() {
        return memberStart.length * 4L;
    }

    /** @return the number of lines */
    int lines() {
        return lineStart[count];
    }
}
