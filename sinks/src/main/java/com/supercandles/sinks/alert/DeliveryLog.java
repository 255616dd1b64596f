package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;

import java.util.Set;

/** What became of each delivery: nothing is lost silently. Called from the delivery threads. */
public interface DeliveryLog {
    void delivered(Alert alert, AlertReceiver receiver, int attempts);

    /**
     * Delivered; {@code afterRestore}: taken up after a restore, so the process before it may have delivered
     * it too (the receiver then has it twice, with the same alert id).
     */
    default void delivered(Alert alert, AlertReceiver receiver, int attempts, boolean afterRestore) {
        delivered(alert, receiver, attempts);
    }

    void retrying(Alert alert, AlertReceiver receiver, int attempt, String reason);

    void givenUp(Alert alert, AlertReceiver receiver, int attempts, String reason);

    /** The receiver's queue was full: the alert is given up for it at once, never blocking the job. */
    default void queueFull(Alert alert, AlertReceiver receiver, int capacity) {
        givenUp(alert, receiver, 0, "queue full (" + capacity + " alerts waiting for " + receiver.name() + ")");
    }

    /**
     * A delivery taken up again after a restore: pending in the checkpoint, or in a checkpoint's alerts the
     * restore committed once more.
     */
    default void resumed(Alert alert, AlertReceiver receiver, int attemptsBefore) {
    }

    /**
     * Deliveries this log knows of from before this process ({@code receiver name|alert id}), which are
     * not made again: a restore in a new TaskManager commits its checkpoint's alerts once more.
     */
    default Set<String> deliveredBefore() {
        return Set.of();
    }
}
