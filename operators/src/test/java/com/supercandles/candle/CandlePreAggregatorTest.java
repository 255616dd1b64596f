package com.supercandles.candle;

import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.Side;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CandlePreAggregatorTest {
    private static final long T0 = 1_700_000_040_000L; // a minute boundary
    private static final Period M1 = Period.parse("1m");
    private static final Period S10 = Period.parse("10s");

    private static OneInputStreamOperatorTestHarness<MarketEvent, CandlePartial> harness(long latenessMs)
            throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new CandlePreAggregator(List.of(S10, M1),
                Instruments.withDefaults(InstrumentSpec.DEFAULT), latenessMs, 1000));
    }

    private static MarketEvent trade(String symbol, long ts, double price, double qty, Side side) {
        return MarketEvent.trade(symbol, ts, "t" + ts, price, qty, side);
    }

    private static void play(OneInputStreamOperatorTestHarness<MarketEvent, CandlePartial> h, MarketEvent e)
            throws Exception {
        h.processElement(e, e.ts);
    }

    private static List<CandlePartial> partials(OneInputStreamOperatorTestHarness<MarketEvent, CandlePartial> h,
                                                Period period) {
        return sideOutput(h, CandlePreAggregator.output(period));
    }

    private static List<CandlePartial> late(OneInputStreamOperatorTestHarness<MarketEvent, CandlePartial> h,
                                            Period period) {
        return sideOutput(h, CandlePreAggregator.lateOutput(period));
    }

    private static List<CandlePartial> sideOutput(OneInputStreamOperatorTestHarness<MarketEvent, CandlePartial> h,
                                                  OutputTag<CandlePartial> tag) {
        List<CandlePartial> out = new ArrayList<>();
        var queue = h.getSideOutput(tag);
        if (queue != null) {
            for (StreamRecord<CandlePartial> r : queue) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    private static List<Long> watermarks(OneInputStreamOperatorTestHarness<MarketEvent, CandlePartial> h) {
        List<Long> marks = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark) {
                marks.add(((Watermark) o).getTimestamp());
            }
        }
        return marks;
    }

    /**
     * Lateness by the event's own stream: no Flink watermark has arrived (another input holds the job's
     * back), yet an event whose 10 s window plus the allowed lateness its stream has passed is late for
     * 10 s, and still counts for the minute, whose window that stream has not passed.
     */
    @Test
    void anEventIsLateWhenItsOwnStreamHasPassedItsWindowPlusTheAllowedLateness() throws Exception {
        try (var h = harness(2_000)) {
            h.open();
            MarketEvent behind = trade("A", T0 + 5_000, 10.0, 1, Side.B); // window [T0, T0 + 10 s), last ms T0 + 9 999
            behind.streamWatermark = T0 + 9_999 + 2_000;                   // exactly its end plus the lateness
            play(h, behind);
            MarketEvent inTime = trade("A", T0 + 5_001, 11.0, 1, Side.B);
            inTime.streamWatermark = T0 + 9_999 + 1_999;                   // one millisecond before it
            play(h, inTime);

            assertThat(late(h, S10)).singleElement().satisfies(p -> {
                assertThat(p.lateEvent).isEqualTo(behind);
                assertThat(p.windowStart).isEqualTo(T0);
                assertThat(p.events()).isEqualTo(1);
            });
            assertThat(late(h, M1)).isEmpty();
            h.processWatermark(new Watermark(T0 + 59_999));
            assertThat(partials(h, S10)).singleElement().satisfies(p -> assertThat(p.events()).isEqualTo(1));
            assertThat(partials(h, M1)).singleElement().satisfies(p -> assertThat(p.events()).isEqualTo(2));
        }
    }

    @Test
    void handsOnOnePartialPerSymbolAndWindowWhenTheWatermarkPassesItsEnd() throws Exception {
        try (var h = harness(0)) {
            h.open();
            play(h, trade("A", T0 + 1_000, 10.0, 2, Side.B));
            play(h, trade("A", T0 + 2_000, 12.0, 1, Side.S));
            play(h, trade("B", T0 + 3_000, 5.0, 4, Side.B));
            play(h, MarketEvent.order("A", T0 + 4_000, "o1", OrderAction.PUT, Side.S, 11.0, 3));
            h.processWatermark(new Watermark(T0 + 9_998));
            assertThat(partials(h, S10)).isEmpty();
            play(h, trade("A", T0 + 10_500, 13.0, 1, Side.B)); // next 10 s window

            h.processWatermark(new Watermark(T0 + 9_999));
            List<CandlePartial> first = partials(h, S10);
            assertThat(first).hasSize(2);
            CandlePartial a = first.stream().filter(p -> p.symbol.equals("A")).findFirst().orElseThrow();
            assertThat(a.windowStart).isEqualTo(T0);
            assertThat(a.lateEvent).isNull();
            // By hand: trades 2 @ 10 (buy) and 1 @ 12 (sell), one put of 3 @ 11.
            assertThat(a.accumulator.trades.countB).isEqualTo(1);
            assertThat(a.accumulator.trades.countS).isEqualTo(1);
            assertThat(a.accumulator.trades.valB).isEqualTo(20.0);
            assertThat(a.accumulator.trades.valS).isEqualTo(12.0);
            assertThat(a.accumulator.open).isEqualTo(10.0);
            assertThat(a.accumulator.close).isEqualTo(12.0);
            assertThat(a.accumulator.puts.volS).isEqualTo(3.0);
            assertThat(partials(h, M1)).isEmpty();

            h.processWatermark(new Watermark(T0 + 59_999));
            assertThat(partials(h, S10)).hasSize(3); // A's second window too
            List<CandlePartial> minute = partials(h, M1);
            assertThat(minute).hasSize(2);
            CandlePartial aMinute = minute.stream().filter(p -> p.symbol.equals("A")).findFirst().orElseThrow();
            assertThat(aMinute.accumulator.trades.count()).isEqualTo(3);
            assertThat(aMinute.accumulator.close).isEqualTo(13.0);
        }
    }

    @Test
    void forwardsOnlyTheWatermarksThatCrossAWindowOrLatenessEnd() throws Exception {
        try (var h = harness(0)) {
            h.open();
            for (long t = T0; t < T0 + 25_000; t += 700) {
                h.processWatermark(new Watermark(t));
            }
            // 10 s windows end at T0+9999 and T0+19999: the first watermark at or past each goes on,
            // as does the very first one (nothing has been handed on yet).
            assertThat(watermarks(h)).containsExactly(T0, T0 + 10_500, T0 + 20_300);
        }
        try (var h = harness(2_000)) {
            h.open();
            for (long t = T0; t < T0 + 15_000; t += 700) {
                h.processWatermark(new Watermark(t));
            }
            // With 2 s of allowed lateness a window's state also changes 2 s after its end (T0+1999,
            // T0+11999): those crossings go on too.
            assertThat(watermarks(h)).containsExactly(T0, T0 + 2_100, T0 + 10_500, T0 + 12_600);
        }
    }

    @Test
    void significantWatermarksMatchABruteForceSearch() {
        Random random = new Random(7);
        for (long lateness : new long[] {0, 1, 2_000, 45_000}) {
            CandlePreAggregator op = new CandlePreAggregator(List.of(S10, M1),
                    Instruments.withDefaults(InstrumentSpec.DEFAULT), lateness, 1000);
            for (int i = 0; i < 300; i++) {
                long t = T0 + random.nextInt(200_000) - 100_000;
                long expected = t + 1;
                while (!(Math.floorMod(expected + 1, 10_000) == 0 || Math.floorMod(expected + 1, 60_000) == 0
                        || (lateness > 0 && (Math.floorMod(expected + 1 - lateness, 10_000) == 0
                        || Math.floorMod(expected + 1 - lateness, 60_000) == 0)))) {
                    expected++;
                }
                assertThat(op.significantAfter(t)).as("after %d with lateness %d", t, lateness).isEqualTo(expected);
            }
            assertThat(op.significantAfter(Long.MAX_VALUE - 1)).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Test
    void anEventWhoseWindowWasHandedOnPassesAloneWithItself() throws Exception {
        try (var h = harness(0)) {
            h.open();
            play(h, trade("A", T0 + 1_000, 10.0, 1, Side.B));
            h.processWatermark(new Watermark(T0 + 10_000));
            MarketEvent late = trade("A", T0 + 5_000, 11.0, 2, Side.S);
            play(h, late);
            List<CandlePartial> s10 = partials(h, S10);
            assertThat(s10).hasSize(2);
            assertThat(s10.get(1).lateEvent).isEqualTo(late);
            assertThat(s10.get(1).accumulator.trades.count()).isEqualTo(1);
            assertThat(s10.get(1).windowStart).isEqualTo(T0);
            // The minute window is still open: the late event joins it there.
            h.processWatermark(new Watermark(T0 + 60_000));
            assertThat(partials(h, M1)).singleElement()
                    .satisfies(p -> assertThat(p.accumulator.trades.count()).isEqualTo(2));
        }
    }

    @Test
    void openWindowsSurviveACheckpointAndRestore() throws Exception {
        OperatorSubtaskState state;
        try (var h = harness(0)) {
            h.open();
            play(h, trade("A", T0 + 1_000, 10.0, 1, Side.B));
            play(h, trade("B", T0 + 2_000, 20.0, 1, Side.B));
            state = h.snapshot(1L, 1L);
        }
        try (var h = harness(0)) {
            h.initializeState(state);
            h.open();
            play(h, trade("A", T0 + 3_000, 12.0, 1, Side.S));
            h.processWatermark(new Watermark(T0 + 9_999));
            List<CandlePartial> s10 = partials(h, S10);
            assertThat(s10).hasSize(2);
            CandlePartial a = s10.stream().filter(p -> p.symbol.equals("A")).findFirst().orElseThrow();
            assertThat(a.accumulator.trades.count()).isEqualTo(2);
            assertThat(a.accumulator.open).isEqualTo(10.0);
            assertThat(a.accumulator.close).isEqualTo(12.0);
        }
    }

    @Test
    void handsEverythingOnWhenTheInputGoesIdle() throws Exception {
        try (var h = harness(0)) {
            h.open();
            play(h, trade("A", T0 + 1_000, 10.0, 1, Side.B));
            h.processWatermarkStatus(WatermarkStatus.IDLE);
            assertThat(partials(h, S10)).hasSize(1);
            assertThat(partials(h, M1)).hasSize(1);
        }
    }
}
