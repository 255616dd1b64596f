package com.supercandles.candle;


import com.supercandles.event.MarketEvent;
import com.supercandles.event.SymbolIds;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds each source subtask's events into per-symbol, per-window partial candles before the shuffle
 * by symbol, so that the keyed window operators (and their state backend) see one record per window
 * instead of one per event. Chained to its source, it costs a hash lookup per event.
 *
 * <p>A window's partial is handed on (to the side output of its period) when the watermark passes
 * the window's end, just before the watermark itself: downstream it therefore arrives while the
 * window is still open, and each window gets exactly one partial per subtask, which keeps the sums
 * in event order. An event whose window (plus the allowed lateness) its own stream partition has
 * already passed ({@link MarketEvent#streamWatermark}) is late, whatever the other streams do: it
 * goes to the period's late output, to become a dead letter. Events whose window was already handed
 * on but that are not late by their own stream pass one by one, and the window operator judges them
 * as it would the raw event (late there only when the window closed while their stream was idle). Buffered partials are kept in
 * operator state at checkpoints; all are handed on when the input goes idle or ends, and when more
 * than {@code maxBufferedWindows} are open (a memory bound that a normal symbol count never reaches).
 *
 * <p>Nothing is allocated per event, and after the first windows nothing per window either: symbols
 * have dense ids ({@link SymbolIds}) into an array, and a handed-on window's node and accumulator are
 * cleared and kept for the next window. That is safe because the partials' outputs lead to a shuffle
 * by symbol only (never a chained operator): the network output serializes a partial before
 * {@code collect} returns. Accumulators that survived several young collections and were then dropped
 * per window kept the collector's old generation busy.
 */
public class CandlePreAggregator extends AbstractStreamOperator<CandlePartial>
        implements OneInputStreamOperator<MarketEvent, CandlePartial> {
    private static final long serialVersionUID = 1L;

    private final List<Period> periods;
    /** The periods' lengths, read per event (a plain array: the list's accessor showed in profiles). */
    private final long[] periodMillis;
    private final Instruments instruments;
    private final int maxBufferedWindows;
    private final long allowedLatenessMs;
    private final List<OutputTag<CandlePartial>> outputs = new ArrayList<>();
    private final List<OutputTag<CandlePartial>> lateOutputs = new ArrayList<>();

    /** Each symbol's open windows, per period, at its id: one probe of a small table per event. */
    private transient SymbolIds ids;
    private transient SymbolWindows[] open;
    /** Handed-on windows' nodes (with their cleared accumulators), for the next windows. */
    private transient OpenWindows free;
    /** The one partial record handed on at a time (serialized by the shuffle before collect returns). */
    private transient CandlePartial handedOn;
    private transient StreamRecord<CandlePartial> handedOnRecord;
    private transient int buffered;
    /** The earliest last-millisecond of any buffered window; Long.MAX_VALUE when none. */
    private transient long nextClose;
    private transient long watermark;
    /** The next watermark the window operators can tell from the last one handed on. */
    private transient long nextSignificant;
    private transient ListState<PeriodPartial> checkpointed;

    /**
     * @param allowedLatenessMs the window operators' allowed lateness: with the window ends, it marks the
     *                          watermarks they can tell apart
     */
    public CandlePreAggregator(List<Period> periods, Instruments instruments, long allowedLatenessMs,
                               int maxBufferedWindows) {
        this.periods = List.copyOf(periods);
        this.periodMillis = periods.stream().mapToLong(Period::millis).toArray();
        this.allowedLatenessMs = allowedLatenessMs;
        this.instruments = instruments;
        this.maxBufferedWindows = maxBufferedWindows;
        for (Period period : periods) {
            outputs.add(output(period));
            lateOutputs.add(lateOutput(period));
        }
    }

    /** Where the partials of {@code period} go. */
    public static OutputTag<CandlePartial> output(Period period) {
        return new OutputTag<>("partials-" + period, TypeInformation.of(CandlePartial.class));
    }

    /**
     * Where events late for {@code period} by their own stream go, each as a single-event partial that
     * carries it (as the window operator's late output does): to be dead-lettered, not counted.
     */
    public static OutputTag<CandlePartial> lateOutput(Period period) {
        return new OutputTag<>("late-partials-" + period, TypeInformation.of(CandlePartial.class));
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        ids = new SymbolIds(1024);
        open = new SymbolWindows[ids.capacity()];
        handedOn = new CandlePartial();
        handedOnRecord = new StreamRecord<>(handedOn);
        nextClose = Long.MAX_VALUE;
        watermark = Long.MIN_VALUE;
        nextSignificant = Long.MIN_VALUE;
        checkpointed = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("open-partials", TypeInformation.of(PeriodPartial.class)));
        for (PeriodPartial p : checkpointed.get()) {
            int period = periods.indexOf(Period.parse(p.period));
            if (period < 0) {
                LOG.warn("Dropping a restored partial candle of period {} ({} {}): the job no longer computes "
                        + "that period", p.period, p.partial.symbol, p.partial.windowStart);
                continue;
            }
            buffer(windowsOf(p.partial.symbol), period, p.partial.windowStart).merge(p.partial.accumulator);
        }
    }

    @Override
    public void processElement(StreamRecord<MarketEvent> record) {
        MarketEvent e = record.getValue();
        SymbolWindows symbol = windowsOf(e.symbol);
        InstrumentSpec spec = symbol.spec;
        for (int i = 0; i < periodMillis.length; i++) {
            long windowStart = Math.floorDiv(e.ts, periodMillis[i]) * periodMillis[i];
            long last = lastMillisecond(i, windowStart);
            if (closesAt(last) <= e.streamWatermark) {
                output.collect(lateOutputs.get(i), single(e, spec, windowStart));
            } else if (last <= watermark) {
                output.collect(outputs.get(i), single(e, spec, windowStart));
            } else {
                buffer(symbol, i, windowStart).add(e, spec);
            }
        }
        if (buffered > maxBufferedWindows) {
            handOn(Long.MAX_VALUE);
        }
    }

    /** A partial of one event that carries the event, for the window operator or a dead letter. */
    private static StreamRecord<CandlePartial> single(MarketEvent e, InstrumentSpec spec, long windowStart) {
        SuperCandleAccumulator single = new SuperCandleAccumulator();
        single.add(e, spec);
        return new StreamRecord<>(new CandlePartial(e.symbol, windowStart, single, e), e.ts);
    }

    /**
     * When a window whose last millisecond is {@code last} stops accepting events: after the allowed
     * lateness, as in the window operator.
     */
    private long closesAt(long last) {
        return last + allowedLatenessMs < last ? Long.MAX_VALUE : last + allowedLatenessMs;
    }

    /**
     * Hands on the windows the watermark closes, then the watermark itself, but only when it crosses a
     * window's last millisecond or the end of its allowed lateness: the window operators compare the
     * watermark with nothing else, so they behave exactly as if they saw every watermark, and are
     * spared the thousands per second that an event-driven watermark brings.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        if (watermark >= nextClose) {
            handOn(watermark);
        }
        if (watermark >= nextSignificant) {
            super.processWatermark(mark);
            nextSignificant = significantAfter(watermark);
        }
    }

    /** The smallest window end or lateness end (last millisecond) of any period after {@code t}. */
    long significantAfter(long t) {
        long next = Long.MAX_VALUE;
        for (Period period : periods) {
            next = Math.min(next, boundaryAfter(t, period.millis(), 0));
            if (allowedLatenessMs > 0) {
                next = Math.min(next, boundaryAfter(t, period.millis(), allowedLatenessMs));
            }
        }
        return next;
    }

    /** The smallest {@code k * period - 1 + offset} greater than {@code t}; Long.MAX_VALUE past the range. */
    private static long boundaryAfter(long t, long period, long offset) {
        if (t >= Long.MAX_VALUE - 2 * period - offset) {
            return Long.MAX_VALUE;
        }
        return (Math.floorDiv(t + 1 - offset, period) + 1) * period - 1 + offset;
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isIdle()) {
            // Downstream stops waiting for this input: what it holds must be there first.
            handOn(Long.MAX_VALUE);
        }
        super.processWatermarkStatus(status);
    }

    @Override
    public void finish() throws Exception {
        handOn(Long.MAX_VALUE);
        super.finish();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<PeriodPartial> all = new ArrayList<>(buffered);
        for (int id = 0; id < ids.size(); id++) {
            for (int i = 0; i < periods.size(); i++) {
                for (OpenWindows w = open[id].heads[i]; w != null; w = w.next) {
                    all.add(new PeriodPartial(periods.get(i).toString(),
                            new CandlePartial(ids.symbol(id), w.start, w.accumulator, null)));
                }
            }
        }
        checkpointed.update(all); // copied by the state backend before the accumulators change again
    }

    private SymbolWindows windowsOf(String symbol) {
        int id = ids.find(symbol);
        if (id >= 0) {
            return open[id];
        }
        id = ids.add(symbol);
        if (id == open.length) {
            open = java.util.Arrays.copyOf(open, ids.capacity());
        }
        return open[id] = new SymbolWindows(symbol, instruments.get(symbol), periods.size());
    }

    private SuperCandleAccumulator buffer(SymbolWindows symbol, int period, long windowStart) {
        OpenWindows head = symbol.heads[period];
        for (OpenWindows w = head; w != null; w = w.next) {
            if (w.start == windowStart) {
                return w.accumulator;
            }
        }
        OpenWindows added = free;
        if (added == null) {
            added = new OpenWindows();
        } else {
            free = added.next;
        }
        added.start = windowStart;
        added.next = head;
        symbol.heads[period] = added;
        buffered++;
        nextClose = Math.min(nextClose, lastMillisecond(period, windowStart));
        return added.accumulator;
    }

    /**
     * Emits every buffered window whose last millisecond is at or before {@code upTo}. Symbols stay in
     * the map when their windows are gone: they will trade again, and their entry saves a lookup of
     * the instrument.
     */
    private void handOn(long upTo) {
        long stillOpen = Long.MAX_VALUE;
        for (int id = 0; id < ids.size(); id++) {
            SymbolWindows symbol = open[id];
            for (int i = 0; i < periodMillis.length; i++) {
                OpenWindows kept = null;
                OpenWindows w = symbol.heads[i];
                while (w != null) {
                    OpenWindows after = w.next;
                    long last = lastMillisecond(i, w.start);
                    if (last <= upTo) {
                        handedOn.symbol = symbol.symbol;
                        handedOn.windowStart = w.start;
                        handedOn.accumulator = w.accumulator;
                        output.collect(outputs.get(i), handedOnRecord.replace(handedOn, w.start));
                        buffered--;
                        w.accumulator.clear();
                        w.next = free;
                        free = w;
                    } else {
                        w.next = kept;
                        kept = w;
                        stillOpen = Math.min(stillOpen, last);
                    }
                    w = after;
                }
                symbol.heads[i] = kept;
            }
        }
        handedOn.accumulator = null;
        nextClose = stillOpen;
    }

    private long lastMillisecond(int period, long windowStart) {
        return windowStart + periodMillis[period] - 1; // Period.lastMillisecond
    }

    /** A symbol's instrument and, per period, its open windows. */
    private static final class SymbolWindows {
        final String symbol;
        final InstrumentSpec spec;
        final OpenWindows[] heads;

        SymbolWindows(String symbol, InstrumentSpec spec, int periods) {
            this.symbol = symbol;
            this.spec = spec;
            this.heads = new OpenWindows[periods];
        }
    }

    /** A symbol's open windows of one period: usually one, a short chain when events straddle a boundary. */
    private static final class OpenWindows {
        long start;
        final SuperCandleAccumulator accumulator = new SuperCandleAccumulator();
        OpenWindows next;
    }

    /** A buffered partial in operator state, with its period. */
    public static class PeriodPartial {
        public String period;
        public CandlePartial partial;

        public PeriodPartial() {}

        PeriodPartial(String period, CandlePartial partial) {
            this.period = period;
            this.partial = partial;
        }
    }
}
