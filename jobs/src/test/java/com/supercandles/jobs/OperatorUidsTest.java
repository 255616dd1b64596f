package com.supercandles.jobs;

import com.supercandles.jobs.config.LiveConfig;
import com.supercandles.jobs.graph.ClickHouseOutput;
import com.supercandles.jobs.graph.LivePipeline;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.operators.SourceOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.runtime.operators.sink.CommitterOperatorFactory;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A savepoint finds each operator's state by the operator's uid. This test builds the live job with
 * everything on (every output kind to Kafka and ClickHouse, both alert receivers, a model, the
 * strategies, every watchdog rule) and requires an explicit uid on every operator of its StreamGraph,
 * and the uids of the operators that hold state, with how that state is partitioned, to be the ones
 * pinned in {@code src/test/resources/upgrades/stateful-uids.txt}. A renamed or removed uid orphans its
 * state (the restore fails, or drops it with --allow-non-restored-state); keyed state turned into
 * operator state (or back) does not restore either: such a change must be deliberate, with the
 * upgrade procedure of docs/operations.md. Takes about a second (the graph is built, not run).
 */
class OperatorUidsTest {
    static final Path PINNED = Path.of("src/test/resources/upgrades/stateful-uids.txt");
    private static final String WRITE = "upgrades.write-uids";

    /** The live job's configuration with every layer, sink and rule on; nothing is connected to. */
    static LiveConfig fullest(Path tmp) throws Exception {
        Map<String, String> c = new HashMap<>();
        c.put("bootstrap.servers", "127.0.0.1:9");
        c.put("checkpoint.dir", tmp.resolve("checkpoints").toString());
        c.put("score.model", TestModels.demoModel(tmp.resolve("model"), "1m").toString());
        c.put("clickhouse.url", "http://127.0.0.1:8123");
        c.put("alert.webhook.desk.url", "http://127.0.0.1:9/hooks/desk");
        c.put("alert.telegram.token", "123456:not-a-real-token");
        c.put("alert.telegram.chat-id", "42");
        c.put("watchdog.order_off_mid.enabled", "true"); // the one rule off by default
        c.put("topic.gaps", "supercandles-feed-gaps"); // the feed's gaps: off by default
        return LiveConfig.load(null, c, name -> null);
    }

    /** Each operator of the live job's StreamGraph by uid (null for none), with how its state is partitioned. */
    static Map<String, String> operators(LiveConfig config) {
        StreamExecutionEnvironment env = LivePipeline.environment(config, null);
        LivePipeline.job(config, ClickHouseOutput.of(config), line -> { }).build(env);
        Map<String, String> byUid = new TreeMap<>();
        List<String> withoutUid = new ArrayList<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            String uid = node.getTransformationUID();
            if (uid == null) {
                withoutUid.add(node.getOperatorName());
                continue;
            }
            assertThat(byUid.put(uid, state(node))).as("uid " + uid + " is used twice").isNull();
        }
        assertThat(withoutUid).as("operators without an explicit uid (their state, if any, would not be found by a"
                + " savepoint of another graph): give each .uid(\"...\") where it is added").isEmpty();
        return byUid;
    }

    /**
     * How a node's state is partitioned at a restore: {@code keyed} (by key group), {@code operator}
     * (lists split or broadcast among subtasks), {@code source} (splits), {@code sink-writer},
     * {@code committer}; "" for a node that holds none.
     */
    private static String state(StreamNode node) {
        StreamOperatorFactory<?> factory = node.getOperatorFactory();
        if (factory instanceof SourceOperatorFactory) {
            return "source";
        }
        if (factory instanceof SinkWriterOperatorFactory<?, ?> writer) {
            return writer.getSink() instanceof SupportsWriterState ? "sink-writer" : "";
        }
        if (factory instanceof CommitterOperatorFactory) {
            return "committer";
        }
        if (node.getStateKeySerializer() != null) {
            return "keyed";
        }
        if (factory instanceof SimpleOperatorFactory<?> simple) {
            Object operator = simple.getOperator();
            if (operator instanceof AbstractUdfStreamOperator<?, ?> udf) {
                return udf.getUserFunction() instanceof CheckpointedFunction ? "operator" : "";
            }
            return hooksIntoSnapshots(operator.getClass()) ? "operator" : "";
        }
        return "unknown operator factory " + factory.getClass().getName();
    }

    /** Whether a class of ours in the operator's hierarchy initializes or snapshots state. */
    private static boolean hooksIntoSnapshots(Class<?> type) {
        for (Class<?> c = type; c != null && !c.getName().startsWith("org.apache.flink."); c = c.getSuperclass()) {
            for (var m : c.getDeclaredMethods()) {
                if (m.getName().equals("initializeState") || m.getName().equals("snapshotState")) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<String> statefulLines(Map<String, String> operators) {
        List<String> lines = new ArrayList<>();
        operators.forEach((uid, state) -> {
            if (!state.isEmpty()) {
                lines.add(uid + "\t" + state);
            }
        });
        return lines;
    }

    @Test
    void everyOperatorHasAUidAndTheStatefulOnesArePinned(@TempDir Path tmp) throws Exception {
        List<String> actual = statefulLines(operators(fullest(tmp)));
        if (Boolean.getBoolean(WRITE)) {
            List<String> file = new ArrayList<>(List.of(
                    "# The live job's stateful operators: uid <TAB> how their state is partitioned.",
                    "# Pinned by OperatorUidsTest; a change here is a state-compatibility change:",
                    "# see docs/operations.md, \"Upgrading the job or Flink\"."));
            file.addAll(actual);
            Files.write(PINNED, file, StandardCharsets.UTF_8);
        }
        List<String> pinned = new ArrayList<>();
        for (String line : Files.readAllLines(PINNED, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                pinned.add(line);
            }
        }
        TreeSet<String> added = new TreeSet<>(actual);
        added.removeAll(pinned);
        TreeSet<String> gone = new TreeSet<>(pinned);
        gone.removeAll(actual);
        assertThat(actual).as("The stateful operators of the live job changed.%n"
                        + "  new or changed: %s%n  gone or changed: %s%n"
                        + "A savepoint finds an operator's state by its uid: a renamed or removed uid orphans that state (the"
                        + " restore fails), and keyed state does not restore as operator state or the other way round. If"
                        + " the change is deliberate, follow the upgrade procedure in docs/operations.md (\"Upgrading the"
                        + " job or Flink\": migrate the state with the State Processor API or document the break), then"
                        + " rewrite jobs/%s with%n  mvn -o -q -B test -pl jobs -am -Dtest=OperatorUidsTest"
                        + " -Dsurefire.failIfNoSpecifiedTests=false -D%s=true%nand regenerate the savepoint resource"
                        + " (docs/development.md, \"The savepoint of this release\").",
                        added, gone, PINNED, WRITE)
                .containsExactlyInAnyOrderElementsOf(pinned);
    }
}
