package com.supercandles.signal;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.List;

/**
 * A second, plain implementation of "Signals and paper strategies" (analytics.md) for the tests: it
 * keeps the whole history and recomputes everything at every bar from it (windows from the lists,
 * scores with two-pass formulas, the autocorrelation penalty as quantstats' literal sum, pandas' skew
 * and kurtosis from central moments), sharing nothing with the incremental operators but the bar type.
 */
public final class ReferenceSignals {
    private ReferenceSignals() {}

    /** The records of one (symbol, period) whose bars are given in window order, strategy by strategy. */
    public static List<SignalRecord> run(List<SignalBar> bars, SignalSettings settings, double periodsPerYear) {
        List<SignalRecord> out = new ArrayList<>();
        int strategies = settings.strategies.size();
        int[][] pos = new int[strategies][bars.size()];
        int[] sinceSignal = new int[strategies];
        List<List<Double>> returns = new ArrayList<>();
        long[] trades = new long[strategies];
        for (int k = 0; k < strategies; k++) {
            returns.add(new ArrayList<>());
        }
        double[] close = new double[bars.size()];
        for (int t = 0; t < bars.size(); t++) {
            SignalBar bar = bars.get(t);
            close[t] = !Double.isNaN(bar.close) ? bar.close : t > 0 ? close[t - 1] : Double.NaN;
            double levels = Double.isNaN(bar.levelsB) || Double.isNaN(bar.levelsS) ? Double.NaN
                    : Math.signum(bar.levelsB - bar.levelsS);
            int trend = trend(close, t, settings);
            int cancel = cancelSignal(bars, t, settings);
            TradingSession session = settings.session(bar.symbol);
            boolean open = session == null || session.contains(bar.windowStart, bar.windowEnd)
                    && !session.isLastBar(bar.windowStart, bar.windowEnd);
            for (int k = 0; k < strategies; k++) {
                int before = t > 0 ? pos[k][t - 1] : 0;
                int after = before;
                if (!Double.isNaN(bar.close)) {
                    after = rule(settings.strategies.get(k), settings, bar.disb, levels, trend, cancel, before,
                            sinceSignal, k);
                    if (!open) {
                        after = 0;
                    }
                }
                pos[k][t] = after;
                double prevClose = t > 0 ? close[t - 1] : Double.NaN;
                double r = (before != 0 && !Double.isNaN(prevClose) ? before * (close[t] / prevClose - 1) : 0)
                        - settings.commission() * Math.abs(after - before) + 0.0;
                if (after != before) {
                    trades[k]++;
                }
                returns.get(k).add(r);
                out.add(record(bar, settings.strategies.get(k), after, close[t], r, trades[k], returns.get(k),
                        pos[k], t, periodsPerYear));
            }
        }
        return out;
    }

    private static int rule(Strategy s, SignalSettings settings, double disb, double levels, int trend, int cancel,
                            int held, int[] sinceSignal, int k) {
        switch (s) {
            case DISB:
                if (Double.isNaN(disb)) {
                    return held;
                }
                return disb > settings.disbThreshold ? 1 : disb < -settings.disbThreshold ? -1 : 0;
            case LEVELS:
                return Double.isNaN(levels) ? held : (int) levels;
            case LEVELS_TREND: {
                if (Double.isNaN(levels)) {
                    return held;
                }
                int l = (int) levels;
                if (held != 0 && l == held) {
                    return held;
                }
                return l != 0 && trend == l ? l : 0;
            }
            case CANCELS:
                if (cancel != 0) {
                    sinceSignal[k] = 0;
                    return cancel;
                }
                if (held == 0) {
                    return 0;
                }
                sinceSignal[k]++;
                return sinceSignal[k] >= settings.maxHold ? 0 : held;
            default: {
                if (Double.isNaN(levels)) {
                    return held;
                }
                int l = (int) levels;
                if (cancel != 0 && l == cancel) {
                    return cancel;
                }
                return held != 0 && l != held ? 0 : held;
            }
        }
    }

    /** Slope by the textbook formula over absolute bar indices t-N+1..t. */
    private static int trend(double[] close, int t, SignalSettings settings) {
        int n = settings.trendBars;
        if (t < n - 1) {
            return 0;
        }
        double sx = 0;
        double sy = 0;
        for (int i = t - n + 1; i <= t; i++) {
            if (Double.isNaN(close[i])) {
                return 0;
            }
            sx += i;
            sy += close[i];
        }
        double mx = sx / n;
        double my = sy / n;
        double num = 0;
        double den = 0;
        for (int i = t - n + 1; i <= t; i++) {
            num += (i - mx) * (close[i] - my);
            den += (i - mx) * (i - mx);
        }
        double slope = num / den / close[t];
        return Math.abs(slope) > settings.trendTheta ? (int) Math.signum(slope) : 0;
    }

    private static int cancelSignal(List<SignalBar> bars, int t, SignalSettings settings) {
        double thrB;
        double thrS;
        if (!Double.isNaN(settings.cancelThreshold)) {
            thrB = thrS = settings.cancelThreshold;
        } else {
            int w = settings.cancelWindow;
            if (t < w) {
                return 0;
            }
            thrB = meanPlusKStd(bars, t - w, t, true, settings.cancelK);
            thrS = meanPlusKStd(bars, t - w, t, false, settings.cancelK);
        }
        long b = bars.get(t).cancelOrdersB;
        long s = bars.get(t).cancelOrdersS;
        if (b > s && b > thrB) {
            return -1;
        }
        if (s > b && s > thrS) {
            return 1;
        }
        return 0;
    }

    private static double meanPlusKStd(List<SignalBar> bars, int from, int to, boolean bids, double k) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += bids ? bars.get(i).cancelOrdersB : bars.get(i).cancelOrdersS;
        }
        double mean = sum / (to - from);
        double ss = 0;
        for (int i = from; i < to; i++) {
            double d = (bids ? bars.get(i).cancelOrdersB : bars.get(i).cancelOrdersS) - mean;
            ss += d * d;
        }
        return mean + k * Math.sqrt(ss / (to - from));
    }

    private static SignalRecord record(SignalBar bar, Strategy s, int position, double close, double r, long trades,
                                       List<Double> rs, int[] pos, int t, double perYear) {
        SignalRecord rec = new SignalRecord();
        rec.symbol = bar.symbol;
        rec.period = bar.period;
        rec.windowStart = bar.windowStart;
        rec.windowEnd = bar.windowEnd;
        rec.strategy = s.wireName;
        rec.position = position;
        rec.close = close;
        rec.ret = r;
        rec.trades = trades;
        rec.n = rs.size();
        double[] x = rs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] scores = scores(x, perYear);
        int inMarket = 0;
        for (int i = 0; i <= t; i++) {
            if (i > 0 && pos[i - 1] != 0) {
                inMarket++;
            }
        }
        rec.equity = scores[11];
        rec.totalReturn = scores[0];
        rec.cagr = scores[1];
        rec.sharpe = scores[2];
        rec.smartSharpe = scores[3];
        rec.sortino = scores[4];
        rec.smartSortino = scores[5];
        rec.sortinoSqrt2 = scores[6];
        rec.probSharpe = scores[7];
        rec.omega = scores[8];
        rec.maxDrawdown = scores[9];
        rec.timeInMarket = (double) inMarket / x.length;
        return rec;
    }

    /**
     * total_return, cagr, sharpe, smart_sharpe, sortino, smart_sortino, sortino_sqrt2, prob_sharpe, omega,
     * max_drawdown, (unused), equity: of the whole series, NaN where the contract says null.
     */
    public static double[] scores(double[] r, double perYear) {
        int n = r.length;
        double equity = 1;
        double peak = 1;
        double maxDd = 0;
        for (double v : r) {
            equity *= 1 + v;
            peak = Math.max(peak, equity);
            maxDd = Math.min(maxDd, equity / peak - 1);
        }
        double mean = 0;
        for (double v : r) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        double s3 = 0;
        double s4 = 0;
        double down = 0;
        double pos = 0;
        double neg = 0;
        boolean anyNeg = false;
        for (double v : r) {
            double d = v - mean;
            ss += d * d;
            s3 += d * d * d;
            s4 += d * d * d * d;
            if (v < 0) {
                down += v * v;
                neg += v;
                anyNeg = true;
            } else if (v > 0) {
                pos += v;
            }
        }
        double std = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        double rawSharpe = n > 1 && std > 0 ? mean / std : Double.NaN;
        double sharpe = rawSharpe * Math.sqrt(perYear);
        double sortino = n > 1 && down > 0 ? mean / Math.sqrt(down / n) * Math.sqrt(perYear) : Double.NaN;
        double penalty = Double.NaN;
        if (n >= 3) {
            double rho = pearson(r, n);
            if (!Double.isNaN(rho)) {
                double sum = 0;
                for (int x = 1; x < n; x++) {
                    sum += ((double) (n - x) / n) * Math.pow(Math.abs(rho), x);
                }
                penalty = Math.sqrt(1 + 2 * sum);
            }
        }
        double prob = Double.NaN;
        if (n >= 4 && !Double.isNaN(rawSharpe)) {
            double skew = ss == 0 ? 0 : n * Math.sqrt(n - 1.0) / (n - 2.0) * s3 / Math.pow(ss, 1.5);
            double kurt = ss == 0 ? 0 : (double) n * (n + 1) * (n - 1) * s4 / ((n - 2.0) * (n - 3.0) * ss * ss)
                    - 3.0 * (n - 1) * (n - 1) / ((n - 2.0) * (n - 3.0));
            double variance = (1 + rawSharpe * rawSharpe / 2 - skew * rawSharpe
                    + ((kurt - 3) / 4) * rawSharpe * rawSharpe) / (n - 1);
            if (variance > 0) {
                prob = new NormalDistribution().cumulativeProbability(rawSharpe / Math.sqrt(variance));
            }
        }
        return new double[] {
            fin(equity - 1), fin(Math.pow(equity, perYear / n) - 1), fin(sharpe), fin(sharpe / penalty),
            fin(sortino), fin(sortino / penalty), fin(sortino / Math.sqrt(2)), fin(prob),
            anyNeg ? fin(pos / -neg) : Double.NaN, maxDd, Double.NaN, equity};
    }

    private static double pearson(double[] r, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n - 1; i++) {
            mx += r[i];
            my += r[i + 1];
        }
        mx /= n - 1;
        my /= n - 1;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n - 1; i++) {
            sxy += (r[i] - mx) * (r[i + 1] - my);
            sxx += (r[i] - mx) * (r[i] - mx);
            syy += (r[i + 1] - my) * (r[i + 1] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }

    private static double fin(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }
}
