package com.supercandles.jobs.feed;

import com.supercandles.event.EventJson;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.Side;
import com.supercandles.venue.binance.BinanceMessage;
import com.supercandles.venue.binance.BookSync;
import com.supercandles.venue.binance.DepthSnapshot;
import com.supercandles.venue.binance.DepthUpdate;
import com.supercandles.venue.binance.LevelBook;
import com.supercandles.venue.binance.LevelOrderLog;

import java.util.ArrayList;
import java.util.List;

/**
 * One symbol of the feed: its book kept by {@link BookSync}, its derived order log, its coalesced
 * book snapshots and its gaps. Nothing is produced for the symbol until its book is live, so a gap
 * (and the start) has no invented events in it: the first record after a gap is the rebuilt book.
 *
 * <p>Called under the feed's lock only.
 */
final class SymbolFeed {
    /** How long a trade's quantity may wait for the increment that removes it (exchange time). */
    static final long TRADE_CREDIT_MS = 1000;

    final String symbol;
    private final String venue;
    private final BookSync sync;
    private final LevelOrderLog orders;
    private final FeedOutput output;
    private final FeedCounters counters;
    private final int depth;
    private final long bookIntervalMs;
    private final List<MarketEvent> derived = new ArrayList<>();

    /** Bumped at every reset: a snapshot asked for before it belongs to a dead book. */
    int generation;
    boolean snapshotInFlight;
    private boolean deriving;
    private long lastProduced = Long.MIN_VALUE;
    /** Recent trade ids: the overlap of a renewed connection repeats some (ids are not assumed monotonic). */
    private final java.util.Set<String> recentTrades = java.util.Collections.newSetFromMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                    return size() > 4096;
                }
            });
    private long lastBookAt = Long.MIN_VALUE;
    private boolean bookPending;
    private long pendingTs;
    private OpenGap gap;
    private long dropped;
    private long droppedFrom = Long.MIN_VALUE;

    private static final class OpenGap {
        final String stream;
        final String reason;
        final String detail;
        final long from;
        final long detectedAt;
        int snapshots;

        OpenGap(String stream, String reason, String detail, long from, long detectedAt) {
            this.stream = stream;
            this.reason = reason;
            this.detail = detail;
            this.from = from;
            this.detectedAt = detectedAt;
        }
    }

    SymbolFeed(String venue, String symbol, BookSync sync, FeedOutput output, FeedCounters counters, int depth,
               long bookIntervalMs) {
        this.venue = venue;
        this.symbol = symbol;
        this.sync = sync;
        this.orders = new LevelOrderLog(symbol, TRADE_CREDIT_MS);
        this.output = output;
        this.counters = counters;
        this.depth = depth;
        this.bookIntervalMs = bookIntervalMs;
    }

    void onTrade(BinanceMessage.Trade t, long receivedAt) {
        if (!sync.live()) {
            return; // no book yet, or inside a gap: nothing for this symbol until the book is rebuilt
        }
        if (!recentTrades.add(t.tradeId())) {
            return; // a repeat from the overlap of a renewed connection
        }
        Side aggressor = t.buyerIsMaker() ? Side.S : Side.B;
        orders.trade(aggressor, t.price(), t.qty(), t.tradeTime());
        if (emit(FeedRecord.Role.TRADES, EventJson.toJson(MarketEvent.trade(symbol, t.tradeTime(), t.tradeId(), t.price(),
                t.qty(), aggressor)), t.tradeTime(), receivedAt)) {
            counters.trades.incrementAndGet();
        }
    }

    void onDepth(DepthUpdate u, long receivedAt) {
        boolean wasLive = sync.live();
        derived.clear();
        deriving = wasLive; // the increment that joins a snapshot is partly in it already: no orders from it
        orders.expire(u.eventTime());
        BookSync.Step step = sync.onUpdate(u, this::levelChanged);
        switch (step) {
            case APPLIED:
                if (!checkUncrossed(receivedAt)) {
                    return;
                }
                if (!wasLive) {
                    resumed(receivedAt);
                    return;
                }
                for (MarketEvent o : derived) {
                    if (emit(FeedRecord.Role.ORDERS, derivedJson(o), o.ts, receivedAt)) {
                        counters.orders.incrementAndGet();
                    }
                }
                bookChanged(u.eventTime(), receivedAt);
                return;
            case BROKEN:
                lost("book", FeedGap.SEQUENCE_BREAK, "update " + u.firstId() + ".." + u.finalId()
                        + (u.previousFinalId() == DepthUpdate.NO_PREVIOUS ? "" : " (pu " + u.previousFinalId() + ")")
                        + " does not follow the book's last update", receivedAt);
                return;
            default:
        }
    }

    private void levelChanged(boolean bid, double price, double before, double after, DepthUpdate from) {
        if (deriving) {
            orders.level(bid, price, before, after, from.eventTime(), from.finalId(), derived);
        }
    }

    /** A REST snapshot for {@code generation}; a stale generation's is ignored. */
    void onSnapshot(DepthSnapshot s, int generationAsked, long receivedAt) {
        if (generationAsked != generation) {
            return;
        }
        snapshotInFlight = false;
        if (gap != null) {
            gap.snapshots++;
        }
        deriving = false;
        BookSync.Step step = sync.onSnapshot(s, this::levelChanged);
        if (step == BookSync.Step.APPLIED && checkUncrossed(receivedAt)) {
            resumed(receivedAt);
        }
    }

    /** True when a snapshot should be asked for now. */
    boolean wantsSnapshot() {
        return sync.needsSnapshot() && !snapshotInFlight;
    }

    /** The connection broke or stalled: the book is dropped (a fresh snapshot rebuilds it) and a gap opens. */
    void breakOff(String reason, String detail, long receivedAt) {
        lost("all", reason, detail, receivedAt);
    }

    private void lost(String stream, String reason, String detail, long receivedAt) {
        sync.reset();
        generation++;
        snapshotInFlight = false;
        bookPending = false;
        orders.clear();
        if (gap == null && lastProduced != Long.MIN_VALUE) {
            gap = new OpenGap(stream, reason, detail, lastProduced, receivedAt);
        }
    }

    private boolean checkUncrossed(long receivedAt) {
        LevelBook book = sync.book();
        if (!book.crossed()) {
            return true;
        }
        lost("book", FeedGap.CROSSED_BOOK, "best bid at or above best ask after update " + sync.lastUpdateId(), receivedAt);
        return false;
    }

    /** The book is live again: it is the first record after the gap, and closes it. */
    private void resumed(long receivedAt) {
        long ts = sync.lastEventTime();
        emitBook(ts, receivedAt);
        if (gap != null) {
            emitGap(new FeedGap(venue, symbol, gap.stream, gap.from, ts, gap.reason, gap.detail, gap.detectedAt, receivedAt,
                    gap.snapshots, 0));
            gap = null;
        }
    }

    private void bookChanged(long ts, long receivedAt) {
        if (bookIntervalMs == 0 || receivedAt - lastBookAt >= bookIntervalMs) {
            emitBook(ts, receivedAt);
        } else {
            bookPending = true;
            pendingTs = ts;
        }
    }

    /** Emits the coalesced book once its interval has passed without a newer increment to carry it. */
    void flush(long now) {
        if (bookPending && sync.live() && now - lastBookAt >= bookIntervalMs) {
            emitBook(pendingTs, now);
        }
    }

    private void emitBook(long ts, long receivedAt) {
        LevelBook book = sync.book();
        double[][] bids = book.top(true, depth);
        double[][] asks = book.top(false, depth);
        MarketEvent e = MarketEvent.book(symbol, ts, column(bids, 0), column(bids, 1), column(asks, 0), column(asks, 1));
        lastBookAt = receivedAt;
        bookPending = false;
        if (emit(FeedRecord.Role.BOOK, EventJson.toJson(e), ts, receivedAt)) {
            counters.books.incrementAndGet();
        }
    }

    private static double[] column(double[][] levels, int i) {
        double[] out = new double[levels.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = levels[k][i];
        }
        return out;
    }

    /** The order event as events.md writes it, marked as derived (events.md ignores unknown fields). */
    static String derivedJson(MarketEvent o) {
        String json = EventJson.toJson(o);
        return json.substring(0, json.length() - 1) + ",\"source\":\"derived\"}";
    }

    /** Queues a record; what the output refuses is counted and becomes a gap when the output takes records again. */
    private boolean emit(FeedRecord.Role role, String json, long ts, long receivedAt) {
        if (!output.offer(new FeedRecord(role, symbol, json, ts, receivedAt))) {
            if (dropped++ == 0) {
                droppedFrom = lastProduced;
            }
            counters.dropped.incrementAndGet();
            return false;
        }
        if (dropped > 0) {
            emitGap(new FeedGap(venue, symbol, "all", droppedFrom == Long.MIN_VALUE ? null : droppedFrom, ts,
                    FeedGap.OUTPUT_BACKLOG, dropped + " records refused by a full output queue (a slow broker)",
                    receivedAt, receivedAt, 0, dropped));
            dropped = 0;
        }
        lastProduced = Math.max(lastProduced, ts);
        return true;
    }

    private void emitGap(FeedGap g) {
        counters.gaps.incrementAndGet();
        BinanceFeed.LOG.warn("feed gap: {}", g.toJson());
        if (!output.offer(new FeedRecord(FeedRecord.Role.GAPS, symbol, g.toJson(), g.to() == null ? g.detectedAt() : g.to(),
                g.detectedAt()))) {
            counters.dropped.incrementAndGet();
        }
    }

    /** At stop: a gap still open is written with no end. */
    void stop(long now) {
        if (dropped > 0) {
            emitGap(new FeedGap(venue, symbol, "all", droppedFrom == Long.MIN_VALUE ? null : droppedFrom, null,
                    FeedGap.OUTPUT_BACKLOG, dropped + " records refused by a full output queue (a slow broker)", now, 0, 0,
                    dropped));
            dropped = 0;
        }
        if (gap != null) {
            emitGap(new FeedGap(venue, symbol, gap.stream, gap.from, null, gap.reason, gap.detail, gap.detectedAt, 0,
                    gap.snapshots, 0));
            gap = null;
        }
    }

    LevelBook book() {
        return sync.book();
    }

    boolean live() {
        return sync.live();
    }

    long lastUpdateId() {
        return sync.lastUpdateId();
    }
}
