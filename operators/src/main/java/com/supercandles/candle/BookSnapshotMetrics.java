package com.supercandles.candle;

import com.supercandles.event.MarketEvent;
import com.supercandles.instrument.InstrumentSpec;

import static com.supercandles.candle.BookMetric.*;

/** The metrics of one book snapshot; an undefined metric is NaN. */
public final class BookSnapshotMetrics {
    private static final int LEVEL_10 = 10;

    private BookSnapshotMetrics() {}

    /** Fills {@code out} (indexed by {@link BookMetric#ordinal()}) with the metrics of {@code book}. */
    public static void compute(MarketEvent book, InstrumentSpec spec, double[] out) {
        double lot = spec.lotSize();
        int nb = book.bidLevels();
        int na = book.askLevels();
        double volB = sum(book.bidQtys, nb);
        double volS = sum(book.askQtys, na);
        double valB = value(book.bidPrices, book.bidQtys, nb, lot);
        double valS = value(book.askPrices, book.askQtys, na, lot);
        double vwapB1mio = depthVwap(book.bidPrices, book.bidQtys, nb, lot, spec.depthNotional());
        double vwapS1mio = depthVwap(book.askPrices, book.askQtys, na, lot, spec.depthNotional());

        out[LEVELS_B.ordinal()] = nb;
        out[LEVELS_S.ordinal()] = na;
        out[OB_VOL_B.ordinal()] = volB;
        out[OB_VOL_S.ordinal()] = volS;
        out[OB_VAL_B.ordinal()] = valB;
        out[OB_VAL_S.ordinal()] = valS;
        out[VWAP_B.ordinal()] = nb > 0 ? valB / (volB * lot) : Double.NaN;
        out[VWAP_S.ordinal()] = na > 0 ? valS / (volS * lot) : Double.NaN;
        out[VWAP_B_1MIO.ordinal()] = vwapB1mio;
        out[VWAP_S_1MIO.ordinal()] = vwapS1mio;

        if (nb == 0 || na == 0) {
            out[SPREAD_BBO.ordinal()] = Double.NaN;
            out[SPREAD_LV10.ordinal()] = Double.NaN;
            out[SPREAD_1MIO.ordinal()] = Double.NaN;
            out[IMBALANCE_VOL.ordinal()] = Double.NaN;
            out[IMBALANCE_VAL.ordinal()] = Double.NaN;
            out[IMBALANCE_VOL_BBO.ordinal()] = Double.NaN;
            out[IMBALANCE_VAL_BBO.ordinal()] = Double.NaN;
            return;
        }
        double pb1 = book.bidPrices[0];
        double qb1 = book.bidQtys[0];
        double pa1 = book.askPrices[0];
        double qa1 = book.askQtys[0];
        double mid = (pa1 + pb1) / 2;
        out[SPREAD_BBO.ordinal()] = (pa1 - pb1) / mid * 1e4;
        out[SPREAD_LV10.ordinal()] = nb >= LEVEL_10 && na >= LEVEL_10
                ? (book.askPrices[LEVEL_10 - 1] - book.bidPrices[LEVEL_10 - 1]) / mid * 1e4
                : Double.NaN;
        out[SPREAD_1MIO.ordinal()] = (vwapS1mio - vwapB1mio) / mid * 1e4;
        out[IMBALANCE_VOL.ordinal()] = (volB - volS) / (volB + volS);
        out[IMBALANCE_VAL.ordinal()] = (valB - valS) / (valB + valS);
        out[IMBALANCE_VOL_BBO.ordinal()] = (qb1 - qa1) / (qb1 + qa1);
        out[IMBALANCE_VAL_BBO.ordinal()] = (pb1 * qb1 - pa1 * qa1) / (pb1 * qb1 + pa1 * qa1);
    }

    /**
     * VWAP of the first {@code notional} of value on a side, walking from the best level and taking
     * the last level in part; NaN when the whole side is worth less.
     */
    static double depthVwap(double[] prices, double[] qtys, int levels, double lot, double notional) {
        double takenValue = 0;
        double takenQty = 0;
        for (int i = 0; i < levels; i++) {
            double levelValue = prices[i] * qtys[i] * lot;
            if (takenValue + levelValue >= notional) {
                takenQty += (notional - takenValue) / (prices[i] * lot);
                return notional / (takenQty * lot);
            }
            takenValue += levelValue;
            takenQty += qtys[i];
        }
        return Double.NaN;
    }

    private static double sum(double[] xs, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += xs[i];
        }
        return s;
    }

    private static double value(double[] prices, double[] qtys, int n, double lot) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += prices[i] * qtys[i] * lot;
        }
        return s;
    }
}
