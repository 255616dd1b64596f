package com.supercandles.score;

import com.supercandles.signal.SignalRecord;
import com.supercandles.event.PipelineCounters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The market-phase guard, keyed by symbol: the model score's phase flag of each candle (input 1) with
 * each paper strategy's return of the same candle (input 2) gives the guard's decision per (symbol,
 * strategy) and candle. The two inputs come by different paths, either ahead of the other by any
 * number of candles: a strategy's record waits for the score of its candle, and a candle's phase is
 * kept until the strategies' records have passed it, so the same input gives the same decisions however
 * the inputs interleave.
 */
public class PhaseGuard extends KeyedCoProcessFunction<String, ScoreRecord, SignalRecord, GuardRecord> {
    private static final long serialVersionUID = 1L;

    private final ScoreModel model;
    private transient PipelineCounters.Count records;
    /** Standard errors below the backtest's Sharpe that count as a drift. */
    private final double k;
    private transient MapState<Long, PhaseMark> phases;
    private transient ListState<PhaseMark> pending;
    private transient MapState<String, StrategyDrift> drifts;
    private transient ValueState<Long> lastSignalEnd;

    public PhaseGuard(ScoreModel model, double k) {
        this.model = model.check();
        this.k = k;
    }

    @Override
    public void open(OpenContext openContext) {
        records = PipelineCounters.total(getRuntimeContext(), PipelineCounters.GUARD_RECORDS);
        phases = getRuntimeContext().getMapState(new MapStateDescriptor<>("guard-phases", Types.LONG,
                TypeInformation.of(PhaseMark.class)));
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("guard-pending",
                TypeInformation.of(PhaseMark.class)));
        lastSignalEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("guard-last-signal", Types.LONG));
        drifts = getRuntimeContext().getMapState(new MapStateDescriptor<>("guard-drifts", Types.STRING,
                TypeInformation.of(StrategyDrift.class)));
    }

    @Override
    public void processElement1(ScoreRecord score, Context ctx, Collector<GuardRecord> out) throws Exception {
        // copies, not the records: with object reuse an input record is refilled after this call
        PhaseMark phase = PhaseMark.of(score);
        phases.put(score.windowEnd, phase);
        List<PhaseMark> waiting = new ArrayList<>();
        List<PhaseMark> ready = new ArrayList<>();
        for (PhaseMark s : pending.get()) {
            (s.windowEnd <= score.windowEnd ? ready : waiting).add(s);
        }
        ready.sort((a, b) -> a.windowEnd != b.windowEnd ? Long.compare(a.windowEnd, b.windowEnd)
                : a.strategy.compareTo(b.strategy));
        for (PhaseMark s : ready) {
            PhaseMark then = phases.get(s.windowEnd);
            decide(ctx.getCurrentKey(), s, then != null ? then : phase, out);
        }
        pending.update(waiting);
    }

    @Override
    public void processElement2(SignalRecord signal, Context ctx, Collector<GuardRecord> out) throws Exception {
        if (!model.period.equals(signal.period)) {
            return;
        }
        Long last = lastSignalEnd.value();
        if (last == null || signal.windowEnd > last) {
            // a symbol's strategy records come in window order, all strategies of a candle together:
            // no record will need the phase of an earlier candle any more
            lastSignalEnd.update(signal.windowEnd);
            for (Iterator<Map.Entry<Long, PhaseMark>> it = phases.iterator(); it.hasNext(); ) {
                if (it.next().getKey() < signal.windowEnd) {
                    it.remove();
                }
            }
        }
        PhaseMark strategy = PhaseMark.of(signal);
        PhaseMark phase = phases.get(signal.windowEnd);
        if (phase != null) {
            decide(ctx.getCurrentKey(), strategy, phase, out);
        } else {
            pending.add(strategy);
        }
    }

    private void decide(String symbol, PhaseMark s, PhaseMark phase, Collector<GuardRecord> out) throws Exception {
        StrategyDrift drift = drifts.get(s.strategy);
        if (drift == null) {
            drift = new StrategyDrift();
        }
        GuardRecord r = new GuardRecord();
        r.symbol = symbol;
        r.period = model.period;
        r.windowStart = s.windowStart;
        r.windowEnd = s.windowEnd;
        r.strategy = s.strategy;
        Double backtest = model.backtestSharpe.get(symbol + "|" + s.strategy);
        drift.add(s.ret, model.guardWindow, backtest == null ? Double.NaN : backtest, k, r);
        r.phaseChanged = phase.phaseChanged;
        r.phaseError = phase.phaseError;
        r.phaseThreshold = phase.phaseThreshold;
        r.decision = GuardRecord.decision(r.drifting, r.phaseChanged);
        r.decisionChanged = !r.decision.equals(drift.decision);
        drift.decision = r.decision;
        drifts.put(s.strategy, drift);
        out.collect(r);
        records.inc();
    }
}
