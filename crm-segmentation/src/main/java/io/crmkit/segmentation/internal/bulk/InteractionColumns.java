package io.crmkit.segmentation.internal.bulk;

import io.crmkit.core.Interaction;
import io.crmkit.core.TimeRange;
import io.crmkit.core.spi.InteractionStore;
import io.crmkit.segmentation.SegmentationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Future;

/**
 * The interaction columns, in CSR layout by member like the orders, sorted by time (then id) within
 * a member: type, channel, campaign, survey score and page-view duration.
 */
public final class InteractionColumns {
    static final int HAS_SCORE = 1;
    static final int HAS_DURATION = 2;

    private static final int PAGE = 10_000;
    private static final int BATCH = 50_000;

    final int count;
    final int[] memberStart;
    /** Epoch second that {@link #at} counts from. */
    final long timeBase;

    final int[] at;
    final SubSecond atNanos;
    /** {@link io.crmkit.core.InteractionType} ordinal. */
    final byte[] type;
    /** {@link io.crmkit.core.ContactChannel} ordinal + 1; 0 = none. */
    final byte[] channel;

    final Codes campaign;
    final byte[] flags;
    final int[] score;
    final PackedLongs duration;

    private InteractionColumns(
            int count,
            int[] memberStart,
            long timeBase,
            int[] at,
            SubSecond atNanos,
            byte[] type,
            byte[] channel,
            Codes campaign,
            byte[] flags,
            int[] score,
            PackedLongs duration) {
        this.count = count;
        this.memberStart = memberStart;
        this.timeBase = timeBase;
        this.at = at;
        this.atNanos = atNanos;
        this.type = type;
        this.channel = channel;
        this.campaign = campaign;
        this.flags = flags;
        this.score = score;
        this.duration = duration;
    }

    /**
     * Reads every interaction once, in time order, and lays them out by member.
     *
     * @param store the interaction store
     * @param dicts the snapshot's dictionaries
     * @param members the member columns; interactions of unknown members are left out
     * @return the columns
     */
    static InteractionColumns read(InteractionStore store, Dicts dicts, MemberColumns members) {
        // batches are encoded on the pool while the next pages are read, then appended in order
        List<Future<Temp>> parts = new ArrayList<>();
        List<Interaction> batch = new ArrayList<>(BATCH);
        TimeRange all = TimeRange.all();
        List<Interaction> page = store.findIn(all, null, PAGE);
        while (!page.isEmpty()) {
            batch.addAll(page);
            if (batch.size() >= BATCH) {
                parts.add(encode(batch, members));
                batch = new ArrayList<>(BATCH + PAGE);
            }
            if (page.size() < PAGE) {
                break;
            }
            page = store.findIn(all, page.get(page.size() - 1), PAGE);
        }
        if (!batch.isEmpty()) {
            parts.add(encode(batch, members));
        }
        Temp t = new Temp(new StringDict());
        for (Future<Temp> part : parts) {
            Temp b = Scans.join(part);
            int[] map = new int[b.campaigns.size() + 1];
            for (int c = 1; c < map.length; c++) {
                map[c] = dicts.campaigns.add(b.campaigns.value(c));
            }
            for (int i = 0, n = b.member.size(); i < n; i++) {
                t.member.add(b.member.get(i));
                t.sec.add(b.sec.get(i));
                t.nano.add(b.nano.get(i));
                t.type.add(b.type.get(i));
                t.channel.add(b.channel.get(i));
                t.campaign.add(map[b.campaign.get(i)]);
                t.flags.add(b.flags.get(i));
                t.score.add(b.score.get(i));
                t.duration.add(b.duration.get(i));
            }
        }
        return of(t, members.size(), dicts);
    }

    /**
     * The interaction columns of a refreshed snapshot: those of unchanged members copied from the old
     * columns, those of re-read members encoded from the store.
     *
     * @param old the old columns
     * @param oldOrdinal for each new member ordinal, the member's old ordinal, or -1 if re-read
     * @param reread for each new ordinal with -1 in {@code oldOrdinal}, its interactions in time order
     * @param dicts the new snapshot's dictionaries (a copy of the old ones)
     * @return the new columns
     */
    static InteractionColumns refresh(
            InteractionColumns old, int[] oldOrdinal, List<List<Interaction>> reread, Dicts dicts) {
        Temp t = new Temp(dicts.campaigns);
        for (int m = 0; m < oldOrdinal.length; m++) {
            int o = oldOrdinal[m];
            if (o < 0) {
                for (Interaction x : reread.get(m)) {
                    t.add(x, m);
                }
            } else {
                for (int i = old.memberStart[o], e = old.memberStart[o + 1]; i < e; i++) {
                    t.member.add(m);
                    t.sec.add(old.timeBase + old.at[i]);
                    t.nano.add(old.atNanos.get(i));
                    t.type.add(old.type[i]);
                    t.channel.add(old.channel[i]);
                    t.campaign.add(old.campaign.get(i));
                    t.flags.add(old.flags[i]);
                    t.score.add(old.score[i]);
                    t.duration.add(old.duration.get(i));
                }
            }
        }
        return of(t, oldOrdinal.length, dicts);
    }

    /** Lays out collected interactions (campaign codes of {@code dicts}) by member. */
    private static InteractionColumns of(Temp t, int n, Dicts dicts) {
        int count = t.member.size();
        long minSec = Long.MAX_VALUE;
        long maxSec = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            minSec = Math.min(minSec, t.sec.get(i));
            maxSec = Math.max(maxSec, t.sec.get(i));
        }
        if (count == 0) {
            minSec = 0;
            maxSec = 0;
        }
        if (maxSec - minSec > Integer.MAX_VALUE) {
            throw new SegmentationException("snapshot: interactions happen from " + Instant.ofEpochSecond(minSec)
                    + " to " + Instant.ofEpochSecond(maxSec) + "; a snapshot covers at most 68 years of them");
        }
        int[] memberStart = new int[n + 1];
        for (int i = 0; i < count; i++) {
            memberStart[t.member.get(i) + 1]++;
        }
        for (int m = 0; m < n; m++) {
            memberStart[m + 1] += memberStart[m];
        }
        int[] next = Arrays.copyOf(memberStart, n);
        int[] atA = new int[count];
        int[] nanoA = new int[count];
        byte[] typeA = new byte[count];
        byte[] channelA = new byte[count];
        int[] campaignA = new int[count];
        byte[] flagsA = new byte[count];
        int[] scoreA = new int[count];
        long[] durationA = new long[count];
        for (int o = 0; o < count; o++) {
            int i = next[t.member.get(o)]++;
            atA[i] = (int) (t.sec.get(o) - minSec);
            nanoA[i] = t.nano.get(o);
            typeA[i] = t.type.get(o);
            channelA[i] = t.channel.get(o);
            campaignA[i] = t.campaign.get(o);
            flagsA[i] = t.flags.get(o);
            scoreA[i] = t.score.get(o);
            durationA[i] = t.duration.get(o);
        }
        return new InteractionColumns(
                count,
                memberStart,
                minSec,
                atA,
                SubSecond.of(nanoA),
                typeA,
                channelA,
                Codes.of(campaignA, dicts.campaigns.size()),
                flagsA,
                scoreA,
                PackedLongs.of(durationA));
    }

    private static Future<Temp> encode(List<Interaction> batch, MemberColumns members) {
        return Scans.submit(() -> {
            Temp t = new Temp(new StringDict());
            for (Interaction x : batch) {
                int m = members.index.code(x.memberId().value()) - 1;
                if (m >= 0) {
                    t.add(x, m);
                }
            }
            return t;
        });
    }

    /** Interactions as read, in time order, before they are laid out by member. */
    private static final class Temp {
        final Bufs.IntBuf member = new Bufs.IntBuf(PAGE);
        final Bufs.LongBuf sec = new Bufs.LongBuf(PAGE);
        final Bufs.IntBuf nano = new Bufs.IntBuf(PAGE);
        final Bufs.ByteBuf type = new Bufs.ByteBuf(PAGE);
        final Bufs.ByteBuf channel = new Bufs.ByteBuf(PAGE);
        final Bufs.IntBuf campaign = new Bufs.IntBuf(PAGE);
        final Bufs.ByteBuf flags = new Bufs.ByteBuf(PAGE);
        final Bufs.IntBuf score = new Bufs.IntBuf(PAGE);
        final Bufs.LongBuf duration = new Bufs.LongBuf(PAGE);
        final StringDict campaigns;

        Temp(StringDict campaigns) {
            this.campaigns = campaigns;
        }

        void add(Interaction x, int m) {
            member.add(m);
            sec.add(x.at().getEpochSecond());
            nano.add(x.at().getNano());
            type.add(x.type().ordinal());
            channel.add(x.channel().isPresent() ? x.channel().get().ordinal() + 1 : 0);
            campaign.add(
                    x.campaignId().isPresent()
                            ? campaigns.add(x.campaignId().get().value())
                            : 0);
            OptionalInt s = x.score();
            OptionalLong d = x.durationSeconds();
            flags.add((s.isPresent() ? HAS_SCORE : 0) | (d.isPresent() ? HAS_DURATION : 0));
            score.add(s.orElse(0));
            duration.add(d.orElse(0));
        }
    }

    /** @return the bytes of the interaction columns, per-member offsets included */
    long bytes() {
        return memberStart.length * 4L
                + at.length * 4L
                + atNanos.bytes()
                + type.length
                + channel.length
                + campaign.bytes()
                + flags.length
                + score.length * 4L
                + duration.bytes();
    }
}
