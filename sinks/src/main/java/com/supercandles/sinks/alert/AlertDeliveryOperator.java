package com.supercandles.sinks.alert;

import com.supercandles.alert.Alert;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.function.SerializableFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Delivers the alerts of each committed checkpoint (what the sink's committer passes on once the checkpoint
 * completed) and keeps every delivery not acknowledged yet in its operator state. A TaskManager that dies
 * while retrying takes nothing along: the next one restores the pending deliveries and resumes them, and
 * the committer commits the restored checkpoint's alerts again (those the dead process may not have
 * handed over). The price is at least once: what the dead process delivered after its last checkpoint
 * reaches the receiver again, with the same alert id, counted in {@code alertsDeliveredAfterRestore}.
 *
 * <p>Never blocks the job: the task thread only queues (bounded per receiver, a full queue gives the alert
 * up) and copies the pending deliveries at a checkpoint. A job whose input ended (a bounded job, a stop
 * with drain) waits up to the policy's drain time and gives the rest up; one that fails, is cancelled or
 * stops with a savepoint gives nothing up: its checkpoint or savepoint resumes them.
 */
final class AlertDeliveryOperator extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<CommittableMessage<List<Alert>>, Void>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AlertDeliverySink.class);

    private final String scope;
    private final List<AlertReceiver> receivers;
    private final DeliveryPolicy policy;
    private final SerializableFunction<MetricGroup, DeliveryLog> extraLog;

    private transient ListState<byte[]> state;
    private transient List<PendingDelivery> restored;
    /** The checkpoint this run was restored from; its alerts (and older ones) come again from the committer. */
    private transient long restoredCheckpoint;
    private transient DeliveryCounters log;
    private transient AlertDeliveries deliveries;
    /**
     * The input ended: a bounded job, or a stop with drain. Not a stop with a savepoint and no drain, nor a
     * failure or a cancel: their savepoint or checkpoint resumes what is pending.
     */
    private transient boolean inputEnded;

    AlertDeliveryOperator(String scope, List<AlertReceiver> receivers, DeliveryPolicy policy,
                          SerializableFunction<MetricGroup, DeliveryLog> extraLog) {
        this.scope = scope;
        this.receivers = List.copyOf(receivers);
        this.policy = policy;
        this.extraLog = extraLog;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        state = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("pending-alert-deliveries", BytePrimitiveArraySerializer.INSTANCE));
        restored = new ArrayList<>();
        restoredCheckpoint = context.getRestoredCheckpointId().orElse(-1);
        if (context.isRestored()) {
            for (byte[] bytes : state.get()) {
                restored.add(PendingDelivery.restored(bytes));
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        MetricGroup metrics = getMetricGroup();
        log = new DeliveryCounters(metrics, receivers, extraLog == null ? null : extraLog.apply(metrics));
        deliveries = new AlertDeliveries(scope, receivers, policy, log);
        metrics.gauge("alertDeliveriesPending", (Gauge<Integer>) deliveries::pendingCount);
        resumeRestored();
    }

    private void resumeRestored() {
        if (restoredCheckpoint < 0 && restored.isEmpty()) {
            return; // a fresh start
        }
        Map<String, Integer> byReceiver = new TreeMap<>();
        int resumed = 0;
        for (PendingDelivery d : restored) {
            if (deliveries.resume(d)) {
                resumed++;
                byReceiver.merge(d.receiver, 1, Integer::sum);
            }
        }
        String summary = "restored from checkpoint " + restoredCheckpoint + ": " + restored.size() + " alert deliveries"
                + " were pending there, " + resumed + " resumed now " + byReceiver
                + (restored.size() > resumed ? " (the other " + (restored.size() - resumed) + " were delivered before, as"
                        + " ClickHouse or this process knows, or are for receivers no longer configured)" : "")
                + "; the checkpoint's alerts are handed over again. What the process before delivered after that"
                + " checkpoint reaches its receiver again, with the same alert_id (alertsDeliveredAfterRestore)";
        if (restored.isEmpty()) {
            LOG.info(summary);
        } else {
            LOG.warn(summary); // the on-call may see repeats of these
        }
        restored = null;
    }

    @Override
    public void processElement(StreamRecord<CommittableMessage<List<Alert>>> element) {
        if (element.getValue() instanceof CommittableWithLineage) {
            CommittableWithLineage<List<Alert>> committed = (CommittableWithLineage<List<Alert>>) element.getValue();
            // a checkpoint up to the restored one is committed again by the restore: the process before may
            // have delivered its alerts already
            boolean again = committed.getCheckpointId() <= restoredCheckpoint;
            for (Alert alert : committed.getCommittable()) {
                deliveries.submit(alert, again);
            }
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<byte[]> pending = new ArrayList<>();
        for (PendingDelivery d : deliveries.pending()) {
            pending.add(d.toBytes());
        }
        state.update(pending);
    }

    @Override
    public void endInput() {
        inputEnded = true; // the last checkpoint's alerts may still come, committed after this
    }

    @Override
    public void close() throws Exception {
        try {
            if (deliveries != null) {
                if (inputEnded) {
                    deliveries.close(); // the job ended: nothing will resume what is left
                } else {
                    int pending = deliveries.stop();
                    if (pending > 0) {
                        LOG.warn("the job stopped with {} alert deliveries pending: its last checkpoint keeps them, and"
                                + " they resume when the job restarts from it", pending);
                    }
                }
            }
            if (log != null) {
                log.close();
            }
        } finally {
            super.close();
        }
    }
}
