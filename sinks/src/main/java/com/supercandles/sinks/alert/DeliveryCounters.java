package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * The sink's own record of every outcome: a log line (without the URL or token) and a metric each, then
 * the configured extra log (e.g. the ClickHouse table). The metrics an on-call person watches:
 * {@code alertsDelivered}, {@code alertDeliveryRetries}, {@code alertsGivenUp} (of which
 * {@code alertDeliveryQueueFull} for a full queue), {@code alertDeliveriesResumed} (taken up after a
 * restore) and {@code alertsDeliveredAfterRestore} (of those delivered: the receiver may have had them
 * before).
 */
final class DeliveryCounters implements DeliveryLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDeliverySink.class);

    private final Counter delivered;
    private final Counter retries;
    private final Counter givenUp;
    private final Counter queueFull;
    private final Counter resumed;
    private final Counter afterRestore;
    private final DeliveryLog extra;

    DeliveryCounters(MetricGroup metrics, DeliveryLog extra) {
        this.delivered = metrics.counter("alertsDelivered");
        this.retries = metrics.counter("alertDeliveryRetries");
        this.givenUp = metrics.counter("alertsGivenUp");
        this.queueFull = metrics.counter("alertDeliveryQueueFull");
        this.resumed = metrics.counter("alertDeliveriesResumed");
        this.afterRestore = metrics.counter("alertsDeliveredAfterRestore");
        this.extra = extra;
    }

    @Override
    public void delivered(Alert alert, AlertReceiver receiver, int attempts) {
        delivered(alert, receiver, attempts, false);
    }

    @Override
    public void delivered(Alert alert, AlertReceiver receiver, int attempts, boolean restored) {
        delivered.inc();
        if (restored) {
            afterRestore.inc();
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
        retries.inc();
        LOG.warn("alert {} to {}: attempt {} failed ({}); retrying", alert.alertId, receiver.name(), attempt, reason);
        if (extra != null) {
            extra.retrying(alert, receiver, attempt, reason);
        }
    }

    @Override
    public void givenUp(Alert alert, AlertReceiver receiver, int attempts, String reason) {
        givenUp.inc();
        LOG.error("alert {} ({} {}) given up for {} after {} attempt(s): {}", alert.alertId, alert.rule, alert.symbol,
                receiver.name(), attempts, reason);
        if (extra != null) {
            extra.givenUp(alert, receiver, attempts, reason);
        }
    }

    @Override
    public void queueFull(Alert alert, AlertReceiver receiver, int capacity) {
        queueFull.inc();
        givenUp(alert, receiver, 0, "queue full (" + capacity + " alerts waiting for " + receiver.name() + ")");
    }

    @Override
    public void resumed(Alert alert, AlertReceiver receiver, int attemptsBefore) {
        resumed.inc();
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
