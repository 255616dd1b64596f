package com.supercandles.score;

import java.io.Serializable;
import java.util.Locale;

/**
 * The model score's alert bands ({@code analytics.md}, "Model score"): multiples of {@code step} (0.05)
 * beyond {@code threshold}. Band +n (-n) is a score above (below) the threshold by more than n - 1 steps
 * and at most n; band 0 is within +-threshold. With the default threshold 0.15, -0.26 is band -3 and
 * reads {@code BTCUSD 60,518 📉📉📉 Score: -0.26}, the contract's example.
 */
public final class ScoreBands implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final double DEFAULT_THRESHOLD = 0.15;
    public static final double DEFAULT_STEP = 0.05;
    private static final String UP = "\uD83D\uDCC8";
    private static final String DOWN = "\uD83D\uDCC9";

    public final double threshold;
    public final double step;

    public ScoreBands(double threshold, double step) {
        if (!(threshold >= 0 && threshold < 1) || !(step > 0 && step <= 1)) {
            throw new IllegalArgumentException("score bands: threshold must be in [0, 1) and step in (0, 1], got "
                    + threshold + " and " + step);
        }
        this.threshold = threshold;
        this.step = step;
    }

    /** The band of a score: 0 within +-threshold, else +-(steps beyond it, a part of one counting as one). */
    public int band(double score) {
        double beyond = Math.abs(score) - threshold;
        if (!(beyond > 1e-12)) {
            return 0;
        }
        int n = (int) Math.ceil(beyond / step - 1e-9);
        return score > 0 ? n : -n;
    }

    /** The lower edge of a band's magnitude (the alert's threshold). */
    public double edge(int band) {
        return band == 0 ? threshold : threshold + (Math.abs(band) - 1) * step;
    }

    /** {@code SYMBOL price icons Score: s}, one icon per band step. */
    public static String message(String symbol, double close, int band, double score) {
        String icons = (band > 0 ? UP : DOWN).repeat(Math.abs(band));
        return symbol + " " + price(close) + (band == 0 ? "" : " " + icons) + " Score: "
                + String.format(Locale.ROOT, "%.2f", score);
    }

    /** A price with thousands separators and five significant digits at least (60,518; 123.45; 1.2345). */
    static String price(double p) {
        if (Double.isNaN(p)) {
            return "(no trade)";
        }
        int digits = Math.abs(p) < 1 ? 5 : Math.max(0, 4 - (int) Math.floor(Math.log10(Math.abs(p))));
        return String.format(Locale.ROOT, "%,." + Math.min(digits, 8) + "f", p);
    }
}
