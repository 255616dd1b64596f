package com.supercandles.alert;

import com.supercandles.candle.Period;
import com.supercandles.candle.SuperCandle;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.supercandles.alert.CandleSequenceAlertsTest.candle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The candle sequences' flink-cep state (partial matches of {@link SequenceCandle}s, serialized as a
 * POJO) across a restore, in both state backends, checkpoints and canonical savepoints, including
 * snapshots written by an earlier release ({@code src/test/resources/sequence-state/*-v1.snapshot},
 * written by {@link #writeSnapshots} from the code of that release): their runs complete with
 * candles of the restored job.
 */
class SequenceCandleStateTest {
    private static final long T0 = CandleSequenceAlertsTest.T0;
    private static final Path SNAPSHOTS = Path.of("src/test/resources/sequence-state");

    /** A's buyers' run and B's two sellers, before the checkpoint. */
    private static List<SuperCandle> before() {
        return List.of(candle("A", 0, 0.6, 100), candle("A", 1, 0.7, 101), candle("A", 2, 0.8, 102),
                candle("B", 0, -0.6, 50), candle("B", 1, -0.7, 49));
    }

    /** A's lower close (a fall), B's third seller and a higher close (a rise), after it. */
    private static List<SuperCandle> after() {
        return List.of(candle("A", 3, 0.1, 101.5), candle("B", 2, -0.8, 48), candle("B", 3, 0.0, 48.5));
    }

    /** The CEP operator of the sequences, as the job builds it, in a harness on {@code backend}. */
    @SuppressWarnings("unchecked")
    private static KeyedOneInputStreamOperatorTestHarness<String, SequenceCandle, Alert> harness(StateBackend backend)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var alerts = CandleSequenceAlerts.of(env.fromData(before(), TypeInformation.of(SuperCandle.class)),
                new WatchdogSettings(), false);
        var cep = (OneInputTransformation<SequenceCandle, Alert>) alerts.getTransformation();
        var h = new KeyedOneInputStreamOperatorTestHarness<String, SequenceCandle, Alert>(cep.getOperatorFactory(),
                (KeySelector<SequenceCandle, String>) cep.getStateKeySelector(), TypeInformation.of(String.class));
        h.setStateBackend(backend);
        return h;
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<String, SequenceCandle, Alert> h,
                             List<SuperCandle> candles) throws Exception {
        for (SuperCandle c : candles) {
            h.processElement(new StreamRecord<>(SequenceCandle.of(c, Period.parse(c.period))));
        }
    }

    private static List<String> alerts(KeyedOneInputStreamOperatorTestHarness<String, SequenceCandle, Alert> h) {
        List<String> out = new ArrayList<>();
        for (StreamRecord<? extends Alert> r : h.extractOutputStreamRecords()) {
            Alert a = r.getValue();
            out.add(a.rule + " " + a.symbol + " @" + (a.eventTime - T0) + " " + a.value);
        }
        return out;
    }

    /** The state after {@link #before()}: a checkpoint, or with {@code savepoint} a savepoint in the canonical format. */
    private static OperatorSubtaskState snapshot(StateBackend backend, boolean savepoint) throws Exception {
        try (var h = harness(backend)) {
            h.open();
            feed(h, before());
            assertThat(alerts(h)).isEmpty();
            return savepoint ? h.snapshotWithLocalState(1, 1, SavepointType.savepoint(SavepointFormatType.CANONICAL))
                    .getJobManagerOwnedState() : h.snapshot(1, 1);
        }
    }

    private static List<String> restoreAndFinish(StateBackend backend, OperatorSubtaskState state) throws Exception {
        try (var h = harness(backend)) {
            h.initializeState(state);
            h.open();
            feed(h, after());
            return alerts(h);
        }
    }

    private static final List<String> EXPECTED = List.of("disb_run_then_fall A @240000 101.5",
            "disb_run_then_rise B @240000 48.5");

    @Test
    void runsCarryOnAcrossARestore() throws Exception {
        for (StateBackend backend : new StateBackend[] {new HashMapStateBackend(), new EmbeddedRocksDBStateBackend()}) {
            for (boolean savepoint : new boolean[] {false, true}) {
                assertThat(restoreAndFinish(backend, snapshot(backend, savepoint)))
                        .as(backend.getName() + (savepoint ? " savepoint" : " checkpoint")).isEqualTo(EXPECTED);
            }
        }
    }

    /** The snapshots of each backend and kind, by file name. */
    private static final String[] WRITTEN = {"hashmap-checkpoint", "rocksdb-checkpoint", "rocksdb-savepoint"};

    private static StateBackend backendOf(String name) {
        return name.startsWith("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }

    /** Snapshots written by the code of release v1 (before the candles carried their period's length) restore. */
    @Test
    void snapshotsOfEarlierReleasesRestore() throws Exception {
        for (String name : WRITTEN) {
            String file = Path.of(SequenceCandleStateTest.class.getResource("/sequence-state/" + name + "-v1.snapshot")
                    .toURI()).toString();
            assertThat(restoreAndFinish(backendOf(name), OperatorSnapshotUtil.readStateHandle(file))).as(name).isEqualTo(EXPECTED);
        }
    }

    /** Writes the snapshots this code makes (run with -Dsequence-state.write=v1 to refresh them). */
    @Test
    void writeSnapshots() throws Exception {
        String version = System.getProperty("sequence-state.write");
        Assumptions.assumeTrue(version != null, "writes snapshots only when asked");
        Files.createDirectories(SNAPSHOTS);
        for (String name : WRITTEN) {
            OperatorSnapshotUtil.writeStateHandle(snapshot(backendOf(name), name.endsWith("savepoint")), SNAPSHOTS.resolve(name + "-" + version + ".snapshot").toString());
        }
    }
}
