package io.crmkit.segmentation.internal.tier;

import io.crmkit.core.Crm;
import io.crmkit.core.CrmException;
import io.crmkit.core.Member;
import io.crmkit.core.MemberId;
import io.crmkit.core.TimeRange;
import io.crmkit.segmentation.Tier;
import io.crmkit.segmentation.TierProgram;
import io.crmkit.segmentation.TierStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Every member's tier: members are read in id order on the calling thread and handed out in batches;
 * each batch's orders are read and evaluated on the library's own pool (sized from {@code
 * availableProcessors()}, daemon threads), and results are taken back in id order, so the callback
 * runs on the calling thread in id order. At most two batches per thread are in flight; the calling
 * thread runs the oldest batch itself if no pool thread has started it (and on one core, always).
 */
public final class TierBulk {
    /** Members per task. */
    static final int BATCH = 256;

    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static volatile ExecutorService pool;

    private TierBulk() {}

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (TierBulk.class) {
                p = pool;
                if (p == null) {
                    AtomicInteger n = new AtomicInteger();
                    p = Executors.newFixedThreadPool(THREADS, r -> {
                        Thread t = new Thread(r, "crmkit-tiers-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }

    /** A batch of members and the task that evaluates them. */
    private record Pending(List<Member> members, FutureTask<List<TierStatus>> statuses) {}

    /**
     * @param program the programme
     * @param crm the stores
     * @param asOf the instant
     * @param each called with each member's status, in id order, on the calling thread
     * @return the table of tiers
     */
    public static TierTable run(TierProgram program, Crm crm, Instant asOf, BiConsumer<MemberId, TierStatus> each) {
        List<Tier> tiers = program.tiers();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < tiers.size(); i++) {
            index.put(tiers.get(i).name(), i);
        }
        TimeRange until = TimeRange.until(asOf.plusNanos(1));
        TierTable.Builder table = new TierTable.Builder(tiers.size());
        ArrayDeque<Pending> inFlight = new ArrayDeque<>();
        try (Stream<Member> members = crm.members().stream()) {
            Iterator<Member> it = members.iterator();
            List<Member> batch = new ArrayList<>(BATCH);
            while (it.hasNext()) {
                Member m = it.next();
                if (m.joinedAt().isAfter(asOf)) {
                    continue;
                }
                batch.add(m);
                if (batch.size() == BATCH) {
                    inFlight.add(submit(program, crm, asOf, until, batch));
                    batch = new ArrayList<>(BATCH);
                    if (inFlight.size() >= 2 * THREADS) {
                        take(inFlight.poll(), index, table, each);
                    }
                }
            }
            if (!batch.isEmpty()) {
                inFlight.add(submit(program, crm, asOf, until, batch));
            }
            while (!inFlight.isEmpty()) {
                take(inFlight.poll(), index, table, each);
            }
        } finally {
            for (Pending p : inFlight) {
                p.statuses().cancel(true);
            }
        }
        return table.build();
    }

    private static Pending submit(TierProgram program, Crm crm, Instant asOf, TimeRange until, List<Member> batch) {
        List<Member> members = List.copyOf(batch);
        FutureTask<List<TierStatus>> task = new FutureTask<>(() -> evaluate(program, crm, asOf, until, members));
        if (THREADS > 1) {
            pool().execute(task);
        }
        return new Pending(members, task);
    }

    private static List<TierStatus> evaluate(
            TierProgram program, Crm crm, Instant asOf, TimeRange until, List<Member> members) {
        List<TierStatus> out = new ArrayList<>(members.size());
        for (Member m : members) {
            out.add(program.evaluate(crm.orders().findByMember(m.id(), until), m.joinedAt(), asOf, crm.settings()));
        }
        return out;
    }

    private static void take(
            Pending p, Map<String, Integer> index, TierTable.Builder table, BiConsumer<MemberId, TierStatus> each) {
        List<TierStatus> statuses;
        try {
            p.statuses().run(); // does nothing if a pool thread has started or finished it
            statuses = p.statuses().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmException("tier evaluation was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new CrmException("tier evaluation failed: " + cause, cause);
        }
        for (int i = 0; i < statuses.size(); i++) {
            MemberId id = p.members().get(i).id();
            TierStatus s = statuses.get(i);
            table.add(id, s.tier().map(t -> index.get(t.name())).orElse(-1));
            each.accept(id, s);
        }
    }
}
