package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.function.SerializableFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Delivers alerts to webhooks and Telegram only once the checkpoint that holds them has completed: the
 * writer collects a checkpoint's alerts as one committable, and Flink hands it to the committer after the
 * checkpoint completes, so a failure and restore does not send alerts of an unfinished checkpoint (and
 * one already delivered is not sent again). The committer only queues them ({@link AlertDeliveries}): a
 * slow or dead receiver never blocks or fails the job. Outcomes go to the log (without secrets) and to
 * the metrics {@code alertsDelivered}, {@code alertDeliveryRetries}, {@code alertsGivenUp}.
 */
public final class AlertDeliverySink implements Sink<Alert>, SupportsCommitter<List<Alert>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AlertDeliverySink.class);

    private final List<AlertReceiver> receivers;
    private final DeliveryPolicy policy;
    /**
     * Where outcomes are also reported, by metric group (null: log and metrics only), e.g. the ClickHouse
     * table; closed with the committer when it is {@link AutoCloseable}.
     */
    private final SerializableFunction<MetricGroup, DeliveryLog> extraLog;
    /** Made once with the job graph: the same across the job's restarts, so its deliveries are not repeated. */
    private final String scope = java.util.UUID.randomUUID().toString();

    public AlertDeliverySink(List<AlertReceiver> receivers, DeliveryPolicy policy,
                             SerializableFunction<MetricGroup, DeliveryLog> extraLog) {
        this.receivers = List.copyOf(receivers);
        this.policy = policy;
        this.extraLog = extraLog;
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) {
        return new BatchWriter(receivers);
    }

    @Override
    public Committer<List<Alert>> createCommitter(CommitterInitContext context) {
        MetricGroup metrics = context.metricGroup();
        LoggingLog log = new LoggingLog(metrics.counter("alertsDelivered"), metrics.counter("alertDeliveryRetries"),
                metrics.counter("alertsGivenUp"), extraLog == null ? null : extraLog.apply(metrics));
        AlertDeliveries deliveries = new AlertDeliveries(scope, receivers, policy, log);
        return new Committer<>() {
            @Override
            public void commit(Collection<CommitRequest<List<Alert>>> requests) {
                for (CommitRequest<List<Alert>> request : requests) {
                    request.getCommittable().forEach(deliveries::submit);
                }
            }

            @Override
            public void close() throws Exception {
                deliveries.close();
                log.close();
            }
        };
    }

    @Override
    public SimpleVersionedSerializer<List<Alert>> getCommittableSerializer() {
        return new BatchSerializer();
    }

    /** Collects the alerts some receiver wants, one batch per checkpoint. */
    private static final class BatchWriter implements CommittingSinkWriter<Alert, List<Alert>> {
        private final List<AlertReceiver> receivers;
        private List<Alert> batch = new ArrayList<>();

        BatchWriter(List<AlertReceiver> receivers) {
            this.receivers = receivers;
        }

        @Override
        public void write(Alert alert, Context context) {
            for (AlertReceiver r : receivers) {
                if (r.accepts(alert)) {
                    batch.add(alert);
                    return;
                }
            }
        }

        @Override
        public void flush(boolean endOfInput) {
        }

        @Override
        public Collection<List<Alert>> prepareCommit() {
            if (batch.isEmpty()) {
                return List.of();
            }
            List<Alert> done = batch;
            batch = new ArrayList<>();
            return List.of(done);
        }

        @Override
        public void close() {
        }
    }

    private static final class LoggingLog implements DeliveryLog, AutoCloseable {
        private final Counter delivered;
        private final Counter retries;
        private final Counter givenUp;
        private final DeliveryLog extra;

        LoggingLog(Counter delivered, Counter retries, Counter givenUp, DeliveryLog extra) {
            this.delivered = delivered;
            this.retries = retries;
            this.givenUp = givenUp;
            this.extra = extra;
        }

        @Override
        public void delivered(Alert alert, AlertReceiver receiver, int attempts) {
            delivered.inc();
            LOG.info("alert {} ({} {} {}) delivered to {} after {} attempt(s)", alert.alertId, alert.rule, alert.symbol,
                    alert.state, receiver.name(), attempts);
            if (extra != null) {
                extra.delivered(alert, receiver, attempts);
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
        public java.util.Set<String> deliveredBefore() {
            return extra == null ? java.util.Set.of() : extra.deliveredBefore();
        }

        @Override
        public void close() throws Exception {
            if (extra instanceof AutoCloseable) {
                ((AutoCloseable) extra).close(); // after the deliveries' last outcomes
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
    }

    /** A batch of alerts in a checkpoint: every field, in a fixed order. */
    private static final class BatchSerializer implements SimpleVersionedSerializer<List<Alert>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<Alert> batch) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(batch.size());
                for (Alert a : batch) {
                    for (String s : new String[] {a.alertId, a.rule, a.symbol, a.stream, a.severity, a.state, a.message}) {
                        out.writeBoolean(s != null);
                        if (s != null) {
                            out.writeUTF(s.length() > 20_000 ? s.substring(0, 20_000) : s);
                        }
                    }
                    out.writeDouble(a.value);
                    out.writeDouble(a.threshold);
                    out.writeLong(a.eventTime);
                    out.writeLong(a.emittedAt);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public List<Alert> deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown alert batch version " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                int n = in.readInt();
                List<Alert> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Alert a = new Alert();
                    String[] s = new String[7];
                    for (int k = 0; k < s.length; k++) {
                        s[k] = in.readBoolean() ? in.readUTF() : null;
                    }
                    a.alertId = s[0];
                    a.rule = s[1];
                    a.symbol = s[2];
                    a.stream = s[3];
                    a.severity = s[4];
                    a.state = s[5];
                    a.message = s[6];
                    a.value = in.readDouble();
                    a.threshold = in.readDouble();
                    a.eventTime = in.readLong();
                    a.emittedAt = in.readLong();
                    batch.add(a);
                }
                return batch;
            }
        }
    }
}
