package com.supercandles.model;

import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.PipelineCounters;
import com.supercandles.event.Side;
import com.supercandles.instrument.Instruments;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the {@link ExecutionModel} per symbol and aggressor side at every candle close of the model
 * period, over the rolling lookback.
 *
 * <p>State stays bounded and independent of the number of trades: trades are summed per millisecond
 * only until the watermark passes that millisecond (so out-of-order arrivals are placed exactly, ties
 * in ts keep arrival order), then folded in time order into per-bucket aggregates; buckets that no
 * later lookback can reach are dropped. An event behind its own stream's watermark (stamped by the
 * source), or the job's, is ignored here (the candle path reports it as late), so the records do not
 * depend on how far the other streams have read.
 */
public class ExecutionModelFunction extends KeyedProcessFunction<String, MarketEvent, ExecutionModelRecord> {
    private static final long serialVersionUID = 1L;

    private final ExecutionModelSettings settings;
    private final Instruments instruments;
    private transient MapState<Long, SideFlows> tradesByMillisecond;
    private transient MapState<Long, SideFlows> buckets;
    private transient PipelineCounters.Count records;

    public ExecutionModelFunction(ExecutionModelSettings settings, Instruments instruments) {
        this.settings = settings;
        this.instruments = instruments;
    }

    @Override
    public void open(OpenContext openContext) {
        tradesByMillisecond = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("trades-by-millisecond", Long.class, SideFlows.class));
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("buckets", Long.class, SideFlows.class));
        records = PipelineCounters.register(getRuntimeContext(), PipelineCounters.MODEL_RECORDS);
    }

    @Override
    public void processElement(MarketEvent e, Context ctx, Collector<ExecutionModelRecord> out) throws Exception {
        if (e.ts <= e.streamWatermark || e.ts <= ctx.timerService().currentWatermark()) {
            return;
        }
        if (e.type == EventType.TRADE) {
            SideFlows group = tradesByMillisecond.get(e.ts);
            if (group == null) {
                group = new SideFlows();
            }
            group.side(e.side).addTrade(e.price, e.qty);
            tradesByMillisecond.put(e.ts, group);
            ctx.timerService().registerEventTimeTimer(e.ts);
        }
        // Every window with an event gets a candle, so the model runs at its close too.
        long period = settings.period().millis();
        ctx.timerService().registerEventTimeTimer(settings.period().windowStart(e.ts) + period - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ExecutionModelRecord> out) throws Exception {
        SideFlows group = tradesByMillisecond.get(timestamp);
        if (group != null) {
            long bucketStart = Math.floorDiv(timestamp, settings.bucketMs()) * settings.bucketMs();
            SideFlows bucket = buckets.get(bucketStart);
            if (bucket == null) {
                bucket = new SideFlows();
            }
            double tick = instruments.get(ctx.getCurrentKey()).tickSize();
            bucket.buys.append(group.buys, tick);
            bucket.sells.append(group.sells, tick);
            buckets.put(bucketStart, bucket);
            tradesByMillisecond.remove(timestamp);
        }
        long windowEnd = timestamp + 1;
        if (windowEnd % settings.period().millis() == 0) {
            emit(ctx.getCurrentKey(), windowEnd, out);
        }
    }

    private void emit(String symbol, long windowEnd, Collector<ExecutionModelRecord> out) throws Exception {
        long from = windowEnd - settings.lookbackMs();
        long keepFrom = windowEnd + settings.period().millis() - settings.lookbackMs();
        // Sorted by time so that sums run in one order whatever the state backend's iteration order:
        // the records are then bit-for-bit the same on the heap (replay) and on RocksDB (live).
        TreeMap<Long, SideFlows> lookback = new TreeMap<>();
        Iterator<Map.Entry<Long, SideFlows>> it = buckets.iterator();
        while (it.hasNext()) {
            Map.Entry<Long, SideFlows> bucket = it.next();
            long start = bucket.getKey();
            if (start >= from && start < windowEnd) {
                lookback.put(start, bucket.getValue());
            }
            if (start < keepFrom) {
                it.remove();
            }
        }
        List<SideFlow> buys = new ArrayList<>();
        List<SideFlow> sells = new ArrayList<>();
        for (SideFlows bucket : lookback.values()) {
            addIfTraded(buys, bucket.buys);
            addIfTraded(sells, bucket.sells);
        }
        out.collect(record(symbol, Side.B, windowEnd, buys));
        out.collect(record(symbol, Side.S, windowEnd, sells));
        records.add(2L);
    }

    private static void addIfTraded(List<SideFlow> list, SideFlow side) {
        if (!side.isEmpty()) {
            list.add(side);
        }
    }

    private ExecutionModelRecord record(String symbol, Side side, long windowEnd, List<SideFlow> sideBuckets) {
        ExecutionModelRecord r = new ExecutionModelRecord();
        r.symbol = symbol;
        r.side = side.name();
        r.period = settings.period().toString();
        r.windowEnd = windowEnd;
        r.windowStart = windowEnd - settings.period().millis();
        r.lookbackMs = settings.lookbackMs();
        r.bucketMs = settings.bucketMs();
        ExecutionModel.fill(r, sideBuckets, settings.depthMultiples());
        return r;
    }
}
