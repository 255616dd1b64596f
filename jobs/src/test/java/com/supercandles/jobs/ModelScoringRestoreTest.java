package com.supercandles.jobs;

import com.supercandles.output.Outputs;

import com.supercandles.candle.Period;
import com.supercandles.candle.SuperCandle;
import com.supercandles.candle.SuperCandleAccumulator;
import com.supercandles.event.MarketEvent;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.score.ModelDirectory;
import com.supercandles.score.ModelScoring;
import com.supercandles.score.ScoreModel;
import com.supercandles.score.ScoreRecord;
import com.supercandles.simulator.MarketSimulator;
import com.supercandles.simulator.SimulatorConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model score keeps its states on the heap and writes those changed at checkpoints: a restore from
 * the second of two checkpoints, after records that the failure loses, gives exactly the scores of a
 * run without one (each score depends on the symbol's window of past candles).
 */
class ModelScoringRestoreTest {
    private static final Period MINUTE = Period.parse("1m");

    private static List<SuperCandle> candles() {
        MarketSimulator sim = new MarketSimulator(new SimulatorConfig().symbols(3).eventsPerSecond(40).seed(11));
        Map<Long, Map<String, SuperCandleAccumulator>> windows = new TreeMap<>();
        for (int i = 0; i < 40 * 60 * 90; i++) {
            MarketEvent e = sim.next();
            windows.computeIfAbsent(MINUTE.windowStart(e.ts), w -> new TreeMap<>())
                    .computeIfAbsent(e.symbol, s -> new SuperCandleAccumulator()).add(e, InstrumentSpec.DEFAULT);
        }
        List<SuperCandle> out = new ArrayList<>();
        windows.forEach((start, bySymbol) -> bySymbol.forEach((symbol, acc) ->
                out.add(acc.toCandle(symbol, MINUTE, start, InstrumentSpec.DEFAULT))));
        return out;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SuperCandle, ScoreRecord> harness(ScoreModel model)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new ModelScoring(model), c -> c.symbol, Types.STRING);
    }

    private static List<String> scores(KeyedOneInputStreamOperatorTestHarness<String, SuperCandle, ScoreRecord> h) {
        List<String> out = new ArrayList<>();
        for (StreamRecord<? extends ScoreRecord> r : h.extractOutputStreamRecords()) {
            out.add(Outputs.SCORES.toJson(r.getValue()));
        }
        return out;
    }

    @Test
    void aRestoreFromTheSecondCheckpointGivesTheScoresOfARunWithoutOne(@TempDir Path dir) throws Exception {
        ScoreModel model = ModelDirectory.read(TestModels.demoModel(dir.resolve("model"), "1m"));
        List<SuperCandle> candles = candles();
        List<String> straight;
        try (var h = harness(model)) {
            h.open();
            for (SuperCandle c : candles) {
                h.processElement(c, c.windowStart);
            }
            straight = scores(h);
        }
        assertThat(straight).hasSizeGreaterThan(candles.size() / 2);

        int first = candles.size() / 3;
        int second = candles.size() / 2;
        List<String> restored = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var h = harness(model)) {
            h.open();
            for (SuperCandle c : candles.subList(0, first)) {
                h.processElement(c, c.windowStart);
            }
            h.snapshot(1, 1); // what changes after it must reach the next checkpoint
            for (SuperCandle c : candles.subList(first, second)) {
                h.processElement(c, c.windowStart);
            }
            snapshot = h.snapshot(2, 2);
            restored.addAll(scores(h));
            for (SuperCandle c : candles.subList(second, second + 7)) {
                h.processElement(c, c.windowStart); // lost with the failure
            }
        }
        try (var h = harness(model)) {
            h.initializeState(snapshot);
            h.open();
            for (SuperCandle c : candles.subList(second, candles.size())) {
                h.processElement(c, c.windowStart);
            }
            restored.addAll(scores(h));
        }
        assertThat(restored).isEqualTo(straight);
    }
}
