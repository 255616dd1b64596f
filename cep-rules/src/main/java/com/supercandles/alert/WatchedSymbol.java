package com.supercandles.alert;


/**
 * What the event watchdog remembers of one symbol, as the rules see it: each stream's newest {@code ts},
 * the last trade price, the mid of the latest book snapshot, order puts and cancels per second of the
 * last minute (event time), per rule slot whether it fires and when it last fired, and per stream the
 * latency rule's run. Fixed size: nothing grows with the history.
 *
 * <p>A view, not an object per symbol: {@link SymbolWatches} keeps every symbol's figures in a few flat
 * arrays at the symbol's id and points this view at the event's symbol before the rules run. Why: in
 * the job the watchdog runs between the parser and the pre-aggregator, whose state evicts the
 * watchdog's from the caches, and a hash map's entry, then the symbol's object, then that object's
 * arrays were misses that waited on each other. Here every address follows from the id alone.
 */
public final class WatchedSymbol {
    // the layout of a symbol's longs in SymbolWatches.hot, from id * HOT; what an order reads first
    static final int FIRING = 0;
    static final int SECOND = 1;
    static final int PUTS_60 = 2;
    static final int CANCELS_60 = 3;
    /** The newest {@link #LAST_SECONDS} seconds' counts, second t at {@code RECENT + t mod LAST_SECONDS}. */
    static final int RECENT = 4;
    static final int LAST_SECONDS = 5;
    static final int NEWEST_TS = RECENT + LAST_SECONDS; // one per stream
    static final int LATENCY_RUN = NEWEST_TS + SymbolWatches.STREAMS; // one per stream
    static final int LAST_TRADE_PRICE = LATENCY_RUN + SymbolWatches.STREAMS;
    static final int MID = LAST_TRADE_PRICE + 1;
    static final int HOT = MID + 1;
    /** Seconds of order counts kept: one minute. */
    static final int SECONDS = 60;

    private long[] hot;
    private long[] seconds;
    private long[] lastFiring;
    private int at;
    private int secondsAt;
    private int firingAt;
    private final SymbolWatches table;

    WatchedSymbol(SymbolWatches table) {
        this.table = table;
    }

    /** Points the view at the symbol of id {@code id}. */
    WatchedSymbol at(int id) {
        hot = table.hot;
        seconds = table.seconds;
        lastFiring = table.lastFiring;
        at = id * HOT;
        secondsAt = id * SECONDS;
        firingAt = id * StreamWatchdog.SLOTS;
        return this;
    }

    /** The newest {@code ts} of stream {@code stream} (its ordinal); Long.MIN_VALUE before its first event. */
    long newestTs(int stream) {
        return hot[at + NEWEST_TS + stream];
    }

    void newestTs(int stream, long ts) {
        hot[at + NEWEST_TS + stream] = ts;
    }

    /** NaN before the first trade. */
    double lastTradePrice() {
        return Double.longBitsToDouble(hot[at + LAST_TRADE_PRICE]);
    }

    void lastTradePrice(double price) {
        hot[at + LAST_TRADE_PRICE] = Double.doubleToRawLongBits(price);
    }

    /** NaN before the first book snapshot with both sides, or after one without. */
    double mid() {
        return Double.longBitsToDouble(hot[at + MID]);
    }

    void mid(double mid) {
        hot[at + MID] = Double.doubleToRawLongBits(mid);
    }

    /** Events in a row above the latency limit (positive) or below half of it (negative), per stream. */
    int latencyRun(int stream) {
        return (int) hot[at + LATENCY_RUN + stream];
    }

    void latencyRun(int stream, int run) {
        hot[at + LATENCY_RUN + stream] = run;
    }

    long puts60() {
        return hot[at + PUTS_60];
    }

    long cancels60() {
        return hot[at + CANCELS_60];
    }

    boolean firing(int slot) {
        return (hot[at + FIRING] >>> slot & 1L) != 0;
    }

    /**
     * Feeds a rule slot's condition at {@code eventTime} (see {@link AlertSwitch#next}); returns
     * {@link Alert#FIRING}, {@link Alert#RESOLVED} or null.
     */
    String change(int slot, boolean condition, long eventTime, long cooldownMs) {
        if (condition == firing(slot)) {
            return null; // the usual case: the mask alone decides, the last firing times stay cold
        }
        String change = AlertSwitch.next(!condition, lastFiring[firingAt + slot], condition, eventTime, cooldownMs);
        if (change != null) {
            hot[at + FIRING] ^= 1L << slot;
            if (condition) {
                lastFiring[firingAt + slot] = eventTime;
            }
        }
        return change;
    }

    /**
     * Counts an order of second {@code s} (epoch seconds); false when it is more than a minute behind
     * the symbol's newest (outside every rate window: not counted). A second's count is one long, its
     * puts the high half and its cancels the low half.
     *
     * <p>The newest five seconds' counts sit beside the minute's sums in the symbol's first memory
     * lines, where an order of the newest second (nearly every order) counts itself and the 1 s and 5 s
     * rules read: the minute's per-second counts (a line or two elsewhere) are touched only when the
     * second moves on (to keep the second that ends and drop the one a minute old) and by late orders.
     * In the minute's counts the newest second reads 0 until it ends.
     */
    boolean countOrder(long s, boolean put) {
        long second = hot[at + SECOND];
        long one = put ? 1L << 32 : 1L;
        if (second == Long.MIN_VALUE) {
            table.ensureSeconds();
            seconds = table.seconds;
            hot[at + SECOND] = s;
        } else if (s > second) {
            moveOn(second, s);
        } else if (s < second) {
            if (second - s >= SECONDS) {
                return false;
            }
            seconds[minuteAt(s)] += one;
            if (second - s >= LAST_SECONDS) {
                add(put);
                return true;
            }
        }
        hot[recentAt(s)] += one;
        add(put);
        return true;
    }

    private void add(boolean put) {
        hot[at + (put ? PUTS_60 : CANCELS_60)]++;
    }

    /** From the newest second {@code second} to {@code s}: the seconds between hold no order. */
    private void moveOn(long second, long s) {
        seconds[minuteAt(second)] = hot[recentAt(second)];
        long puts = 0;
        long cancels = 0;
        for (long t = second + 1; t <= s && t <= second + SECONDS; t++) {
            int i = minuteAt(t);
            puts += seconds[i] >>> 32;
            cancels += seconds[i] & 0xFFFF_FFFFL;
            seconds[i] = 0;
            if (t - second <= LAST_SECONDS) {
                hot[recentAt(t)] = 0;
            }
        }
        hot[at + PUTS_60] -= puts;
        hot[at + CANCELS_60] -= cancels;
        hot[at + SECOND] = s;
    }

    /** Puts (or cancels) in the last {@code n} seconds up to the newest. */
    long recent(boolean put, int n) {
        long second = hot[at + SECOND];
        if (n >= SECONDS || second == Long.MIN_VALUE) {
            return put ? puts60() : cancels60();
        }
        long sum = 0;
        for (int k = 0; k < n; k++) {
            long both = countOf(second - k);
            sum += put ? both >>> 32 : both & 0xFFFF_FFFFL;
        }
        return sum;
    }

    /** Second {@code t}'s count (t within the minute up to the newest second). */
    private long countOf(long t) {
        return hot[at + SECOND] - t < LAST_SECONDS ? hot[recentAt(t)] : seconds[minuteAt(t)];
    }

    /**
     * Reads the memory an event at {@code ts} will use (the figures' first and last longs, and for an
     * order its second's count in the minute) so that its cache misses come early and together; the
     * sum means nothing (see {@link SymbolWatches#judge(com.supercandles.event.MarketEvent[], int,
     * org.apache.flink.util.Collector)}).
     */
    long touch(long ts, boolean order) {
        long read = hot[at] + hot[at + HOT - 1];
        return order && seconds != null ? read + seconds[minuteAt(Math.floorDiv(ts, 1000L))] : read;
    }

    /** Where second {@code t}'s count is among the newest five seconds' (in {@code hot}). */
    private int recentAt(long t) {
        return at + RECENT + (int) Math.floorMod(t, (long) LAST_SECONDS);
    }

    /** Where second {@code t}'s count is among the minute's (in {@code seconds}). */
    private int minuteAt(long t) {
        return secondsAt + (int) Math.floorMod(t, (long) SECONDS);
    }

    /** This symbol's figures in their checkpoint form. */
    SymbolWatch toCheckpoint() {
        SymbolWatch w = SymbolWatch.create(SymbolWatches.STREAMS, StreamWatchdog.SLOTS);
        for (int s = 0; s < SymbolWatches.STREAMS; s++) {
            w.newestTs[s] = newestTs(s);
            w.latencyRuns[s] = latencyRun(s);
        }
        w.lastTradePrice = lastTradePrice();
        w.mid = mid();
        w.second = hot[at + SECOND];
        w.puts60 = puts60();
        w.cancels60 = cancels60();
        w.firing = hot[at + FIRING];
        System.arraycopy(lastFiring, firingAt, w.lastFiring, 0, StreamWatchdog.SLOTS);
        if (w.second != Long.MIN_VALUE) {
            w.orders = new int[2 * SECONDS];
            for (long t = w.second - SECONDS + 1; t <= w.second; t++) {
                int i = (int) Math.floorMod(t, (long) SECONDS);
                long both = countOf(t);
                w.orders[2 * i] = (int) (both >>> 32);
                w.orders[2 * i + 1] = (int) both;
            }
        }
        return w;
    }

    /** Takes the figures of a checkpoint (this view at a symbol just added). */
    void restore(SymbolWatch w) {
        for (int s = 0; s < SymbolWatches.STREAMS; s++) {
            newestTs(s, s < w.newestTs.length ? w.newestTs[s] : Long.MIN_VALUE);
            latencyRun(s, s < w.latencyRuns.length ? w.latencyRuns[s] : 0);
        }
        lastTradePrice(w.lastTradePrice);
        mid(w.mid);
        hot[at + SECOND] = w.second;
        hot[at + PUTS_60] = w.puts60;
        hot[at + CANCELS_60] = w.cancels60;
        hot[at + FIRING] = w.firing;
        System.arraycopy(w.lastFiring, 0, lastFiring, firingAt, Math.min(w.lastFiring.length, StreamWatchdog.SLOTS));
        if (w.orders != null) {
            table.ensureSeconds();
            seconds = table.seconds;
            for (long t = w.second - SECONDS + 1; t <= w.second; t++) {
                int i = (int) Math.floorMod(t, (long) SECONDS);
                long both = (long) w.orders[2 * i] << 32 | (w.orders[2 * i + 1] & 0xFFFF_FFFFL);
                seconds[minuteAt(t)] = t == w.second ? 0 : both;
                if (w.second - t < LAST_SECONDS) {
                    hot[recentAt(t)] = both;
                }
            }
        }
    }

    /** The figures of a symbol never seen. */
    void clear() {
        java.util.Arrays.fill(hot, at, at + HOT, 0L);
        for (int s = 0; s < SymbolWatches.STREAMS; s++) {
            newestTs(s, Long.MIN_VALUE);
        }
        hot[at + SECOND] = Long.MIN_VALUE;
        lastTradePrice(Double.NaN);
        mid(Double.NaN);
        java.util.Arrays.fill(lastFiring, firingAt, firingAt + StreamWatchdog.SLOTS, Long.MIN_VALUE);
    }
}
