package com.supercandles.candle;

import com.supercandles.typeutils.CompactSerializer;
import com.supercandles.typeutils.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * {@link SuperCandle}, every field in a fixed order: one per candle on its way to the sinks, and in the
 * state of the operators that keep candles (the CEP sequences).
 *
 * <p>The provenance fields ride in the byte that says whether the trade figures follow (bit 0): bit 1
 * {@code gap}, bits 2 and 3 the {@link OrdersSource} bits. A candle written before they existed has only
 * bit 0 there and reads back with {@code gap} false and its orders, if any, from the venue's log, so
 * savepoints of the earlier layout restore.
 */
public final class SuperCandleSerializer extends CompactSerializer<SuperCandle> {
    private static final long serialVersionUID = 1L;

    @Override
    public SuperCandle createInstance() {
        return new SuperCandle();
    }

    @Override
    public void serialize(SuperCandle c, DataOutputView out) throws IOException {
        writeString(c.symbol, out);
        writeString(c.period, out);
        out.writeLong(c.windowStart);
        out.writeLong(c.windowEnd);
        out.writeByte((c.trades != null ? 1 : 0) | (c.gap ? 2 : 0) | sourceBits(c.ordersSource) << 2);
        writeFigureValues(c.trades, out);
        out.writeDouble(c.prOpen);
        out.writeDouble(c.prClose);
        out.writeDouble(c.prHigh);
        out.writeDouble(c.prLow);
        out.writeDouble(c.prChange);
        out.writeDouble(c.prStd);
        out.writeDouble(c.disb);
        writeFigures(c.puts, out);
        writeFigures(c.cancels, out);
        out.writeLong(c.bookSnapshots);
        writeDoubles(c.book, out);
    }

    @Override
    public SuperCandle deserialize(DataInputView in) throws IOException {
        SuperCandle c = new SuperCandle();
        c.symbol = readString(in);
        c.period = readString(in);
        c.windowStart = in.readLong();
        c.windowEnd = in.readLong();
        int flags = in.readUnsignedByte();
        c.trades = (flags & 1) != 0 ? readFigureValues(in) : null;
        c.gap = (flags & 2) != 0;
        int sources = flags >> 2 & 3;
        c.prOpen = in.readDouble();
        c.prClose = in.readDouble();
        c.prHigh = in.readDouble();
        c.prLow = in.readDouble();
        c.prChange = in.readDouble();
        c.prStd = in.readDouble();
        c.disb = in.readDouble();
        c.puts = readFigures(in);
        c.cancels = readFigures(in);
        c.bookSnapshots = in.readLong();
        c.book = readDoubles(in);
        c.ordersSource = OrdersSource.of(sources, c.puts == null || c.cancels == null ? 0 : c.puts.count + c.cancels.count);
        return c;
    }

    private static int sourceBits(String ordersSource) {
        return OrdersSource.DERIVED.equals(ordersSource) ? OrdersSource.DERIVED_BIT
                : OrdersSource.LOG.equals(ordersSource) ? OrdersSource.LOG_BIT : 0;
    }

    private static void writeFigures(FlowFigures f, DataOutputView out) throws IOException {
        out.writeBoolean(f != null);
        writeFigureValues(f, out);
    }

    private static void writeFigureValues(FlowFigures f, DataOutputView out) throws IOException {
        if (f == null) {
            return;
        }
        out.writeLong(f.count);
        out.writeLong(f.countB);
        out.writeLong(f.countS);
        out.writeDouble(f.vol);
        out.writeDouble(f.volB);
        out.writeDouble(f.volS);
        out.writeDouble(f.val);
        out.writeDouble(f.valB);
        out.writeDouble(f.valS);
        out.writeDouble(f.vwap);
        out.writeDouble(f.vwapB);
        out.writeDouble(f.vwapS);
    }

    private static FlowFigures readFigures(DataInputView in) throws IOException {
        return in.readBoolean() ? readFigureValues(in) : null;
    }

    private static FlowFigures readFigureValues(DataInputView in) throws IOException {
        FlowFigures f = new FlowFigures();
        f.count = in.readLong();
        f.countB = in.readLong();
        f.countS = in.readLong();
        f.vol = in.readDouble();
        f.volB = in.readDouble();
        f.volS = in.readDouble();
        f.val = in.readDouble();
        f.valB = in.readDouble();
        f.valS = in.readDouble();
        f.vwap = in.readDouble();
        f.vwapB = in.readDouble();
        f.vwapS = in.readDouble();
        return f;
    }

    /** Makes Flink use this serializer wherever it meets the type. */
    public static final class Factory extends CompactTypeInfo.Factory<SuperCandle> {
        public Factory() {
            super(SuperCandle.class, SuperCandleSerializer::new);
        }
    }
}
