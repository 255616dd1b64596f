package com.supercandles.sinks.clickhouse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Values in ClickHouse's RowBinary format, appended to a reusable buffer. Binary rows carry doubles
 * bit for bit: ClickHouse 18.16's text parsers (JSONEachRow, TabSeparated) round some decimals one
 * unit in the last place off, so text would not land the job's values exactly. Little-endian
 * throughout, as the format requires.
 */
public final class RowBinaryOutput extends ByteArrayOutputStream {
    public RowBinaryOutput(int initialSize) {
        super(initialSize);
    }

    /** String: LEB128 length, then UTF-8 bytes. */
    public void writeString(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeLength(bytes.length);
        write(bytes, 0, bytes.length);
    }

    /** A string's or an array's length: LEB128. */
    private void writeLength(long n) {
        while ((n & ~0x7FL) != 0) {
            write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        write((int) n);
    }

    /** Array(Float64). */
    public void writeFloat64Array(double[] vs) {
        writeLength(vs.length);
        for (double v : vs) {
            writeFloat64(v);
        }
    }

    /** Array(Nullable(Float64)) with NaN as NULL. */
    public void writeNullableFloat64Array(double[] vs) {
        writeLength(vs.length);
        for (double v : vs) {
            writeNullableFloat64(v);
        }
    }

    /** Nullable(String) with null as NULL. */
    public void writeNullableString(String s) {
        if (s == null) {
            write(1);
        } else {
            write(0);
            writeString(s);
        }
    }

    public void writeInt8(int v) {
        if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("outside Int8: " + v);
        }
        write(v & 0xFF);
    }

    public void writeUInt64(long v) {
        writeLittleEndian(v, 8);
    }

    /** DateTime: seconds since the epoch as UInt32. */
    public void writeDateTime(long epochSeconds) {
        if (epochSeconds < 0 || epochSeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("outside ClickHouse's DateTime range: " + epochSeconds + " s");
        }
        writeLittleEndian(epochSeconds, 4);
    }

    public void writeFloat64(double v) {
        writeLittleEndian(Double.doubleToRawLongBits(v), 8);
    }

    /** Nullable(Float64) with NaN as NULL (the job's "no data"). */
    public void writeNullableFloat64(double v) {
        if (Double.isNaN(v)) {
            write(1);
        } else {
            write(0);
            writeFloat64(v);
        }
    }

    /** The buffer's array, valid up to {@link #size()}: read without a copy. */
    public byte[] buffer() {
        return buf;
    }

    private void writeLittleEndian(long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            write((int) (v >>> (8 * i)) & 0xFF);
        }
    }
}
