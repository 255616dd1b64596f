package com.supercandles.signal;

/**
 * The scores of a return series as quantstats computes them ({@code analytics.md}, "Scores of the
 * paper strategy"), kept incrementally: O(1) state and work per return, whatever the history's length.
 * Moments are updated with Welford's and Terriberry's formulas (no sums of powers, which lose
 * precision), the lag-1 autocorrelation with a bivariate Welford update, and the autocorrelation
 * penalty's sum over all lags in closed form. A Flink POJO: it lives in keyed state.
 */
public class ReturnScores {
    /** Returns so far. */
    public long n;
    public double equity = 1.0;
    public double mean;
    public double m2;
    public double m3;
    public double m4;
    /** Sum of min(r, 0)^2. */
    public double downside2;
    public double sumPositive;
    public double sumNegative;
    public long negatives;
    /** max(1, highest equity so far) and the worst drawdown from it. */
    public double peak = 1.0;
    public double maxDrawdown;
    /** Bars held in the market (with a position before the bar). */
    public long inMarket;
    /** The previous return, and the lag-1 pairs (r_{i-1}, r_i): their means and co-moments. */
    public double last;
    public double pairMeanX;
    public double pairMeanY;
    public double pairMxx;
    public double pairMyy;
    public double pairMxy;

    public ReturnScores() {}

    /** Adds {@code r}, earned with {@code heldBefore} (the position before the bar). */
    public void add(double r, int heldBefore) {
        if (n > 0) {
            long pairs = n;
            double dx = last - pairMeanX;
            pairMeanX += dx / pairs;
            double dy = r - pairMeanY;
            pairMeanY += dy / pairs;
            pairMxx += dx * (last - pairMeanX);
            pairMyy += dy * (r - pairMeanY);
            pairMxy += dx * (r - pairMeanY);
        }
        long n1 = n;
        n++;
        double delta = r - mean;
        double deltaN = delta / n;
        double deltaN2 = deltaN * deltaN;
        double term1 = delta * deltaN * n1;
        mean += deltaN;
        m4 += term1 * deltaN2 * ((double) n * n - 3.0 * n + 3) + 6 * deltaN2 * m2 - 4 * deltaN * m3;
        m3 += term1 * deltaN * (n - 2) - 3 * deltaN * m2;
        m2 += term1;

        if (r < 0) {
            downside2 += r * r;
            sumNegative += r;
            negatives++;
        } else if (r > 0) {
            sumPositive += r;
        }
        equity *= 1 + r;
        peak = Math.max(peak, equity);
        maxDrawdown = Math.min(maxDrawdown, equity / peak - 1);
        if (heldBefore != 0) {
            inMarket++;
        }
        last = r;
    }

    public double totalReturn() {
        return finite(equity - 1);
    }

    public double cagr(double periodsPerYear) {
        return n == 0 ? Double.NaN : finite(Math.pow(equity, periodsPerYear / n) - 1);
    }

    /** Sample standard deviation (ddof 1). */
    private double std() {
        return Math.sqrt(m2 / (n - 1));
    }

    /** Non-annualised Sharpe ratio: mean / std (ddof 1). */
    public double rawSharpe() {
        if (n < 2) {
            return Double.NaN;
        }
        double std = std();
        return std > 0 ? finite(mean / std) : Double.NaN;
    }

    public double sharpe(double periodsPerYear) {
        return finite(rawSharpe() * Math.sqrt(periodsPerYear));
    }

    public double sortino(double periodsPerYear) {
        if (n < 2 || downside2 <= 0) {
            return Double.NaN;
        }
        return finite(mean / Math.sqrt(downside2 / n) * Math.sqrt(periodsPerYear));
    }

    /** Pearson correlation of r_0..r_{n-2} with r_1..r_{n-1}; NaN below 3 returns or without variance. */
    public double lag1Correlation() {
        if (n < 3 || !(pairMxx > 0) || !(pairMyy > 0)) {
            return Double.NaN;
        }
        return finite(pairMxy / Math.sqrt(pairMxx * pairMyy));
    }

    /**
     * quantstats' {@code sqrt(1 + 2 * sum_{x=1}^{n-1} ((n - x) / n) * |rho|^x)}. The sum's closed form
     * cancels catastrophically as |rho| nears 1 (with 3 returns rho is always +-1), so it is computed by
     * binary splitting over the lags instead: blocks of lags combine with positive terms only, in at most
     * 2 x 63 steps whatever the history's length.
     */
    public double autocorrPenalty() {
        double rho = lag1Correlation();
        if (Double.isNaN(rho)) {
            return Double.NaN;
        }
        double a = Math.min(Math.abs(rho), 1.0);
        return finite(Math.sqrt(1 + 2 * decayingSum(a, n - 1) / n));
    }

    /**
     * {@code sum_{x=1}^{m} (m + 1 - x) a^x}. A block of lags 1..p has {@code A = sum a^x} and {@code B =
     * sum (p + 1 - x) a^x}; a block of p followed by one of q gives {@code A = A_p + a^p A_q} and
     * {@code B = B_p + q A_p + a^p B_q}. The bits of m, from the highest, double the block or add a lag.
     */
    static double decayingSum(double a, long m) {
        double sumA = 0;
        double sumB = 0;
        double power = 1; // a^length
        long length = 0;
        for (int bit = 63 - Long.numberOfLeadingZeros(Math.max(m, 1)); bit >= 0 && m > 0; bit--) {
            // double: the block followed by itself
            sumB = sumB + length * sumA + power * sumB;
            sumA = sumA + power * sumA;
            power *= power;
            length *= 2;
            if ((m >>> bit & 1) == 1) {
                // add one lag: the block followed by a block of length 1 (A = B = a)
                sumB = sumB + sumA + power * a;
                sumA = sumA + power * a;
                power *= a;
                length++;
            }
        }
        return sumB;
    }

    /** pandas' bias-adjusted sample skewness; NaN below 3 returns, 0 without variance (as pandas). */
    public double skew() {
        if (n < 3) {
            return Double.NaN;
        }
        if (m2 == 0) {
            return 0;
        }
        return finite(n * Math.sqrt(n - 1.0) / (n - 2.0) * (m3 / Math.pow(m2, 1.5)));
    }

    /** pandas' bias-adjusted sample excess kurtosis; NaN below 4 returns, 0 without variance (as pandas). */
    public double kurt() {
        if (n < 4) {
            return Double.NaN;
        }
        if (m2 == 0) {
            return 0;
        }
        double nn = n;
        double numerator = nn * (nn + 1) * (nn - 1) * m4;
        double denominator = (nn - 2) * (nn - 3) * m2 * m2;
        double adjustment = 3 * (nn - 1) * (nn - 1) / ((nn - 2) * (nn - 3));
        return finite(numerator / denominator - adjustment);
    }

    /** Phi(SR / sigma), with quantstats' {@code sigma = sqrt((1 + SR^2/2 - skew SR + (kurt - 3)/4 SR^2) / (n - 1))}. */
    public double probSharpe() {
        if (n < 4) {
            return Double.NaN;
        }
        double sr = rawSharpe();
        double skew = skew();
        double kurt = kurt();
        double variance = (1 + 0.5 * sr * sr - skew * sr + ((kurt - 3) / 4) * sr * sr) / (n - 1);
        if (!(variance > 0) || Double.isNaN(sr)) {
            return Double.NaN;
        }
        return finite(NormalCdf.phi(sr / Math.sqrt(variance)));
    }

    public double omega() {
        return negatives == 0 ? Double.NaN : finite(sumPositive / -sumNegative);
    }

    public double timeInMarket() {
        return n == 0 ? Double.NaN : (double) inMarket / n;
    }

    static double finite(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }
}
