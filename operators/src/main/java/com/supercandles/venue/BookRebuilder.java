package com.supercandles.venue;

import com.supercandles.event.EventJson;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.Side;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One symbol's order book rebuilt from level increments ({@link BookChange}s), emitted as book
 * snapshots of the contract: the top {@code depth} levels a side, at most one per {@code interval}.
 *
 * <p>Coalescing: with an interval of 0 a snapshot follows every exchange message; with an interval of
 * {@code I} ms, the book as it stood after the last message of each interval {@code [k*I, (k+1)*I)} is
 * emitted (stamped with that message's time) when the first message of a later interval arrives or at
 * {@link #flush}, so at most one snapshot per interval and never a state that was not the venue's.
 *
 * <p>A level that would go negative, or a book that is crossed (best bid at or above the best ask) when
 * its snapshot is due, is a dead letter with its reason; the book is then dropped and increments are
 * not applied until the next full snapshot ({@link BookChange#snapshot}) rebuilds it: a rebuilt book is
 * never patched over a gap. A source without snapshots (an order log) starts from an empty book.
 *
 * <p>Not thread-safe; one instance per symbol. Used by the file adapters and meant for live feeds.
 */
public final class BookRebuilder {
    /** Hears every change of a level's size that an increment (not a snapshot) makes. */
    public interface LevelListener {
        void changed(Side side, double price, double before, double after, long ts);
    }

    /** A level smaller than this (in lots) after a change is taken for empty: sums of decimal changes leave dust. */
    static final double DUST = 1e-9;

    private final String symbol;
    private final int depth;
    private final long intervalMs;
    private final TreeMap<Double, Double> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<Double, Double> asks = new TreeMap<>();
    private LevelListener listener = (side, price, before, after, ts) -> { };
    private boolean valid;
    private boolean pending;
    private long pendingTs;
    private long skipped;

    /**
     * @param depth the levels a side a snapshot keeps (at least 1)
     * @param intervalMs at most one snapshot per this many ms; 0 for one after every message
     * @param startsEmpty true where the source rebuilds from nothing (an order log), false where the
     *                    book is unknown until the first full snapshot
     */
    public BookRebuilder(String symbol, int depth, long intervalMs, boolean startsEmpty) {
        if (depth < 1 || intervalMs < 0) {
            throw new IllegalArgumentException("depth must be >= 1 and interval >= 0, got " + depth + ", " + intervalMs);
        }
        this.symbol = symbol;
        this.depth = depth;
        this.intervalMs = intervalMs;
        this.valid = startsEmpty;
    }

    public BookRebuilder listener(LevelListener listener) {
        this.listener = listener;
        return this;
    }

    /** Applies one message, adding to {@code out} the snapshots now due and any dead letter. */
    public void apply(BookChange change, List<ParsedRecord> out) {
        if (pending && intervalMs > 0 && Math.floorDiv(change.ts, intervalMs) != Math.floorDiv(pendingTs, intervalMs)) {
            emit(change.origin, out);
        }
        if (change.snapshot) {
            bids.clear();
            asks.clear();
            valid = true;
        } else if (!valid) {
            skipped++;
            return;
        }
        for (int i = 0; i < change.size(); i++) {
            String problem = applyLevel(change, i);
            if (problem != null) {
                drop(change.origin, problem, out);
                return;
            }
        }
        pending = true;
        pendingTs = change.ts;
        if (intervalMs == 0) {
            emit(change.origin, out);
        }
    }

    /** Emits the snapshot still due at the end of the input. */
    public void flush(List<ParsedRecord> out) {
        if (pending) {
            emit("end of input", out);
        }
    }

    /** Messages not applied because the book was dropped (before the first snapshot, or after a dead letter). */
    public long skippedMessages() {
        return skipped;
    }

    /** The book as it stands: {@code depth} levels a side (for tests and live feeds). */
    public MarketEvent snapshot(long ts) {
        double[][] b = top(bids);
        double[][] a = top(asks);
        return MarketEvent.book(symbol, ts, b[0], b[1], a[0], a[1]);
    }

    /** Whether the book is known (a snapshot seen, or an order log from the start, and not dropped since). */
    public boolean isValid() {
        return valid;
    }

    private String applyLevel(BookChange change, int i) {
        Side side = change.side(i);
        double price = change.price(i);
        double amount = change.amount(i);
        if (side == null || !Double.isFinite(price) || price <= 0 || !Double.isFinite(amount)) {
            return "level change needs a side, a price > 0 and a finite size, got " + side + " " + price + " " + amount;
        }
        TreeMap<Double, Double> levels = side == Side.B ? bids : asks;
        double before = levels.getOrDefault(price, 0.0);
        double after = change.absolute ? amount : before + amount;
        if (after < -DUST * Math.max(1, Math.abs(before))) {
            return "the rebuilt book of " + symbol + " went negative: " + (side == Side.B ? "bid" : "ask") + " level "
                    + price + " would hold " + after + " (" + before + (change.absolute ? " set to " : " changed by ")
                    + amount + ")";
        }
        if (after <= DUST) {
            after = 0;
            levels.remove(price);
        } else {
            levels.put(price, after);
        }
        if (!change.snapshot && after != before) {
            listener.changed(side, price, before, after, change.ts);
        }
        return null;
    }

    private void emit(String origin, List<ParsedRecord> out) {
        pending = false;
        if (!bids.isEmpty() && !asks.isEmpty() && bids.firstKey() >= asks.firstKey()) {
            drop(origin, "the rebuilt book of " + symbol + " is crossed at " + pendingTs + ": best bid "
                    + bids.firstKey() + " >= best ask " + asks.firstKey(), out);
            return;
        }
        out.add(ParsedRecord.valid(snapshot(pendingTs)));
    }

    private void drop(String origin, String reason, List<ParsedRecord> out) {
        out.add(VenueEvents.deadLetter(EventType.BOOK, origin, reason + "; the book is dropped until the next full snapshot",
                EventJson.toJson(snapshot(pendingTs))));
        bids.clear();
        asks.clear();
        valid = false;
        pending = false;
    }

    private double[][] top(TreeMap<Double, Double> levels) {
        int n = Math.min(depth, levels.size());
        double[] prices = new double[n];
        double[] qtys = new double[n];
        Iterator<Map.Entry<Double, Double>> it = levels.entrySet().iterator();
        for (int i = 0; i < n; i++) {
            Map.Entry<Double, Double> level = it.next();
            prices[i] = level.getKey();
            qtys[i] = level.getValue();
        }
        return new double[][] {prices, qtys};
    }
}
