package com.supercandles.candle;

import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.Side;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.simulator.MarketSimulator;
import com.supercandles.simulator.SimulatorConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SuperCandleAccumulatorTest {
    private static final Period P = Period.parse("1m");
    private static final InstrumentSpec LOT_1 = InstrumentSpec.DEFAULT;

    private static SuperCandle candle(InstrumentSpec spec, MarketEvent... events) {
        SuperCandleAccumulator acc = new SuperCandleAccumulator();
        for (MarketEvent e : events) {
            acc.add(e, spec);
        }
        return acc.toCandle("X", P, 0, spec);
    }

    private static MarketEvent trade(long ts, double price, double qty, Side side) {
        return MarketEvent.trade("X", ts, "t" + ts, price, qty, side);
    }

    @Test
    void windowWithoutTradesHasZeroSumsAndNullPrices() {
        SuperCandle c = candle(LOT_1, MarketEvent.order("X", 1, "1", OrderAction.PUT, Side.B, 10, 2));
        assertThat(c.trades.count).isZero();
        assertThat(c.trades.vol).isZero();
        assertThat(c.trades.val).isZero();
        for (double v : new double[] {c.prOpen, c.prClose, c.prHigh, c.prLow, c.trades.vwap, c.trades.vwapB,
                c.trades.vwapS, c.prChange, c.prStd, c.disb}) {
            assertThat(v).isNaN();
        }
        assertThat(c.bookSnapshots).isZero();
        for (double v : c.book) {
            assertThat(v).isNaN();
        }
        assertThat(c.windowEnd).isEqualTo(60_000);
    }

    @Test
    void singleTradeHasZeroStdAndFullDisbalance() {
        SuperCandle c = candle(LOT_1, trade(5, 10, 3, Side.S));
        assertThat(c.prStd).isZero();
        assertThat(c.prOpen).isEqualTo(10);
        assertThat(c.prClose).isEqualTo(10);
        assertThat(c.prChange).isZero();
        assertThat(c.disb).isEqualTo(-1);
        assertThat(c.trades.vwapS).isEqualTo(10);
        assertThat(c.trades.vwapB).isNaN();
    }

    @Test
    void threeTradesByHand() {
        // B 2 @ 10, S 1 @ 12, B 3 @ 11, lot 10.
        SuperCandle c = candle(new InstrumentSpec(10, 0.01, 1e6),
                trade(1, 10, 2, Side.B), trade(2, 12, 1, Side.S), trade(3, 11, 3, Side.B));
        assertThat(c.trades.count).isEqualTo(3);
        assertThat(c.trades.countB).isEqualTo(2);
        assertThat(c.trades.countS).isEqualTo(1);
        assertThat(c.trades.volB).isEqualTo(5);
        assertThat(c.trades.volS).isEqualTo(1);
        assertThat(c.trades.val).isCloseTo(650, within(1e-9));
        assertThat(c.trades.valB).isCloseTo(530, within(1e-9));
        assertThat(c.trades.vwap).isCloseTo(65.0 / 6, within(1e-12));
        assertThat(c.trades.vwapB).isCloseTo(10.6, within(1e-12));
        assertThat(c.trades.vwapS).isCloseTo(12, within(1e-12));
        assertThat(c.prHigh).isEqualTo(12);
        assertThat(c.prLow).isEqualTo(10);
        assertThat(c.prChange).isCloseTo(10, within(1e-12));
        assertThat(c.disb).isCloseTo(4.0 / 6, within(1e-12));
        // prices 10, 12, 11: mean 11, population variance 2/3
        assertThat(c.prStd).isCloseTo(Math.sqrt(2.0 / 3) / (65.0 / 6), within(1e-12));
    }

    @Test
    void tiesInTsKeepArrivalOrderAndLateArrivalsStillOpen() {
        SuperCandle ties = candle(LOT_1, trade(10, 5, 1, Side.B), trade(10, 6, 1, Side.B), trade(10, 7, 1, Side.B));
        assertThat(ties.prOpen).isEqualTo(5);
        assertThat(ties.prClose).isEqualTo(7);

        SuperCandle shuffled = candle(LOT_1, trade(20, 1, 1, Side.B), trade(10, 2, 1, Side.B),
                trade(10, 3, 1, Side.B), trade(20, 4, 1, Side.B));
        assertThat(shuffled.prOpen).isEqualTo(2);
        assertThat(shuffled.prClose).isEqualTo(4);
    }

    @Test
    void orderFlowBySideAndAction() {
        SuperCandle c = candle(LOT_1,
                MarketEvent.order("X", 1, "1", OrderAction.PUT, Side.B, 100, 2),
                MarketEvent.order("X", 2, "2", OrderAction.PUT, Side.S, 101, 3),
                MarketEvent.order("X", 3, "3", OrderAction.PUT, Side.B, 99, 2),
                MarketEvent.order("X", 4, "2", OrderAction.CANCEL, Side.S, 101, 1));
        assertThat(c.puts.count).isEqualTo(3);
        assertThat(c.puts.countB).isEqualTo(2);
        assertThat(c.puts.volB).isEqualTo(4);
        assertThat(c.puts.valB).isCloseTo(398, within(1e-12));
        assertThat(c.puts.vwapB).isCloseTo(99.5, within(1e-12));
        assertThat(c.puts.vwapS).isCloseTo(101, within(1e-12));
        assertThat(c.cancels.count).isEqualTo(1);
        assertThat(c.cancels.countS).isEqualTo(1);
        assertThat(c.cancels.vwapS).isEqualTo(101);
        assertThat(c.cancels.vwapB).isNaN();
        assertThat(c.trades.count).isZero();
    }

    @Test
    void bookAveragesCountOnlySnapshotsWhereAMetricIsDefined() {
        MarketEvent full = MarketEvent.book("X", 1, new double[] {100}, new double[] {2},
                new double[] {101}, new double[] {1});
        MarketEvent askOnly = MarketEvent.book("X", 2, new double[0], new double[0],
                new double[] {103}, new double[] {5});
        SuperCandle c = candle(LOT_1, full, askOnly);
        assertThat(c.bookSnapshots).isEqualTo(2);
        assertThat(c.book(BookMetric.LEVELS_B)).isEqualTo(0.5);
        assertThat(c.book(BookMetric.OB_VOL_S)).isEqualTo(3);
        assertThat(c.book(BookMetric.SPREAD_BBO)).isCloseTo(1 / 100.5 * 1e4, within(1e-9)); // first only
        assertThat(c.book(BookMetric.VWAP_B)).isEqualTo(100); // first only
        assertThat(c.book(BookMetric.VWAP_S)).isEqualTo(102); // (101 + 103) / 2
    }

    /** The pre-aggregator reuses accumulators: a cleared one must be a new one, field for field (a field added later and not cleared fails here). */
    @Test
    void aClearedAccumulatorIsANewOne() throws Exception {
        MarketSimulator sim = new MarketSimulator(new SimulatorConfig().symbols(1).eventsPerSecond(500).seed(3));
        SuperCandleAccumulator used = new SuperCandleAccumulator();
        InstrumentSpec spec = new InstrumentSpec(1, 0.01, 2000);
        for (int i = 0; i < 3000; i++) {
            used.add(sim.next(), spec);
        }
        SuperCandleAccumulatorSerializer serializer = new SuperCandleAccumulatorSerializer();
        org.apache.flink.core.memory.DataOutputSerializer fresh = new org.apache.flink.core.memory.DataOutputSerializer(256);
        serializer.serialize(new SuperCandleAccumulator(), fresh);
        org.apache.flink.core.memory.DataOutputSerializer before = new org.apache.flink.core.memory.DataOutputSerializer(256);
        serializer.serialize(used, before);
        assertThat(before.getCopyOfBuffer()).isNotEqualTo(fresh.getCopyOfBuffer());
        used.clear();
        org.apache.flink.core.memory.DataOutputSerializer cleared = new org.apache.flink.core.memory.DataOutputSerializer(256);
        serializer.serialize(used, cleared);
        assertThat(cleared.getCopyOfBuffer()).isEqualTo(fresh.getCopyOfBuffer());
        assertThat(org.apache.commons.lang3.builder.EqualsBuilder.reflectionEquals(used, new SuperCandleAccumulator(),
                "trades", "puts", "cancels", "book")).isTrue();
        assertThat(org.apache.commons.lang3.builder.EqualsBuilder.reflectionEquals(used.trades, new SidedFlow())).isTrue();
        assertThat(org.apache.commons.lang3.builder.EqualsBuilder.reflectionEquals(used.book, new BookStats(), "scratch")).isTrue();
    }

    @Test
    void mergingPartsEqualsAddingEverything() {
        MarketSimulator sim = new MarketSimulator(new SimulatorConfig().symbols(1).eventsPerSecond(500).seed(7));
        List<MarketEvent> events = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            events.add(sim.next());
        }
        InstrumentSpec spec = new InstrumentSpec(1, 0.01, 2000);
        SuperCandleAccumulator whole = new SuperCandleAccumulator();
        SuperCandleAccumulator first = new SuperCandleAccumulator();
        SuperCandleAccumulator second = new SuperCandleAccumulator();
        for (int i = 0; i < events.size(); i++) {
            whole.add(events.get(i), spec);
            (i < 2222 ? first : second).add(events.get(i), spec);
        }
        first.merge(second);
        SuperCandle a = whole.toCandle("X", P, 0, spec);
        SuperCandle b = first.toCandle("X", P, 0, spec);
        assertThat(a.trades.count).isPositive();
        for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
            switch (f.kind()) {
                case TEXT:
                    assertThat(f.text(b)).as(f.name()).isEqualTo(f.text(a));
                    break;
                case INTEGER:
                case FLAG:
                    assertThat(f.integer(b)).as(f.name()).isEqualTo(f.integer(a));
                    break;
                default:
                    assertThat(f.real(b)).as(f.name()).isCloseTo(f.real(a), within(1e-9 * Math.max(1, Math.abs(f.real(a)))));
            }
        }
    }
}
