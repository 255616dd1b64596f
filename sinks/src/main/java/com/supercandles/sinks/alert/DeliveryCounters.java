package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;
import com.supercandles.event.PipelineCounters;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sink's own record of every outcome: a log line (without the URL or token) and a metric each, then
 * the configured extra log (e.g. the ClickHouse table). The metrics an on-call person watches, each by
 * {@code receiver} (the job's metrics group, {@link PipelineCounters#metrics}): {@code alertsDelivered},
 * {@code alertDeliveryRetries} (attempts that failed and are tried again), {@code alertsGivenUp} (deliveries
 * that failed for good; of which {@code alertDeliveryQueueFull} for a full queue), {@code
 * alertDeliveriesResumed} (taken up after a restore) and {@code alertsDeliveredAfterRestore} (of those
 * delivered: the receiver may have had them before). Every receiver's exist from the start, at 0.
 */
final class DeliveryCounters implements DeliveryLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDeliverySink.class);
    static final String RECEIVER = "receiver";

    /** One receiver's counters. Its thread counts most outcomes, the task thread a full queue and a resume. */
    private static final class Counts {
        final Counter delivered;
        final Counter retries;
        final Counter givenUp;
        final Counter queueFull;
        final Counter resumed;
        final Counter afterRestore;

        Counts(MetricGroup metrics, String receiver) {
            MetricGroup g = PipelineCounters.metrics(metrics, RECEIVER, receiver);
            this.delivered = g.counter("alertsDelivered", new ThreadSafeSimpleCounter());
            this.retries = g.counter("alertDeliveryRetries", new ThreadSafeSimpleCounter());
            this.givenUp = g.counter("alertsGivenUp", new ThreadSafeSimpleCounter());
            this.queueFull = g.counter("alertDeliveryQueueFull", new ThreadSafeSimpleCounter());
            this.resumed = g.counter("alertDeliveriesResumed", new ThreadSafeSimpleCounter());
            this.afterRestore = g.counter("alertsDeliveredAfterRestore", new ThreadSafeSimpleCounter());
        }
    }

    private final MetricGroup metrics;
    private final Map<String, Counts> byReceiver = new ConcurrentHashMap<>();
    private final DeliveryLog extra;

    DeliveryCounters(MetricGroup metrics, List<AlertReceiver> receivers, DeliveryLog extra) {
        this.metrics = metrics;
        for (AlertReceiver r : receivers) {
            counts(r);
        }
        this.extra = extra;
    }

    private Counts counts(AlertReceiver receiver) {
        return byReceiver.computeIfAbsent(receiver.name(), name -> new Counts(metrics, name));
    }

    @Override
    public void delivered(Alert alert, AlertReceiver receiver, int attempts) {
        delivered(alert, receiver, attempts, false);
    }

    @Override
    public void delivered(Alert alert, AlertReceiver receiver, int attempts, boolean restored) {
        Counts c = counts(receiver);
        c.delivered.inc();
        if (restored) {
            c.afterRestore.inc();
            LOG.info("alert {} ({} {} {}) delivered to {} after {} attempt(s), after a restore: it may have reached {}"
                    + " before", alert.alertId, alert.rule, alert.symbol, alert.state, receiver.name(), attempts, receiver.name());
        } else {
            LOG.info("alert {} ({} {} {}) delivered to {} after {} attempt(s)", alert.alertId, alert.rule, alert.symbol,
                    alert.state, receiver.name(), attempts);
        }
        if (extra != null) {
            extra.delivered(alert, receiver, attempts, restored);
        }
    }

    @Override
    public void retrying(Alert alert, AlertReceiver receiver, int attempt, String reason) {
        counts(receiver).retries.inc();
        LOG.warn("alert {} to {}: attempt {} failed ({}); retrying", alert.alertId, receiver.name(), attempt, reason);
        if (extra != null) {
            extra.retrying(alert, receiver, attempt, reason);
        }
    }

    @Override
    public void givenUp(Alert alert, AlertReceiver receiver, int attempts, String reason) {
        counts(receiver).givenUp.inc();
        LOG.error("alert {} ({} {}) given up for {} after {} attempt(s): {}", alert.alertId, alert.rule, alert.symbol,
                receiver.name(), attempts, reason);
        if (extra != null) {
            extra.givenUp(alert, receiver, attempts, reason);
        }
    }

    @Override
    public void queueFull(Alert alert, AlertReceiver receiver, int capacity) {
        counts(receiver).queueFull.inc();
        givenUp(alert, receiver, 0, "queue full (" + capacity + " alerts waiting for " + receiver.name() + ")");
    }

    @Override
    public void resumed(Alert alert, AlertReceiver receiver, int attemptsBefore) {
        counts(receiver).resumed.inc();
        if (extra != null) {
            extra.resumed(alert, receiver, attemptsBefore);
        }
    }

    @Override
    public Set<String> deliveredBefore() {
        return extra == null ? Set.of() : extra.deliveredBefore();
    }

    @Override
    public void close() throws Exception {
        if (extra instanceof AutoCloseable) {
            ((AutoCloseable) extra).close(); // after the deliveries' last outcomes
        }
    }
}
