package com.supercandles.jobs.demo;

import com.supercandles.jobs.kafka.MarketFeed;

import com.supercandles.event.EventJson;
import com.supercandles.event.EventType;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.OrderAction;
import com.supercandles.event.Side;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Trouble on purpose, for the demo's watchdogs: one symbol's book feed pauses for a while (STALE, then
 * RECOVERED), and one symbol's order log is flooded with puts for a few seconds (an order-rate alert),
 * both within the first two minutes. Times count from the first event.
 */
final class DemoIncidents implements Iterator<MarketFeed.Line> {
    static final long PAUSE_FROM_MS = 20_000;
    static final long PAUSE_TO_MS = 50_000;
    static final long FLOOD_FROM_MS = 60_000;
    static final long FLOOD_TO_MS = 70_000;
    /** Extra puts per simulated event during the flood. */
    static final int FLOOD_FACTOR = 5;

    private final Iterator<MarketFeed.Line> market;
    private final String paused;
    private final String flooded;
    private final ArrayDeque<MarketFeed.Line> pending = new ArrayDeque<>();
    private long first = Long.MIN_VALUE;
    private long floodOrders;
    /** The flooded symbol's latest price seen, so the flood's orders look like its market. */
    private double price = 1;
    private static final java.util.regex.Pattern PRICE = java.util.regex.Pattern.compile("\"price\":([0-9.eE+-]+)");

    DemoIncidents(Iterator<MarketFeed.Line> market, String paused, String flooded) {
        this.market = market;
        this.paused = paused;
        this.flooded = flooded;
    }

    @Override
    public boolean hasNext() {
        return !pending.isEmpty() || market.hasNext();
    }

    @Override
    public MarketFeed.Line next() {
        while (pending.isEmpty()) {
            MarketFeed.Line line = market.next();
            if (first == Long.MIN_VALUE) {
                first = line.ts;
            }
            long at = line.ts - first;
            if (line.stream == EventType.BOOK && line.symbol.equals(paused) && at >= PAUSE_FROM_MS && at < PAUSE_TO_MS) {
                continue; // the paused feed
            }
            pending.add(line);
            if (line.symbol.equals(flooded)) {
                java.util.regex.Matcher m = PRICE.matcher(line.json);
                if (m.find()) {
                    price = Double.parseDouble(m.group(1));
                }
            }
            if (at >= FLOOD_FROM_MS && at < FLOOD_TO_MS) {
                for (int i = 0; i < FLOOD_FACTOR; i++) {
                    MarketEvent put = MarketEvent.order(flooded, line.ts, "flood-" + floodOrders++, OrderAction.PUT,
                            Side.B, price, 1);
                    pending.add(new MarketFeed.Line(EventType.ORDER, flooded, EventJson.toJson(put), line.ts));
                }
            }
        }
        return pending.poll();
    }
}
