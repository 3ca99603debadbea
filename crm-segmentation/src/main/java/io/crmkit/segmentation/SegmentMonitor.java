package io.crmkit.segmentation;

import io.crmkit.core.BrandSettings;
import io.crmkit.core.Crm;
import io.crmkit.core.InvalidValueException;
import io.crmkit.core.MemberId;
import io.crmkit.core.MemberView;
import io.crmkit.core.spi.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the membership of saved segments current and tells a listener who enters and who leaves.
 *
 * <p>How no member is missed: an answer can change only (1) when the member's data changes — the
 * monitor listens to the member, order and interaction stores and re-tests just that member — or
 * (2) when a calendar day of the brand's zone begins, because every time-dependent measure
 * ({@link Window}s, days since a purchase, age, birthday) counts calendar days. {@link #sweep()}
 * re-evaluates every segment in bulk as of now; call it once a day just after midnight, or let
 * {@link #scheduleDailySweeps} do it. Two things change at other instants and are caught only by
 * the next sweep: custom predicates that read the clock, and refunds or interactions recorded with
 * a future time.
 *
 * <p>Re-tests run on the monitor's own thread, so the stores' writers are never slowed down; {@link
 * #flush()} waits until every change heard so far has been applied.
 *
 * <pre>{@code
 * SegmentMonitor monitor = SegmentMonitor.start(crm, catalog,
 *         e -> journeys.onSegmentChange(e.segment(), e.member(), e.kind()));
 * monitor.scheduleDailySweeps(scheduler);
 * ...
 * monitor.close();
 * }</pre>
 */
public final class SegmentMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentMonitor.class);

    /** Whether a member entered or left a segment. */
    public enum Kind {
        /** The member is now in the segment. */
        ENTERED,
        /** The member is no longer in the segment. */
        EXITED
    }

    /**
     * A change of membership.
     *
     * @param segment the segment
     * @param member the member
     * @param kind entered or exited
     * @param at the as-of instant of the evaluation that saw it
     */
    public record Event(SegmentId segment, MemberId member, Kind kind, Instant at) {}

    /** Hears membership changes, on the monitor's thread. */
    @FunctionalInterface
    public interface Listener {
        /** @param event a change of membership */
        void onEvent(Event event);
    }

    private final Crm crm;
    private final SegmentCatalog catalog;
    private final SegmentEngine engine;
    private final Listener listener;
    private final Map<SegmentId, Set<MemberId>> members = new LinkedHashMap<>();
    private final ExecutorService worker;
    private final List<Subscription> subscriptions = new ArrayList<>();

    private SegmentMonitor(Crm crm, SegmentCatalog catalog, Listener listener) {
        this.crm = crm;
        this.catalog = catalog;
        this.engine = SegmentEngine.of(crm, catalog);
        this.listener = listener;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "crmkit-segment-monitor");
            t.setDaemon(true);
            return t;
        });
        for (Segment s : catalog.segments()) {
            members.put(s.id(), new HashSet<>());
        }
    }

    /**
     * Starts monitoring every segment of the catalogue: evaluates them all as of now (emitting an
     * {@code ENTERED} event for every current member) and from then on follows the stores.
     *
     * @param crm the brand's settings and stores
     * @param catalog the segments to monitor
     * @param listener hears the changes
     * @return the running monitor
     */
    public static SegmentMonitor start(Crm crm, SegmentCatalog catalog, Listener listener) {
        if (crm == null || catalog == null || listener == null) {
            throw new InvalidValueException("monitor", "crm, catalog and listener are required");
        }
        SegmentMonitor m = new SegmentMonitor(crm, catalog, listener);
        m.subscriptions.add(crm.members().subscribe(changes -> m.changed(ids(changes, v -> v.id()))));
        m.subscriptions.add(crm.orders().subscribe(changes -> m.changed(ids(changes, v -> v.memberId()))));
        m.subscriptions.add(crm.interactions().subscribe(changes -> m.changed(ids(changes, v -> v.memberId()))));
        m.sweep();
        return m;
    }

    private static <V> Set<MemberId> ids(
            List<io.crmkit.core.spi.ChangeEvent<V>> changes, java.util.function.Function<V, MemberId> idOf) {
        Set<MemberId> ids = new LinkedHashSet<>();
        for (io.crmkit.core.spi.ChangeEvent<V> c : changes) {
            c.before().ifPresent(v -> ids.add(idOf.apply(v)));
            c.after().ifPresent(v -> ids.add(idOf.apply(v)));
        }
        return ids;
    }

    private void changed(Set<MemberId> ids) {
        worker.execute(() -> {
            Instant now = crm.settings().now();
            for (MemberId id : ids) {
                Optional<MemberView> view = crm.view(id, now);
                for (Segment s : catalog.segments()) {
                    boolean in = view.isPresent() && engine.test(s.condition(), view.get());
                    apply(s.id(), id, in, now);
                }
            }
        });
    }

    private void apply(SegmentId segment, MemberId id, boolean in, Instant at) {
        Set<MemberId> set = members.get(segment);
        boolean changed = in ? set.add(id) : set.remove(id);
        if (changed) {
            emit(new Event(segment, id, in ? Kind.ENTERED : Kind.EXITED, at));
        }
    }

    private void emit(Event e) {
        try {
            listener.onEvent(e);
        } catch (RuntimeException ex) {
            LOG.warn("A segment monitor listener failed on {} {}; monitoring goes on", e.kind(), e.segment(), ex);
        }
    }

    /**
     * Re-evaluates every segment in bulk as of now on the brand's clock and emits the differences.
     * Waits until done.
     */
    public void sweep() {
        await(worker.submit(() -> {
            Instant now = crm.settings().now();
            Snapshot snapshot = Snapshot.of(crm, catalog);
            for (Segment s : catalog.segments()) {
                Set<MemberId> next = new HashSet<>();
                snapshot.evaluate(s.condition(), now).forEach(next::add);
                Set<MemberId> current = members.get(s.id());
                for (MemberId id : new ArrayList<>(current)) {
                    if (!next.contains(id)) {
                        apply(s.id(), id, false, now);
                    }
                }
                for (MemberId id : next) {
                    apply(s.id(), id, true, now);
                }
            }
        }));
    }

    /**
     * Sweeps every day just after midnight in the brand's zone, on the given scheduler.
     *
     * @param scheduler where to run the daily sweep
     * @return the scheduled task; cancel it to stop
     */
    public ScheduledFuture<?> scheduleDailySweeps(ScheduledExecutorService scheduler) {
        BrandSettings brand = crm.settings();
        Instant now = brand.now();
        LocalDate tomorrow = brand.dateOf(now).plusDays(1);
        Instant next = tomorrow.atStartOfDay(brand.zone()).toInstant().plusSeconds(1);
        long delay = Duration.between(now, next).toMillis();
        return scheduler.scheduleAtFixedRate(
                this::sweepLogged, delay, TimeUnit.DAYS.toMillis(1), TimeUnit.MILLISECONDS);
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.error("The daily segment sweep failed", e);
        }
    }

    /** Waits until every change heard so far has been re-tested. */
    public void flush() {
        await(worker.submit(() -> {}));
    }

    /**
     * @param segment a monitored segment
     * @return its members now (after {@link #flush()}, including every change heard so far)
     * @throws SegmentationException if the segment is not monitored
     */
    public Set<MemberId> members(SegmentId segment) {
        return await(worker.submit(() -> {
            Set<MemberId> set = members.get(segment);
            if (set == null) {
                throw new SegmentationException("segment " + segment + " is not monitored");
            }
            return Collections.unmodifiableSet(new HashSet<>(set));
        }));
    }

    /** Stops listening to the stores and stops the monitor's thread. */
    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        worker.shutdown();
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SegmentationException("interrupted while waiting for the segment monitor");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new SegmentationException("the segment monitor failed: " + e.getCause());
        }
    }
}
