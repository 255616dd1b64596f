package com.supercandles.instrument;

import java.io.Serializable;

/** Reference data of one instrument: what a lot holds, the price grid, the depth of the *_1mio metrics. */
public final class InstrumentSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final InstrumentSpec DEFAULT = new InstrumentSpec(1.0, 0.01, 1_000_000.0);

    private final double lotSize;
    private final double tickSize;
    private final double depthNotional;

    public InstrumentSpec(double lotSize, double tickSize, double depthNotional) {
        requirePositive("lot_size", lotSize);
        requirePositive("tick_size", tickSize);
        requirePositive("depth_notional", depthNotional);
        this.lotSize = lotSize;
        this.tickSize = tickSize;
        this.depthNotional = depthNotional;
    }

    private static void requirePositive(String name, double value) {
        if (!(Double.isFinite(value) && value > 0)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
    }

    public double lotSize() {
        return lotSize;
    }

    public double tickSize() {
        return tickSize;
    }

    public double depthNotional() {
        return depthNotional;
    }

    public InstrumentSpec withLotSize(double v) {
        return new InstrumentSpec(v, tickSize, depthNotional);
    }

    public InstrumentSpec withTickSize(double v) {
        return new InstrumentSpec(lotSize, v, depthNotional);
    }

    public InstrumentSpec withDepthNotional(double v) {
        return new InstrumentSpec(lotSize, tickSize, v);
    }

    @Override
    public String toString() {
        return "lot_size=" + lotSize + ", tick_size=" + tickSize + ", depth_notional=" + depthNotional;
    }
}
