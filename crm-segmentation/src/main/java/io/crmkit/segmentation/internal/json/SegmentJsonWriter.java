package io.crmkit.segmentation.internal.json;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Money;
import io.crmkit.segmentation.Bound;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.Measure;
import io.crmkit.segmentation.Segment;
import io.crmkit.segmentation.Window;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Currency;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes segments and conditions in the JSON form of {@code docs/segment-json.md}: members in the
 * documented order, optional members only when they differ from their default.
 */
public final class SegmentJsonWriter {
    private final JsonPrinter out = new JsonPrinter();

    private SegmentJsonWriter() {}

    /**
     * @param segment a segment
     * @return its {@code segment/1} document
     */
    public static String segment(Segment segment) {
        Objects.requireNonNull(segment, "segment");
        SegmentJsonWriter w = new SegmentJsonWriter();
        w.segment(segment, true);
        return w.out.finish();
    }

    /**
     * @param condition a condition
     * @return its condition node as a document
     */
    public static String condition(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        checkDepth(condition);
        SegmentJsonWriter w = new SegmentJsonWriter();
        w.write(condition);
        return w.out.finish();
    }

    /**
     * @param segments the segments of a catalogue, in order
     * @return the {@code catalog/1} document
     */
    public static String catalog(Iterable<Segment> segments) {
        SegmentJsonWriter w = new SegmentJsonWriter();
        w.out.beginObject().name(Format.VERSION_KEY).value(Format.CATALOG);
        w.out.name("segments").beginArray();
        for (Segment s : segments) {
            w.segment(s, false);
        }
        w.out.endArray().endObject();
        return w.out.finish();
    }

    /**
     * @param model an RFM model
     * @return its {@code rfm/1} document
     */
    public static String rfm(io.crmkit.segmentation.RfmModel model) {
        Objects.requireNonNull(model, "model");
        SegmentJsonWriter w = new SegmentJsonWriter();
        JsonPrinter out = w.out;
        out.beginObject().name(Format.VERSION_KEY).value(Format.RFM);
        out.name("scores").value(model.scores());
        w.window(model.window());
        out.name("frequency").value(Format.code(model.frequency()));
        out.name("monetary").value(Format.code(model.monetary()));
        out.name("strategy").value(Format.code(model.strategy()));
        if (model.strategy() == io.crmkit.segmentation.RfmModel.Strategy.FIXED) {
            out.name("thresholds").beginObject();
            out.name("recencyDays").beginArray();
            for (long d : model.recencyThresholds()) {
                out.value(d);
            }
            out.endArray();
            out.name("frequency").beginArray();
            for (long f : model.frequencyThresholds()) {
                out.value(f);
            }
            out.endArray();
            Currency cur = model.monetaryThresholds().get(0).currency();
            out.name("currency").value(cur.getCurrencyCode());
            out.name("monetary").beginArray();
            for (Money m : model.monetaryThresholds()) {
                out.value(majorUnits(m.minorUnits(), cur));
            }
            out.endArray();
            out.endObject();
        }
        out.name("segments").beginArray();
        for (io.crmkit.segmentation.RfmSegmentRule r : model.segments()) {
            out.beginObject().name("name").value(r.name());
            w.range("r", r.rMin(), r.rMax());
            w.range("f", r.fMin(), r.fMax());
            w.range("m", r.mMin(), r.mMax());
            if (r.fmMin() != 1 || r.fmMax() != io.crmkit.segmentation.RfmModel.MAX_SCORES) {
                out.name("fm").beginArray();
                out.value(BigDecimal.valueOf(r.fmMin()).stripTrailingZeros());
                out.value(BigDecimal.valueOf(r.fmMax()).stripTrailingZeros());
                out.endArray();
            }
            out.endObject();
        }
        out.endArray();
        out.endObject();
        return out.finish();
    }

    private void range(String name, int min, int max) {
        if (min != 1 || max != io.crmkit.segmentation.RfmModel.MAX_SCORES) {
            out.name(name).beginArray().value(min).value(max).endArray();
        }
    }

    /**
     * @param model a lifecycle model
     * @return its {@code lifecycle/1} document
     */
    public static String lifecycle(io.crmkit.segmentation.LifecycleModel model) {
        Objects.requireNonNull(model, "model");
        checkDepth(model.invalidContact());
        SegmentJsonWriter w = new SegmentJsonWriter();
        JsonPrinter out = w.out;
        out.beginObject().name(Format.VERSION_KEY).value(Format.LIFECYCLE);
        out.name("kind").value(Format.code(model.kind()));
        out.name("window").value(model.window().toString());
        out.name("deepSleep").value(model.deepSleep().toString());
        out.name("lapseFactor").value(BigDecimal.valueOf(model.lapseFactor()).stripTrailingZeros());
        out.name("defaultCycleDays").value(model.defaultCycleDays());
        out.name("invalidContact");
        w.write(model.invalidContact());
        out.endObject();
        return out.finish();
    }

    /**
     * Checks, without recursion, that a condition nests no deeper than the reader reads.
     *
     * @param root a condition
     * @throws InvalidValueException if it nests more than {@value SegmentJsonReader#MAX_CONDITION_DEPTH}
     *     levels deep
     */
    static void checkDepth(Condition root) {
        Deque<Condition> pending = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        pending.push(root);
        depths.push(1);
        while (!pending.isEmpty()) {
            Condition c = pending.pop();
            int d = depths.pop();
            if (d > SegmentJsonReader.MAX_CONDITION_DEPTH) {
                throw new InvalidValueException(
                        "condition",
                        "nests more than " + SegmentJsonReader.MAX_CONDITION_DEPTH
                                + " levels deep, more than the JSON form allows");
            }
            List<Condition> children = c instanceof Condition.And a
                    ? a.parts()
                    : c instanceof Condition.Or o
                            ? o.parts()
                            : c instanceof Condition.Not n ? List.of(n.condition()) : List.of();
            for (Condition child : children) {
                pending.push(child);
                depths.push(d + 1);
            }
        }
    }

    private void segment(Segment s, boolean withVersion) {
        out.beginObject();
        if (withVersion) {
            out.name(Format.VERSION_KEY).value(Format.SEGMENT);
        }
        out.name("id").value(s.id().value());
        out.name("name").value(s.name());
        out.name("description").value(s.description());
        out.name("condition");
        checkDepth(s.condition());
        write(s.condition());
        out.endObject();
    }

    private void write(Condition c) {
        out.beginObject();
        if (c instanceof Condition.All) {
            type(Format.ALL);
        } else if (c instanceof Condition.None) {
            type(Format.NONE);
        } else if (c instanceof Condition.And a) {
            type(Format.AND);
            out.name("of").beginArray();
            for (Condition p : a.parts()) {
                write(p);
            }
            out.endArray();
        } else if (c instanceof Condition.Or o) {
            type(Format.OR);
            out.name("of").beginArray();
            for (Condition p : o.parts()) {
                write(p);
            }
            out.endArray();
        } else if (c instanceof Condition.Not n) {
            type(Format.NOT);
            out.name("condition");
            write(n.condition());
        } else if (c instanceof Condition.Compare cmp) {
            type(Format.COMPARE);
            out.name("measure").value(Format.code(cmp.measure()));
            window(cmp.window());
            if (cmp.measure().unit() == Measure.Unit.MONEY) {
                Currency cur = cmp.currency().orElseThrow();
                moneyBound(cmp.bound(), cur);
                out.name("currency").value(cur.getCurrencyCode());
            } else {
                bound(cmp.bound());
            }
        } else if (c instanceof Condition.Profile p) {
            type(Format.PROFILE);
            out.name("field").value(Format.code(p.field()));
            out.name("anyOf").beginArray();
            for (String v : p.anyOf()) {
                out.value(v);
            }
            out.endArray();
        } else if (c instanceof Condition.Attribute a) {
            type(Format.ATTRIBUTE);
            out.name("key").value(a.key().name());
            out.name("valueType").value(Format.code(a.key().type()));
            out.name("test").value(Format.code(a.test()));
            if (!a.values().isEmpty()) {
                out.name("values").beginArray();
                for (Object v : a.values()) {
                    attributeValue(a.key().type(), v);
                }
                out.endArray();
            }
        } else if (c instanceof Condition.Orders o) {
            type(Format.ORDERS);
            if (!o.filter().equals(Condition.OrderFilter.any())) {
                out.name("filter");
                orderFilter(o.filter());
            }
            window(o.window());
            bound(o.count());
        } else if (c instanceof Condition.SpendOn s) {
            type(Format.SPEND_ON);
            out.name("item");
            item(s.item());
            window(s.window());
            moneyBound(s.amount(), s.currency());
            out.name("currency").value(s.currency().getCurrencyCode());
        } else if (c instanceof Condition.Interactions i) {
            type(Format.INTERACTIONS);
            out.name("filter");
            interactionFilter(i.filter());
            window(i.window());
            bound(i.count());
        } else if (c instanceof Condition.Tagged t) {
            type(Format.TAGGED);
            out.name("tag").value(t.tag());
        } else if (c instanceof Condition.Reachable r) {
            type(Format.REACHABLE);
            out.name("channel").value(Format.code(r.channel()));
        } else if (c instanceof Condition.OptedIn o) {
            type(Format.OPTED_IN);
            out.name("channel").value(Format.code(o.channel()));
        } else if (c instanceof Condition.InSegment s) {
            type(Format.IN_SEGMENT);
            out.name("segment").value(s.segment().value());
        } else if (c instanceof Condition.Custom cu) {
            type(Format.CUSTOM);
            out.name("name").value(cu.name());
            for (String name : cu.params().keySet()) {
                if (!Node.wellFormed(name)) {
                    throw new InvalidValueException(
                            "custom.params",
                            "parameter name " + Node.child("", name)
                                    + " has an unpaired surrogate; JSON names must be Unicode text");
                }
            }
            if (!cu.params().isEmpty()) {
                out.name("params").beginObject();
                for (Map.Entry<String, String> e : cu.params().entrySet()) {
                    out.name(e.getKey()).value(e.getValue());
                }
                out.endObject();
            }
        } else {
            throw new IllegalStateException("no JSON form for " + c.getClass().getName());
        }
        out.endObject();
    }

    private void type(String type) {
        out.name("type").value(type);
    }

    private void window(Window w) {
        if (w.isAllTime()) {
            return;
        }
        out.name("window").beginObject();
        if (w.from() != null && w.to() != null) {
            out.name("from").value(w.from().toString());
            out.name("to").value(w.to().toString());
        } else {
            out.name("lastDays").value(w.days());
        }
        out.endObject();
    }

    private void bound(Bound b) {
        if (b.min() != Long.MIN_VALUE) {
            out.name("min").value(b.min());
        }
        if (b.max() != Long.MAX_VALUE) {
            out.name("max").value(b.max());
        }
    }

    private void moneyBound(Bound b, Currency currency) {
        if (b.min() != Long.MIN_VALUE) {
            out.name("min").value(majorUnits(b.min(), currency));
        }
        if (b.max() != Long.MAX_VALUE) {
            out.name("max").value(majorUnits(b.max(), currency));
        }
    }

    /** The exact amount in major units with the currency's number of decimals, e.g. "10000.00". */
    static String majorUnits(long minor, Currency currency) {
        return Money.ofMinor(minor, currency).toBigDecimal().toPlainString();
    }

    private void item(Condition.Item item) {
        out.beginObject();
        out.name(Format.code(item.kind())).value(item.value());
        out.endObject();
    }

    private void orderFilter(Condition.OrderFilter f) {
        out.beginObject();
        if (f.item().isPresent()) {
            out.name("item");
            item(f.item().get());
        }
        if (f.anyCoupon()) {
            out.name("anyCoupon").value(true);
        }
        f.coupon().ifPresent(v -> out.name("coupon").value(v));
        f.paymentMethod().ifPresent(v -> out.name("paymentMethod").value(v.code()));
        f.shippingMethod().ifPresent(v -> out.name("shippingMethod").value(v.code()));
        f.pickupStore().ifPresent(v -> out.name("pickupStore").value(v.value()));
        f.channel().ifPresent(v -> out.name("channel").value(v.code()));
        f.store().ifPresent(v -> out.name("store").value(v.value()));
        out.endObject();
    }

    private void interactionFilter(Condition.InteractionFilter f) {
        out.beginObject();
        out.name("interaction").value(Format.code(f.type()));
        f.campaign().ifPresent(v -> out.name("campaign").value(v.value()));
        f.channel().ifPresent(v -> out.name("channel").value(Format.code(v)));
        if (f.minScore().isPresent()) {
            out.name("minScore").value(f.minScore().getAsInt());
        }
        if (f.minDurationSeconds().isPresent()) {
            out.name("minDurationSeconds").value(f.minDurationSeconds().getAsLong());
        }
        out.endObject();
    }

    private void attributeValue(AttributeKey.Type type, Object v) {
        switch (type) {
            case STRING -> out.value((String) v);
            case INTEGER -> out.value(((Integer) v).longValue());
            case LONG -> out.value((Long) v);
            case DECIMAL -> out.value(((BigDecimal) v).toString());
            case BOOLEAN -> out.value((Boolean) v);
            case DATE -> out.value(((LocalDate) v).toString());
            case INSTANT -> out.value(((Instant) v).toString());
        }
    }
}
