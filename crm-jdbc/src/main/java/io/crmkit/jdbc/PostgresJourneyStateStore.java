package io.crmkit.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.crmkit.automation.JourneyId;
import io.crmkit.automation.Reentry;
import io.crmkit.automation.spi.EffectRecord;
import io.crmkit.automation.spi.EnterResult;
import io.crmkit.automation.spi.JourneyInstance;
import io.crmkit.automation.spi.JourneyInstance.Outcome;
import io.crmkit.automation.spi.JourneyInstance.Status;
import io.crmkit.automation.spi.JourneyStateStore;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.spi.StoreException;
import io.crmkit.jdbc.internal.Pg;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * crm-automation's {@link JourneyStateStore} on PostgreSQL: journeys survive restarts, and several
 * {@link io.crmkit.automation.JourneyEngine}s (in one JVM or in several processes, each with its own
 * {@link io.crmkit.automation.JourneyEngine.Builder#owner(String) owner} name) can share one store.
 * Tables {@code journey_instance}, {@code journey_effect} and {@code journey_cursor} of the stores'
 * schema (Flyway migration {@code V2__journeys}).
 *
 * <pre>{@code
 * PostgresStores pg = PostgresStores.builder(dataSource).schema("crmkit").build();
 * JourneyEngine engine = JourneyEngine.builder(crm)
 *         .store(pg.journeys())
 *         .owner("engine-" + hostName)
 *         .messages(gateway)
 *         .build();
 * }</pre>
 *
 * <p>How each call is atomic: {@link #enter} runs in one transaction holding a transaction-scoped
 * advisory lock on the (journey, member) pair, so that concurrent entries of one pair apply {@link
 * Reentry#allows} one after the other; {@link #schedule} and {@link #intend} are {@code INSERT ... ON
 * CONFLICT DO NOTHING}; {@link #update} is {@code UPDATE ... WHERE id = ? AND version = ?} and clears
 * the lease (not while the instance stays running, see {@link #update}); {@link #claimDue} selects due rows {@code FOR UPDATE SKIP LOCKED} and leases them in the
 * same statement. A transaction the server aborts as a deadlock victim or serialization failure is run
 * again. Every instant is kept exactly (microseconds plus the nanoseconds below); the store holds the
 * years 1 to 9999 for instance and effect times.
 */
public final class PostgresJourneyStateStore implements JourneyStateStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> CONTEXT = new TypeReference<>() {};
    /** The advisory-lock class of journey pairs ("crmj"); the object key is {@code hashtext(pair)}. */
    private static final int LOCK_CLASS = 0x63726d6a;

    private static final int ATTEMPTS = 8;

    private static final String COLUMNS = "instance_id, journey_id, journey_version, member_id, entry_key,"
            + " entered_at, entered_nanos, status, step, due_at, due_nanos, arm, last_step, actions, attempt,"
            + " context, outcome, version";
    private static final String EFFECT_COLUMNS = "effect_key, kind, journey_id, journey_version, member_id, step,"
            + " at, at_nanos, status, detail, completed_at, completed_nanos";

    private final DataSource dataSource;
    private final String schema;
    private final String instances;
    private final String effects;
    private final String cursors;

    PostgresJourneyStateStore(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
        this.instances = schema + ".journey_instance";
        this.effects = schema + ".journey_effect";
        this.cursors = schema + ".journey_cursor";
    }

    /**
     * @param stores the PostgreSQL stores whose data source and (migrated) schema to use
     * @return the journey state store in that schema (the same as {@link PostgresStores#journeys()})
     * @throws InvalidValueException if {@code stores} is null
     */
    public static PostgresJourneyStateStore of(PostgresStores stores) {
        return Pg.required(stores, "stores").journeys();
    }

    /** @return the schema of the tables */
    public String schema() {
        return schema;
    }

    // ------------------------------------------------------------------ instances

    @Override
    public EnterResult enter(JourneyInstance instance, Reentry reentry, ZoneId zone) {
        Pg.required(instance, "instance");
        Pg.required(reentry, "reentry");
        Pg.required(zone, "zone");
        checkTimes(instance);
        return transaction("journeys.enter(" + instance.id() + ")", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                ps.setInt(1, LOCK_CLASS);
                String j = instance.journey().value();
                ps.setString(2, j.length() + ":" + j + "/" + instance.member().value()); // unambiguous
                ps.executeQuery().close();
            }
            JourneyInstance existing = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM " + instances + " WHERE instance_id = ? FOR UPDATE")) {
                ps.setString(1, instance.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        existing = instance(rs);
                    }
                }
            }
            if (existing != null && existing.status() != Status.SCHEDULED) {
                return EnterResult.DUPLICATE;
            }
            long expected = existing == null ? 1 : existing.version() + 1;
            if (instance.version() != expected || instance.status() != Status.RUNNING) {
                throw new InvalidValueException(
                        "instance " + instance.id(), "must be running with version " + expected + " to enter");
            }
            Instant last = null;
            boolean in = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT entered_at, entered_nanos, status FROM " + instances
                    + " WHERE journey_id = ? AND member_id = ? AND admitted")) {
                ps.setString(1, instance.journey().value());
                ps.setString(2, instance.member().value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant at = Pg.getInstant(rs, 1);
                        if (last == null || at.isAfter(last)) {
                            last = at;
                        }
                        Status s = Status.valueOf(rs.getString(3));
                        in |= s == Status.RUNNING || s == Status.WAITING || s == Status.WAITING_EVENT;
                    }
                }
            }
            if (!reentry.allows(last, in, instance.enteredAt(), zone)) {
                if (existing != null) {
                    replace(c, existing.finish(Outcome.NOT_ADMITTED), false, existing.version(), false);
                }
                return EnterResult.REFUSED;
            }
            if (existing != null) {
                replace(c, instance, true, existing.version(), false);
            } else if (!insert(c, instance, true)) {
                // scheduled by another transaction since we looked: run the whole entry again
                throw new SQLException("journey instance " + instance.id() + " appeared concurrently", "40001");
            }
            return EnterResult.ENTERED;
        });
    }

    @Override
    public boolean schedule(JourneyInstance instance) {
        Pg.required(instance, "instance");
        if (instance.version() != 1 || instance.status() != Status.SCHEDULED || instance.dueAt() == null) {
            throw new InvalidValueException("instance " + instance.id(), "must be scheduled, due, version 1");
        }
        checkTimes(instance);
        return autoCommit("journeys.schedule(" + instance.id() + ")", c -> insert(c, instance, false));
    }

    @Override
    public Optional<JourneyInstance> find(String id) {
        Pg.required(id, "id");
        return autoCommit("journeys.find(" + id + ")", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM " + instances + " WHERE instance_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(instance(rs)) : Optional.<JourneyInstance>empty();
                }
            }
        });
    }

    /**
     * Replaces the instance if the stored version is {@code next.version() - 1}, and ends its lease —
     * unless {@code next} is {@link Status#RUNNING}: the engine writes that state between two actions of
     * one run, and ending the lease there would let another engine claim the instance while this one
     * still runs it. The claimer keeps the lease until it runs out (or re-claims at once after a
     * restart, with the same owner name).
     *
     * @throws StoreException (not a subtype, as the in-memory store) if the stored version differs
     */
    @Override
    public void update(JourneyInstance next) {
        Pg.required(next, "next");
        checkTimes(next);
        autoCommit("journeys.update(" + next.id() + ")", c -> {
            // the engine stores RUNNING between two actions of one run: the claimer keeps its lease then,
            // so that another engine's claimDue does not pick the instance up mid-run
            if (!replace(c, next, null, next.version() - 1, next.status() != Status.RUNNING)) {
                Long stored = null;
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT version FROM " + instances + " WHERE instance_id = ?")) {
                    ps.setString(1, next.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            stored = rs.getLong(1);
                        }
                    }
                }
                throw stored == null
                        ? new StoreException("journey instance " + next.id() + " does not exist")
                        : new StoreException("journey instance " + next.id() + ": version conflict (stored " + stored
                                + ", update from " + (next.version() - 1) + ")");
            }
            return null;
        });
    }

    @Override
    public List<JourneyInstance> claimDue(Instant now, int limit, String owner, Duration lease) {
        Pg.required(now, "now");
        Pg.required(owner, "owner");
        Pg.required(lease, "lease");
        if (limit < 1) {
            return List.of();
        }
        Pg.storable(now, "now");
        Instant until = Pg.storable(now.plus(lease), "now + lease");
        List<JourneyInstance> out = autoCommit("journeys.claimDue", c -> {
            try (PreparedStatement ps = c.prepareStatement("WITH due AS (SELECT instance_id FROM " + instances
                    + " WHERE status <> 'DONE' AND due_at IS NOT NULL AND (due_at, due_nanos) <= (?, ?)"
                    + " AND (lease_owner IS NULL OR lease_owner = ? OR (lease_until, lease_nanos) <= (?, ?))"
                    + " ORDER BY due_at, due_nanos, instance_id LIMIT ? FOR UPDATE SKIP LOCKED)"
                    + " UPDATE " + instances + " i SET lease_owner = ?, lease_until = ?, lease_nanos = ?"
                    + " FROM due WHERE i.instance_id = due.instance_id RETURNING "
                    + prefixed("i."))) {
                Pg.setInstant(ps, 1, now);
                ps.setString(3, owner);
                Pg.setInstant(ps, 4, now);
                ps.setInt(6, Math.min(limit, Pg.MAX_LIMIT));
                ps.setString(7, owner);
                Pg.setInstant(ps, 8, until);
                List<JourneyInstance> l = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        l.add(instance(rs));
                    }
                }
                return l;
            }
        });
        out.sort(Comparator.comparing((JourneyInstance i) -> i.dueAt()).thenComparing(JourneyInstance::id));
        return out;
    }

    @Override
    public Optional<Instant> nextDue() {
        return autoCommit("journeys.nextDue", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT due_at, due_nanos FROM " + instances
                            + " WHERE status <> 'DONE' AND due_at IS NOT NULL ORDER BY due_at, due_nanos LIMIT 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Pg.getInstant(rs, 1)) : Optional.<Instant>empty();
            }
        });
    }

    @Override
    public List<JourneyInstance> live(MemberId member) {
        Pg.required(member, "member");
        return autoCommit("journeys.live(" + member.value() + ")", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + instances
                    + " WHERE member_id = ? AND status IN ('RUNNING', 'WAITING', 'WAITING_EVENT', 'AWAITING_GOAL')")) {
                ps.setString(1, member.value());
                List<JourneyInstance> l = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        l.add(instance(rs));
                    }
                }
                return l;
            }
        });
    }

    // ------------------------------------------------------------------ effects

    @Override
    public EffectRecord intend(EffectRecord intent) {
        Pg.required(intent, "intent");
        checkTimes(intent);
        return autoCommit("journeys.intend(" + intent.key() + ")", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + effects + " (" + EFFECT_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (effect_key) DO NOTHING")) {
                bindEffect(ps, intent);
                if (ps.executeUpdate() == 1) {
                    return intent;
                }
            }
            return findEffect(c, intent.key())
                    .orElseThrow(() -> new StoreException("effect " + intent.key() + " vanished after a conflict"));
        });
    }

    @Override
    public void complete(EffectRecord done) {
        Pg.required(done, "done");
        checkTimes(done);
        autoCommit("journeys.complete(" + done.key() + ")", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + effects
                    + " SET effect_key = ?, kind = ?, journey_id = ?, journey_version = ?, member_id = ?, step = ?,"
                    + " at = ?, at_nanos = ?, status = ?, detail = ?, completed_at = ?, completed_nanos = ?"
                    + " WHERE effect_key = ?")) {
                bindEffect(ps, done);
                ps.setString(13, done.key());
                if (ps.executeUpdate() == 0) {
                    throw new StoreException("effect " + done.key() + " was never intended");
                }
            }
            return null;
        });
    }

    @Override
    public Optional<EffectRecord> effect(String key) {
        Pg.required(key, "key");
        return autoCommit("journeys.effect(" + key + ")", c -> findEffect(c, key));
    }

    @Override
    public int messagesSince(MemberId member, Instant since) {
        Pg.required(member, "member");
        Pg.required(since, "since");
        if (!since.isBefore(Pg.MAX)) {
            return 0;
        }
        boolean all = since.isBefore(Pg.MIN); // every stored instant is after it
        return autoCommit("journeys.messagesSince(" + member.value() + ")", c -> {
            String sql = "SELECT count(*) FROM " + effects
                    + " WHERE member_id = ? AND kind = 'MESSAGE' AND status <> 'FAILED'"
                    + (all ? "" : " AND (at, at_nanos) > (?, ?)");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, member.value());
                if (!all) {
                    Pg.setInstant(ps, 2, since);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    // ------------------------------------------------------------------ cursors

    @Override
    public Optional<Instant> cursor(String name) {
        Pg.required(name, "name");
        return autoCommit("journeys.cursor(" + name + ")", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT seconds, nanos FROM " + cursors + " WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(Instant.ofEpochSecond(rs.getLong(1), rs.getInt(2)))
                            : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public void cursor(String name, Instant value) {
        Pg.required(name, "name");
        Pg.required(value, "value");
        autoCommit("journeys.cursor(" + name + ", " + value + ")", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + cursors
                    + " (name, seconds, nanos) VALUES (?, ?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET seconds = EXCLUDED.seconds, nanos = EXCLUDED.nanos")) {
                ps.setString(1, name);
                ps.setLong(2, value.getEpochSecond());
                ps.setInt(3, value.getNano());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Deletes every instance, effect and cursor (keeping the tables): for tests, demos and benchmarks.
     *
     * @throws StoreException if the database refused
     */
    public void truncate() {
        autoCommit("journeys.truncate", c -> {
            try (var st = c.createStatement()) {
                st.execute("TRUNCATE " + instances + ", " + effects + ", " + cursors);
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ rows

    private boolean insert(Connection c, JourneyInstance i, boolean admitted) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + instances + " (" + COLUMNS
                + ", admitted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)"
                + " ON CONFLICT (instance_id) DO NOTHING")) {
            int n = bindInstance(ps, i);
            ps.setBoolean(n, admitted);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Replaces the row of {@code i.id()} if its version is {@code storedVersion}.
     *
     * @param admitted the new admitted flag, or null to keep it
     * @param clearLease whether to end the lease
     */
    private boolean replace(
            Connection c, JourneyInstance i, @Nullable Boolean admitted, long storedVersion, boolean clearLease)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + instances
                + " SET instance_id = ?, journey_id = ?, journey_version = ?, member_id = ?, entry_key = ?,"
                + " entered_at = ?, entered_nanos = ?, status = ?, step = ?, due_at = ?, due_nanos = ?, arm = ?,"
                + " last_step = ?, actions = ?, attempt = ?, context = CAST(? AS jsonb), outcome = ?, version = ?"
                + (admitted == null ? "" : ", admitted = " + admitted)
                + (clearLease ? ", lease_owner = NULL, lease_until = NULL, lease_nanos = NULL" : "")
                + " WHERE instance_id = ? AND version = ?")) {
            int n = bindInstance(ps, i);
            ps.setString(n, i.id());
            ps.setLong(n + 1, storedVersion);
            return ps.executeUpdate() == 1;
        }
    }

    /** Binds the {@link #COLUMNS} from parameter 1; returns the next parameter index. */
    private static int bindInstance(PreparedStatement ps, JourneyInstance i) throws SQLException {
        ps.setString(1, i.id());
        ps.setString(2, i.journey().value());
        ps.setInt(3, i.journeyVersion());
        ps.setString(4, i.member().value());
        ps.setString(5, i.entryKey());
        Pg.setInstant(ps, 6, i.enteredAt());
        ps.setString(8, i.status().name());
        Pg.setStringOrNull(ps, 9, i.step());
        Pg.setInstantOrNull(ps, 10, i.dueAt());
        Pg.setStringOrNull(ps, 12, i.arm());
        Pg.setStringOrNull(ps, 13, i.lastStep());
        ps.setInt(14, i.actions());
        ps.setInt(15, i.attempt());
        ps.setString(16, contextJson(i));
        Pg.setStringOrNull(ps, 17, i.outcome() == null ? null : i.outcome().name());
        ps.setLong(18, i.version());
        return 19;
    }

    private static JourneyInstance instance(ResultSet rs) throws SQLException {
        String outcome = rs.getString(17);
        return new JourneyInstance(
                rs.getString(1),
                JourneyId.of(rs.getString(2)),
                rs.getInt(3),
                MemberId.of(rs.getString(4)),
                rs.getString(5),
                Pg.getInstant(rs, 6),
                Status.valueOf(rs.getString(8)),
                rs.getString(9),
                Pg.getInstantOrNull(rs, 10),
                rs.getString(12),
                rs.getString(13),
                rs.getInt(14),
                rs.getInt(15),
                context(rs.getString(16), rs.getString(1)),
                outcome == null ? null : Outcome.valueOf(outcome),
                rs.getLong(18));
    }

    private static void bindEffect(PreparedStatement ps, EffectRecord e) throws SQLException {
        ps.setString(1, e.key());
        ps.setString(2, e.kind().name());
        ps.setString(3, e.journey().value());
        ps.setInt(4, e.journeyVersion());
        ps.setString(5, e.member().value());
        ps.setString(6, e.step());
        Pg.setInstant(ps, 7, e.at());
        ps.setString(9, e.status().name());
        Pg.setStringOrNull(ps, 10, e.detail());
        Pg.setInstantOrNull(ps, 11, e.completedAt());
    }

    private Optional<EffectRecord> findEffect(Connection c, String key) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + EFFECT_COLUMNS + " FROM " + effects + " WHERE effect_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new EffectRecord(
                        rs.getString(1),
                        EffectRecord.Kind.valueOf(rs.getString(2)),
                        JourneyId.of(rs.getString(3)),
                        rs.getInt(4),
                        MemberId.of(rs.getString(5)),
                        rs.getString(6),
                        Pg.getInstant(rs, 7),
                        EffectRecord.Status.valueOf(rs.getString(9)),
                        rs.getString(10),
                        Pg.getInstantOrNull(rs, 11)));
            }
        }
    }

    private static String prefixed(String p) {
        return p + COLUMNS.replace(", ", ", " + p);
    }

    private static String contextJson(JourneyInstance i) {
        try {
            return JSON.writeValueAsString(i.context());
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("instance " + i.id() + ".context", "cannot be written as JSON: " + e);
        }
    }

    private static Map<String, String> context(String json, String id) {
        try {
            return JSON.readValue(json, CONTEXT);
        } catch (JsonProcessingException e) {
            throw new StoreException("journey instance " + id + ": stored context is not a JSON object of strings: "
                    + e.getOriginalMessage());
        }
    }

    private static void checkTimes(JourneyInstance i) {
        Pg.storable(i.enteredAt(), "instance " + i.id() + ".enteredAt");
        if (i.dueAt() != null) {
            Pg.storable(i.dueAt(), "instance " + i.id() + ".dueAt");
        }
    }

    private static void checkTimes(EffectRecord e) {
        Pg.storable(e.at(), "effect " + e.key() + ".at");
        if (e.completedAt() != null) {
            Pg.storable(e.completedAt(), "effect " + e.key() + ".completedAt");
        }
    }

    // ------------------------------------------------------------------ transactions

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** One statement (or a read then a statement) with auto-commit: each statement is its own transaction. */
    private <T> T autoCommit(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            if (!auto) {
                c.setAutoCommit(true);
            }
            try {
                return work.run(c);
            } finally {
                if (!auto) {
                    c.setAutoCommit(false); // hand the host's pool its connection as it gave it
                }
            }
        } catch (SQLException e) {
            throw Pg.wrap(what, e);
        }
    }

    /** One read-committed transaction, run again if the server aborted it as a deadlock or serialization victim. */
    private <T> T transaction(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    try {
                        c.rollback();
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                    throw e;
                } finally {
                    c.setAutoCommit(auto);
                }
            } catch (SQLException e) {
                boolean retry = "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (!retry || attempt >= ATTEMPTS) {
                    throw Pg.wrap(what, e);
                }
            }
        }
    }
}
