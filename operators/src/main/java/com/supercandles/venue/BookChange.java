package com.supercandles.venue;

import com.supercandles.event.Side;

import java.util.Arrays;

/**
 * The level changes of one exchange message for one symbol: each a side, a price and either the
 * level's new size ({@link #absolute}: tardis' {@code incremental_book_L2}) or a change of size (an
 * order log's put, cancel or fill). A {@link #snapshot} replaces the whole book with its levels.
 */
public final class BookChange {
    public final String symbol;
    public final long ts;
    /** Whether sizes are the levels' new sizes (true) or changes to add (false). */
    public final boolean absolute;
    /** Whether this message is a full book: the old book is dropped first. */
    public final boolean snapshot;
    /** Where it came from, for a dead letter: {@code file:line} of its first row. */
    public final String origin;
    private Side[] sides = new Side[4];
    private double[] prices = new double[4];
    private double[] sizes = new double[4];
    private int count;

    public BookChange(String symbol, long ts, boolean absolute, boolean snapshot, String origin) {
        this.symbol = symbol;
        this.ts = ts;
        this.absolute = absolute;
        this.snapshot = snapshot;
        this.origin = origin;
    }

    public BookChange add(Side side, double price, double size) {
        if (count == prices.length) {
            sides = Arrays.copyOf(sides, count * 2);
            prices = Arrays.copyOf(prices, count * 2);
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        sides[count] = side;
        prices[count] = price;
        sizes[count] = size;
        count++;
        return this;
    }

    public int size() {
        return count;
    }

    public Side side(int i) {
        return sides[i];
    }

    public double price(int i) {
        return prices[i];
    }

    /** The new size ({@link #absolute}) or the change of size. */
    public double amount(int i) {
        return sizes[i];
    }
}
