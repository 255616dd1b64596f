package com.supercandles.simulator;

import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.Side;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The limit-order book of one simulated instrument: price-time priority on an integer tick grid.
 * Orders rest until cancelled or filled by market orders; every change is reported as the events
 * an exchange would publish (order-log entries and trades), and a snapshot shows its levels.
 */
final class SimulatedBook {
    private static final class Order {
        final long id;
        final Side side;
        final long tick;
        double qty;
        int liveIndex;

        Order(long id, Side side, long tick, double qty) {
            this.id = id;
            this.side = side;
            this.tick = tick;
            this.qty = qty;
        }
    }

    private final String symbol;
    private final double tickSize;
    private final long ticksPerUnit;
    /** Bids keyed by tick, best (highest) first. */
    private final NavigableMap<Long, ArrayDeque<Order>> bids = new TreeMap<>((a, b) -> Long.compare(b, a));
    /** Asks keyed by tick, best (lowest) first. */
    private final NavigableMap<Long, ArrayDeque<Order>> asks = new TreeMap<>();
    /** Resting orders, for picking one to cancel in O(1). */
    private final List<Order> live = new ArrayList<>();
    private double fairTick;

    SimulatedBook(String symbol, double tickSize, long initialTick) {
        this.symbol = symbol;
        this.tickSize = tickSize;
        double perUnit = 1 / tickSize;
        this.ticksPerUnit = Math.abs(perUnit - Math.rint(perUnit)) < 1e-9 ? Math.round(perUnit) : 0;
        this.fairTick = initialTick;
    }

    /** The price of a tick index, exact to the double nearest to the decimal price. */
    double price(long tick) {
        return ticksPerUnit > 0 ? tick / (double) ticksPerUnit : tick * tickSize;
    }

    int levels(Side side) {
        return (side == Side.B ? bids : asks).size();
    }

    /** Moves the fair value a little: a random walk in ticks, the source of price trends. */
    void drift(SplittableRandom rnd) {
        fairTick = Math.max(10, fairTick + rnd.nextGaussian() * 0.3);
    }

    /** Places a passive limit order on {@code side} that does not cross the other side. */
    MarketEvent put(long ts, long orderId, Side side, SplittableRandom rnd) {
        long depth = (long) Math.floor(-Math.log(1 - rnd.nextDouble()) * 6); // geometric-ish, mean 6 ticks
        long tick;
        if (side == Side.B) {
            long ceiling = asks.isEmpty() ? Math.round(fairTick) : asks.firstKey() - 1;
            tick = Math.min(ceiling, Math.round(fairTick) - 1) - depth;
        } else {
            long floor = bids.isEmpty() ? Math.round(fairTick) : bids.firstKey() + 1;
            tick = Math.max(floor, Math.round(fairTick) + 1) + depth;
        }
        tick = Math.max(1, tick);
        double qty = 1 + Math.floor(-Math.log(1 - rnd.nextDouble()) * 5);
        Order order = new Order(orderId, side, tick, qty);
        (side == Side.B ? bids : asks).computeIfAbsent(tick, t -> new ArrayDeque<>()).addLast(order);
        order.liveIndex = live.size();
        live.add(order);
        return MarketEvent.order(symbol, ts, Long.toString(orderId), OrderAction.PUT, side, price(tick), qty);
    }

    /** Withdraws a random resting order; null when the book is empty. */
    MarketEvent cancelRandom(long ts, SplittableRandom rnd) {
        if (live.isEmpty()) {
            return null;
        }
        Order order = live.get(rnd.nextInt(live.size()));
        NavigableMap<Long, ArrayDeque<Order>> side = order.side == Side.B ? bids : asks;
        ArrayDeque<Order> level = side.get(order.tick);
        level.remove(order);
        if (level.isEmpty()) {
            side.remove(order.tick);
        }
        forget(order);
        return MarketEvent.order(symbol, ts, Long.toString(order.id), OrderAction.CANCEL, order.side,
                price(order.tick), order.qty);
    }

    /**
     * Sends a market order of {@code aggressor} side for {@code qty}: it takes resting orders of the
     * other side in price-time priority, one trade per order it meets, all at the same {@code ts}.
     */
    void marketOrder(long ts, Side aggressor, double qty, LongSupplier tradeIds, List<MarketEvent> out) {
        NavigableMap<Long, ArrayDeque<Order>> book = aggressor == Side.B ? asks : bids;
        double left = qty;
        Iterator<Map.Entry<Long, ArrayDeque<Order>>> levels = book.entrySet().iterator();
        while (left > 0 && levels.hasNext()) {
            Map.Entry<Long, ArrayDeque<Order>> level = levels.next();
            ArrayDeque<Order> orders = level.getValue();
            while (left > 0 && !orders.isEmpty()) {
                Order resting = orders.peekFirst();
                double fill = Math.min(left, resting.qty);
                out.add(MarketEvent.trade(symbol, ts, Long.toString(tradeIds.getAsLong()), price(level.getKey()),
                        fill, aggressor));
                left -= fill;
                resting.qty -= fill;
                if (resting.qty <= 0) {
                    orders.pollFirst();
                    forget(resting);
                }
            }
            if (orders.isEmpty()) {
                levels.remove();
            }
        }
    }

    /** Which side an aggressor is more likely on: buyers when the fair value is above the mid. */
    double buyProbability() {
        if (bids.isEmpty() || asks.isEmpty()) {
            return 0.5;
        }
        double mid = (bids.firstKey() + asks.firstKey()) / 2.0;
        return Math.max(0.15, Math.min(0.85, 0.5 + (fairTick - mid) * 0.1));
    }

    /** The visible book: up to {@code depth} aggregated levels a side. */
    MarketEvent snapshot(long ts, int depth) {
        int nb = Math.min(depth, bids.size());
        int na = Math.min(depth, asks.size());
        double[] bp = new double[nb];
        double[] bq = new double[nb];
        double[] ap = new double[na];
        double[] aq = new double[na];
        fill(bids, bp, bq);
        fill(asks, ap, aq);
        return MarketEvent.book(symbol, ts, bp, bq, ap, aq);
    }

    private void fill(NavigableMap<Long, ArrayDeque<Order>> side, double[] prices, double[] qtys) {
        int i = 0;
        for (Map.Entry<Long, ArrayDeque<Order>> level : side.entrySet()) {
            if (i == prices.length) {
                break;
            }
            double total = 0;
            for (Order o : level.getValue()) {
                total += o.qty;
            }
            prices[i] = price(level.getKey());
            qtys[i] = total;
            i++;
        }
    }

    private void forget(Order order) {
        Order last = live.remove(live.size() - 1);
        if (last != order) {
            live.set(order.liveIndex, last);
            last.liveIndex = order.liveIndex;
        }
    }
}
