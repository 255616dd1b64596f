package com.supercandles.sinks.alert;

import java.io.Serializable;
import java.time.Duration;

/** How alerts are delivered: retries with exponential backoff, a bounded queue per receiver, a drain on close. */
public final class DeliveryPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    public Duration initialBackoff = Duration.ofSeconds(1);
    public Duration maxBackoff = Duration.ofMinutes(1);
    /** Attempts before an alert is given up for a receiver, those before a restore included. */
    public int maxAttempts = 8;
    /**
     * Alerts a receiver has not acknowledged (waiting, in flight, waiting for a retry), which the sink's
     * checkpoints keep; beyond it new ones are given up at once ("queue full"), never blocking the job.
     */
    public int queueCapacity = 10_000;
    /** How long a job whose input ended waits for pending deliveries before it gives the rest up. */
    public Duration drainOnClose = Duration.ofSeconds(10);

    public Duration backoff(int attempt) {
        long ms = initialBackoff.toMillis() << Math.min(20, attempt - 1);
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }
}
