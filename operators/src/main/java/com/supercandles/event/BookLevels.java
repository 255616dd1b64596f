package com.supercandles.event;

import java.util.Arrays;

/** One side of a book snapshot as read, {@code [[price, qty], ...]} in primitive arrays, reusable. */
final class BookLevels {
    double[] prices = new double[32];
    double[] qtys = new double[32];
    int size;

    void clear() {
        size = 0;
    }

    void add(double price, double qty) {
        if (size == prices.length) {
            prices = Arrays.copyOf(prices, size * 2);
            qtys = Arrays.copyOf(qtys, size * 2);
        }
        prices[size] = price;
        qtys[size] = qty;
        size++;
    }

    /** Whether a level's figures are acceptable: finite and positive. */
    static boolean validLevel(double price, double qty) {
        return Double.isFinite(price) && price > 0 && Double.isFinite(qty) && qty > 0;
    }

    void checkSorted(String name, boolean descending) throws InvalidEventException {
        for (int i = 1; i < size; i++) {
            boolean ordered = descending ? prices[i] < prices[i - 1] : prices[i] > prices[i - 1];
            if (!ordered) {
                throw new InvalidEventException("unsorted book: " + name + " must be strictly "
                        + (descending ? "descending" : "ascending") + " by price, but level " + (i + 1)
                        + " (" + prices[i] + ") follows " + prices[i - 1]);
            }
        }
    }

    double[] prices() {
        return Arrays.copyOf(prices, size);
    }

    double[] qtys() {
        return Arrays.copyOf(qtys, size);
    }
}
