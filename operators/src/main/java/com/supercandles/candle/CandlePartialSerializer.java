package com.supercandles.candle;

import com.supercandles.event.MarketEventSerializer;
import com.supercandles.typeutils.CompactSerializer;
import com.supercandles.typeutils.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/** {@link CandlePartial}: symbol, window start, the accumulator in sections, the late event if any. */
public final class CandlePartialSerializer extends CompactSerializer<CandlePartial> {
    private static final long serialVersionUID = 1L;

    @Override
    public CandlePartial createInstance() {
        return new CandlePartial();
    }

    @Override
    public void serialize(CandlePartial p, DataOutputView out) throws IOException {
        writeString(p.symbol, out);
        out.writeLong(p.windowStart);
        out.writeBoolean(p.accumulator != null);
        if (p.accumulator != null) {
            SuperCandleAccumulatorSerializer.INSTANCE.serialize(p.accumulator, out);
        }
        out.writeBoolean(p.lateEvent != null);
        if (p.lateEvent != null) {
            MarketEventSerializer.INSTANCE.serialize(p.lateEvent, out);
        }
    }

    @Override
    public CandlePartial deserialize(DataInputView in) throws IOException {
        CandlePartial p = new CandlePartial();
        p.symbol = readString(in);
        p.windowStart = in.readLong();
        p.accumulator = in.readBoolean() ? SuperCandleAccumulatorSerializer.INSTANCE.deserialize(in) : null;
        p.lateEvent = in.readBoolean() ? MarketEventSerializer.INSTANCE.deserialize(in) : null;
        return p;
    }

    /** Makes Flink use this serializer wherever it meets the type. */
    public static final class Factory extends CompactTypeInfo.Factory<CandlePartial> {
        public Factory() {
            super(CandlePartial.class, CandlePartialSerializer::new);
        }
    }
}
