package com.supercandles.signal;

import com.supercandles.output.Outputs;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The keyed operator: a restore in the middle of a run gives exactly the records of a run without one. */
class SignalOperatorTest {
    private static final long T0 = 1_700_000_040_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, SignalBar, SignalRecord> harness(SignalSettings s)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new SignalOperator(s),
                SignalOperator::key, Types.STRING);
    }

    private static List<SignalBar> market(int bars) {
        Random random = new Random(5);
        List<SignalBar> out = new ArrayList<>();
        double[] price = {100, 50};
        for (int t = 0; t < bars; t++) {
            for (int k = 0; k < 2; k++) {
                SignalBar b = new SignalBar();
                b.symbol = k == 0 ? "A" : "B";
                b.period = "1m";
                b.windowStart = T0 + t * 60_000L;
                b.windowEnd = b.windowStart + 60_000L;
                price[k] *= 1 + random.nextGaussian() * 0.002;
                b.close = random.nextInt(8) == 0 ? Double.NaN : price[k];
                b.disb = Double.isNaN(b.close) ? Double.NaN : random.nextDouble() * 2 - 1;
                b.levelsB = 1 + random.nextInt(6);
                b.levelsS = 1 + random.nextInt(6);
                b.cancelOrdersB = random.nextInt(random.nextInt(20) == 0 ? 60 : 10);
                b.cancelOrdersS = random.nextInt(random.nextInt(20) == 0 ? 60 : 10);
                out.add(b);
            }
        }
        return out;
    }

    private static List<String> records(KeyedOneInputStreamOperatorTestHarness<String, SignalBar, SignalRecord> h) {
        List<String> out = new ArrayList<>();
        for (StreamRecord<? extends SignalRecord> r : h.extractOutputStreamRecords()) {
            out.add(Outputs.SIGNALS.toJson(r.getValue()));
        }
        return out;
    }

    @Test
    void aRestoreInTheMiddleContinuesEveryEquityCurveExactly() throws Exception {
        SignalSettings s = new SignalSettings();
        s.trendBars = 10;
        s.cancelWindow = 15;
        List<SignalBar> bars = market(120);

        List<String> straight;
        try (var h = harness(s)) {
            h.open();
            for (SignalBar b : bars) {
                h.processElement(b, b.windowStart);
            }
            straight = records(h);
        }
        assertThat(straight).hasSize(bars.size() * 5);

        List<String> restored = new ArrayList<>();
        OperatorSubtaskState snapshot;
        int half = 137;
        try (var h = harness(s)) {
            h.open();
            for (SignalBar b : bars.subList(0, 60)) {
                h.processElement(b, b.windowStart);
            }
            h.snapshot(1, 1); // an earlier checkpoint: what changes after it must reach the next one
            for (SignalBar b : bars.subList(60, half)) {
                h.processElement(b, b.windowStart);
            }
            snapshot = h.snapshot(2, 2);
            restored.addAll(records(h));
            // what happens after the checkpoint is lost with the failure
            for (SignalBar b : bars.subList(half, half + 9)) {
                h.processElement(b, b.windowStart);
            }
        }
        try (var h = harness(s)) {
            h.initializeState(snapshot);
            h.open();
            for (SignalBar b : bars.subList(half, bars.size())) {
                h.processElement(b, b.windowStart);
            }
            restored.addAll(records(h));
        }
        assertThat(restored).isEqualTo(straight);
        assertThat(straight.stream().filter(r -> r.contains("\"position\":-1")).count()).isPositive();
    }
}
