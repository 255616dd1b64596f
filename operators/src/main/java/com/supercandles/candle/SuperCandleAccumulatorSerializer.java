package com.supercandles.candle;

import com.supercandles.typeutils.CompactSerializer;
import com.supercandles.typeutils.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * {@link SuperCandleAccumulator} in sections, each written only when it differs from a new
 * accumulator's: a partial of a trades-only window is the trade flow and the price statistics, not
 * the empty order and book sums.
 */
public final class SuperCandleAccumulatorSerializer extends CompactSerializer<SuperCandleAccumulator> {
    private static final long serialVersionUID = 1L;
    public static final SuperCandleAccumulatorSerializer INSTANCE = new SuperCandleAccumulatorSerializer();

    private static final int TRADES = 1;
    private static final int PRICES = 2;
    private static final int PUTS = 4;
    private static final int CANCELS = 8;
    private static final int BOOK = 16;
    // The orders' sources are two bits of the section byte with nothing after them: state written before
    // they existed reads back with neither set (OrdersSource then calls its orders "log").
    private static final int LOG_ORDERS = 32;
    private static final int DERIVED_ORDERS = 64;

    private static final SuperCandleAccumulator NEW = new SuperCandleAccumulator();

    @Override
    public SuperCandleAccumulator createInstance() {
        return new SuperCandleAccumulator();
    }

    @Override
    public void serialize(SuperCandleAccumulator a, DataOutputView out) throws IOException {
        int sections = (isNew(a.trades) ? 0 : TRADES) | (hasNewPrices(a) ? 0 : PRICES)
                | (isNew(a.puts) ? 0 : PUTS) | (isNew(a.cancels) ? 0 : CANCELS) | (isNew(a.book) ? 0 : BOOK)
                | ((a.ordersSources & OrdersSource.LOG_BIT) != 0 ? LOG_ORDERS : 0)
                | ((a.ordersSources & OrdersSource.DERIVED_BIT) != 0 ? DERIVED_ORDERS : 0);
        out.writeByte(sections);
        if ((sections & TRADES) != 0) {
            writeFlow(a.trades, out);
        }
        if ((sections & PRICES) != 0) {
            out.writeLong(a.openTs);
            out.writeDouble(a.open);
            out.writeLong(a.closeTs);
            out.writeDouble(a.close);
            out.writeDouble(a.high);
            out.writeDouble(a.low);
            out.writeDouble(a.priceMean);
            out.writeDouble(a.priceM2);
        }
        if ((sections & PUTS) != 0) {
            writeFlow(a.puts, out);
        }
        if ((sections & CANCELS) != 0) {
            writeFlow(a.cancels, out);
        }
        if ((sections & BOOK) != 0) {
            out.writeLong(a.book.snapshots);
            out.writeInt(a.book.sums.length);
            for (int i = 0; i < a.book.sums.length; i++) {
                out.writeDouble(a.book.sums[i]);
                out.writeLong(a.book.counts[i]);
            }
        }
    }

    @Override
    public SuperCandleAccumulator deserialize(DataInputView in) throws IOException {
        SuperCandleAccumulator a = new SuperCandleAccumulator();
        int sections = in.readUnsignedByte();
        a.ordersSources = ((sections & LOG_ORDERS) != 0 ? OrdersSource.LOG_BIT : 0)
                | ((sections & DERIVED_ORDERS) != 0 ? OrdersSource.DERIVED_BIT : 0);
        if ((sections & TRADES) != 0) {
            readFlow(a.trades, in);
        }
        if ((sections & PRICES) != 0) {
            a.openTs = in.readLong();
            a.open = in.readDouble();
            a.closeTs = in.readLong();
            a.close = in.readDouble();
            a.high = in.readDouble();
            a.low = in.readDouble();
            a.priceMean = in.readDouble();
            a.priceM2 = in.readDouble();
        }
        if ((sections & PUTS) != 0) {
            readFlow(a.puts, in);
        }
        if ((sections & CANCELS) != 0) {
            readFlow(a.cancels, in);
        }
        if ((sections & BOOK) != 0) {
            a.book.snapshots = in.readLong();
            int metrics = in.readInt();
            a.book.sums = new double[metrics];
            a.book.counts = new long[metrics];
            for (int i = 0; i < metrics; i++) {
                a.book.sums[i] = in.readDouble();
                a.book.counts[i] = in.readLong();
            }
        }
        return a;
    }

    private static void writeFlow(SidedFlow f, DataOutputView out) throws IOException {
        out.writeLong(f.countB);
        out.writeLong(f.countS);
        out.writeDouble(f.volB);
        out.writeDouble(f.volS);
        out.writeDouble(f.valB);
        out.writeDouble(f.valS);
    }

    private static void readFlow(SidedFlow f, DataInputView in) throws IOException {
        f.countB = in.readLong();
        f.countS = in.readLong();
        f.volB = in.readDouble();
        f.volS = in.readDouble();
        f.valB = in.readDouble();
        f.valS = in.readDouble();
    }

    // "New" compares bit patterns, so that a section left out reads back bit for bit (even -0.0).
    private static boolean isNew(SidedFlow f) {
        return f.countB == 0 && f.countS == 0 && zero(f.volB) && zero(f.volS) && zero(f.valB) && zero(f.valS);
    }

    private static boolean isNew(BookStats b) {
        if (b.snapshots != 0 || b.sums.length != NEW.book.sums.length || b.counts.length != b.sums.length) {
            return false;
        }
        for (int i = 0; i < b.sums.length; i++) {
            if (!zero(b.sums[i]) || b.counts[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNewPrices(SuperCandleAccumulator a) {
        return a.openTs == NEW.openTs && a.closeTs == NEW.closeTs && same(a.open, NEW.open) && same(a.close, NEW.close)
                && same(a.high, NEW.high) && same(a.low, NEW.low) && same(a.priceMean, NEW.priceMean)
                && same(a.priceM2, NEW.priceM2);
    }

    private static boolean zero(double v) {
        return Double.doubleToRawLongBits(v) == 0L;
    }

    private static boolean same(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    /** Makes Flink use this serializer wherever it meets the type. */
    public static final class Factory extends CompactTypeInfo.Factory<SuperCandleAccumulator> {
        public Factory() {
            super(SuperCandleAccumulator.class, SuperCandleAccumulatorSerializer::new);
        }
    }
}
