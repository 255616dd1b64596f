package com.supercandles.candle;

import com.supercandles.event.Side;

/** Running count, quantity and value of a flow (trades, puts or cancels), split by side. */
public class SidedFlow {
    public long countB;
    public long countS;
    public double volB;
    public double volS;
    public double valB;
    public double valS;

    public SidedFlow() {}

    public void add(Side side, double price, double qty, double lot) {
        double value = price * qty * lot;
        if (side == Side.B) {
            countB++;
            volB += qty;
            valB += value;
        } else {
            countS++;
            volS += qty;
            valS += value;
        }
    }

    public void merge(SidedFlow o) {
        countB += o.countB;
        countS += o.countS;
        volB += o.volB;
        volS += o.volS;
        valB += o.valB;
        valS += o.valS;
    }

    /** Back to no events, for reuse. */
    public void clear() {
        countB = countS = 0;
        volB = volS = valB = valS = 0;
    }

    public long count() {
        return countB + countS;
    }

    public FlowFigures figures(double lot) {
        FlowFigures f = new FlowFigures();
        f.countB = countB;
        f.countS = countS;
        f.count = countB + countS;
        f.volB = volB;
        f.volS = volS;
        f.vol = volB + volS;
        f.valB = valB;
        f.valS = valS;
        f.val = valB + valS;
        f.vwap = vwap(f.val, f.vol, lot);
        f.vwapB = vwap(valB, volB, lot);
        f.vwapS = vwap(valS, volS, lot);
        return f;
    }

    private static double vwap(double val, double vol, double lot) {
        return vol > 0 ? val / (vol * lot) : Double.NaN;
    }
}
