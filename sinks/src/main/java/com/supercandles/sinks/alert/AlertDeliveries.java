package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends alerts to the receivers with the JDK's HttpClient: one {@link ReceiverQueue} per receiver (its own
 * thread and bounded queue: a slow or dead receiver delays only its own alerts), retries with exponential
 * backoff, and an outcome for every alert and receiver in the {@link DeliveryLog}. {@link #submit} never
 * blocks: a full queue gives the alert up, with that reason.
 *
 * <p>What is not acknowledged yet is {@link #pending()}: the sink keeps it in its checkpoints and a
 * restore {@link #resume}s it, so a lost process loses no delivery. An alert id delivered to a receiver
 * is not sent to it again: remembered in the JVM (a restart in the same TaskManager), and loaded from the
 * log's record ({@link DeliveryLog#deliveredBefore}) when the process is new.
 */
public final class AlertDeliveries implements AutoCloseable {
    private static final int REMEMBERED_IDS = 100_000;

    /**
     * Alert ids delivered per receiver, per delivery scope (one job's sink), kept in the JVM: a restore
     * resumes the checkpoint's pending deliveries and commits its alerts again, and this keeps those this
     * process already made from being sent twice.
     */
    private static final Map<String, Set<String>> DELIVERED = new ConcurrentHashMap<>();

    private final DeliveryPolicy policy;
    private final DeliveryLog log;
    private final Set<String> delivered;
    private final Map<String, ReceiverQueue> queues = new LinkedHashMap<>();

    public AlertDeliveries(List<AlertReceiver> receivers, DeliveryPolicy policy, DeliveryLog log) {
        this(java.util.UUID.randomUUID().toString(), receivers, policy, log);
    }

    /** @param scope what identifies one job's deliveries across its restarts (its sink) */
    public AlertDeliveries(String scope, List<AlertReceiver> receivers, DeliveryPolicy policy, DeliveryLog log) {
        this.delivered = DELIVERED.computeIfAbsent(scope, s -> Collections.newSetFromMap(Collections.synchronizedMap(
                new LinkedHashMap<>(1024, 0.75f, false) {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                        return size() > REMEMBERED_IDS;
                    }
                })));
        this.delivered.addAll(log.deliveredBefore());
        this.policy = policy;
        this.log = log;
        HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
        for (AlertReceiver r : receivers) {
            queues.put(r.name(), new ReceiverQueue(r, policy, log, http, delivered));
        }
    }

    /** Queues {@code alert} for every receiver that wants it; returns at once. */
    public void submit(Alert alert) {
        submit(alert, false);
    }

    /**
     * Queues {@code alert} for every receiver that wants it and has not had it; returns at once.
     * {@code afterRestore}: committed once more by a restore, so the process before it may have sent it.
     */
    public void submit(Alert alert, boolean afterRestore) {
        for (ReceiverQueue q : queues.values()) {
            if (q.receiver().accepts(alert) && !q.wasDelivered(alert.alertId)) {
                if (afterRestore) {
                    log.resumed(alert, q.receiver(), 0);
                }
                q.offer(new PendingDelivery(alert, q.receiver().name(), 0, afterRestore));
            }
        }
    }

    /**
     * Takes up a delivery a checkpoint kept, with its attempts so far; returns false when it is not made:
     * its receiver is no longer configured (or no longer wants the alert), or this process delivered it.
     */
    public boolean resume(PendingDelivery d) {
        ReceiverQueue q = queues.get(d.receiver);
        if (q == null || !q.receiver().accepts(d.alert) || q.wasDelivered(d.alert.alertId)) {
            return false;
        }
        log.resumed(d.alert, q.receiver(), d.attempts);
        q.offer(d);
        return true;
    }

    /** Every delivery not acknowledged yet (queued, waiting for a retry or in flight): what a checkpoint keeps. */
    public List<PendingDelivery> pending() {
        List<PendingDelivery> all = new ArrayList<>();
        for (ReceiverQueue q : queues.values()) {
            all.addAll(q.pending());
        }
        return all;
    }

    public int pendingCount() {
        int n = 0;
        for (ReceiverQueue q : queues.values()) {
            n += q.size();
        }
        return n;
    }

    /**
     * Stops sending without giving anything up: for a job that stops or fails, whose last checkpoint keeps
     * the pending deliveries for the restart. Returns how many were pending.
     */
    public int stop() throws InterruptedException {
        for (ReceiverQueue q : queues.values()) {
            q.stop();
        }
        return pendingCount();
    }

    /**
     * For a job that ended (no checkpoint will resume anything): waits up to the policy's drain time for
     * the pending deliveries, then gives the rest up (each with its reason in the log).
     */
    @Override
    public void close() throws InterruptedException {
        long deadline = System.nanoTime() + policy.drainOnClose.toNanos();
        while (pendingCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        stop();
        for (ReceiverQueue q : queues.values()) {
            q.giveUpPending("the job stopped before it was sent");
        }
    }
}
