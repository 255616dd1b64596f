package com.supercandles.simulator;

import com.supercandles.event.MarketEvent;
import com.supercandles.event.Side;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A deterministic market of many instruments: for a given {@link SimulatorConfig} (seed included) it
 * yields the same events, in non-decreasing {@code ts}, every time. Each step picks a symbol and does
 * one thing to its book: a passive put, a cancel of a resting order, a market order that trades
 * against the book (one trade per resting order it meets, sharing one {@code ts}), or a snapshot.
 * Thin sides are refilled first, so the book stays two-sided and uncrossed.
 */
public final class MarketSimulator implements Iterator<MarketEvent> {
    private static final int MIN_LEVELS = 5;

    private final SimulatorConfig config;
    private final SplittableRandom rnd;
    private final List<SimulatedBook> books = new ArrayList<>();
    private final ArrayDeque<MarketEvent> pending = new ArrayDeque<>();
    private final List<MarketEvent> fills = new ArrayList<>();
    private final double msPerStep;
    private long step;
    private long nextOrderId = 1;
    private long nextTradeId = 1;

    public MarketSimulator(SimulatorConfig config) {
        this.config = config;
        this.rnd = new SplittableRandom(config.seed());
        this.msPerStep = 1000.0 / config.eventsPerSecond();
        long ticksPerUnit = Math.max(1, Math.round(1 / config.tickSize()));
        for (String symbol : config.symbolNames()) {
            long initialTick = (long) ((20 + rnd.nextInt(480)) * ticksPerUnit);
            SimulatedBook book = new SimulatedBook(symbol, config.tickSize(), initialTick);
            books.add(book);
        }
        // Opening book: a few resting orders a side, placed before the first step's time.
        for (SimulatedBook book : books) {
            for (int i = 0; i < 4 * MIN_LEVELS; i++) {
                pending.add(book.put(config.startTs(), nextOrderId++, i % 2 == 0 ? Side.B : Side.S, rnd));
            }
        }
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    /** The event time of the next step: steps are spread evenly at the configured rate. */
    public long currentTs() {
        return config.startTs() + (long) (step * msPerStep);
    }

    @Override
    public MarketEvent next() {
        while (pending.isEmpty()) {
            advance();
        }
        return pending.poll();
    }

    /** The next event if its ts is before {@code endTs}; null once the simulation has reached it. */
    public MarketEvent nextBefore(long endTs) {
        while (pending.isEmpty()) {
            if (currentTs() >= endTs) {
                return null;
            }
            advance();
        }
        if (pending.peek().ts >= endTs) {
            throw new NoSuchElementException("pending event past the end");
        }
        return pending.poll();
    }

    private void advance() {
        long ts = currentTs();
        step++;
        SimulatedBook book = books.get(rnd.nextInt(books.size()));
        book.drift(rnd);
        if (book.levels(Side.B) < MIN_LEVELS) {
            pending.add(book.put(ts, nextOrderId++, Side.B, rnd));
            return;
        }
        if (book.levels(Side.S) < MIN_LEVELS) {
            pending.add(book.put(ts, nextOrderId++, Side.S, rnd));
            return;
        }
        double u = rnd.nextDouble();
        if (u < config.snapshotShare()) {
            pending.add(book.snapshot(ts, config.snapshotLevels()));
        } else if (u < config.snapshotShare() + config.marketOrderShare()) {
            Side aggressor = rnd.nextDouble() < book.buyProbability() ? Side.B : Side.S;
            double qty = 1 + Math.floor(-Math.log(1 - rnd.nextDouble()) * 6);
            fills.clear();
            book.marketOrder(ts, aggressor, qty, () -> nextTradeId++, fills);
            pending.addAll(fills);
        } else if (u < config.snapshotShare() + config.marketOrderShare() + config.cancelShare()) {
            MarketEvent cancel = book.cancelRandom(ts, rnd);
            if (cancel != null) {
                pending.add(cancel);
            }
        } else {
            pending.add(book.put(ts, nextOrderId++, rnd.nextBoolean() ? Side.B : Side.S, rnd));
        }
    }
}
