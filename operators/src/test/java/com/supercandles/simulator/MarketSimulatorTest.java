package com.supercandles.simulator;

import com.supercandles.event.EventJson;
import com.supercandles.event.EventParser;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class MarketSimulatorTest {

    private static List<MarketEvent> run(SimulatorConfig config, int n) {
        MarketSimulator sim = new MarketSimulator(config);
        List<MarketEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(sim.next());
        }
        return events;
    }

    @Test
    void sameSeedSameMarketOtherSeedOtherMarket() {
        SimulatorConfig config = new SimulatorConfig().symbols(4).seed(11);
        assertThat(run(config, 20_000)).isEqualTo(run(new SimulatorConfig().symbols(4).seed(11), 20_000));
        assertThat(run(config, 2_000)).isNotEqualTo(run(new SimulatorConfig().symbols(4).seed(12), 2_000));
    }

    @Test
    void everyEventIsValidOnTheWireOnTheTickGridAndInTimeOrder() {
        SimulatorConfig config = new SimulatorConfig().symbols(3).eventsPerSecond(2000).tickSize(0.05)
                .startTs(1_600_000_000_000L);
        EventParser parser = new EventParser();
        long lastTs = Long.MIN_VALUE;
        Map<EventType, Integer> counts = new HashMap<>();
        for (MarketEvent e : run(config, 30_000)) {
            ParsedRecord r = parser.parse(e.type.streamName(), EventJson.toJson(e));
            assertThat(r.isValid()).as(() -> String.valueOf(r.rejection)).isTrue();
            assertThat(r.event).isEqualTo(e);
            assertThat(e.ts).isGreaterThanOrEqualTo(lastTs);
            lastTs = e.ts;
            counts.merge(e.type, 1, Integer::sum);
            double[] prices = e.type == EventType.BOOK ? concat(e.bidPrices, e.askPrices) : new double[] {e.price};
            for (double p : prices) {
                assertThat(Math.abs(p / 0.05 - Math.rint(p / 0.05))).as("on tick grid: " + p).isLessThan(1e-6);
            }
        }
        assertThat(counts).containsKeys(EventType.TRADE, EventType.ORDER, EventType.BOOK);
        // 2,000 steps a second; a market order's fills add a few events, so 30k events span at most 15 s.
        assertThat(lastTs - 1_600_000_000_000L).isBetween(11_000L, 15_000L);
    }

    /**
     * Rebuilds every book from the order log and the trades alone (puts add, cancels and fills take
     * away) and checks that each snapshot shows exactly those levels: the three streams agree.
     */
    @Test
    void snapshotsShowTheBookThatOrdersAndTradesBuilt() {
        SimulatorConfig config = new SimulatorConfig().symbols(2).snapshotLevels(1000);
        Map<String, TreeMap<Double, Double>> bids = new HashMap<>();
        Map<String, TreeMap<Double, Double>> asks = new HashMap<>();
        Map<String, Double> restingQty = new HashMap<>();
        int snapshots = 0;
        int trades = 0;
        int cancels = 0;
        for (MarketEvent e : run(config, 60_000)) {
            TreeMap<Double, Double> b = bids.computeIfAbsent(e.symbol, s -> new TreeMap<>());
            TreeMap<Double, Double> a = asks.computeIfAbsent(e.symbol, s -> new TreeMap<>());
            switch (e.type) {
                case ORDER: {
                    TreeMap<Double, Double> side = e.side == Side.B ? b : a;
                    if (e.action == OrderAction.PUT) {
                        side.merge(e.price, e.qty, Double::sum);
                        restingQty.put(e.id(), e.qty);
                    } else {
                        cancels++;
                        assertThat(restingQty).as("cancel of a resting order").containsKey(e.id());
                        assertThat(e.qty).isLessThanOrEqualTo(restingQty.remove(e.id()) + 1e-9);
                        take(side, e.price, e.qty);
                    }
                    break;
                }
                case TRADE: {
                    trades++;
                    TreeMap<Double, Double> resting = e.side == Side.B ? a : b;
                    double best = e.side == Side.B ? resting.firstKey() : resting.lastKey();
                    assertThat(e.price).as("a market order takes the best level first").isEqualTo(best);
                    take(resting, e.price, e.qty);
                    break;
                }
                default: {
                    snapshots++;
                    assertLevels(e.bidPrices, e.bidQtys, b.descendingMap());
                    assertLevels(e.askPrices, e.askQtys, a);
                }
            }
        }
        assertThat(snapshots).isGreaterThan(1000);
        assertThat(trades).isGreaterThan(1000);
        assertThat(cancels).isGreaterThan(1000);
    }

    private static void take(TreeMap<Double, Double> side, double price, double qty) {
        Double left = side.get(price);
        assertThat(left).as("level " + price + " exists").isNotNull();
        double rest = left - qty;
        assertThat(rest).isGreaterThan(-1e-9);
        if (rest < 1e-9) {
            side.remove(price);
        } else {
            side.put(price, rest);
        }
    }

    private static void assertLevels(double[] prices, double[] qtys, Map<Double, Double> expected) {
        assertThat(prices.length).isEqualTo(expected.size());
        int i = 0;
        for (Map.Entry<Double, Double> level : expected.entrySet()) {
            assertThat(prices[i]).isEqualTo(level.getKey());
            assertThat(qtys[i]).isCloseTo(level.getValue(), org.assertj.core.api.Assertions.within(1e-9));
            i++;
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
