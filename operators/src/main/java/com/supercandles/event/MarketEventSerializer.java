package com.supercandles.event;

import com.supercandles.typeutils.CompactSerializer;
import com.supercandles.typeutils.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * {@link MarketEvent}, every field in a fixed order; enums by ordinal (0 for null). The {@link
 * MarketEvent#derived} mark rides in the top bit of the action's byte ({@link #DERIVED_BIT}): the layout
 * is the one of earlier releases, so their checkpoints and savepoints still restore (their bytes never
 * have that bit set: there are two actions).
 */
public final class MarketEventSerializer extends CompactSerializer<MarketEvent> {
    private static final long serialVersionUID = 1L;
    public static final MarketEventSerializer INSTANCE = new MarketEventSerializer();

    private static final EventType[] TYPES = EventType.values();
    private static final Side[] SIDES = Side.values();
    private static final OrderAction[] ACTIONS = OrderAction.values();
    static final int DERIVED_BIT = 0x80;

    @Override
    public MarketEvent createInstance() {
        return new MarketEvent();
    }

    @Override
    public void serialize(MarketEvent e, DataOutputView out) throws IOException {
        out.writeByte(ordinal(e.type));
        writeString(e.symbol, out);
        out.writeLong(e.ts);
        writeString(e.id(), out); // as text: the wire format of earlier releases
        out.writeByte(ordinal(e.side));
        out.writeByte(ordinal(e.action) | (e.derived ? DERIVED_BIT : 0));
        out.writeDouble(e.price);
        out.writeDouble(e.qty);
        writeDoubles(e.bidPrices, out);
        writeDoubles(e.bidQtys, out);
        writeDoubles(e.askPrices, out);
        writeDoubles(e.askQtys, out);
        out.writeLong(e.streamWatermark);
        out.writeLong(e.ingestTime);
    }

    @Override
    public MarketEvent deserialize(DataInputView in) throws IOException {
        MarketEvent e = new MarketEvent();
        e.type = of(TYPES, in.readUnsignedByte());
        e.symbol = readString(in);
        e.ts = in.readLong();
        e.setId(readString(in));
        e.side = of(SIDES, in.readUnsignedByte());
        int action = in.readUnsignedByte();
        e.action = of(ACTIONS, action & ~DERIVED_BIT);
        e.derived = (action & DERIVED_BIT) != 0;
        e.price = in.readDouble();
        e.qty = in.readDouble();
        e.bidPrices = readDoubles(in);
        e.bidQtys = readDoubles(in);
        e.askPrices = readDoubles(in);
        e.askQtys = readDoubles(in);
        e.streamWatermark = in.readLong();
        e.ingestTime = in.readLong();
        return e;
    }

    private static int ordinal(Enum<?> value) {
        return value == null ? 0 : value.ordinal() + 1;
    }

    private static <E> E of(E[] values, int ordinal) {
        return ordinal == 0 ? null : values[ordinal - 1];
    }

    /** Makes Flink use this serializer wherever it meets the type. */
    public static final class Factory extends CompactTypeInfo.Factory<MarketEvent> {
        public Factory() {
            super(MarketEvent.class, MarketEventSerializer::new);
        }
    }
}
