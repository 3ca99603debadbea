package io.crmkit.jdbc.internal;

import io.crmkit.core.CampaignId;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Interaction;
import io.crmkit.core.InteractionId;
import io.crmkit.core.InteractionType;
import io.crmkit.core.MemberId;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.DuplicateKeyException;
import io.crmkit.core.spi.InteractionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link InteractionStore} on PostgreSQL. An append inserts with {@code ON CONFLICT DO NOTHING}, so
 * concurrent appends of one interaction count it once; an id already stored with other content rolls
 * the whole batch back.
 */
public final class PgInteractionStore extends PgStore<Interaction> implements InteractionStore {
    static final String COLUMNS = "interaction_id, member_id, at, at_nanos, type, channel, campaign_id, message_id,"
            + " properties, score, duration_seconds";
    private static final String ORDER_BY = " ORDER BY at, at_nanos, interaction_id";

    /**
     * @param dataSource the host's data source
     * @param schema the schema of the tables
     */
    public PgInteractionStore(DataSource dataSource, String schema) {
        super(dataSource, schema, "interaction");
    }

    private List<Interaction> query(Connection c, String where, List<Object> params) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM " + t("interaction") + " " + where)) {
            Pg.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<Interaction> out = new ArrayList<>();
                while (rs.next()) {
                    String id = rs.getString(1);
                    String channel = rs.getString(6);
                    String campaign = rs.getString(7);
                    String message = rs.getString(8);
                    out.add(new Interaction(
                            InteractionId.of(id),
                            MemberId.of(rs.getString(2)),
                            Pg.getInstant(rs, 3),
                            InteractionType.valueOf(rs.getString(5)),
                            Optional.ofNullable(channel).map(ContactChannel::valueOf),
                            Optional.ofNullable(campaign).map(CampaignId::of),
                            Optional.ofNullable(message),
                            Docs.readAttributes(rs.getString(9), "interaction " + id)));
                }
                return out;
            }
        }
    }

    @Override
    public Optional<Interaction> find(InteractionId id) {
        Pg.required(id, "id");
        return read(
                "interactions.find",
                c -> query(c, "WHERE interaction_id = ?", List.of(id.value())).stream()
                        .findFirst());
    }

    @Override
    public List<Interaction> findAll(Collection<InteractionId> ids) {
        List<InteractionId> all = Pg.requiredAll(ids, "ids");
        if (all.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<InteractionId> distinct = new LinkedHashSet<>(all);
        Map<InteractionId, Interaction> found = byId(read(
                "interactions.findAll",
                c -> query(c, "WHERE interaction_id = ANY(?)", List.of((Object) ids(distinct)))));
        List<Interaction> out = new ArrayList<>();
        for (InteractionId id : distinct) {
            Interaction i = found.get(id);
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }

    private static Map<InteractionId, Interaction> byId(List<Interaction> list) {
        Map<InteractionId, Interaction> m = new HashMap<>();
        for (Interaction i : list) {
            m.put(i.id(), i);
        }
        return m;
    }

    private static String[] ids(Collection<InteractionId> ids) {
        return ids.stream().map(InteractionId::value).toArray(String[]::new);
    }

    @Override
    public List<Interaction> scan(@Nullable InteractionId after, int limit) {
        Pg.limit(limit);
        return read(
                "interactions.scan",
                c -> after == null
                        ? query(c, "ORDER BY interaction_id LIMIT ?", List.of(limit))
                        : query(
                                c,
                                "WHERE interaction_id > ? ORDER BY interaction_id LIMIT ?",
                                List.of(after.value(), limit)));
    }

    @Override
    public long count() {
        return countRows("interaction");
    }

    @Override
    public boolean delete(InteractionId id) {
        Pg.required(id, "id");
        return write("interactions.delete", c -> {
            List<Interaction> before = query(c, "WHERE interaction_id = ? FOR UPDATE", List.of(id.value()));
            if (before.isEmpty()) {
                return new Written<>(false, List.of());
            }
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM " + t("interaction") + " WHERE interaction_id = ?")) {
                ps.setString(1, id.value());
                ps.executeUpdate();
            }
            return new Written<>(true, List.of(ChangeEvent.of(before.get(0), null)));
        });
    }

    @Override
    public int appendAll(Collection<Interaction> interactions) {
        List<Interaction> batch = Pg.requiredAll(interactions, "interactions");
        Map<InteractionId, Interaction> distinct = new LinkedHashMap<>();
        for (Interaction i : batch) {
            Interaction other = distinct.putIfAbsent(i.id(), i);
            if (other != null && !other.equals(i)) {
                throw new DuplicateKeyException(
                        "interactions.appendAll: interaction " + i.id() + " is in the batch twice with other content");
            }
            Pg.storable(i.at(), "interaction " + i.id() + " at");
        }
        if (distinct.isEmpty()) {
            return 0;
        }
        return write("interactions.appendAll", c -> {
            Set<String> inserted = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t("interaction") + " (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (interaction_id) DO NOTHING"
                    + " RETURNING interaction_id")) {
                // in id order, so that concurrent appends of overlapping batches never deadlock
                for (Interaction i : new java.util.TreeMap<>(distinct).values()) {
                    bind(ps, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            inserted.add(rs.getString(1));
                        }
                    }
                }
            }
            List<InteractionId> existing = new ArrayList<>();
            for (InteractionId id : distinct.keySet()) {
                if (!inserted.contains(id.value())) {
                    existing.add(id);
                }
            }
            if (!existing.isEmpty()) {
                Map<InteractionId, Interaction> stored =
                        byId(query(c, "WHERE interaction_id = ANY(?)", List.of((Object) ids(existing))));
                for (InteractionId id : existing) {
                    if (!distinct.get(id).equals(stored.get(id))) {
                        throw new DuplicateKeyException(
                                "interactions.appendAll: interaction " + id + " is already stored with other content");
                    }
                }
            }
            List<ChangeEvent<Interaction>> events = new ArrayList<>();
            for (Interaction i : distinct.values()) {
                if (inserted.contains(i.id().value())) {
                    events.add(ChangeEvent.of(null, i));
                }
            }
            return new Written<>(inserted.size(), events);
        });
    }

    static void bind(PreparedStatement ps, Interaction i) throws SQLException {
        ps.setString(1, i.id().value());
        ps.setString(2, i.memberId().value());
        Pg.setInstant(ps, 3, i.at());
        ps.setString(5, i.type().name());
        Pg.setStringOrNull(ps, 6, i.channel().map(Enum::name).orElse(null));
        Pg.setStringOrNull(ps, 7, i.campaignId().map(CampaignId::value).orElse(null));
        Pg.setStringOrNull(ps, 8, i.messageId().orElse(null));
        ps.setString(9, Docs.attributes(i.properties()));
        Object score = i.properties().asMap().get(Interaction.SCORE);
        if (score instanceof Integer s) {
            ps.setInt(10, s);
        } else {
            ps.setNull(10, Types.INTEGER);
        }
        Object duration = i.properties().asMap().get(Interaction.DURATION_SECONDS);
        if (duration instanceof Long d) {
            ps.setLong(11, d);
        } else {
            ps.setNull(11, Types.BIGINT);
        }
    }

    @Override
    public List<Interaction> findByMember(MemberId memberId, TimeRange range) {
        Pg.required(memberId, "memberId");
        Pg.required(range, "range");
        List<Object> params = new ArrayList<>();
        params.add(memberId.value());
        String in = Pg.inRange("at", "at_nanos", range, params);
        return read("interactions.findByMember", c -> query(c, "WHERE member_id = ? AND " + in + ORDER_BY, params));
    }

    @Override
    public List<Interaction> findIn(TimeRange range, @Nullable Interaction after, int limit) {
        Pg.required(range, "range");
        Pg.limit(limit);
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("WHERE ").append(Pg.inRange("at", "at_nanos", range, params));
        if (after != null) {
            where.append(" AND (at, at_nanos, interaction_id) > (?, ?, ?)");
            params.add(Pg.micros(after.at()));
            params.add(Pg.nanos(after.at()));
            params.add(after.id().value());
        }
        params.add(limit);
        return read("interactions.findIn", c -> query(c, where + ORDER_BY + " LIMIT ?", params));
    }
}
