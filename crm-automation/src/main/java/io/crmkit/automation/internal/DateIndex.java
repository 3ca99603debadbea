package io.crmkit.automation.internal;

import io.crmkit.core.Crm;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.spi.ChangeEvent;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Member ids by birthday and by join day (month and day, join day in the brand's zone), so that a
 * date rule reads the few members of a day instead of every member. Built from one pass over the
 * member store, then kept up to date by a store subscription.
 */
public final class DateIndex {
    private final Crm crm;
    private final ZoneId zone;
    private final Map<MonthDay, Set<MemberId>> birthdays = new HashMap<>();
    private final Map<MonthDay, Set<MemberId>> joined = new HashMap<>();
    private final Map<MemberId, MonthDay[]> keys = new HashMap<>();

    /**
     * @param crm the stores
     * @param zone the brand's zone
     */
    public DateIndex(Crm crm, ZoneId zone) {
        this.crm = crm;
        this.zone = zone;
        crm.members().subscribe(changes -> {
            synchronized (this) {
                for (ChangeEvent<Member> c : changes) {
                    c.before().ifPresent(m -> remove(m.id()));
                    c.after().ifPresent(this::add);
                }
            }
        });
        crm.members().stream().forEach(this::add);
    }

    private synchronized void add(Member m) {
        remove(m.id());
        MonthDay b = m.birthday().map(MonthDay::from).orElse(null);
        MonthDay j = MonthDay.from(m.joinedAt().atZone(zone));
        if (b != null) {
            birthdays.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(m.id());
        }
        joined.computeIfAbsent(j, k -> new LinkedHashSet<>()).add(m.id());
        keys.put(m.id(), new MonthDay[] {b, j});
    }

    private void remove(MemberId id) {
        MonthDay[] k = keys.remove(id);
        if (k != null) {
            if (k[0] != null) {
                birthdays.get(k[0]).remove(id);
            }
            joined.get(k[1]).remove(id);
        }
    }

    /**
     * @param birthday true for birthdays, false for join days
     * @param day the month and day
     * @return the members with that date, as stored now
     */
    public List<Member> members(boolean birthday, MonthDay day) {
        List<MemberId> ids;
        synchronized (this) {
            Set<MemberId> s = (birthday ? birthdays : joined).get(day);
            if (s == null || s.isEmpty()) {
                return List.of();
            }
            ids = new ArrayList<>(s);
        }
        return crm.members().findAll(ids);
    }
}
