package com.supercandles.score;

import com.supercandles.signal.SignalRecord;
import com.supercandles.event.PipelineCounters;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
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
 * strategy) and candle. The two inputs come by different paths, so a strategy's record waits for the
 * score of its candle (or a later one): the same input gives the same decisions however they
 * interleave.
 */
public class PhaseGuard extends KeyedCoProcessFunction<String, ScoreRecord, SignalRecord, GuardRecord> {
    private static final long serialVersionUID = 1L;
    /** Candles of phase flags kept for strategy records that come late. */
    static final int PHASES_KEPT = 16;

    private final ScoreModel model;
    private transient LongCounter records;
    /** Standard errors below the backtest's Sharpe that count as a drift. */
    private final double k;
    private transient MapState<Long, ScoreRecord> phases;
    private transient ListState<SignalRecord> pending;
    private transient MapState<String, StrategyDrift> drifts;

    public PhaseGuard(ScoreModel model, double k) {
        this.model = model.check();
        this.k = k;
    }

    @Override
    public void open(OpenContext openContext) {
        records = getRuntimeContext().getLongCounter(PipelineCounters.GUARD_RECORDS);
        phases = getRuntimeContext().getMapState(new MapStateDescriptor<>("guard-phases", Types.LONG,
                TypeInformation.of(ScoreRecord.class)));
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("guard-pending",
                TypeInformation.of(SignalRecord.class)));
        drifts = getRuntimeContext().getMapState(new MapStateDescriptor<>("guard-drifts", Types.STRING,
                TypeInformation.of(StrategyDrift.class)));
    }

    @Override
    public void processElement1(ScoreRecord score, Context ctx, Collector<GuardRecord> out) throws Exception {
        phases.put(score.windowEnd, score);
        List<SignalRecord> waiting = new ArrayList<>();
        List<SignalRecord> ready = new ArrayList<>();
        for (SignalRecord s : pending.get()) {
            (s.windowEnd <= score.windowEnd ? ready : waiting).add(s);
        }
        ready.sort((a, b) -> a.windowEnd != b.windowEnd ? Long.compare(a.windowEnd, b.windowEnd)
                : a.strategy.compareTo(b.strategy));
        for (SignalRecord s : ready) {
            ScoreRecord phase = phases.get(s.windowEnd);
            decide(s, phase != null ? phase : score, out);
        }
        pending.update(waiting);
        long oldest = score.windowEnd - PHASES_KEPT * (score.windowEnd - score.windowStart);
        for (Iterator<Map.Entry<Long, ScoreRecord>> it = phases.iterator(); it.hasNext(); ) {
            if (it.next().getKey() < oldest) {
                it.remove();
            }
        }
    }

    @Override
    public void processElement2(SignalRecord signal, Context ctx, Collector<GuardRecord> out) throws Exception {
        if (!model.period.equals(signal.period)) {
            return;
        }
        ScoreRecord phase = phases.get(signal.windowEnd);
        if (phase != null) {
            decide(signal, phase, out);
        } else {
            pending.add(signal);
        }
    }

    private void decide(SignalRecord s, ScoreRecord phase, Collector<GuardRecord> out) throws Exception {
        StrategyDrift drift = drifts.get(s.strategy);
        if (drift == null) {
            drift = new StrategyDrift();
        }
        GuardRecord r = new GuardRecord();
        r.symbol = s.symbol;
        r.period = s.period;
        r.windowStart = s.windowStart;
        r.windowEnd = s.windowEnd;
        r.strategy = s.strategy;
        Double backtest = model.backtestSharpe.get(s.symbol + "|" + s.strategy);
        drift.add(s.ret, model.guardWindow, backtest == null ? Double.NaN : backtest, k, r);
        r.phaseChanged = phase.phaseChanged;
        r.phaseError = phase.phaseError;
        r.phaseThreshold = phase.phaseThreshold;
        r.decision = GuardRecord.decision(r.drifting, r.phaseChanged);
        r.decisionChanged = !r.decision.equals(drift.decision);
        drift.decision = r.decision;
        drifts.put(s.strategy, drift);
        out.collect(r);
        records.add(1L);
    }
}
