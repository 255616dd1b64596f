package com.supercandles.alert;

import com.supercandles.typeutils.CompactSerializer;
import com.supercandles.typeutils.CompactTypeInfo;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * {@link TradeKeysEntry} with its keys as differences from the one before, in zig-zag variable-length
 * form: a venue numbers a symbol's trades in order, so consecutive keys differ by a few units and take
 * one or two bytes instead of eight (hashed text ids take up to ten). It keeps the filter's share of a
 * checkpoint about that of the earlier text layout's ids less the strings' overhead.
 */
public final class TradeKeysEntrySerializer extends CompactSerializer<TradeKeysEntry> {
    private static final long serialVersionUID = 1L;

    @Override
    public TradeKeysEntry createInstance() {
        return new TradeKeysEntry();
    }

    @Override
    public void serialize(TradeKeysEntry e, DataOutputView out) throws IOException {
        writeString(e.symbol, out);
        out.writeBoolean(e.firing);
        out.writeLong(e.lastFiring);
        long[] keys = e.keys == null ? new long[0] : e.keys;
        writeVarLong(keys.length, out);
        long previous = 0;
        for (long k : keys) {
            long delta = k - previous;
            writeVarLong((delta << 1) ^ (delta >> 63), out);
            previous = k;
        }
    }

    @Override
    public TradeKeysEntry deserialize(DataInputView in) throws IOException {
        TradeKeysEntry e = new TradeKeysEntry();
        e.symbol = readString(in);
        e.firing = in.readBoolean();
        e.lastFiring = in.readLong();
        int n = (int) readVarLong(in);
        e.keys = new long[n];
        long previous = 0;
        for (int i = 0; i < n; i++) {
            long zigzag = readVarLong(in);
            previous += (zigzag >>> 1) ^ -(zigzag & 1);
            e.keys[i] = previous;
        }
        return e;
    }

    private static void writeVarLong(long v, DataOutputView out) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVarLong(DataInputView in) throws IOException {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
    }

    /** Makes Flink use this serializer wherever it meets the type. */
    public static final class Factory extends CompactTypeInfo.Factory<TradeKeysEntry> {
        public Factory() {
            super(TradeKeysEntry.class, TradeKeysEntrySerializer::new);
        }
    }
}
