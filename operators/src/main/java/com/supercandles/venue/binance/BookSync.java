package com.supercandles.venue.binance;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One symbol's book kept from Binance's diff. depth stream and REST snapshots by the venue's
 * synchronisation rules ({@link SyncRule}): increments are buffered until a snapshot arrives, the
 * snapshot is joined to the first increment that straddles its update id, and from then on every
 * increment must continue the previous one. Any break empties the book: it is rebuilt from a fresh
 * snapshot, never patched.
 *
 * <p>Not thread-safe: one feed thread (or lock) per symbol.
 */
public final class BookSync {
    /** What an increment or a snapshot did. */
    public enum Step {
        /** Kept for the snapshot to come. */
        BUFFERED,
        /** Already in the book (older than the snapshot, or a repeat after a renewed connection). */
        STALE,
        /** Applied: the book is live. */
        APPLIED,
        /** A snapshot is held and the increment that joins it has not come yet. */
        WAITING,
        /** The snapshot is older than the first increment after it: fetch another (the buffer is kept). */
        SNAPSHOT_TOO_OLD,
        /** Update ids do not follow: the book was dropped; fetch a fresh snapshot. */
        BROKEN
    }

    /** Receives each level change applied to a live book. */
    @FunctionalInterface
    public interface Changes {
        void level(boolean bid, double price, double before, double after, DepthUpdate from);
    }

    private enum State { AWAITING_SNAPSHOT, JOINING, LIVE }

    private final SyncRule rule;
    private final int bufferLimit;
    private final LevelBook book = new LevelBook();
    private final Deque<DepthUpdate> buffer = new ArrayDeque<>();
    private State state = State.AWAITING_SNAPSHOT;
    private long lastId = Long.MIN_VALUE;
    private long snapshotId = Long.MIN_VALUE;
    private long lastEventTime = Long.MIN_VALUE;

    public BookSync(SyncRule rule, int bufferLimit) {
        this.rule = rule;
        this.bufferLimit = bufferLimit;
    }

    public Step onUpdate(DepthUpdate u, Changes out) {
        if (state == State.AWAITING_SNAPSHOT) {
            if (buffer.size() == bufferLimit) {
                buffer.removeFirst(); // a snapshot fetched later than these is newer than them anyway
            }
            buffer.addLast(u);
            return Step.BUFFERED;
        }
        Step step = step(u, out);
        if (step == Step.SNAPSHOT_TOO_OLD || step == Step.BROKEN) {
            buffer.addLast(u); // the next snapshot may join it
        }
        return step;
    }

    /** Loads a snapshot and applies the buffered increments that follow it. */
    public Step onSnapshot(DepthSnapshot s, Changes out) {
        book.clear();
        for (double[] level : s.bids()) {
            book.set(true, level[0], level[1]);
        }
        for (double[] level : s.asks()) {
            book.set(false, level[0], level[1]);
        }
        snapshotId = s.lastUpdateId();
        lastId = Long.MIN_VALUE;
        state = State.JOINING;
        Step result = Step.WAITING;
        while (!buffer.isEmpty()) {
            DepthUpdate u = buffer.removeFirst();
            Step step = step(u, out);
            if (step == Step.SNAPSHOT_TOO_OLD || step == Step.BROKEN) {
                buffer.addFirst(u); // the buffer from here on is what the next snapshot has to join
                return step;
            }
            if (step == Step.APPLIED) {
                result = Step.APPLIED;
            }
        }
        return result;
    }

    /** One increment on a held snapshot or a live book; the caller keeps the buffer. */
    private Step step(DepthUpdate u, Changes out) {
        if (state == State.JOINING) {
            if (rule.staleForSnapshot(u, snapshotId)) {
                return Step.STALE;
            }
            if (!rule.straddles(u, snapshotId)) {
                dropBook();
                return Step.SNAPSHOT_TOO_OLD;
            }
            state = State.LIVE;
        } else {
            if (u.finalId() <= lastId) {
                return Step.STALE;
            }
            if (!rule.follows(u, lastId)) {
                dropBook();
                return Step.BROKEN;
            }
        }
        apply(u, out);
        return Step.APPLIED;
    }

    private void apply(DepthUpdate u, Changes out) {
        for (double[] level : u.bids()) {
            out.level(true, level[0], book.set(true, level[0], level[1]), level[1], u);
        }
        for (double[] level : u.asks()) {
            out.level(false, level[0], book.set(false, level[0], level[1]), level[1], u);
        }
        lastId = u.finalId();
        lastEventTime = u.eventTime();
    }

    /** Forgets the book and the buffer (after a disconnect or a stall): only a fresh snapshot brings it back. */
    public void reset() {
        dropBook();
        buffer.clear();
    }

    private void dropBook() {
        book.clear();
        state = State.AWAITING_SNAPSHOT;
        lastId = Long.MIN_VALUE;
        snapshotId = Long.MIN_VALUE;
    }

    public boolean live() {
        return state == State.LIVE;
    }

    /** The book is empty and waits for a snapshot (none is held). */
    public boolean needsSnapshot() {
        return state == State.AWAITING_SNAPSHOT;
    }

    /** The final update id of the last increment applied; {@link Long#MIN_VALUE} when not live. */
    public long lastUpdateId() {
        return lastId;
    }

    /** The exchange time ({@code E}) of the last increment applied. */
    public long lastEventTime() {
        return lastEventTime;
    }

    public int buffered() {
        return buffer.size();
    }

    public LevelBook book() {
        return book;
    }
}
