package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends alerts to the receivers with the JDK's HttpClient: one thread and one bounded queue per receiver
 * (a slow or dead receiver delays only its own alerts), retries with exponential backoff on a timer (a
 * retry waits without holding the thread), and an outcome for every alert and receiver in the
 * {@link DeliveryLog}. {@link #submit} never blocks: a full queue gives the alert up, with that reason.
 * An alert id delivered to a receiver is not sent to it again (a restore re-committing a checkpoint):
 * remembered in the JVM, and loaded from the log's record ({@link DeliveryLog#deliveredBefore}) when the
 * process is new.
 */
public final class AlertDeliveries implements AutoCloseable {
    private static final int REMEMBERED_IDS = 100_000;

    private final List<AlertReceiver> receivers;
    private final DeliveryPolicy policy;
    private final DeliveryLog log;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final Map<AlertReceiver, ThreadPoolExecutor> senders = new LinkedHashMap<>();
    /** Retries waiting on the timer. */
    private final Set<Send> retries = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Alert ids delivered per receiver, per delivery scope (one job's sink), kept in the JVM: Flink commits
     * a restored checkpoint's alerts again after a failover, and this keeps them from being sent twice
     * when the job restarts in the same TaskManager process.
     */
    private static final Map<String, Set<String>> DELIVERED = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> delivered;

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
        this.receivers = new ArrayList<>(receivers);
        this.policy = policy;
        this.log = log;
        this.http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("alert-retries"));
        for (AlertReceiver r : receivers) {
            senders.put(r, new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(policy.queueCapacity), daemon("alerts-to-" + r.name())));
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Queues {@code alert} for every receiver that wants it; returns at once. */
    public void submit(Alert alert) {
        for (AlertReceiver r : receivers) {
            if (r.accepts(alert) && !delivered.contains(r.name() + '|' + alert.alertId)) {
                enqueue(alert, r, 1);
            }
        }
    }

    /** One attempt to send one alert to one receiver: the queued task, so that a shutdown can name it. */
    private final class Send implements Runnable {
        final Alert alert;
        final AlertReceiver receiver;
        final int attempt;

        Send(Alert alert, AlertReceiver receiver, int attempt) {
            this.alert = alert;
            this.receiver = receiver;
            this.attempt = attempt;
        }

        @Override
        public void run() {
            attempt(alert, receiver, attempt);
        }
    }

    private void enqueue(Alert alert, AlertReceiver r, int attempt) {
        try {
            senders.get(r).execute(new Send(alert, r, attempt));
        } catch (RejectedExecutionException e) {
            log.givenUp(alert, r, attempt - 1, senders.get(r).isShutdown() ? "the job stopped before it was sent"
                    : "queue full (" + policy.queueCapacity + " alerts waiting for " + r.name() + ")");
        }
    }

    private void attempt(Alert alert, AlertReceiver r, int attempt) {
        String reason;
        try {
            HttpResponse<String> response = http.send(r.request(alert), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                delivered.add(r.name() + '|' + alert.alertId);
                log.delivered(alert, r, attempt);
                return;
            }
            String body = response.body() == null ? "" : response.body();
            reason = "HTTP " + response.statusCode() + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length())));
        } catch (IOException e) {
            // the kind of failure in words (no class names reach an operator), then what it said
            reason = e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "")
                    .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.givenUp(alert, r, attempt, "the job stopped while it was being sent");
            return;
        }
        reason = r.redact(reason);
        if (attempt >= policy.maxAttempts) {
            log.givenUp(alert, r, attempt, reason);
            return;
        }
        log.retrying(alert, r, attempt, reason);
        Send retry = new Send(alert, r, attempt + 1);
        retries.add(retry);
        try {
            timer.schedule(() -> {
                enqueue(alert, r, attempt + 1); // queued before it leaves the retries: close() sees it busy throughout
                retries.remove(retry);
            }, policy.backoff(attempt).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            retries.remove(retry);
            log.givenUp(alert, r, attempt, "the job stopped before a retry: " + reason);
        }
    }

    /**
     * Waits up to the policy's drain time for queued alerts and waiting retries, then gives the rest up
     * (each with its reason in the log).
     */
    @Override
    public void close() throws InterruptedException {
        long deadline = System.nanoTime() + policy.drainOnClose.toNanos();
        while (busy() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        timer.shutdownNow();
        List<Send> unsent = new ArrayList<>(retries);
        for (ThreadPoolExecutor sender : senders.values()) {
            for (Runnable pending : sender.shutdownNow()) {
                unsent.add((Send) pending);
            }
        }
        for (Send send : unsent) {
            log.givenUp(send.alert, send.receiver, send.attempt - 1, "the job stopped before it was sent");
        }
    }

    private boolean busy() {
        if (!retries.isEmpty()) {
            return true;
        }
        for (ThreadPoolExecutor sender : senders.values()) {
            if (sender.getActiveCount() > 0 || !sender.getQueue().isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
