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
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.function.SerializableFunction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Delivers alerts to webhooks and Telegram only once the checkpoint that holds them has completed, and at
 * least once from then on, whatever dies. The writer collects a checkpoint's alerts as one committable;
 * Flink's committer passes it on once the checkpoint completed (a failure and restore does not send alerts
 * of an unfinished checkpoint), to the {@link AlertDeliveryOperator} after it, which sends them and keeps
 * every delivery not acknowledged yet in its checkpoints: a TaskManager killed while retrying loses
 * nothing, the next one resumes. Sending never blocks or fails the job ({@link AlertDeliveries}). Outcomes
 * go to the log (without secrets) and the metrics of {@link DeliveryCounters}.
 *
 * <p>The sink needs a uid ({@code sinkTo(...).uid(...)}): its pending deliveries are operator state.
 */
public final class AlertDeliverySink implements Sink<Alert>, SupportsCommitter<List<Alert>>,
        SupportsPostCommitTopology<List<Alert>> {
    private static final long serialVersionUID = 1L;

    private final List<AlertReceiver> receivers;
    private final DeliveryPolicy policy;
    /**
     * Where outcomes are also reported, by metric group (null: log and metrics only), e.g. the ClickHouse
     * table; closed with the deliveries when it is {@link AutoCloseable}.
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

    /**
     * Commits nothing itself: a committed batch goes on to the deliveries. (It keeps its place in the job
     * graph, so the batches of a checkpoint taken by an earlier version are restored and delivered.)
     */
    @Override
    public Committer<List<Alert>> createCommitter(CommitterInitContext context) {
        return new Committer<>() {
            @Override
            public void commit(Collection<CommitRequest<List<Alert>>> requests) {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void addPostCommitTopology(DataStream<CommittableMessage<List<Alert>>> committed) {
        committed.transform("alert deliveries", Types.VOID, new AlertDeliveryOperator(scope, receivers, policy, extraLog))
                .uid("alert-deliveries");
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
                    AlertBytes.write(a, out);
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
                    batch.add(AlertBytes.read(in));
                }
                return batch;
            }
        }
    }
}
