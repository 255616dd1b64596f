package com.supercandles.candle;

import com.supercandles.typeutils.CompactSerializer;
import com.supercandles.typeutils.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** {@link SuperCandle}, every field in a fixed order: one per candle on its way to the sinks. */
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
        writeFigures(c.trades, out);
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
        c.trades = readFigures(in);
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
        return c;
    }

    private static void writeFigures(FlowFigures f, DataOutputView out) throws IOException {
        out.writeBoolean(f != null);
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
        if (!in.readBoolean()) {
            return null;
        }
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
