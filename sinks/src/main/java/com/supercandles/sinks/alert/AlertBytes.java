package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An alert as bytes in a checkpoint: every field, in a fixed order. The committed batches and the pending
 * deliveries both use it; its layout is that of the batches' version 1, so checkpoints taken before the
 * pending deliveries were kept still restore.
 */
final class AlertBytes {
    /** Longer strings are cut: {@code writeUTF} takes at most 65,535 bytes, and no message is that long. */
    private static final int MAX_CHARS = 20_000;

    private AlertBytes() {}

    static void write(Alert a, DataOutput out) throws IOException {
        for (String s : new String[] {a.alertId, a.rule, a.symbol, a.stream, a.severity, a.state, a.message}) {
            out.writeBoolean(s != null);
            if (s != null) {
                out.writeUTF(s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s);
            }
        }
        out.writeDouble(a.value);
        out.writeDouble(a.threshold);
        out.writeLong(a.eventTime);
        out.writeLong(a.emittedAt);
    }

    static Alert read(DataInput in) throws IOException {
        Alert a = new Alert();
        String[] s = new String[7];
        for (int k = 0; k < s.length; k++) {
            s[k] = in.readBoolean() ? in.readUTF() : null;
        }
        a.alertId = s[0];
        a.rule = s[1];
        a.symbol = s[2];
        a.stream = s[3];
        a.severity = s[4];
        a.state = s[5];
        a.message = s[6];
        a.value = in.readDouble();
        a.threshold = in.readDouble();
        a.eventTime = in.readLong();
        a.emittedAt = in.readLong();
        return a;
    }
}
