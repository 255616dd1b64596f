package com.supercandles.jobs;

import com.supercandles.jobs.config.SuperCandlesSettings;
import com.supercandles.jobs.graph.Replay;
import com.supercandles.jobs.graph.ReplayFiles;

import com.supercandles.output.Outputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.supercandles.candle.Period;
import com.supercandles.instrument.InstrumentSpec;
import com.supercandles.instrument.Instruments;
import com.supercandles.signal.ReferenceSignals;
import com.supercandles.signal.SignalBar;
import com.supercandles.signal.SignalFields;
import com.supercandles.signal.SignalRecord;
import com.supercandles.signal.SignalSettings;
import com.supercandles.simulator.SimulatedMarketFiles;
import com.supercandles.simulator.SimulatorConfig;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay's signal records against {@link ReferenceSignals}, a plain implementation of the contract
 * run on the replay's own candles: positions, returns and trades exactly, scores to 1e-9 relative
 * (1e-6 for the probabilistic Sharpe ratio, built on the third and fourth moments).
 */
class SignalReplayTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long T0 = 1_699_999_980_000L;

    /** The bars of each (symbol, period) of a candle file, in window order, read field by field. */
    static Map<String, List<SignalBar>> bars(Path candles) throws Exception {
        Map<String, List<SignalBar>> out = new TreeMap<>();
        for (JsonNode c : CandleAssertions.readLines(candles)) {
            SignalBar b = new SignalBar();
            b.symbol = c.get("symbol").asText();
            b.period = c.get("period").asText();
            b.windowStart = c.get("window_start").asLong();
            b.windowEnd = c.get("window_end").asLong();
            b.close = real(c, "pr_close");
            b.disb = real(c, "disb");
            b.levelsB = real(c, "levels_b");
            b.levelsS = real(c, "levels_s");
            b.cancelOrdersB = c.get("cancel_orders_b").asLong();
            b.cancelOrdersS = c.get("cancel_orders_s").asLong();
            out.computeIfAbsent(b.symbol + "|" + b.period, k -> new ArrayList<>()).add(b);
        }
        out.values().forEach(l -> l.sort(Comparator.comparingLong(b -> b.windowStart)));
        return out;
    }

    private static double real(JsonNode c, String field) {
        return c.get(field).isNull() ? Double.NaN : c.get(field).asDouble();
    }

    /** Compares the signal file with the reference run on the candle file; returns the records compared. */
    static int assertSignalsMatchTheReference(Path candles, Path signals, SignalSettings settings) throws Exception {
        Map<String, SignalRecord> actual = new TreeMap<>();
        for (JsonNode s : CandleAssertions.readLines(signals)) {
            String key = s.get("symbol").asText() + "|" + s.get("period").asText() + "|" + s.get("strategy").asText()
                    + "|" + s.get("window_start").asLong();
            assertThat(actual.put(key, record(s))).as("one record per key " + key).isNull();
        }
        int compared = 0;
        for (Map.Entry<String, List<SignalBar>> series : bars(candles).entrySet()) {
            Period period = Period.parse(series.getValue().get(0).period);
            if (!settings.periods.contains(period)) {
                continue; // a candle period without strategies
            }
            for (SignalRecord e : ReferenceSignals.run(series.getValue(), settings, settings.periodsPerYear(period))) {
                String key = e.symbol + "|" + e.period + "|" + e.strategy + "|" + e.windowStart;
                SignalRecord a = actual.remove(key);
                assertThat(a).as("record " + key).isNotNull();
                assertThat(a.position).as("position " + key).isEqualTo(e.position);
                assertThat(a.trades).as("trades " + key).isEqualTo(e.trades);
                assertThat(a.n).as("n " + key).isEqualTo(e.n);
                assertThat(a.ret).as("ret " + key).isEqualTo(e.ret);
                assertThat(a.close).as("close " + key).isEqualTo(e.close);
                assertThat(a.windowEnd).isEqualTo(e.windowEnd);
                assertClose("equity " + key, a.equity, e.equity, 1e-12);
                double[] as = SignalFields.scores(a);
                double[] es = SignalFields.scores(e);
                for (int i = 0; i < as.length; i++) {
                    double tolerance = SignalFields.SCORES[i].equals("prob_sharpe") ? 1e-6 : 1e-9;
                    assertClose(SignalFields.SCORES[i] + " " + key, as[i], es[i], tolerance);
                }
                compared++;
            }
        }
        assertThat(actual).as("records the reference does not have").isEmpty();
        return compared;
    }

    private static void assertClose(String what, double actual, double expected, double relative) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            assertThat(Double.isNaN(actual) ? "null" : "" + actual).as(what)
                    .isEqualTo(Double.isNaN(expected) ? "null" : "" + expected);
            return;
        }
        assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(relative * Math.max(1e-12, Math.abs(expected)));
    }

    private static SignalRecord record(JsonNode s) {
        SignalRecord r = new SignalRecord();
        r.symbol = s.get("symbol").asText();
        r.period = s.get("period").asText();
        r.windowStart = s.get("window_start").asLong();
        r.windowEnd = s.get("window_end").asLong();
        r.strategy = s.get("strategy").asText();
        r.position = s.get("position").asInt();
        r.close = real(s, "close");
        r.ret = real(s, "ret");
        r.equity = real(s, "equity");
        r.trades = s.get("trades").asLong();
        r.n = s.get("n").asLong();
        r.totalReturn = real(s, "total_return");
        r.cagr = real(s, "cagr");
        r.sharpe = real(s, "sharpe");
        r.smartSharpe = real(s, "smart_sharpe");
        r.sortino = real(s, "sortino");
        r.smartSortino = real(s, "smart_sortino");
        r.sortinoSqrt2 = real(s, "sortino_sqrt2");
        r.probSharpe = real(s, "prob_sharpe");
        r.omega = real(s, "omega");
        r.maxDrawdown = real(s, "max_drawdown");
        r.timeInMarket = real(s, "time_in_market");
        return r;
    }

    @Test
    void theRecordedDayMatchesThePlainImplementation(@TempDir Path tmp) throws Exception {
        SignalSettings signals = new SignalSettings();
        signals.periods = Period.parseList("1m,5m");
        signals.cancelWindow = 20; // the day has 305 one-minute bars: let the relative threshold act
        SuperCandlesSettings settings = new SuperCandlesSettings().periods(Period.parseList("1m,5m"))
                .instruments(Instruments.withDefaults(new InstrumentSpec(1, 0.01, 10_000))).signals(signals);
        Path candles = tmp.resolve("c.jsonl");
        Replay.Summary s = Replay.run(settings, RecordedDataReplayTest.sharedData().resolve("bitstamp-btcusd-2015-05-01"), ReplayFiles.of(candles, tmp.resolve("d.jsonl")).with(Outputs.SIGNALS, tmp.resolve("s.jsonl")), null, 2);
        assertThat(s.records(Outputs.SIGNALS)).isEqualTo(s.records(Outputs.CANDLES) * 5);
        assertThat(assertSignalsMatchTheReference(candles, tmp.resolve("s.jsonl"), signals)).isEqualTo(s.records(Outputs.CANDLES) * 5);
    }

    @Test
    void aSimulatedMarketMatchesThePlainImplementationWithASession(@TempDir Path tmp) throws Exception {
        Path market = tmp.resolve("market");
        SimulatedMarketFiles.write(new SimulatorConfig().symbols(4).eventsPerSecond(300).startTs(T0).seed(21),
                Duration.ofMinutes(40), market);
        SignalSettings signals = new SignalSettings();
        signals.periods = Period.parseList("10s");
        signals.trendBars = 12;
        signals.cancelWindow = 30;
        signals.cancelK = 1.5;
        signals.maxHold = 4;
        signals.sessions.put("SIM0001", com.supercandles.signal.TradingSession.parse("22:20-22:40 UTC"));
        SuperCandlesSettings settings = new SuperCandlesSettings().periods(Period.parseList("10s,1m"))
                .instruments(Instruments.withDefaults(new InstrumentSpec(1, 0.01, 5_000))).signals(signals);
        Path candles = tmp.resolve("c.jsonl");
        Replay.Summary s = Replay.run(settings, market, ReplayFiles.of(candles, tmp.resolve("d.jsonl")).with(Outputs.SIGNALS, tmp.resolve("s.jsonl")), null, 2);
        int compared = assertSignalsMatchTheReference(candles, tmp.resolve("s.jsonl"), signals);
        assertThat(compared).isEqualTo((int) s.records(Outputs.SIGNALS)).isGreaterThan(4 * 200 * 5);
        // the strategies did trade here: every rule took positions
        Map<String, Long> trades = new TreeMap<>();
        for (JsonNode r : CandleAssertions.readLines(tmp.resolve("s.jsonl"))) {
            trades.merge(r.get("strategy").asText(), r.get("position").asInt() != 0 ? 1L : 0L, Long::sum);
        }
        assertThat(trades).allSatisfy((strategy, held) -> assertThat(held).as(strategy).isPositive());
    }
}
