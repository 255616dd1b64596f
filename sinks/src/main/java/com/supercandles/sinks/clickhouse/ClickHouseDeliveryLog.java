package com.supercandles.sinks.clickhouse;

import com.supercandles.alert.Alert;
import com.supercandles.sinks.alert.AlertDelivery;
import com.supercandles.sinks.alert.AlertDeliveryFields;
import com.supercandles.sinks.alert.AlertReceiver;
import com.supercandles.sinks.alert.DeliveryLog;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.function.SerializableFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Delivery states in the ClickHouse table {@code alert_deliveries}, beside the alerts: every outcome of
 * the delivery threads is queued (never blocking them; a full queue drops the row, counted in
 * {@code alertDeliveryRowsDropped} and logged) and written by one thread in batches, retried with
 * backoff. At start it reads which alerts were delivered in the last days, so that a restore in a new
 * TaskManager does not deliver them again.
 */
public final class ClickHouseDeliveryLog implements DeliveryLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseDeliveryLog.class);
    static final int QUEUE = 10_000;
    static final int BATCH = 500;
    /** How far back delivered alerts are looked up at start (a checkpoint's alerts are younger). */
    static final int REMEMBER_DAYS = 7;
    /** The reason of a delivery resumed after a restore. */
    public static final String AFTER_RESTORE = "after a restore: the receiver may have had it before";

    private final ClickHouseConnection connection;
    private final ClickHouseRowEncoder<AlertDelivery> encoder = ClickHouseRows.alertDeliveries();
    private final BlockingQueue<AlertDelivery> queue = new ArrayBlockingQueue<>(QUEUE);
    private final RetryingInserter inserter;
    private final Counter dropped;
    private final Counter lost;
    private final Duration flushInterval;
    private final Thread writer;
    private volatile boolean closing;

    public ClickHouseDeliveryLog(ClickHouseConnection connection, Duration flushInterval, Duration retryTimeout,
                                 MetricGroup metrics) {
        this.connection = connection;
        this.flushInterval = flushInterval;
        this.inserter = new RetryingInserter(connection, connection.qualified(AlertDeliveryFields.TABLE_NAME),
                encoder.columns(), Duration.ofMillis(100), Duration.ofSeconds(10), retryTimeout, metrics);
        this.dropped = metrics.counter("alertDeliveryRowsDropped");
        this.lost = metrics.counter("alertDeliveryRowsLost");
        this.writer = new Thread(this::writeLoop, "alert-deliveries-to-clickhouse");
        writer.setDaemon(true);
        writer.start();
    }

    /** The log for {@link com.supercandles.sinks.alert.AlertDeliverySink}: one per committer. */
    public static SerializableFunction<MetricGroup, DeliveryLog> factory(ClickHouseConnection connection,
                                                                         Duration flushInterval, Duration retryTimeout) {
        return metrics -> new ClickHouseDeliveryLog(connection, flushInterval, retryTimeout, metrics);
    }

    @Override
    public void delivered(Alert alert, AlertReceiver receiver, int attempts) {
        delivered(alert, receiver, attempts, false);
    }

    /** A delivery after a restore says so in {@code reason}: the receiver may have had the alert before. */
    @Override
    public void delivered(Alert alert, AlertReceiver receiver, int attempts, boolean afterRestore) {
        offer(new AlertDelivery(alert, receiver.name(), AlertDelivery.DELIVERED, attempts,
                afterRestore ? AFTER_RESTORE : "", System.currentTimeMillis()));
    }

    @Override
    public void retrying(Alert alert, AlertReceiver receiver, int attempt, String reason) {
        offer(new AlertDelivery(alert, receiver.name(), AlertDelivery.RETRYING, attempt, reason, System.currentTimeMillis()));
    }

    @Override
    public void givenUp(Alert alert, AlertReceiver receiver, int attempts, String reason) {
        offer(new AlertDelivery(alert, receiver.name(), AlertDelivery.GIVEN_UP, attempts, reason, System.currentTimeMillis()));
    }

    private void offer(AlertDelivery d) {
        if (!queue.offer(d)) {
            dropped.inc();
            LOG.warn("alert {} at {}: {} not recorded in ClickHouse, {} delivery states already wait to be written",
                    d.alert.alertId, d.receiver, d.delivery, QUEUE);
        }
    }

    @Override
    public Set<String> deliveredBefore() {
        Set<String> keys = new HashSet<>();
        try (ClickHouseSql sql = new ClickHouseSql(connection)) {
            String rows = sql.query("SELECT receiver, alert_id FROM "
                    + connection.qualified(AlertDeliveryFields.TABLE_NAME) + " WHERE delivery = '"
                    + AlertDelivery.DELIVERED + "' AND updated_at >= now() - " + REMEMBER_DAYS * 86_400
                    + " FORMAT TabSeparated");
            for (String line : rows.split("\n")) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0) {
                    keys.add(unescape(line.substring(0, tab)) + '|' + line.substring(tab + 1));
                }
            }
            LOG.info("{} alert deliveries of the last {} days read from ClickHouse: not made again", keys.size(),
                    REMEMBER_DAYS);
        } catch (Exception e) {
            LOG.warn("could not read earlier alert deliveries from ClickHouse ({}): an alert of a restored checkpoint"
                    + " may reach a receiver twice", e.getMessage());
        }
        return keys;
    }

    /** TabSeparated escapes backslash, tab and newline; receiver names are the config's, rarely escaped. */
    private static String unescape(String s) {
        return s.indexOf('\\') < 0 ? s : s.replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\");
    }

    private void writeLoop() {
        List<AlertDelivery> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            try {
                AlertDelivery first = queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                return;
            }
            batch.clear();
        }
    }

    private void write(List<AlertDelivery> batch) throws InterruptedException {
        RowBinaryOutput rows = new RowBinaryOutput(256 * batch.size());
        for (AlertDelivery d : batch) {
            encoder.write(d, d.version(), rows);
        }
        try {
            inserter.insert(rows.buffer(), rows.size(), batch.size());
        } catch (java.io.IOException e) {
            lost.inc(batch.size());
            LOG.error("{} alert delivery states could not be written to ClickHouse: {}", batch.size(), e.getMessage());
        }
    }

    /** Writes what is queued (up to the retry timeout), then stops. */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        writer.join();
        inserter.close();
    }
}
