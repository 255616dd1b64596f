package com.supercandles.simulator;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** What the {@link MarketSimulator} produces: which symbols, how fast, from when, with which seed. */
public final class SimulatorConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private int symbols = 3;
    private double eventsPerSecond = 1_000;
    private long startTs = 1_700_000_000_000L;
    private long seed = 42;
    private double tickSize = 0.01;
    private int snapshotLevels = 20;
    /** Shares of the steps that are a snapshot, a market order and a cancel; the rest are puts. */
    private double snapshotShare = 0.10;
    private double marketOrderShare = 0.08;
    private double cancelShare = 0.38;

    public SimulatorConfig symbols(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the simulator needs at least one symbol, got " + n);
        }
        this.symbols = n;
        return this;
    }

    public SimulatorConfig eventsPerSecond(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("events per second must be > 0, got " + rate);
        }
        this.eventsPerSecond = rate;
        return this;
    }

    public SimulatorConfig startTs(long ts) {
        this.startTs = ts;
        return this;
    }

    public SimulatorConfig seed(long seed) {
        this.seed = seed;
        return this;
    }

    public SimulatorConfig tickSize(double tick) {
        if (!(tick > 0) || Double.isInfinite(tick)) {
            throw new IllegalArgumentException("tick size must be > 0, got " + tick);
        }
        this.tickSize = tick;
        return this;
    }

    public SimulatorConfig snapshotLevels(int levels) {
        if (levels < 1) {
            throw new IllegalArgumentException("snapshot levels must be >= 1, got " + levels);
        }
        this.snapshotLevels = levels;
        return this;
    }

    public SimulatorConfig mix(double snapshotShare, double marketOrderShare, double cancelShare) {
        if (snapshotShare < 0 || marketOrderShare < 0 || cancelShare < 0
                || snapshotShare + marketOrderShare + cancelShare >= 1) {
            throw new IllegalArgumentException("shares must be >= 0 and leave room for puts (sum < 1)");
        }
        this.snapshotShare = snapshotShare;
        this.marketOrderShare = marketOrderShare;
        this.cancelShare = cancelShare;
        return this;
    }

    public int symbols() {
        return symbols;
    }

    public double eventsPerSecond() {
        return eventsPerSecond;
    }

    public long startTs() {
        return startTs;
    }

    public long seed() {
        return seed;
    }

    public double tickSize() {
        return tickSize;
    }

    public int snapshotLevels() {
        return snapshotLevels;
    }

    double snapshotShare() {
        return snapshotShare;
    }

    double marketOrderShare() {
        return marketOrderShare;
    }

    double cancelShare() {
        return cancelShare;
    }

    /** SIM0000, SIM0001, ...: zero-padded so that they sort in creation order. */
    public List<String> symbolNames() {
        List<String> names = new ArrayList<>(symbols);
        for (int i = 0; i < symbols; i++) {
            names.add(String.format("SIM%04d", i));
        }
        return names;
    }
}
