package com.supercandles.signal;

import com.supercandles.candle.Period;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the paper strategies of one (symbol, period) remember, and the step from one bar to the
 * next: the carried close, the last N closes for the trend filter, the last W cancel counts for the
 * cancel thresholds, and each strategy's position and scores. State and work per bar are bounded by
 * N and W, not by the history. A Flink POJO: it lives in keyed state and survives restores.
 */
public class SignalState {
    /** The last bar's window start; a candle re-emitted for the same window (allowed lateness) is not a new bar. */
    public long lastWindowStart = Long.MIN_VALUE;
    /** {@code close_{t}} after the last bar: carried over bars without a trade; NaN before the first trade. */
    public double close = Double.NaN;
    public double[] closes;
    public int closesHead;
    /** How many of the newest bars have a defined close (capped at N). */
    public int definedCloses;
    public long[] cancelsB;
    public long[] cancelsS;
    public int cancelsHead;
    public int cancelBars;
    public double sumB;
    public double sumB2;
    public double sumS;
    public double sumS2;
    public PaperPosition[] strategies;

    public SignalState() {}

    public static SignalState create(SignalSettings settings) {
        SignalState s = new SignalState();
        s.closes = new double[settings.trendBars];
        s.cancelsB = new long[settings.cancelWindow];
        s.cancelsS = new long[settings.cancelWindow];
        s.strategies = new PaperPosition[settings.strategies.size()];
        for (int i = 0; i < s.strategies.length; i++) {
            s.strategies[i] = new PaperPosition();
        }
        return s;
    }

    /**
     * Steps every strategy over {@code bar}: one record per strategy, or none for a repeated window.
     *
     * @param rules the strategies' rules, in the order of {@code settings.strategies}
     */
    public List<SignalRecord> onBar(SignalBar bar, SignalSettings settings, PositionRule[] rules, Period period) {
        if (bar.windowStart <= lastWindowStart) {
            return List.of();
        }
        lastWindowStart = bar.windowStart;
        double previousClose = close;
        if (bar.hasClose()) {
            close = bar.close;
        }
        BarSignals in = new BarSignals();
        in.levels = bar.levelsSign();
        in.disb = bar.disb;
        in.trend = trend(settings);
        in.cancel = cancelSignal(bar, settings);
        TradingSession session = settings.session(bar.symbol);
        if (session != null) {
            in.open = session.contains(bar.windowStart, bar.windowEnd)
                    && !session.isLastBar(bar.windowStart, bar.windowEnd);
        }

        double commission = settings.commission();
        double perYear = settings.periodsPerYear(period);
        List<SignalRecord> out = new ArrayList<>(rules.length);
        for (int i = 0; i < rules.length; i++) {
            PaperPosition p = strategies[i];
            int target = p.position;
            if (bar.hasClose()) {
                target = rules[i].target(in, p);
                if (!in.open) {
                    target = 0;
                }
            }
            double r = p.step(bar.hasClose(), target, previousClose, close, commission);
            out.add(record(bar, settings.strategies.get(i), p, r, perYear));
        }
        return out;
    }

    private SignalRecord record(SignalBar bar, Strategy strategy, PaperPosition p, double r, double perYear) {
        ReturnScores s = p.scores;
        SignalRecord rec = new SignalRecord();
        rec.symbol = bar.symbol;
        rec.period = bar.period;
        rec.windowStart = bar.windowStart;
        rec.windowEnd = bar.windowEnd;
        rec.strategy = strategy.wireName;
        rec.position = p.position;
        rec.close = close;
        rec.ret = r;
        rec.equity = s.equity;
        rec.trades = p.trades;
        rec.n = s.n;
        rec.totalReturn = s.totalReturn();
        rec.cagr = s.cagr(perYear);
        rec.sharpe = s.sharpe(perYear);
        rec.sortino = s.sortino(perYear);
        double penalty = s.autocorrPenalty();
        rec.smartSharpe = ReturnScores.finite(rec.sharpe / penalty);
        rec.smartSortino = ReturnScores.finite(rec.sortino / penalty);
        rec.sortinoSqrt2 = ReturnScores.finite(rec.sortino / Math.sqrt(2));
        rec.probSharpe = s.probSharpe();
        rec.omega = s.omega();
        rec.maxDrawdown = s.maxDrawdown;
        rec.timeInMarket = s.timeInMarket();
        return rec;
    }

    /**
     * {@code s_t}: the sign of the least-squares slope of the last N closes (all defined, this bar's
     * included) divided by {@code close_t}, when its magnitude exceeds theta; else 0.
     */
    private int trend(SignalSettings settings) {
        int n = closes.length;
        if (Double.isNaN(close)) {
            definedCloses = 0;
            return 0;
        }
        closes[closesHead] = close;
        closesHead = (closesHead + 1) % n;
        definedCloses = Math.min(n, definedCloses + 1);
        if (definedCloses < n) {
            return 0;
        }
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanY += closes[(closesHead + i) % n];
        }
        meanY /= n;
        double meanX = (n - 1) / 2.0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - meanX) * (closes[(closesHead + i) % n] - meanY);
        }
        double sxx = n * ((double) n * n - 1) / 12.0;
        double slope = sxy / sxx / close;
        return Math.abs(slope) > settings.trendTheta ? (slope > 0 ? 1 : -1) : 0;
    }

    /**
     * The cancel signal of this bar against thresholds from the previous W bars (or the absolute
     * threshold), then this bar's counts join the window.
     */
    private int cancelSignal(SignalBar bar, SignalSettings settings) {
        int w = cancelsB.length;
        int signal = 0;
        boolean ready = !Double.isNaN(settings.cancelThreshold) || cancelBars >= w;
        if (ready) {
            double thrB = Double.isNaN(settings.cancelThreshold) ? threshold(sumB, sumB2, w, settings.cancelK)
                    : settings.cancelThreshold;
            double thrS = Double.isNaN(settings.cancelThreshold) ? threshold(sumS, sumS2, w, settings.cancelK)
                    : settings.cancelThreshold;
            long b = bar.cancelOrdersB;
            long s = bar.cancelOrdersS;
            if (b > s && b > thrB) {
                signal = -1;
            } else if (s > b && s > thrS) {
                signal = 1;
            }
        }
        if (cancelBars >= w) {
            long oldB = cancelsB[cancelsHead];
            long oldS = cancelsS[cancelsHead];
            sumB -= oldB;
            sumB2 -= (double) oldB * oldB;
            sumS -= oldS;
            sumS2 -= (double) oldS * oldS;
        } else {
            cancelBars++;
        }
        cancelsB[cancelsHead] = bar.cancelOrdersB;
        cancelsS[cancelsHead] = bar.cancelOrdersS;
        sumB += bar.cancelOrdersB;
        sumB2 += (double) bar.cancelOrdersB * bar.cancelOrdersB;
        sumS += bar.cancelOrdersS;
        sumS2 += (double) bar.cancelOrdersS * bar.cancelOrdersS;
        cancelsHead = (cancelsHead + 1) % w;
        return signal;
    }

    /** mean + k * population std of W counts from their exact sums (integers, so the variance is exact). */
    private static double threshold(double sum, double sum2, int w, double k) {
        double variance = Math.max(0, (w * sum2 - sum * sum) / ((double) w * w));
        return sum / w + k * Math.sqrt(variance);
    }

    @Override
    public String toString() {
        return "SignalState{" + lastWindowStart + ", close " + close + ", " + Arrays.toString(strategies) + "}";
    }
}
