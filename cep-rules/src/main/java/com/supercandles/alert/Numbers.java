package com.supercandles.alert;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as a person reads them in a message: ten significant digits, no trailing zeros, no exponent. */
final class Numbers {
    private Numbers() {}

    static String shown(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "null" : Double.toString(v);
        }
        return new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
