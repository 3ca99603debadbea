package io.crmkit.automation.internal.json;

import io.crmkit.automation.Entry;
import io.crmkit.automation.Goal;
import io.crmkit.automation.Guards;
import io.crmkit.automation.Journey;
import io.crmkit.automation.Step;
import io.crmkit.automation.Trigger;
import io.crmkit.segmentation.Condition;
import io.crmkit.segmentation.SegmentJson;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes journeys and guards in the JSON form of {@code docs/journey-json.md}: members in the
 * documented order, optional members only when they are set (or differ from their default),
 * conditions exactly as {@link SegmentJson#toJson(Condition)} writes them.
 */
public final class JourneyJsonWriter {
    private final Printer out = new Printer();

    private JourneyJsonWriter() {}

    /**
     * @param journey a journey
     * @return its {@code journey/1} document
     */
    public static String journey(Journey journey) {
        JourneyJsonWriter w = new JourneyJsonWriter();
        w.journey(journey, true);
        return w.out.finish();
    }

    /**
     * @param journeys journeys, in order
     * @return their {@code journeys/1} document
     */
    public static String journeys(List<Journey> journeys) {
        JourneyJsonWriter w = new JourneyJsonWriter();
        w.out.beginObject().name(Format.FORMAT_KEY).value(Format.JOURNEYS);
        w.out.name("journeys").beginArray();
        for (Journey j : journeys) {
            w.journey(j, false);
        }
        w.out.endArray().endObject();
        return w.out.finish();
    }

    /**
     * @param guards guards
     * @return their {@code guards/1} document
     */
    public static String guards(Guards guards) {
        JourneyJsonWriter w = new JourneyJsonWriter();
        Printer out = w.out;
        out.beginObject().name(Format.FORMAT_KEY).value(Format.GUARDS);
        if (guards.capMessages() != 0 || !guards.capWindow().isZero()) {
            out.name("frequencyCap").beginObject();
            out.name("messages").value(guards.capMessages());
            out.name("per").value(Format.duration(guards.capWindow()));
            out.endObject();
        }
        if (guards.quietFrom() != null && guards.quietUntil() != null) {
            out.name("quietHours").beginObject();
            out.name("from").value(guards.quietFrom().toString());
            out.name("until").value(guards.quietUntil().toString());
            out.endObject();
        }
        if (!guards.suppressTags().isEmpty()) {
            out.name("suppressTags").beginArray();
            for (String t : new TreeSet<>(guards.suppressTags())) {
                out.value(t);
            }
            out.endArray();
        }
        if (guards.suppressAudience() != null) {
            out.name("suppressAudience");
            w.condition(guards.suppressAudience());
        }
        out.endObject();
        return out.finish();
    }

    private void journey(Journey j, boolean withFormat) {
        out.beginObject();
        if (withFormat) {
            out.name(Format.FORMAT_KEY).value(Format.JOURNEY);
        }
        out.name("id").value(j.id().value());
        out.name("version").value(j.version());
        out.name("name").value(j.name());
        out.name("entry");
        entry(j.entry());
        out.name("reentry").beginObject();
        out.name("type").value(Format.code(j.reentry().kind()));
        if (j.reentry().period() != null) {
            out.name("period").value(j.reentry().period().toString());
        }
        out.endObject();
        if (j.filter().isPresent()) {
            out.name("filter");
            condition(j.filter().get());
        }
        out.name("steps").beginArray();
        for (Step s : j.steps()) {
            step(s);
        }
        out.endArray();
        if (j.goal().isPresent()) {
            Goal g = j.goal().get();
            out.name("goal").beginObject();
            out.name("trigger");
            trigger(g.trigger());
            out.name("window").value(Format.duration(g.window()));
            out.endObject();
        }
        out.endObject();
    }

    private void entry(Entry e) {
        out.beginObject();
        if (e instanceof Entry.OnEvent ev) {
            out.name("type").value(Format.EVENT);
            out.name("trigger");
            trigger(ev.trigger());
        } else if (e instanceof Entry.OnSegment s) {
            out.name("type").value(Format.SEGMENT);
            out.name("segment").value(s.segment().value());
            out.name("entered").value(s.entered());
        } else if (e instanceof Entry.Birthday b) {
            out.name("type").value(Format.BIRTHDAY);
            out.name("daysBefore").value(b.daysBefore());
            out.name("at").value(b.at().toString());
        } else if (e instanceof Entry.JoinAnniversary a) {
            out.name("type").value(Format.JOIN_ANNIVERSARY);
            out.name("at").value(a.at().toString());
        } else if (e instanceof Entry.DaysAfterLastPurchase d) {
            out.name("type").value(Format.DAYS_AFTER_LAST_PURCHASE);
            out.name("days").value(d.days());
            out.name("at").value(d.at().toString());
        } else if (e instanceof Entry.RepurchaseDue r) {
            out.name("type").value(Format.REPURCHASE_DUE);
            out.name("factor").number(Format.number(r.factor()));
            out.name("fallbackDays").value(r.fallbackDays());
            out.name("at").value(r.at().toString());
        } else if (e instanceof Entry.Broadcast b) {
            out.name("type").value(Format.BROADCAST);
            out.name("audience");
            condition(b.audience());
            out.name("first").value(b.first().toString());
            if (b.every() != null) {
                out.name("every").value(b.every().toString());
            }
        } else {
            throw new IllegalStateException("unknown entry " + e);
        }
        out.endObject();
    }

    private void trigger(Trigger t) {
        out.beginObject();
        out.name("type").value(Format.code(t.kind()));
        if (t.interactionType() != null) {
            out.name("interactionType").value(Format.code(t.interactionType()));
        }
        if (t.minScore() != -1) {
            out.name("minScore").value(t.minScore());
        }
        out.endObject();
    }

    private void step(Step s) {
        out.beginObject();
        if (s instanceof Step.Wait w) {
            head(Format.WAIT, s);
            out.name("duration").value(Format.duration(w.duration()));
        } else if (s instanceof Step.WaitUntil w) {
            head(Format.WAIT_UNTIL, s);
            out.name("at").value(w.at().toString());
            if (w.days().size() < 7) {
                out.name("days").beginArray();
                for (DayOfWeek d : new TreeSet<>(w.days())) {
                    out.value(d.name().substring(0, 3));
                }
                out.endArray();
            }
        } else if (s instanceof Step.WaitForEvent w) {
            head(Format.WAIT_FOR_EVENT, s);
            out.name("trigger");
            trigger(w.trigger());
            out.name("timeout").value(Format.duration(w.timeout()));
            if (w.onTimeout() != null) {
                out.name("onTimeout").value(w.onTimeout());
            }
        } else if (s instanceof Step.Branch b) {
            head(Format.BRANCH, s);
            out.name("condition");
            condition(b.condition());
            out.name("then").value(b.then());
            out.name("otherwise").value(b.otherwise());
        } else if (s instanceof Step.Split sp) {
            head(Format.SPLIT, s);
            out.name("arms").beginArray();
            for (Step.Arm a : sp.arms()) {
                out.beginObject();
                out.name("label").value(a.label());
                out.name("percent").value(a.percent());
                if (a.target() != null) {
                    out.name("target").value(a.target());
                }
                out.endObject();
            }
            out.endArray();
        } else if (s instanceof Step.Send m) {
            head(Format.SEND, s);
            if (m.channel() != null) {
                out.name("channel").value(Format.code(m.channel()));
            }
            out.name("template").value(m.template());
            strings("variables", m.variables());
        } else if (s instanceof Step.IssueCoupon c) {
            head(Format.ISSUE_COUPON, s);
            out.name("campaign").value(c.campaign());
        } else if (s instanceof Step.Tag t) {
            head(t.add() ? Format.TAG : Format.UNTAG, s);
            out.name("tag").value(t.tag());
        } else if (s instanceof Step.AwardPoints p) {
            head(Format.AWARD_POINTS, s);
            out.name("points").value(p.points());
            out.name("reason").value(p.reason());
        } else if (s instanceof Step.Custom c) {
            head(Format.CUSTOM, s);
            out.name("action").value(c.action());
            strings("params", c.params());
        } else if (s instanceof Step.Exit) {
            head(Format.EXIT, s);
        } else {
            throw new IllegalStateException("unknown step " + s);
        }
        if (s.next() != null) {
            out.name("next").value(s.next());
        }
        out.endObject();
    }

    private void head(String type, Step s) {
        out.name("type").value(type);
        out.name("id").value(s.id());
    }

    private void strings(String name, Map<String, String> map) {
        if (map.isEmpty()) {
            return;
        }
        out.name(name).beginObject();
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            out.name(e.getKey()).value(e.getValue());
        }
        out.endObject();
    }

    private void condition(Condition c) {
        out.embed(SegmentJson.toJson(c));
    }
}
