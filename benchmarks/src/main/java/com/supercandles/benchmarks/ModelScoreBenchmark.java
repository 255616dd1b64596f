package com.supercandles.benchmarks;

import com.supercandles.candle.BookMetric;
import com.supercandles.candle.FlowFigures;
import com.supercandles.candle.SuperCandle;
import com.supercandles.score.DemoModel;
import com.supercandles.score.ModelDirectory;
import com.supercandles.score.GuardRecord;
import com.supercandles.score.ModelBar;
import com.supercandles.score.ScoreModel;
import com.supercandles.score.ScoreRecord;
import com.supercandles.score.ScoringState;
import com.supercandles.score.StrategyDrift;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.nio.file.Files;
import java.util.Random;

/**
 * The model score and the market-phase guard per candle of one symbol, as the job runs them on a
 * candle's close: the features from the symbol's state, both classifiers, the phase error, and the
 * guard's drift of five strategies. The shipped demo model (two tree ensembles, PCA of 20 features);
 * the symbols' states rotate, so each candle meets a cold symbol as live. Microseconds per candle.
 */
public class ModelScoreBenchmark extends HotPathBenchmark {
    @Param({"1000"})
    public int symbols;

    private ScoreModel model;
    private ScoringState[] states;
    private StrategyDrift[][] drifts;
    private SuperCandle[] candles;
    private final GuardRecord guard = new GuardRecord();
    private int i;
    private long window;

    @Setup
    public void load() throws Exception {
        model = ModelDirectory.read(DemoModel.extract(Files.createTempDirectory("demo-model")));
        states = new ScoringState[symbols];
        drifts = new StrategyDrift[symbols][5];
        candles = new SuperCandle[symbols];
        Random r = new Random(1);
        for (int s = 0; s < symbols; s++) {
            states[s] = new ScoringState();
            for (int k = 0; k < 5; k++) {
                drifts[s][k] = new StrategyDrift();
            }
            SuperCandle c = new SuperCandle();
            c.symbol = "S" + s;
            c.period = model.period;
            c.trades = new FlowFigures();
            c.puts = new FlowFigures();
            c.cancels = new FlowFigures();
            c.book = new double[BookMetric.values().length];
            c.prClose = 100 + r.nextGaussian();
            candles[s] = c;
        }
        for (int s = 0; s < symbols * 30; s++) { // warm every symbol's windows
            score();
        }
    }

    @Benchmark
    public double score() {
        if (++i == symbols) {
            i = 0;
            window += 10_000;
        }
        SuperCandle c = candles[i];
        c.windowStart = window;
        c.windowEnd = window + 10_000;
        c.prClose *= 1 + 0.001 * ((window / 10_000 + i) % 7 - 3);
        c.trades.vol = 10 + (window / 10_000 + i) % 13;
        c.disb = ((window / 10_000 * 31 + i) % 21 - 10) / 10.0;
        ScoreRecord r = new ScoreRecord();
        states[i].score(ModelBar.of(c), model, r);
        for (StrategyDrift d : drifts[i]) {
            d.add(r.score * 0.001, model.guardWindow, 0.01, 2, guard);
        }
        return r.score + guard.sharpe;
    }
}
