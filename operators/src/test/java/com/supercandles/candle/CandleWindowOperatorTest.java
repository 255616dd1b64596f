package com.supercandles.candle;

import com.supercandles.output.Outputs;

import com.supercandles.event.MarketEvent;
import com.supercandles.event.PipelineCounters;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import com.supercandles.simulator.MarketSimulator;
import com.supercandles.simulator.SimulatorConfig;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CandleWindowOperator} against the reference it replaces: Flink's own window operator
 * (tumbling event-time windows, event-time trigger, allowed lateness, late-data side output) with an
 * aggregate of the partials. Both get the same random partials, watermarks, checkpoints and restores,
 * and must emit the same candles (with the same timestamps), the same late partials and the same
 * watermarks after every step.
 */
class CandleWindowOperatorTest {
    private static final long T0 = 1_700_000_040_000L;
    private static final Period S10 = Period.parse("10s");
    private static final Instruments INSTRUMENTS = Instruments.withDefaults(InstrumentSpec.DEFAULT);
    private static final OutputTag<CandlePartial> LATE = new OutputTag<>("late", TypeInformation.of(CandlePartial.class));
    private static final KeySelector<CandlePartial, String> BY_SYMBOL = p -> p.symbol;

    private interface OperatorFactory {
        OneInputStreamOperator<CandlePartial, SuperCandle> create();
    }

    private static OneInputStreamOperator<CandlePartial, SuperCandle> flinkWindowOperator(long latenessMs) {
        WindowOperatorBuilder<CandlePartial, String, TimeWindow> builder = new WindowOperatorBuilder<>(
                TumblingEventTimeWindows.of(Duration.ofMillis(S10.millis())), EventTimeTrigger.create(),
                new ExecutionConfig(), TypeInformation.of(CandlePartial.class), BY_SYMBOL, Types.STRING);
        builder.allowedLateness(Duration.ofMillis(latenessMs));
        builder.sideOutputLateData(LATE);
        return builder.aggregate(new PartialCandleAggregate(), new CandleWindowFinisher(S10, INSTRUMENTS),
                TypeInformation.of(SuperCandleAccumulator.class));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CandlePartial, SuperCandle> started(
            OperatorFactory factory, OperatorSubtaskState restoreFrom) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(factory.create(), BY_SYMBOL, Types.STRING);
        h.setup();
        if (restoreFrom != null) {
            h.initializeState(restoreFrom);
        }
        h.open();
        return h;
    }

    /** What a harness emitted since last asked, order-free within the step: candles, late partials, watermarks. */
    private static List<String> drain(KeyedOneInputStreamOperatorTestHarness<String, CandlePartial, SuperCandle> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark) {
                out.add("watermark " + ((Watermark) o).getTimestamp());
            } else if (o instanceof StreamRecord) {
                StreamRecord<?> r = (StreamRecord<?>) o;
                out.add("candle @" + r.getTimestamp() + " " + Outputs.CANDLES.toJson((SuperCandle) r.getValue()));
            }
        }
        h.getOutput().clear();
        ConcurrentLinkedQueue<StreamRecord<CandlePartial>> late = h.getSideOutput(LATE);
        if (late != null) {
            for (StreamRecord<CandlePartial> r : late) {
                out.add("late @" + r.getTimestamp() + " " + r.getValue().symbol + " " + r.getValue().windowStart
                        + " " + r.getValue().events());
            }
            late.clear();
        }
        out.sort(null);
        return out;
    }

    @ParameterizedTest(name = "allowed lateness {0} ms")
    @ValueSource(longs = {0, 15_000})
    void emitsWhatFlinksWindowOperatorEmitsThroughCheckpointsAndRestores(long latenessMs) throws Exception {
        Random random = new Random(latenessMs + 1);
        MarketSimulator market = new MarketSimulator(new SimulatorConfig().symbols(1).seed(4));
        String[] symbols = {"A", "B", "C", "D", "E"};
        OperatorFactory reference = () -> flinkWindowOperator(latenessMs);
        OperatorFactory tested = () -> new CandleWindowOperator(S10, INSTRUMENTS, latenessMs, LATE);
        var expected = started(reference, null);
        var actual = started(tested, null);
        long watermark = T0;
        int candles = 0;
        int late = 0;
        for (int step = 0; step < 3_000; step++) {
            int what = random.nextInt(20);
            if (what < 14) {
                long start = T0 + S10.millis() * Math.floorDiv(watermark - T0 + random.nextInt(60_000) - 30_000, S10.millis());
                CandlePartial partial = new CandlePartial();
                partial.symbol = symbols[random.nextInt(symbols.length)];
                partial.windowStart = start;
                partial.accumulator = new SuperCandleAccumulator();
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    MarketEvent e = market.next();
                    partial.accumulator.add(e, InstrumentSpec.DEFAULT);
                }
                long ts = start + random.nextInt((int) S10.millis());
                // each operator gets its own copy, as each would from the network
                expected.processElement(new CandlePartialSerializer().copy(partial), ts);
                actual.processElement(new CandlePartialSerializer().copy(partial), ts);
            } else if (what < 19) {
                watermark += random.nextInt(7_000);
                expected.processWatermark(new Watermark(watermark));
                actual.processWatermark(new Watermark(watermark));
            } else {
                OperatorSubtaskState expectedState = expected.snapshot(step, step);
                OperatorSubtaskState actualState = actual.snapshot(step, step);
                List<String> before = drain(actual);
                assertThat(before).isEqualTo(drain(expected));
                expected.close();
                actual.close();
                expected = started(reference, expectedState);
                actual = started(tested, actualState);
            }
            List<String> want = drain(expected);
            assertThat(drain(actual)).as("step %d", step).isEqualTo(want);
            candles += (int) want.stream().filter(s -> s.startsWith("candle")).count();
            late += (int) want.stream().filter(s -> s.startsWith("late")).count();
        }
        expected.close();
        actual.close();
        // the comparison covered what it is about: candles, updates within the lateness, late partials
        assertThat(candles).isGreaterThan(200);
        assertThat(late).isGreaterThan(50);
    }

    /** Every metric an operator registers, whatever group it registers it in (labels are not this test's concern). */
    private static final class AllMetrics extends InterceptingOperatorMetricGroup {
        @Override
        public MetricGroup addGroup(String name) {
            return this;
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return this;
        }
    }

    /** A candle's latency is the processing time at its emission minus its window's end, one sample per candle. */
    @Test
    void theLatencyHistogramHoldsEachCandlesDelayAfterItsWindowsEnd() throws Exception {
        AllMetrics metrics = new AllMetrics();
        MockEnvironment env = new MockEnvironmentBuilder().setMetricGroup(
                new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name,
                                                                        Map<String, String> variables) {
                        return metrics;
                    }
                }).build();
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new CandleWindowOperator(S10, INSTRUMENTS, 0, LATE),
                BY_SYMBOL, Types.STRING, env)) {
            h.open();
            MarketSimulator market = new MarketSimulator(new SimulatorConfig().symbols(1).seed(4));
            for (String symbol : List.of("A", "B", "A")) {
                CandlePartial p = new CandlePartial();
                p.symbol = symbol;
                p.windowStart = T0;
                p.accumulator = new SuperCandleAccumulator();
                p.accumulator.add(market.next(), InstrumentSpec.DEFAULT);
                h.processElement(p, T0 + 1);
            }
            long end = T0 + S10.millis();
            h.setProcessingTime(end + 250);
            h.processWatermark(new Watermark(end - 1)); // the window's last millisecond: A's and B's candles
            CandlePartial c = new CandlePartial();
            c.symbol = "C";
            c.windowStart = end;
            c.accumulator = new SuperCandleAccumulator();
            c.accumulator.add(market.next(), InstrumentSpec.DEFAULT);
            h.processElement(c, end + 1);
            h.setProcessingTime(end + S10.millis() + 1_500);
            h.processWatermark(new Watermark(end + S10.millis() - 1));

            assertThat(h.extractOutputValues()).hasSize(3);
            HistogramStatistics latency = ((Histogram) metrics.get(PipelineCounters.CANDLE_LATENCY_METRIC)).getStatistics();
            assertThat(latency.size()).isEqualTo(3);
            assertThat(latency.getMin()).isEqualTo(250);
            assertThat(latency.getMax()).isEqualTo(1_500);
            assertThat(latency.getQuantile(0.5)).isEqualTo(250.0);
            assertThat(((Counter) metrics.get(PipelineCounters.CANDLES_METRIC)).getCount()).isEqualTo(3);
        }
    }
}
