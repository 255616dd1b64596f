package com.supercandles.signal;

import org.apache.commons.math3.special.Erf;

/** The standard normal distribution function, to double precision (commons-math's erfc). */
final class NormalCdf {
    private NormalCdf() {}

    static double phi(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }
}
