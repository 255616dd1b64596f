package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One committed alert that one receiver has not acknowledged yet. The sink's checkpoints keep these until
 * the receiver answers 2xx (or the alert is given up), so a TaskManager that dies while retrying does not
 * take them along: the next one restores and resumes them.
 */
public final class PendingDelivery {
    private static final int VERSION = 1;

    public final Alert alert;
    public final String receiver;
    /** Failed attempts so far, by this process or by the one before a restore (the policy's limit counts them all). */
    volatile int attempts;
    /**
     * Taken up after a restore: the process before it may have delivered the alert after the checkpoint and
     * before it died, so the receiver may get it twice (with the same {@code alert_id}).
     */
    final boolean afterRestore;

    PendingDelivery(Alert alert, String receiver, int attempts, boolean afterRestore) {
        this.alert = alert;
        this.receiver = receiver;
        this.attempts = attempts;
        this.afterRestore = afterRestore;
    }

    public int attempts() {
        return attempts;
    }

    byte[] toBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeUTF(receiver);
            out.writeInt(attempts);
            AlertBytes.write(alert, out);
        }
        return bytes.toByteArray();
    }

    /** A delivery read from a checkpoint: resumed after a restore. */
    static PendingDelivery restored(byte[] bytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("unknown pending alert delivery version " + version);
            }
            String receiver = in.readUTF();
            int attempts = in.readInt();
            return new PendingDelivery(AlertBytes.read(in), receiver, attempts, true);
        }
    }
}
