package com.supercandles.gap;

import com.supercandles.candle.SuperCandle;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.List;

/**
 * Marks the live job's candles with the gaps of the feed's gaps topic, per symbol.
 *
 * <p>A gap record arrives only when the gap has closed, and the feed writes it before the first event
 * after the gap. So a candle of a symbol is held here until the symbol is known to have gone on past
 * the window's end: a candle of the symbol whose window starts at or after that end (it holds an event
 * from then), or a gap record whose {@code to} is at or after it. Any gap that overlaps the window began
 * before that evidence and was reported before the event that gave it; the candle is then marked with the
 * gaps known and written. The cost is latency: a candle waits for the symbol's next candle (one window of
 * the shortest period after its next event), and the last candles of a symbol that stops trading wait
 * until it trades again (or the input ends). The limit: the gap record and the event after it travel on
 * different topics, so a gap record that reaches the job later than a whole window of the shortest period
 * after the event that followed it is missed (the candle was written unmarked).
 *
 * <p>The hold is bounded in event time: a candle is written at the latest when the job's watermark (the
 * other symbols' time) passes its window's end by {@code holdMs}. A gap of a symbol longer than that, while
 * other symbols trade, is reported too late for the window it began in: that candle stays unmarked. The
 * gaps input never holds the watermark back ({@link GapWatermarks}).
 */
public final class LiveGapMarks extends KeyedCoProcessFunction<String, SuperCandle, FeedGapSpan, SuperCandle> {
    private static final long serialVersionUID = 1L;
    /** How long a gap is kept after the symbol went past its end: the longest period and the allowed lateness. */
    private final long retentionMs;
    private transient ListState<SuperCandle> held;
    private transient ListState<FeedGapSpan> gaps;
    /** The latest exchange time the symbol is known to have reached without an unreported gap before it. */
    private transient ValueState<Long> frontier;

    /** How far the watermark may pass a held candle's window end before it is written anyway. */
    private final long holdMs;

    public LiveGapMarks(long retentionMs, long holdMs) {
        this.retentionMs = retentionMs;
        this.holdMs = holdMs;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held-candles", TypeInformation.of(SuperCandle.class)));
        gaps = getRuntimeContext().getListState(new ListStateDescriptor<>("gaps", TypeInformation.of(FeedGapSpan.class)));
        frontier = getRuntimeContext().getState(new ValueStateDescriptor<>("frontier", Types.LONG));
    }

    @Override
    public void processElement1(SuperCandle candle, Context ctx, Collector<SuperCandle> out) throws Exception {
        held.add(candle);
        ctx.timerService().registerEventTimeTimer(candle.windowEnd > Long.MAX_VALUE - holdMs ? Long.MAX_VALUE
                : candle.windowEnd + holdMs);
        long reached = advance(candle.windowStart);
        long watermark = ctx.timerService().currentWatermark();
        // Nothing goes before the gaps input has started (its watermark, and so this operator's, is the
        // lowest until its first record or its quiet time): a gap record read after the symbol's next candle
        // would otherwise miss the candle it overlaps (seen in a backfill under load). Held candles go with
        // the next candle or gap after that, or by their timer.
        if (watermark != Long.MIN_VALUE) {
            release(reached, watermark, out);
        }
    }

    @Override
    public void processElement2(FeedGapSpan gap, Context ctx, Collector<SuperCandle> out) throws Exception {
        gaps.add(gap);
        long reached = gap.to != FeedGapSpan.NONE ? advance(gap.to) : current();
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE) {
            release(reached, watermark, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SuperCandle> out) throws Exception {
        // the watermark passed the window ends up to (timestamp - hold): those candles go, marked as known
        release(advance(timestamp == Long.MAX_VALUE ? Long.MAX_VALUE : timestamp - holdMs), ctx.timerService().currentWatermark(), out);
    }

    private long current() throws Exception {
        Long f = frontier.value();
        return f == null ? Long.MIN_VALUE : f;
    }

    private long advance(long reached) throws Exception {
        long f = Math.max(current(), reached);
        frontier.update(f);
        return f;
    }

    /**
     * Writes the held candles whose window ends at or before {@code reached}, marked; keeps the rest. Then
     * forgets the gaps no candle still to come can meet: those that ended more than the longest period
     * and the allowed lateness before the watermark (the window operators emit no window that ended
     * earlier than that; the periods' candles reach this operator in any order among themselves, so the
     * frontier of one period says nothing of another's), and before every candle still held.
     */
    private void release(long reached, long watermark, Collector<SuperCandle> out) throws Exception {
        List<FeedGapSpan> known = new ArrayList<>();
        gaps.get().forEach(known::add);
        List<SuperCandle> keep = new ArrayList<>();
        long oldestHeld = Long.MAX_VALUE;
        for (SuperCandle c : held.get()) {
            if (c.windowEnd <= reached) {
                c.gap = KnownGapMarks.overlapsAny(known, c);
                out.collect(c);
            } else {
                keep.add(c);
                oldestHeld = Math.min(oldestHeld, c.windowStart);
            }
        }
        held.update(keep);
        long forgetBefore = Math.min(watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - retentionMs, oldestHeld);
        List<FeedGapSpan> kept = new ArrayList<>();
        for (FeedGapSpan g : known) {
            if (g.end() >= forgetBefore) {
                kept.add(g);
            }
        }
        if (kept.size() < known.size()) {
            gaps.update(kept);
        }
    }
}
