package com.supercandles.signal;

import com.supercandles.candle.Period;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each rule on hand-made bars, positions and returns worked out by hand in the comments. */
class SignalRulesTest {
    private static final Period M1 = Period.parse("1m");
    private static final long T0 = 1_700_000_040_000L; // a minute boundary
    private static final double NULL = Double.NaN;

    private static SignalBar bar(int t, double close) {
        SignalBar b = new SignalBar();
        b.symbol = "X";
        b.period = "1m";
        b.windowStart = T0 + t * 60_000L;
        b.windowEnd = b.windowStart + 60_000L;
        b.close = close;
        return b;
    }

    private static SignalBar disbBar(int t, double close, double disb) {
        SignalBar b = bar(t, close);
        b.disb = disb;
        return b;
    }

    private static SignalBar levelsBar(int t, double close, double levelsB, double levelsS) {
        SignalBar b = bar(t, close);
        b.levelsB = levelsB;
        b.levelsS = levelsS;
        return b;
    }

    private static SignalBar cancelBar(int t, double close, long b, long s) {
        SignalBar bar = levelsBar(t, close, 5, 5);
        bar.cancelOrdersB = b;
        bar.cancelOrdersS = s;
        return bar;
    }

    private static SignalSettings only(Strategy strategy) {
        SignalSettings s = new SignalSettings();
        s.strategies = List.of(strategy);
        return s;
    }

    /** Runs the bars through one strategy; returns its record per bar. */
    private static List<SignalRecord> run(SignalSettings settings, SignalBar... bars) {
        SignalState state = SignalState.create(settings);
        PositionRule[] rules = {settings.strategies.get(0).rule(settings)};
        List<SignalRecord> out = new ArrayList<>();
        for (SignalBar b : bars) {
            out.addAll(state.onBar(b, settings, rules, M1));
        }
        // the plain implementation agrees on every record
        List<SignalRecord> reference = ReferenceSignals.run(List.of(bars), settings, settings.periodsPerYear(M1));
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).position).as("reference position at bar " + i).isEqualTo(reference.get(i).position);
            assertThat(out.get(i).ret).as("reference return at bar " + i).isEqualTo(reference.get(i).ret);
        }
        return out;
    }

    private static int[] positions(List<SignalRecord> records) {
        return records.stream().mapToInt(r -> r.position).toArray();
    }

    @Test
    void disbEntersExitsHoldsOnNullAndPaysTwiceTheCommissionOnAFlip() {
        SignalSettings s = only(Strategy.DISB);
        List<SignalRecord> r = run(s,
                disbBar(0, 100, 0.6),    // long
                disbBar(1, 101, 0.2),    // flat
                disbBar(2, 102, NULL),   // null disb with a close: held (flat)
                disbBar(3, 103, -0.7),   // short
                bar(4, NULL),            // no trade: held short, close carried
                disbBar(5, 100, 0.9),    // flip to long
                disbBar(6, 99, 0.5));    // exactly 0.5 is not > 0.5: flat
        assertThat(positions(r)).containsExactly(1, 0, 0, -1, -1, 1, 0);
        double c = 1.5e-4;
        assertThat(r.get(0).ret).isCloseTo(-c, within(1e-15));                 // entry
        assertThat(r.get(1).ret).isCloseTo(1 * (101 / 100.0 - 1) - c, within(1e-15));
        assertThat(r.get(2).ret).isZero();
        assertThat(r.get(3).ret).isCloseTo(-c, within(1e-15));
        assertThat(r.get(4).ret).isZero();                                     // carried close: no move
        assertThat(r.get(4).close).isEqualTo(103);
        assertThat(r.get(5).ret).isCloseTo(-1 * (100 / 103.0 - 1) - 2 * c, within(1e-15)); // flip pays 2c
        assertThat(r.get(6).ret).isCloseTo(1 * (99 / 100.0 - 1) - c, within(1e-15));
        assertThat(r.get(6).trades).isEqualTo(5);
        assertThat(r.get(6).n).isEqualTo(7);
        assertThat(r.get(6).timeInMarket).isCloseTo(4 / 7.0, within(1e-15)); // held before bars 1, 4, 5, 6
        double equity = 1;
        for (SignalRecord x : r) {
            equity *= 1 + x.ret;
        }
        assertThat(r.get(6).equity).isCloseTo(equity, within(1e-15));
    }

    @Test
    void levelsFollowTheDeeperSideAndHoldOnNullLevels() {
        List<SignalRecord> r = run(only(Strategy.LEVELS),
                levelsBar(0, 10, 7, 5), levelsBar(1, 10, NULL, 5), levelsBar(2, 10, 5, 5),
                levelsBar(3, 10, 4, 6), levelsBar(4, NULL, 9, 1));
        assertThat(positions(r)).containsExactly(1, 1, 0, -1, -1); // bar 4 has no close: held
    }

    @Test
    void levelsTrendEntersOnlyWithTheTrendAndKeepsWhileLevelsAgree() {
        SignalSettings s = only(Strategy.LEVELS_TREND);
        s.trendBars = 3;
        s.trendTheta = 0.001; // slope / close per bar
        List<SignalRecord> r = run(s,
                levelsBar(0, 100, 7, 5),   // fewer than 3 closes: s = 0, stays flat
                levelsBar(1, 101, 7, 5),
                levelsBar(2, 102, 7, 5),   // slope 1 / 102 > 0.001: s = +1, L = +1: long
                levelsBar(3, 102, 7, 5),   // slope 0.5 / 102: still long (L agrees anyway)
                levelsBar(4, 102, 7, 5),   // slope 0: keeps long while L = +1
                levelsBar(5, 102, 5, 7),   // L = -1, s = 0: flat
                levelsBar(6, 101, 5, 7),   // slope -0.5 / 101: s = -1 = L: short
                levelsBar(7, 100, 7, 5));  // L = +1 against s = -1: flat
        assertThat(positions(r)).containsExactly(0, 0, 1, 1, 1, 0, -1, 0);
    }

    @Test
    void cancelsSignalAbsoluteAndHoldForMaxHoldBarsWithATrade() {
        SignalSettings s = only(Strategy.CANCELS);
        s.cancelThreshold = 10;
        s.maxHold = 2;
        List<SignalRecord> r = run(s,
                cancelBar(0, 10, 11, 3),    // bids cancelled > 10 and > asks: sell signal, short
                cancelBar(1, 10, 2, 3),     // 1st bar with a trade since the signal
                cancelBar(2, NULL, 50, 0),  // no trade: neither counted nor acted on
                cancelBar(3, 10, 2, 3),     // 2nd: max_hold reached, flat
                cancelBar(4, 10, 3, 12),    // asks cancelled: buy
                cancelBar(5, 10, 3, 12),    // renewed
                cancelBar(6, 10, 0, 0),     // 1st
                cancelBar(7, 10, 10, 0));   // 10 is not > 10; 2nd: flat
        assertThat(positions(r)).containsExactly(-1, -1, -1, 0, 1, 1, 1, 0);
    }

    @Test
    void cancelsThresholdIsMeanPlusKStdOfThePreviousWBars() {
        SignalSettings s = only(Strategy.CANCELS);
        s.cancelWindow = 4;
        s.cancelK = 1;
        // bids cancelled 2, 4, 2, 4 over the previous 4 bars: mean 3, population std 1, threshold 4
        List<SignalRecord> r = run(s,
                cancelBar(0, 10, 2, 0), cancelBar(1, 10, 4, 0), cancelBar(2, 10, 2, 0), cancelBar(3, 10, 4, 0),
                cancelBar(4, 10, 4, 0),   // 4 is not > 4
                cancelBar(5, 10, 5, 0));  // window now 4, 2, 4, 4: mean 3.5, std 0.866: 5 > 4.37: short
        assertThat(positions(r)).containsExactly(0, 0, 0, 0, 0, -1);
    }

    @Test
    void levelsCancelsEntersWhereBothAgreeAndExitsWhenLevelsTurn() {
        SignalSettings s = only(Strategy.LEVELS_CANCELS);
        s.cancelThreshold = 10;
        SignalBar agree = cancelBar(1, 10, 3, 12); // buy signal
        agree.levelsB = 8;                          // and L = +1
        SignalBar disagree = cancelBar(0, 10, 3, 12); // buy signal, L = 0
        SignalBar stillLong = cancelBar(2, 10, 0, 0);
        stillLong.levelsB = 6;
        SignalBar turned = cancelBar(3, 10, 0, 0);   // L = 0: exit
        List<SignalRecord> r = run(s, disagree, agree, stillLong, turned);
        assertThat(positions(r)).containsExactly(0, 1, 1, 0);
    }

    @Test
    void sessionEndForcesFlatAndNoEntryOutside() {
        SignalSettings s = only(Strategy.DISB);
        // T0 is 22:14 UTC (2023-11-14); a session to 22:17 UTC: bars ending 22:15, 22:16, 22:17 are inside
        s.sessions.put("X", TradingSession.parse("22:14-22:17 UTC"));
        List<SignalRecord> r = run(s,
                disbBar(0, 10, 0.9),  // 22:14-22:15: long
                disbBar(1, 10, 0.9),  // 22:15-22:16: long
                disbBar(2, 10, 0.9),  // 22:16-22:17: the last bar inside: flat
                disbBar(3, 10, 0.9),  // outside: no entry
                disbBar(4, 10, 0.9));
        assertThat(positions(r)).containsExactly(1, 1, 0, 0, 0);
    }

    @Test
    void aCandleReEmittedForTheSameWindowIsNotANewBar() {
        SignalSettings s = only(Strategy.DISB);
        SignalState state = SignalState.create(s);
        PositionRule[] rules = {new DisbRule(0.5)};
        assertThat(state.onBar(disbBar(0, 10, 0.9), s, rules, M1)).hasSize(1);
        assertThat(state.onBar(disbBar(0, 11, -0.9), s, rules, M1)).isEmpty();
        assertThat(state.onBar(disbBar(1, 11, 0.9), s, rules, M1)).singleElement()
                .satisfies(x -> assertThat(x.n).isEqualTo(2));
    }
}
