package com.supercandles.score;

import com.supercandles.signal.SignalRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guard's decisions on a crafted market: a strategy whose returns turn bad drifts from its backtest
 * (its rolling Sharpe below the backtest's by more than two standard errors, worked out by hand below),
 * the phase flag changes for two candles; strategy records that come before their candle's score wait
 * for it.
 */
class PhaseGuardTest {
    private static final long MIN = 60_000L;

    private static ScoreModel model() {
        Classifier half = f -> 0.5;
        // disb's backtest Sharpe 0.1 per bar; levels has none (no drift judgement); rolling window 4 bars
        return new ScoreModel("m", "1m", CandleFeatures.VERSION, CandleFeatures.names(), half, half, null,
                new ScoreBands(0.15, 0.05), Map.of("A|disb", 0.1), 4);
    }

    private static ScoreRecord score(int candle, boolean phaseChanged) {
        ScoreRecord r = new ScoreRecord();
        r.symbol = "A";
        r.period = "1m";
        r.windowStart = candle * MIN;
        r.windowEnd = (candle + 1) * MIN;
        r.phaseChanged = phaseChanged;
        r.phaseError = phaseChanged ? 2.0 : 0.5;
        r.phaseThreshold = 1.0;
        return r;
    }

    private static SignalRecord signal(int candle, String strategy, double ret) {
        SignalRecord r = new SignalRecord();
        r.symbol = "A";
        r.period = "1m";
        r.windowStart = candle * MIN;
        r.windowEnd = (candle + 1) * MIN;
        r.strategy = strategy;
        r.ret = ret;
        return r;
    }

    @Test
    void decisionsFromDriftAndPhaseWhateverTheInterleaving() throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, ScoreRecord, SignalRecord, GuardRecord> h =
                new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new PhaseGuard(model(), 2)),
                        r -> r.symbol, r -> r.symbol, Types.STRING);
        h.open();
        double[] disb = {0.01, 0.02, 0.01, 0.02, -0.05, -0.05, -0.05, -0.06, -0.05};
        boolean[] phase = {false, false, false, false, false, false, true, true, false};
        for (int c = 0; c < disb.length; c++) {
            StreamRecord<ScoreRecord> s = new StreamRecord<>(score(c, phase[c]));
            if (c % 2 == 0) { // strategies first: they wait for the candle's score
                h.processElement2(new StreamRecord<>(signal(c, "disb", disb[c])));
                h.processElement2(new StreamRecord<>(signal(c, "levels", 0.0)));
                SignalRecord otherPeriod = signal(c, "disb", 0.0);
                otherPeriod.period = "5m"; // not the model's period: no decision
                h.processElement2(new StreamRecord<>(otherPeriod));
                h.processElement1(s);
            } else {
                h.processElement1(s);
                h.processElement2(new StreamRecord<>(signal(c, "levels", 0.0)));
                h.processElement2(new StreamRecord<>(signal(c, "disb", disb[c])));
            }
        }
        List<String> disbDecisions = new ArrayList<>();
        List<String> levelsDecisions = new ArrayList<>();
        List<Boolean> disbChanged = new ArrayList<>();
        for (GuardRecord r : h.extractOutputValues()) {
            (r.strategy.equals("disb") ? disbDecisions : levelsDecisions).add(r.decision);
            if (r.strategy.equals("disb")) {
                disbChanged.add(r.decisionChanged);
            }
        }
        // By hand, SE = sqrt((1 + 0.1^2 / 2) / 4) = 0.50125, drift below 0.1 - 2 x 0.50125 = -0.9025.
        // Rolling Sharpe (mean / sd, ddof 1) of the last 4 returns: candles 0-2 not full yet; 3: 2.598;
        // 4: 0; 5: -0.4636; 6: -0.9286 (drift); 7: -10.5 (drift); 8: -10.5 (drift).
        assertThat(disbDecisions).containsExactly("keep", "keep", "keep", "keep", "keep", "keep", "retire", "retire",
                "check");
        assertThat(disbChanged).containsExactly(false, false, false, false, false, false, true, false, true);
        assertThat(levelsDecisions).containsExactly("keep", "keep", "keep", "keep", "keep", "keep", "pause", "pause",
                "keep");
        GuardRecord seventh = h.extractOutputValues().stream().filter(r -> r.strategy.equals("disb")).skip(6)
                .findFirst().orElseThrow();
        assertThat(seventh.sharpe).isCloseTo(-0.0325 / 0.035, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(seventh.sharpeSe).isCloseTo(Math.sqrt(1.005 / 4), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(seventh.phaseError).isEqualTo(2.0);
        assertThat(seventh.bars).isEqualTo(4);
        h.close();
    }

    /** Decisions (strategy@candle=decision) when every score comes first, or every strategy record first. */
    private static List<String> decisions(boolean scoresFirst) throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, ScoreRecord, SignalRecord, GuardRecord> h =
                new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new PhaseGuard(model(), 2)),
                        r -> r.symbol, r -> r.symbol, Types.STRING);
        h.open();
        java.util.Random random = new java.util.Random(11);
        int candles = 200;
        List<ScoreRecord> scores = new ArrayList<>();
        List<SignalRecord> signals = new ArrayList<>();
        for (int c = 0; c < candles; c++) {
            scores.add(score(c, c % 50 > 40));
            signals.add(signal(c, "disb", random.nextGaussian() * 0.01 - (c > 100 ? 0.01 : 0)));
            signals.add(signal(c, "levels", random.nextGaussian() * 0.01));
        }
        if (scoresFirst) {
            for (ScoreRecord r : scores) {
                h.processElement1(new StreamRecord<>(r));
            }
        }
        for (SignalRecord r : signals) {
            h.processElement2(new StreamRecord<>(r));
        }
        if (!scoresFirst) {
            for (ScoreRecord r : scores) {
                h.processElement1(new StreamRecord<>(r));
            }
        }
        List<String> out = new ArrayList<>();
        for (GuardRecord r : h.extractOutputValues()) {
            out.add(r.strategy + "@" + r.windowStart / MIN + "=" + r.decision);
        }
        h.close();
        return out;
    }

    @Test
    void eitherInputFarAheadGivesTheSameDecisions() throws Exception {
        List<String> scoresFirst = decisions(true);
        List<String> signalsFirst = decisions(false);
        assertThat(scoresFirst).hasSize(400).isEqualTo(signalsFirst);
        assertThat(scoresFirst).contains("levels@45=pause", "levels@0=keep").anyMatch(d -> d.endsWith("=retire"));
    }
}
