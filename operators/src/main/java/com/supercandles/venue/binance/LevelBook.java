package com.supercandles.venue.binance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** A price-level book: absolute quantity per price, bids best (highest) first, asks best (lowest) first. */
public final class LevelBook {
    private final NavigableMap<Double, Double> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Double, Double> asks = new TreeMap<>();

    /** Sets a level's quantity (0 removes it) and returns what it was (0 for an absent level). */
    public double set(boolean bid, double price, double qty) {
        NavigableMap<Double, Double> side = bid ? bids : asks;
        Double before = qty == 0 ? side.remove(price) : side.put(price, qty);
        return before == null ? 0 : before;
    }

    public void clear() {
        bids.clear();
        asks.clear();
    }

    public boolean isEmpty() {
        return bids.isEmpty() && asks.isEmpty();
    }

    /** The best {@code depth} levels of a side as {@code [price, qty]} pairs, best first. */
    public double[][] top(boolean bid, int depth) {
        NavigableMap<Double, Double> side = bid ? bids : asks;
        int n = Math.min(depth, side.size());
        double[][] out = new double[n][];
        int i = 0;
        for (Map.Entry<Double, Double> level : side.entrySet()) {
            if (i == n) {
                break;
            }
            out[i++] = new double[] {level.getKey(), level.getValue()};
        }
        return out;
    }

    /** Every level of a side, best first, as {@code "price qty"} lines (for comparisons level by level). */
    public List<String> levels(boolean bid) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<Double, Double> level : (bid ? bids : asks).entrySet()) {
            out.add(level.getKey() + " " + level.getValue());
        }
        return out;
    }

    /** Best bid at or above best ask: the venue never shows this, so the book is wrong. */
    public boolean crossed() {
        return !bids.isEmpty() && !asks.isEmpty() && bids.firstKey() >= asks.firstKey();
    }
}
