package com.supercandles.alert;

import com.supercandles.candle.Period;
import com.supercandles.candle.SuperCandle;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps from the candle sequences the candles that cannot take part in one: candles of periods shorter
 * than the rules watch are left out; a candle goes on when it,
 * or the candle of its (symbol, period) before it, is beyond a threshold on either side. A run's
 * candles are all beyond it and the candle after each of them goes on, so two candles next to each
 * other after the filter that could meet in a match were next to each other before it: the matches
 * are the same (a test holds it to the unfiltered pattern). flink-cep costs about 20 us a candle
 * (its state per candle); on a liquid market most candles are within the thresholds.
 *
 * <p>Runs where the candles come out of the window operators (forward, same parallelism: a subtask
 * sees the symbols of its window subtask), keeping on the heap the keys whose last candle was beyond;
 * at a checkpoint that set is union state, and after a restore each subtask keeps the keys whose
 * symbol the window operator (keyed by symbol) assigns to it.
 */
public final class SequencePrefilter extends RichFlatMapFunction<SuperCandle, SequenceCandle>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final char SEPARATOR = '|';

    private final double buyers;
    private final double sellers;
    private final long shortestPeriodMs;
    private transient Set<String> sidedLast;
    /** The candles' periods by label, each read once. */
    private transient Map<String, Period> periods;
    private transient ListState<String> checkpointed;

    /** @param shortestPeriodMs candles of shorter periods are left out altogether */
    public SequencePrefilter(double buyers, double sellers, long shortestPeriodMs) {
        this.buyers = buyers;
        this.sellers = sellers;
        this.shortestPeriodMs = shortestPeriodMs;
    }

    @Override
    public void open(OpenContext openContext) {
        if (sidedLast == null) {
            sidedLast = new HashSet<>();
        }
        periods = new HashMap<>();
    }

    @Override
    public void flatMap(SuperCandle c, Collector<SequenceCandle> out) {
        Period period = periods.computeIfAbsent(c.period, Period::parse);
        if (period.millis() < shortestPeriodMs) {
            return;
        }
        SequenceCandle s = SequenceCandle.of(c, period);
        boolean sided = s.side(buyers, sellers) != 0;
        String key = c.symbol + SEPARATOR + c.period;
        boolean previousSided = sided ? !sidedLast.add(key) : sidedLast.remove(key);
        if (sided || previousSided) {
            out.collect(s);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointed.update(new ArrayList<>(sidedLast));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpointed = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("sequence-prefilter-sided", Types.STRING));
        sidedLast = new HashSet<>();
        if (context.isRestored()) {
            var task = getRuntimeContext().getTaskInfo();
            for (String key : checkpointed.get()) {
                String symbol = key.substring(0, key.lastIndexOf(SEPARATOR));
                if (KeyGroupRangeAssignment.assignKeyToParallelOperator(symbol, task.getMaxNumberOfParallelSubtasks(),
                        task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask()) {
                    sidedLast.add(key);
                }
            }
        }
    }
}
