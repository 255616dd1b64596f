package com.supercandles.jobs.backtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A value axis on round numbers: a step of 1, 2, 2.5 or 5 times a power of ten giving about five
 * intervals, and the range widened to whole steps, so that the labels read 0.92, 0.94 rather than
 * 0.9118, 0.9339.
 */
final class NumberTicks {
    final double min;
    final double max;
    final List<BigDecimal> values = new ArrayList<>();

    NumberTicks(double lo, double hi) {
        if (!(hi > lo)) { // a flat line: give it room around its value
            double pad = Math.max(Math.abs(lo) * 1e-3, 1e-6);
            lo -= pad;
            hi += pad;
        }
        BigDecimal step = step((hi - lo) / 5);
        BigDecimal first = BigDecimal.valueOf(lo).divide(step, 0, RoundingMode.FLOOR).multiply(step);
        BigDecimal top = BigDecimal.valueOf(hi);
        BigDecimal v = first;
        values.add(v);
        while (v.compareTo(top) < 0) {
            v = v.add(step);
            values.add(v);
        }
        min = first.doubleValue();
        max = v.doubleValue();
    }

    private static BigDecimal step(double rough) {
        int exponent = (int) Math.floor(Math.log10(rough));
        double scaled = rough / Math.pow(10, exponent);
        String mantissa = scaled <= 1 ? "1" : scaled <= 2 ? "2" : scaled <= 2.5 ? "2.5" : scaled <= 5 ? "5" : "10";
        return new BigDecimal(mantissa).scaleByPowerOfTen(exponent);
    }

    /** A tick's label: exactly the round number, no float noise. */
    static String label(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
