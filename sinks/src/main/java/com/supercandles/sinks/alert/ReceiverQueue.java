package com.supercandles.sinks.alert;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One receiver's deliveries: the alerts it has not acknowledged (bounded by the policy's queue size, the
 * set a checkpoint keeps) and one thread that tries them in order of when each is due. A failed attempt
 * is due again after its backoff; the thread does not wait for it, so a retry never holds up newer
 * alerts, and a slow or dead receiver delays only its own alerts.
 */
final class ReceiverQueue {
    private final AlertReceiver receiver;
    private final DeliveryPolicy policy;
    private final DeliveryLog log;
    private final HttpClient http;
    /** {@code receiver name|alert id} of every delivery made, shared with the other receivers' queues. */
    private final Set<String> delivered;
    /** Alert id to delivery, in the order they came: added by the task thread, removed by the sender. */
    private final Map<String, PendingDelivery> pending = new LinkedHashMap<>();
    private final DelayQueue<Due> due = new DelayQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Thread sender;
    private volatile boolean stopped;

    ReceiverQueue(AlertReceiver receiver, DeliveryPolicy policy, DeliveryLog log, HttpClient http, Set<String> delivered) {
        this.receiver = receiver;
        this.policy = policy;
        this.log = log;
        this.http = http;
        this.delivered = delivered;
        this.sender = new Thread(this::sendLoop, "alerts-to-" + receiver.name());
        sender.setDaemon(true);
        sender.start();
    }

    AlertReceiver receiver() {
        return receiver;
    }

    private String key(PendingDelivery d) {
        return receiver.name() + '|' + d.alert.alertId;
    }

    boolean wasDelivered(String alertId) {
        return delivered.contains(receiver.name() + '|' + alertId);
    }

    /**
     * Queues {@code d}, due at once; never blocks. A full queue gives it up at once (said in the log and
     * counted); an alert already waiting for this receiver is not queued twice.
     */
    void offer(PendingDelivery d) {
        synchronized (pending) {
            if (pending.containsKey(d.alert.alertId)) {
                return;
            }
            if (pending.size() >= policy.queueCapacity) {
                log.queueFull(d.alert, receiver, policy.queueCapacity);
                return;
            }
            pending.put(d.alert.alertId, d);
        }
        due.put(new Due(d, System.nanoTime(), sequence.getAndIncrement()));
    }

    /** What a checkpoint keeps: every delivery not acknowledged yet, in the order the alerts came. */
    List<PendingDelivery> pending() {
        synchronized (pending) {
            return new ArrayList<>(pending.values());
        }
    }

    int size() {
        synchronized (pending) {
            return pending.size();
        }
    }

    private void done(PendingDelivery d) {
        synchronized (pending) {
            pending.remove(d.alert.alertId);
        }
    }

    private void sendLoop() {
        try {
            while (!stopped) {
                attempt(due.take().delivery);
            }
        } catch (InterruptedException stopping) {
            // what is pending stays pending: the last checkpoint has it
        }
    }

    private void attempt(PendingDelivery d) throws InterruptedException {
        int attempt = d.attempts + 1;
        String reason;
        try {
            HttpResponse<String> response = http.send(receiver.request(d.alert), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                delivered.add(key(d));
                done(d);
                log.delivered(d.alert, receiver, attempt, d.afterRestore);
                return;
            }
            String body = response.body() == null ? "" : response.body();
            reason = "HTTP " + response.statusCode() + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length())));
        } catch (IOException | RuntimeException e) {
            reason = inWords(e);
        }
        if (stopped) {
            return; // the failure was the stop's: the delivery stays pending, in the last checkpoint
        }
        reason = receiver.redact(reason);
        d.attempts = attempt;
        if (attempt >= policy.maxAttempts) {
            done(d);
            log.givenUp(d.alert, receiver, attempt, reason);
            return;
        }
        log.retrying(d.alert, receiver, attempt, reason);
        due.put(new Due(d, System.nanoTime() + policy.backoff(attempt).toNanos(), sequence.getAndIncrement()));
    }

    /** The kind of failure in words (no class names reach an operator), then what it said. */
    private static String inWords(Exception e) {
        return e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT)
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Stops the thread; nothing is given up (the deliveries stay in the last checkpoint). */
    void stop() throws InterruptedException {
        stopped = true;
        sender.interrupt();
        sender.join(5_000);
    }

    /** Gives up what is still pending, with {@code reason}: the job ended and no checkpoint will resume it. */
    void giveUpPending(String reason) {
        for (PendingDelivery d : pending()) {
            done(d);
            log.givenUp(d.alert, receiver, d.attempts, reason);
        }
    }

    /** A delivery and when it is due. */
    private static final class Due implements Delayed {
        final PendingDelivery delivery;
        final long atNanos;
        /** Ties keep the order alerts came in (a FIRING before its RESOLVED). */
        final long sequence;

        Due(PendingDelivery delivery, long atNanos, long sequence) {
            this.delivery = delivery;
            this.atNanos = atNanos;
            this.sequence = sequence;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Due o = (Due) other;
            int byTime = Long.compare(atNanos - o.atNanos, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
        }
    }
}
