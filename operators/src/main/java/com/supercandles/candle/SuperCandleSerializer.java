package com.supercandles.candle;

import com.supercandles.typeutils.CompactSerializer;
import com.supercandles.typeutils.CompactTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

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

    @Override
    public TypeSerializerSnapshot<SuperCandle> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer has no configuration: its snapshot only names it. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SuperCandle> {
        public Snapshot() {
            super(SuperCandleSerializer::new);
        }
    }

    /** Makes Flink use this serializer wherever it meets the type. */
    public static final class Factory extends TypeInfoFactory<SuperCandle> {
        @Override
        public TypeInformation<SuperCandle> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return new CompactTypeInfo<>(SuperCandle.class, SuperCandleSerializer::new);
        }
    }
}
