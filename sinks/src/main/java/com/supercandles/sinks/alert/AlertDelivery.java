package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;

/** One delivery state of one alert at one receiver: a row of the {@code alert_deliveries} table. */
public final class AlertDelivery {
    public static final String DELIVERED = "delivered";
    public static final String RETRYING = "retrying";
    public static final String GIVEN_UP = "given_up";

    public final Alert alert;
    public final String receiver;
    /** {@link #DELIVERED}, {@link #RETRYING} or {@link #GIVEN_UP}. */
    public final String delivery;
    public final int attempts;
    /** Why the last attempt failed; when delivered "", or that it was after a restore (a repeat is possible). */
    public final String reason;
    public final long updatedAt;

    public AlertDelivery(Alert alert, String receiver, String delivery, int attempts, String reason, long updatedAt) {
        this.alert = alert;
        this.receiver = receiver;
        this.delivery = delivery;
        this.attempts = attempts;
        this.reason = reason == null ? "" : reason;
        this.updatedAt = updatedAt;
    }

    /**
     * Grows with every update of one (alert, receiver): the update time, then the attempt, then final
     * over retrying (ms ties happen), so the table's FINAL keeps the latest state.
     */
    public long version() {
        return updatedAt * 64 + Math.min(attempts, 31) * 2L + (delivery.equals(RETRYING) ? 0 : 1);
    }
}
