package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;

/** What became of each delivery: nothing is lost silently. Called from the delivery threads. */
public interface DeliveryLog {
    void delivered(Alert alert, AlertReceiver receiver, int attempts);

    void retrying(Alert alert, AlertReceiver receiver, int attempt, String reason);

    void givenUp(Alert alert, AlertReceiver receiver, int attempts, String reason);
}
