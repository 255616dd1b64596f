package com.supercandles.jobs.train;

import com.supercandles.candle.Period;
import com.supercandles.score.CandleFeatures;
import com.supercandles.score.Classifier;
import com.supercandles.score.LinearClassifier;
import com.supercandles.score.ModelBar;
import com.supercandles.score.PhaseModel;
import com.supercandles.score.ScoreBands;
import com.supercandles.score.ScoreModel;
import com.supercandles.score.ScoreRecord;
import com.supercandles.score.ScoringState;
import com.supercandles.signal.PaperPosition;
import com.supercandles.signal.PositionRule;
import com.supercandles.signal.ReturnScores;
import com.supercandles.signal.SignalBar;
import com.supercandles.signal.SignalRecord;
import com.supercandles.signal.SignalSettings;
import com.supercandles.signal.SignalState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Trains the model score ({@code analytics.md}, "Model score") on candles: features of bar t from
 * bars <= t ({@link CandleFeatures}), labels "the high of the bars ending within the next H periods
 * reaches close_t x (1 + x)" and "the low reaches close_t x (1 - x)", a split by time (train, then
 * validation, then test, each purged of the rows whose horizon reaches into the next part), gradient-
 * boosted trees and a linear classifier per label, their metrics, the phase model, and the paper
 * strategies' backtest Sharpe for the guard.
 */
public final class Trainer {

    /** What to train. */
    public static final class Settings {
        public Period period = Period.parse("1m");
        public int horizon = 15;
        /** The move as a fraction (0.005 = 0.5 %). */
        public double move = 0.005;
        public double trainShare = 0.6;
        public double validationShare = 0.2;
        /** "auto" (lower validation log loss), "gbt" or "linear". */
        public String scorer = "auto";
        public ScoreBands bands = new ScoreBands(ScoreBands.DEFAULT_THRESHOLD, ScoreBands.DEFAULT_STEP);
        public GradientBoosting trees = new GradientBoosting(4, 0.1, 200);
        public double linearL2 = 1.0;
        public int phaseWindow = 20;
        public double phaseQuantile = 0.99;
        public double phaseExplained = 0.9;
        public int guardWindow = 100;
        public SignalSettings strategies = new SignalSettings();
        /** Shuffles the labels across time before training (the honesty check): null to train for real. */
        public Long shuffleLabels;
        public int minTrainRows = 500;
        public int minEvaluationRows = 200;
        public int minPositives = 20;
    }

    /** A labelled bar. */
    static final class Row {
        final String symbol;
        final long windowEnd;
        final double[] features;
        /** Whether every feature is defined (the phase model is fitted and judged on such rows only). */
        boolean warm;
        boolean up;
        boolean down;

        Row(String symbol, long windowEnd, double[] features) {
            this.symbol = symbol;
            this.windowEnd = windowEnd;
            this.features = features;
        }
    }

    /** Rows of one part of the split. */
    static final class Part {
        final List<Row> rows = new ArrayList<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;

        void add(Row r) {
            rows.add(r);
            from = Math.min(from, r.windowEnd);
            to = Math.max(to, r.windowEnd);
        }

        double[][] x() {
            double[][] x = new double[rows.size()][];
            for (int i = 0; i < x.length; i++) {
                x[i] = rows.get(i).features;
            }
            return x;
        }

        boolean[] y(boolean up) {
            boolean[] y = new boolean[rows.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = up ? rows.get(i).up : rows.get(i).down;
            }
            return y;
        }
    }

    /** Too little data to train: the message says how much there is and what is needed. */
    public static final class TooLittleData extends IllegalArgumentException {
        TooLittleData(String message) {
            super(message);
        }
    }

    /** Everything a model directory holds. */
    public static final class Result {
        public ScoreModel model;
        public String scorer;
        public GradientBoosting.Fitted upTrees;
        public GradientBoosting.Fitted downTrees;
        public LinearClassifier upLinear;
        public LinearClassifier downLinear;
        public final Map<String, Object> report = new LinkedHashMap<>();
    }

    private final Settings s;

    public Trainer(Settings settings) {
        this.s = settings;
    }

    public Result train(CandleSeries candles, String id) throws Exception {
        long horizonMs = s.horizon * s.period.millis();
        List<Row> labelled = new ArrayList<>();
        for (Map.Entry<String, List<ModelBar>> e : candles.bars.entrySet()) {
            labelled.addAll(rows(e.getKey(), e.getValue(), horizonMs));
        }
        if (s.shuffleLabels != null) {
            shuffleLabels(labelled, new Random(s.shuffleLabels));
        }
        long[] ends = labelled.stream().mapToLong(r -> r.windowEnd).distinct().sorted().toArray();
        if (ends.length < 3) {
            throw tooLittle(candles, labelled.size(), 0, 0, 0);
        }
        long validationStart = ends[(int) (s.trainShare * ends.length)];
        long testStart = ends[Math.min(ends.length - 1, (int) ((s.trainShare + s.validationShare) * ends.length))];
        Part train = new Part();
        Part validation = new Part();
        Part test = new Part();
        for (Row r : labelled) {
            if (r.windowEnd < validationStart) {
                if (r.windowEnd + horizonMs <= validationStart) {
                    train.add(r);
                }
            } else if (r.windowEnd < testStart) {
                if (r.windowEnd + horizonMs <= testStart) {
                    validation.add(r);
                }
            } else {
                test.add(r);
            }
        }
        int minPositives = Math.min(count(train, true), count(train, false));
        if (train.rows.size() < s.minTrainRows || validation.rows.size() < s.minEvaluationRows
                || test.rows.size() < s.minEvaluationRows || minPositives < s.minPositives) {
            throw tooLittle(candles, train.rows.size(), validation.rows.size(), test.rows.size(), minPositives);
        }

        Result out = new Result();
        out.upTrees = s.trees.fit(train.x(), train.y(true), validation.x(), validation.y(true));
        out.downTrees = s.trees.fit(train.x(), train.y(false), validation.x(), validation.y(false));
        crossCheck(out.upTrees, test.x());
        out.upLinear = LinearClassifier.fit(train.x(), train.y(true), s.linearL2);
        out.downLinear = LinearClassifier.fit(train.x(), train.y(false), s.linearL2);

        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("gbt", classifierMetrics(out.upTrees.trees, out.downTrees.trees, validation, test));
        metrics.put("linear", classifierMetrics(out.upLinear, out.downLinear, validation, test));
        double gbtLoss = validationLogLoss(out.upTrees.trees, out.downTrees.trees, validation);
        double linearLoss = validationLogLoss(out.upLinear, out.downLinear, validation);
        out.scorer = "auto".equals(s.scorer) ? (gbtLoss <= linearLoss ? "gbt" : "linear") : s.scorer;
        Classifier up = "gbt".equals(out.scorer) ? out.upTrees.trees : out.upLinear;
        Classifier down = "gbt".equals(out.scorer) ? out.downTrees.trees : out.downLinear;

        PhaseModel phase = PhaseModel.fit(warm(train), bySymbol(validation), s.phaseExplained, s.phaseWindow,
                s.phaseQuantile);
        Map<String, Double> backtest = strategyBacktests(candles, testStart);
        out.model = new ScoreModel(id, s.period.toString(), CandleFeatures.VERSION, CandleFeatures.names(), up, down,
                phase, s.bands, backtest, s.guardWindow).check();

        Map<String, Object> r = out.report;
        r.put("rows", ordered("train", train.rows.size(), "validation", validation.rows.size(), "test", test.rows.size()));
        r.put("periods", ordered("train", span(train), "validation", span(validation), "test", span(test)));
        r.put("label_rates", ordered("up", Metrics.positiveRate(train.y(true)), "down", Metrics.positiveRate(train.y(false))));
        r.put("rounds", ordered("up", out.upTrees.rounds, "down", out.downTrees.rounds));
        r.put("metrics", metrics);
        r.put("scorer", out.scorer);
        r.put("score_strategy_test", scoreStrategy(out.model, candles, testStart));
        r.put("phase", ordered("components", phase.components.length, "window", phase.window, "threshold", phase.threshold));
        r.put("shuffled_labels", s.shuffleLabels != null);
        return out;
    }

    /** The labelled rows of one symbol (rows whose horizon the data does not cover are left out). */
    List<Row> rows(String symbol, List<ModelBar> bars, long horizonMs) {
        CandleFeatures features = new CandleFeatures();
        List<Row> out = new ArrayList<>();
        long lastEnd = bars.isEmpty() ? Long.MIN_VALUE : bars.get(bars.size() - 1).windowEnd;
        for (int t = 0; t < bars.size(); t++) {
            ModelBar b = bars.get(t);
            double[] f = features.push(b);
            if (Double.isNaN(b.close) || b.windowEnd + horizonMs > lastEnd) {
                continue;
            }
            Row r = new Row(symbol, b.windowEnd, f);
            r.warm = features.warm();
            double high = Double.NEGATIVE_INFINITY;
            double low = Double.POSITIVE_INFINITY;
            for (int u = t + 1; u < bars.size() && bars.get(u).windowEnd <= b.windowEnd + horizonMs; u++) {
                if (!Double.isNaN(bars.get(u).high)) {
                    high = Math.max(high, bars.get(u).high);
                    low = Math.min(low, bars.get(u).low);
                }
            }
            r.up = high >= b.close * (1 + s.move);
            r.down = low <= b.close * (1 - s.move);
            out.add(r);
        }
        return out;
    }

    private static void shuffleLabels(List<Row> rows, Random random) {
        boolean[][] labels = new boolean[rows.size()][];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = new boolean[] {rows.get(i).up, rows.get(i).down};
        }
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            boolean[] t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        for (int i = 0; i < labels.length; i++) {
            rows.get(i).up = labels[i][0];
            rows.get(i).down = labels[i][1];
        }
    }

    private TooLittleData tooLittle(CandleSeries candles, int train, int validation, int test, int positives) {
        return new TooLittleData(String.format(java.util.Locale.ROOT,
                "too little data to train: %,d candles of %s (%d symbols) give %,d training, %,d validation and %,d test "
                        + "rows with %d of the rarer label in training; needed: %,d, %,d, %,d and %d. Record a longer "
                        + "period, or train on a shorter --period, a shorter --horizon or a smaller --move.",
                candles.size(), s.period, candles.bars.size(), train, validation, test, positives, s.minTrainRows,
                s.minEvaluationRows, s.minEvaluationRows, s.minPositives));
    }

    private static int count(Part p, boolean up) {
        int n = 0;
        for (Row r : p.rows) {
            n += (up ? r.up : r.down) ? 1 : 0;
        }
        return n;
    }

    /** The walker must give XGBoost's own probabilities (float precision) before a model is written. */
    private static void crossCheck(GradientBoosting.Fitted fitted, double[][] rows) throws Exception {
        double[] xgb = GradientBoosting.xgboostProbabilities(fitted.xgboostJson, rows);
        for (int i = 0; i < rows.length; i++) {
            double walked = fitted.trees.probability(rows[i]);
            if (Math.abs(walked - xgb[i]) > 1e-5) {
                throw new IllegalStateException("the trees' walker gives " + walked + " where XGBoost gives " + xgb[i]
                        + " (row " + i + "): the XGBoost model format is not the one this build reads");
            }
        }
    }

    private static Map<String, Object> classifierMetrics(Classifier up, Classifier down, Part validation, Part test) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Object[] part : new Object[][] {{"validation", validation}, {"test", test}}) {
            Part p = (Part) part[1];
            Map<String, Object> labels = new LinkedHashMap<>();
            for (Object[] label : new Object[][] {{"up", up, true}, {"down", down, false}}) {
                double[] prob = probabilities((Classifier) label[1], p);
                boolean[] y = p.y((Boolean) label[2]);
                labels.put((String) label[0], ordered("auc", Metrics.auc(prob, y), "log_loss", Metrics.logLoss(prob, y),
                        "positive_rate", Metrics.positiveRate(y)));
            }
            m.put((String) part[0], labels);
        }
        return m;
    }

    static double[] probabilities(Classifier c, Part p) {
        double[] out = new double[p.rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.probability(p.rows.get(i).features);
        }
        return out;
    }

    private static double validationLogLoss(Classifier up, Classifier down, Part validation) {
        return Metrics.logLoss(probabilities(up, validation), validation.y(true))
                + Metrics.logLoss(probabilities(down, validation), validation.y(false));
    }

    private static double[][] warm(Part p) {
        return p.rows.stream().filter(r -> r.warm).map(r -> r.features).toArray(double[][]::new);
    }

    /** The warm rows of each symbol, in order. */
    private static List<double[][]> bySymbol(Part p) {
        Map<String, List<double[]>> series = new TreeMap<>();
        for (Row r : p.rows) {
            if (r.warm) {
                series.computeIfAbsent(r.symbol, k -> new ArrayList<>()).add(r.features);
            }
        }
        List<double[][]> out = new ArrayList<>();
        for (List<double[]> rows : series.values()) {
            out.add(rows.toArray(new double[0][]));
        }
        return out;
    }

    private static Map<String, Object> span(Part p) {
        return ordered("from_window_end", p.from, "to_window_end", p.to);
    }

    /**
     * Each paper strategy's non-annualised Sharpe per symbol over the bars before the test period (the
     * guard's "backtest"), stepped by the job's own strategy code.
     */
    private Map<String, Double> strategyBacktests(CandleSeries candles, long testStart) {
        Map<String, Double> out = new TreeMap<>();
        SignalSettings settings = s.strategies;
        PositionRule[] rules = new PositionRule[settings.strategies.size()];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = settings.strategies.get(i).rule(settings);
        }
        for (Map.Entry<String, List<SignalBar>> e : candles.signalBars.entrySet()) {
            SignalState state = SignalState.create(settings);
            Map<String, ReturnScores> scores = new LinkedHashMap<>();
            for (SignalBar bar : e.getValue()) {
                if (bar.windowEnd >= testStart) {
                    break;
                }
                for (SignalRecord r : state.onBar(bar, settings, rules, s.period)) {
                    scores.computeIfAbsent(r.strategy, k -> new ReturnScores()).add(r.ret, 0);
                }
            }
            scores.forEach((strategy, sc) -> {
                double sharpe = sc.rawSharpe();
                if (!Double.isNaN(sharpe)) {
                    out.put(e.getKey() + "|" + strategy, sharpe);
                }
            });
        }
        return out;
    }

    /**
     * The score as a strategy over the test period, per symbol: long in a positive band, short in a
     * negative one, flat within the threshold; stepped and scored as a paper strategy ({@link
     * PaperPosition}: commission per side, positions change on bars with a trade).
     */
    private Map<String, Object> scoreStrategy(ScoreModel model, CandleSeries candles, long testStart) {
        Map<String, Object> out = new TreeMap<>();
        double c = s.strategies.commission();
        double perYear = s.strategies.periodsPerYear(s.period);
        for (Map.Entry<String, List<ModelBar>> e : candles.bars.entrySet()) {
            ScoringState state = new ScoringState();
            PaperPosition paper = new PaperPosition();
            double close = Double.NaN;
            for (ModelBar bar : e.getValue()) {
                ScoreRecord r = new ScoreRecord();
                state.score(bar, model, r);
                double previousClose = close;
                boolean hasClose = !Double.isNaN(bar.close);
                close = hasClose ? bar.close : close;
                if (bar.windowEnd >= testStart) {
                    paper.step(hasClose, Integer.signum(r.band), previousClose, close, c);
                }
            }
            ReturnScores scores = paper.scores;
            long trades = paper.trades;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bars", scores.n);
            m.put("trades", trades);
            m.put("total_return", scores.totalReturn());
            m.put("sharpe", scores.sharpe(perYear));
            m.put("max_drawdown", scores.maxDrawdown);
            m.put("time_in_market", scores.timeInMarket());
            out.put(e.getKey(), m);
        }
        return out;
    }

    /** A report's map in the order written (Map.of iterates in an order that changes from run to run). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
