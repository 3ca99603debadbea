package io.crmkit.jdbc.internal;

import io.crmkit.core.AttributeKey;
import io.crmkit.core.ContactChannel;
import io.crmkit.core.Email;
import io.crmkit.core.ExternalId;
import io.crmkit.core.Gender;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.PhoneNumber;
import io.crmkit.core.SalesChannel;
import io.crmkit.core.Tag;
import io.crmkit.core.spi.ChangeEvent;
import io.crmkit.core.spi.DuplicateKeyException;
import io.crmkit.core.spi.MemberStore;
import io.crmkit.core.spi.NotFoundException;
import io.crmkit.core.spi.VersionConflictException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link MemberStore} on PostgreSQL. A save locks the batch's rows ({@code SELECT ... FOR UPDATE} in id
 * order, so two batches never deadlock), checks every version, and writes the rows and their query
 * tables in one transaction; an external id's primary key keeps it with one member even against
 * writers in other processes. {@link #update} is a transactional read-modify-write that cannot starve.
 */
public final class PgMemberStore extends PgStore<Member> implements MemberStore {
    static final String COLUMNS = "member_id, version, name, gender, birthday, joined_at, joined_nanos, region, city,"
            + " source_channel, email, phone, line_id, facebook_id, preferred_channel, doc";

    /**
     * @param dataSource the host's data source
     * @param schema the schema of the tables
     */
    public PgMemberStore(DataSource dataSource, String schema) {
        super(dataSource, schema, "member");
    }

    static Member readMember(ResultSet rs) throws SQLException {
        MemberId id = MemberId.of(rs.getString(1));
        Member.Builder b = Member.builder(id, Pg.getInstant(rs, 6));
        b.name(rs.getString(3));
        b.gender(Gender.valueOf(rs.getString(4)));
        Date birthday = rs.getDate(5);
        b.birthday(birthday == null ? null : rs.getObject(5, LocalDate.class));
        b.region(rs.getString(8));
        b.city(rs.getString(9));
        String source = rs.getString(10);
        b.sourceChannel(source == null ? null : new SalesChannel(source));
        String email = rs.getString(11);
        b.email(email == null ? null : new Email(email));
        String phone = rs.getString(12);
        b.phone(phone == null ? null : new PhoneNumber(phone));
        b.lineId(rs.getString(13));
        b.facebookId(rs.getString(14));
        String preferred = rs.getString(15);
        b.preferredChannel(preferred == null ? null : ContactChannel.valueOf(preferred));
        Docs.readMember(rs.getString(16), b, "member " + id);
        return b.build().withVersion(rs.getLong(2));
    }

    private List<Member> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Pg.bind(ps, List.of(params));
            try (ResultSet rs = ps.executeQuery()) {
                List<Member> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(readMember(rs));
                }
                return out;
            }
        }
    }

    @Override
    public Optional<Member> find(MemberId id) {
        Pg.required(id, "id");
        return read(
                "members.find",
                c ->
                        query(c, "SELECT " + COLUMNS + " FROM " + t("member") + " WHERE member_id = ?", id.value())
                                .stream()
                                .findFirst());
    }

    @Override
    public List<Member> findAll(Collection<MemberId> ids) {
        List<MemberId> all = Pg.requiredAll(ids, "ids");
        if (all.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<MemberId> distinct = new LinkedHashSet<>(all);
        Map<MemberId, Member> found = new HashMap<>();
        read("members.findAll", c -> {
            for (Member m :
                    query(c, "SELECT " + COLUMNS + " FROM " + t("member") + " WHERE member_id = ANY(?)", (Object)
                            values(distinct))) {
                found.put(m.id(), m);
            }
            return null;
        });
        List<Member> out = new ArrayList<>(found.size());
        for (MemberId id : distinct) {
            Member m = found.get(id);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private static String[] values(Collection<MemberId> ids) {
        String[] a = new String[ids.size()];
        int i = 0;
        for (MemberId id : ids) {
            a[i++] = id.value();
        }
        return a;
    }

    @Override
    public List<Member> scan(@Nullable MemberId after, int limit) {
        Pg.limit(limit);
        return read(
                "members.scan",
                c -> after == null
                        ? query(c, "SELECT " + COLUMNS + " FROM " + t("member") + " ORDER BY member_id LIMIT ?", limit)
                        : query(
                                c,
                                "SELECT " + COLUMNS + " FROM " + t("member")
                                        + " WHERE member_id > ? ORDER BY member_id LIMIT ?",
                                after.value(),
                                limit));
    }

    @Override
    public long count() {
        return countRows("member");
    }

    @Override
    public boolean delete(MemberId id) {
        Pg.required(id, "id");
        return write("members.delete", c -> {
            List<Member> before =
                    query(c, "DELETE FROM " + t("member") + " WHERE member_id = ? RETURNING " + COLUMNS, id.value());
            String[] ids = {id.value()};
            for (String table : List.of("member_external_id", "member_tag", "member_consent", "member_attribute")) {
                exec(c, "DELETE FROM " + t(table) + " WHERE member_id = ANY(?)", ids);
            }
            List<ChangeEvent<Member>> events = new ArrayList<>();
            for (Member m : before) {
                events.add(ChangeEvent.of(m, null));
            }
            return new Written<>(!before.isEmpty(), events);
        });
    }

    @Override
    public List<Member> findByEmail(Email email) {
        Pg.required(email, "email");
        return read(
                "members.findByEmail",
                c -> query(
                        c,
                        "SELECT " + COLUMNS + " FROM " + t("member") + " WHERE email = ? ORDER BY member_id",
                        email.value()));
    }

    @Override
    public List<Member> findByPhone(PhoneNumber phone) {
        Pg.required(phone, "phone");
        return read(
                "members.findByPhone",
                c -> query(
                        c,
                        "SELECT " + COLUMNS + " FROM " + t("member") + " WHERE phone = ? ORDER BY member_id",
                        phone.e164()));
    }

    @Override
    public Optional<Member> findByExternalId(ExternalId externalId) {
        Pg.required(externalId, "externalId");
        return read(
                "members.findByExternalId",
                c -> query(
                                c,
                                "SELECT " + prefixed("m") + " FROM " + t("member") + " m JOIN "
                                        + t("member_external_id")
                                        + " x ON x.member_id = m.member_id WHERE x.system = ? AND x.value = ?",
                                externalId.system(),
                                externalId.value())
                        .stream()
                        .findFirst());
    }

    private static String prefixed(String alias) {
        StringBuilder sb = new StringBuilder();
        for (String col : COLUMNS.split(",")) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(alias).append('.').append(col.strip());
        }
        return sb.toString();
    }

    @Override
    public List<Member> saveAll(List<Member> members) {
        List<Member> batch = Pg.requiredAll(members, "members");
        if (batch.isEmpty()) {
            return List.of();
        }
        Set<MemberId> ids = new HashSet<>();
        Map<ExternalId, MemberId> xids = new HashMap<>();
        for (Member m : batch) {
            if (!ids.add(m.id())) {
                throw new DuplicateKeyException("members.saveAll: member " + m.id() + " is in the batch twice");
            }
            for (ExternalId x : m.externalIds()) {
                MemberId other = xids.putIfAbsent(x, m.id());
                if (other != null) {
                    throw new DuplicateKeyException("members.saveAll: external id " + x + " is given to both member "
                            + other + " and member " + m.id());
                }
            }
        }
        return write("members.saveAll", c -> save(c, batch, lock(c, ids)));
    }

    /** Locks and reads the stored members of these ids, in id order. */
    private Map<MemberId, Member> lock(Connection c, Collection<MemberId> ids) throws SQLException {
        Map<MemberId, Member> stored = new HashMap<>();
        for (Member m : query(
                c,
                "SELECT " + COLUMNS + " FROM " + t("member")
                        + " WHERE member_id = ANY(?) ORDER BY member_id FOR UPDATE",
                (Object) values(new TreeSet<>(ids)))) {
            stored.put(m.id(), m);
        }
        return stored;
    }

    private Written<List<Member>, Member> save(Connection c, List<Member> batch, Map<MemberId, Member> stored)
            throws SQLException {
        for (Member m : batch) {
            Member before = stored.get(m.id());
            long actual = before == null ? 0 : before.version();
            if (actual != m.version()) {
                throw new VersionConflictException(m.id(), m.version(), actual);
            }
        }
        List<ExternalId> allX = new ArrayList<>();
        for (Member m : batch) {
            allX.addAll(m.externalIds());
        }
        String[] batchIds = values(batch.stream().map(Member::id).toList());
        if (!allX.isEmpty()) {
            String[] systems = allX.stream().map(ExternalId::system).toArray(String[]::new);
            String[] vals = allX.stream().map(ExternalId::value).toArray(String[]::new);
            try (PreparedStatement ps = c.prepareStatement("SELECT x.system, x.value, x.member_id FROM "
                    + t("member_external_id") + " x JOIN unnest(?::text[], ?::text[]) AS k(system, value)"
                    + " ON x.system = k.system AND x.value = k.value WHERE NOT x.member_id = ANY(?) LIMIT 1")) {
                Pg.bind(ps, List.of(systems, vals, batchIds));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new DuplicateKeyException("members.saveAll: external id " + rs.getString(1) + ":"
                                + rs.getString(2) + " is held by member " + rs.getString(3));
                    }
                }
            }
        }
        List<Member> saved = new ArrayList<>(batch.size());
        List<ChangeEvent<Member>> events = new ArrayList<>(batch.size());
        try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO " + t("member") + " (" + COLUMNS
                                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (member_id) DO NOTHING");
                PreparedStatement update = c.prepareStatement(
                        "UPDATE " + t("member")
                                + " SET version = ?, name = ?, gender = ?, birthday = ?, joined_at = ?, joined_nanos = ?,"
                                + " region = ?, city = ?, source_channel = ?, email = ?, phone = ?, line_id = ?,"
                                + " facebook_id = ?, preferred_channel = ?, doc = ?::jsonb WHERE member_id = ? AND version = ?")) {
            List<Member> inserted = new ArrayList<>();
            for (Member m : batch) {
                Member s = m.withVersion(m.version() + 1);
                saved.add(s);
                Member before = stored.get(m.id());
                events.add(ChangeEvent.of(before, s));
                if (before == null) {
                    insert.setString(1, s.id().value());
                    bindRow(insert, 2, s);
                    insert.addBatch();
                    inserted.add(s);
                } else {
                    bindRow(update, 1, s);
                    update.setString(16, s.id().value());
                    update.setLong(17, m.version());
                    update.addBatch();
                }
            }
            int[] counts = insert.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    // another writer created this member since the lock was taken
                    throw new VersionConflictException(inserted.get(i).id(), 0, 1);
                }
            }
            update.executeBatch();
        }
        exec(c, "DELETE FROM " + t("member_external_id") + " WHERE member_id = ANY(?)", batchIds);
        exec(c, "DELETE FROM " + t("member_tag") + " WHERE member_id = ANY(?)", batchIds);
        exec(c, "DELETE FROM " + t("member_consent") + " WHERE member_id = ANY(?)", batchIds);
        exec(c, "DELETE FROM " + t("member_attribute") + " WHERE member_id = ANY(?)", batchIds);
        writeQueryRows(c, saved);
        return new Written<>(saved, events);
    }

    private static void exec(Connection c, String sql, String[] ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", ids));
            ps.executeUpdate();
        }
    }

    /** Binds version .. doc (15 values) from parameter {@code i}. */
    private static void bindRow(PreparedStatement ps, int i, Member m) throws SQLException {
        ps.setLong(i, m.version());
        Pg.setStringOrNull(ps, i + 1, m.name().orElse(null));
        ps.setString(i + 2, m.gender().name());
        if (m.birthday().isPresent()) {
            ps.setObject(i + 3, m.birthday().get());
        } else {
            ps.setNull(i + 3, Types.DATE);
        }
        Pg.setInstant(ps, i + 4, Pg.storable(m.joinedAt(), "member " + m.id() + " joinedAt"));
        Pg.setStringOrNull(ps, i + 6, m.region().orElse(null));
        Pg.setStringOrNull(ps, i + 7, m.city().orElse(null));
        Pg.setStringOrNull(ps, i + 8, m.sourceChannel().map(SalesChannel::code).orElse(null));
        Pg.setStringOrNull(ps, i + 9, m.email().map(Email::value).orElse(null));
        Pg.setStringOrNull(ps, i + 10, m.phone().map(PhoneNumber::e164).orElse(null));
        Pg.setStringOrNull(ps, i + 11, m.lineId().orElse(null));
        Pg.setStringOrNull(ps, i + 12, m.facebookId().orElse(null));
        Pg.setStringOrNull(ps, i + 13, m.preferredChannel().map(Enum::name).orElse(null));
        ps.setString(i + 14, Docs.member(m));
    }

    /** Inserts the external id, tag, consent and attribute rows of saved members. */
    void writeQueryRows(Connection c, List<Member> saved) throws SQLException {
        try (PreparedStatement x = c.prepareStatement(
                        "INSERT INTO " + t("member_external_id") + " (system, value, member_id) VALUES (?, ?, ?)");
                PreparedStatement tag =
                        c.prepareStatement("INSERT INTO " + t("member_tag") + " (member_id, name) VALUES (?, ?)");
                PreparedStatement consent = c.prepareStatement(
                        "INSERT INTO " + t("member_consent") + " (member_id, channel, opted_in) VALUES (?, ?, ?)");
                PreparedStatement attr = c.prepareStatement("INSERT INTO " + t("member_attribute")
                        + " (member_id, name, type, v_text, v_num, v_date, v_bool) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int nx = 0;
            int nt = 0;
            int nc = 0;
            int na = 0;
            for (Member m : saved) {
                String id = m.id().value();
                for (ExternalId e : m.externalIds()) {
                    x.setString(1, e.system());
                    x.setString(2, e.value());
                    x.setString(3, id);
                    x.addBatch();
                    nx++;
                }
                for (Tag t : m.tags()) {
                    tag.setString(1, id);
                    tag.setString(2, t.name());
                    tag.addBatch();
                    nt++;
                }
                for (var e : m.consents().values()) {
                    consent.setString(1, id);
                    consent.setString(2, e.channel().name());
                    consent.setBoolean(3, e.optedIn());
                    consent.addBatch();
                    nc++;
                }
                for (Map.Entry<AttributeKey<?>, Object> e :
                        m.attributes().asMap().entrySet()) {
                    Object v = e.getValue();
                    attr.setString(1, id);
                    attr.setString(2, e.getKey().name());
                    attr.setString(3, e.getKey().type().name());
                    Pg.setStringOrNull(attr, 4, v instanceof String s ? s : null);
                    BigDecimal num = number(v);
                    if (num == null) {
                        attr.setNull(5, Types.NUMERIC);
                    } else {
                        attr.setBigDecimal(5, num);
                    }
                    if (v instanceof LocalDate d) {
                        attr.setObject(6, d);
                    } else {
                        attr.setNull(6, Types.DATE);
                    }
                    if (v instanceof Boolean b) {
                        attr.setBoolean(7, b);
                    } else {
                        attr.setNull(7, Types.BOOLEAN);
                    }
                    attr.addBatch();
                    na++;
                }
            }
            if (nx > 0) {
                x.executeBatch();
            }
            if (nt > 0) {
                tag.executeBatch();
            }
            if (nc > 0) {
                consent.executeBatch();
            }
            if (na > 0) {
                attr.executeBatch();
            }
        }
    }

    @Override
    public Member update(MemberId id, UnaryOperator<Member> change) {
        Pg.required(id, "id");
        Pg.required(change, "change");
        return write("members.update", c -> {
            Member current = lock(c, List.of(id)).get(id);
            if (current == null) {
                throw new NotFoundException("member " + id + " does not exist");
            }
            Member changed = change.apply(current);
            if (changed == null) {
                throw new InvalidValueException("update", "the change of member " + id + " returned null");
            }
            if (!changed.id().equals(id)) {
                throw new InvalidValueException("update", "the change turned member " + id + " into " + changed.id());
            }
            Written<List<Member>, Member> w =
                    save(c, List.of(changed.withVersion(current.version())), Map.of(id, current));
            return new Written<>(w.result().get(0), w.events());
        });
    }

    /** @return the v_num of a numeric or instant attribute */
    static @Nullable BigDecimal number(Object v) {
        if (v instanceof Integer i) {
            return BigDecimal.valueOf(i);
        } else if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        } else if (v instanceof BigDecimal d) {
            return d;
        } else if (v instanceof Instant t) {
            return BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9));
        }
        return null;
    }
}
