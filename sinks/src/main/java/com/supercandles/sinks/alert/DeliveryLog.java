package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;

import java.util.Set;

/** What became of each delivery: nothing is lost silently. Called from the delivery threads. */
public interface DeliveryLog {
    void delivered(Alert alert, AlertReceiver receiver, int attempts);

    void retrying(Alert alert, AlertReceiver receiver, int attempt, String reason);

    void givenUp(Alert alert, AlertReceiver receiver, int attempts, String reason);

    /**
     * Deliveries this log knows of from before this process ({@code receiver name|alert id}), which are
     * not made again: a restore in a new TaskManager commits its checkpoint's alerts once more.
     */
    default Set<String> deliveredBefore() {
        return Set.of();
    }
}
