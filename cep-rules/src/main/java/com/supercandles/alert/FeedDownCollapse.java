package com.supercandles.alert;


import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per stream, after {@link FeedStaleness}: a stream silent for every symbol it has carried is one
 * {@code feed_down} alert (symbol {@value #EVERY_SYMBOL}), not one per symbol.
 *
 * <p>Staleness checks run per symbol every N / 2, so the symbols of a dead stream go STALE within about
 * N / 2 of each other: each symbol's STALE is held that long (plus a second) before it goes out. If
 * meanwhile every symbol of the stream is stale, the held ones are dropped for one {@code feed_down}
 * FIRING. The first symbol that flows again (or a new one) resolves it; the symbols still silent N
 * later are then reported one by one (their own STALE, same ids as without the collapse). A STALE whose
 * RECOVERED comes while it is held goes out with it: a short silence is still reported.
 *
 * <p>The number of symbols comes from the {@link FeedStaleness#SEEN} markers; the markers stop here.
 */
public class FeedDownCollapse extends KeyedProcessFunction<String, Alert, Alert> {
    private static final long serialVersionUID = 1L;
    public static final String RULE = "feed_down";
    public static final String EVERY_SYMBOL = "*";

    /** Status of a symbol, or, when positive, the processing time its held STALE goes out. */
    private static final long FLOWING = 0;
    private static final long FORWARDED = -1;
    private static final long SUPPRESSED = -2;

    private final RuleSettings rule;
    private final long holdMs;
    private final long releaseAfterMs;
    private transient MapState<String, Long> status;
    private transient MapState<String, Alert> stale;
    /** The held symbols by the processing time their STALE goes out (each such time has a timer). */
    private transient MapState<Long, List<String>> heldUntil;
    private transient ValueState<StreamFeed> feed;

    /**
     * @param rule       feed_down's settings (threshold: the fewest symbols a stream must have had)
     * @param silenceMs  feed_stale's threshold N
     */
    public FeedDownCollapse(RuleSettings rule, long silenceMs) {
        this.rule = rule;
        this.holdMs = Math.max(1, silenceMs / 2) + 1_000;
        this.releaseAfterMs = silenceMs;
    }

    @Override
    public void open(OpenContext openContext) {
        status = getRuntimeContext().getMapState(new MapStateDescriptor<>("symbol-status", Types.STRING, Types.LONG));
        stale = getRuntimeContext().getMapState(new MapStateDescriptor<>("stale-alerts", Types.STRING,
                TypeInformation.of(Alert.class)));
        feed = getRuntimeContext().getState(new ValueStateDescriptor<>("stream-feed", TypeInformation.of(StreamFeed.class)));
        heldUntil = getRuntimeContext().getMapState(new MapStateDescriptor<>("held-until", Types.LONG,
                Types.LIST(Types.STRING)));
    }

    @Override
    public void processElement(Alert a, Context ctx, Collector<Alert> out) throws Exception {
        StreamFeed f = feed.value();
        if (f == null) {
            f = new StreamFeed();
        }
        long now = ctx.timerService().currentProcessingTime();
        Long current = status.get(a.symbol);
        if (FeedStaleness.SEEN.equals(a.state)) {
            if (current == null) {
                status.put(a.symbol, FLOWING);
                f.symbols++;
            }
            if (f.down) {
                up(f, a, now, ctx, out); // a new symbol on the stream: it flows
            }
        } else if (a.firing()) {
            f.stale++;
            stale.put(a.symbol, a);
            if (f.down) {
                status.put(a.symbol, SUPPRESSED);
            } else {
                long until = now + holdMs;
                status.put(a.symbol, until);
                List<String> held = heldUntil.get(until);
                held = held == null ? new ArrayList<>() : held;
                held.add(a.symbol);
                heldUntil.put(until, held);
                ctx.timerService().registerProcessingTimeTimer(until);
                if (f.symbols >= rule.threshold && f.stale >= f.symbols) {
                    down(f, a, out);
                }
            }
        } else {
            long s = current == null ? FLOWING : current;
            if (s != FLOWING) {
                f.stale--;
                Alert held = stale.get(a.symbol);
                stale.remove(a.symbol);
                status.put(a.symbol, FLOWING);
                if (s > 0) {
                    out.collect(held); // a short silence, recovered while held: both go out
                }
                if (s > 0 || s == FORWARDED) {
                    out.collect(a);
                }
                if (f.down) {
                    up(f, a, now, ctx, out);
                }
            }
        }
        feed.update(f);
    }

    /** Every symbol of the stream is stale: the held STALEs give way to one alert. */
    private void down(StreamFeed f, Alert last, Collector<Alert> out) throws Exception {
        f.down = true;
        List<String> held = new ArrayList<>();
        for (Map.Entry<String, Long> e : status.entries()) {
            if (e.getValue() > 0) {
                held.add(e.getKey());
            }
        }
        for (String symbol : held) {
            status.put(symbol, SUPPRESSED);
        }
        out.collect(Alert.of(RULE, EVERY_SYMBOL, last.stream, rule.severity, Alert.FIRING, f.symbols, rule.threshold,
                last.eventTime, last.stream + ": no event on any of its " + f.symbols + " symbols for "
                        + (long) last.threshold / 1000 + " s: the whole feed is down (one alert instead of one per"
                        + " symbol); check the connector, the topic and the exchange link"));
    }

    /** The stream flows again: resolve, and report the symbols still silent a little later. */
    private void up(StreamFeed f, Alert first, long now, Context ctx, Collector<Alert> out) {
        f.down = false;
        f.releaseAt = now + releaseAfterMs;
        ctx.timerService().registerProcessingTimeTimer(f.releaseAt);
        out.collect(Alert.of(RULE, EVERY_SYMBOL, first.stream, rule.severity, Alert.RESOLVED, f.symbols - f.stale,
                rule.threshold, first.eventTime, "resolved: " + first.stream + " is flowing again (" + first.symbol
                        + " first); symbols still silent " + releaseAfterMs / 1000 + " s from now are reported one by one"));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        StreamFeed f = feed.value();
        if (f == null) {
            return;
        }
        boolean release = !f.down && f.releaseAt > 0 && timestamp >= f.releaseAt;
        List<String> held = heldUntil.get(timestamp);
        List<String> due = new ArrayList<>();
        if (held != null && !release) {
            // the symbols held until now, still held (not recovered, suppressed or held again since):
            // a timer per held STALE must not read every symbol of the stream (100,000 symbols going
            // stale in a backfill made that quadratic)
            heldUntil.remove(timestamp);
            for (String symbol : held) {
                Long s = status.get(symbol);
                if (s != null && s == timestamp) {
                    due.add(symbol);
                }
            }
        } else {
            // the release after a stream came back (once per return), or a timer of a checkpoint
            // written before the held symbols were indexed by time
            heldUntil.remove(timestamp);
            for (Map.Entry<String, Long> e : status.entries()) {
                long s = e.getValue();
                if ((s > 0 && s <= timestamp) || (release && s == SUPPRESSED)) {
                    due.add(e.getKey());
                }
            }
        }
        for (String symbol : due) {
            out.collect(stale.get(symbol));
            status.put(symbol, FORWARDED);
        }
        if (release) {
            f.releaseAt = 0;
            feed.update(f);
        }
    }

    /** One stream's counts. A Flink POJO. */
    public static class StreamFeed {
        /** Symbols seen on the stream, and how many of them are stale now. */
        public int symbols;
        public int stale;
        public boolean down;
        /** When symbols still silent after the stream came back are reported; 0: none pending. */
        public long releaseAt;

        public StreamFeed() {}
    }
}
