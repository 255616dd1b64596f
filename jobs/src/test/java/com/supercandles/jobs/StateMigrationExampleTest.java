package com.supercandles.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.supercandles.candle.CandlePreAggregator.PeriodPartial;
import com.supercandles.candle.Period;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static com.supercandles.jobs.SavepointCompatibilityTest.CUT;
import static com.supercandles.jobs.SavepointCompatibilityTest.RESOURCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The worked example of docs/operations.md, "Migrating state with the State Processor API", on the
 * savepoint of this release: read an operator's state (the trades pre-aggregator's open windows, each
 * symbol's minute and five minutes around the cut) and write a savepoint where that state belongs to a
 * renamed operator, the commonest deliberate break of {@link OperatorUidsTest}. A few seconds (two
 * bounded jobs on a MiniCluster).
 */
class StateMigrationExampleTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String OPEN_PARTIALS = "open-partials";

    private static StreamExecutionEnvironment batch() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        return env;
    }

    /** The windows a pre-aggregator held open, as "SYMBOL PERIOD WINDOW_START trades=N". */
    private static List<String> openWindows(String savepoint, String uid) throws Exception {
        StreamExecutionEnvironment env = batch();
        List<String> out = new ArrayList<>();
        try (var partials = SavepointReader.read(env, savepoint, new EmbeddedRocksDBStateBackend())
                .readListState(OperatorIdentifier.forUid(uid), OPEN_PARTIALS, TypeInformation.of(PeriodPartial.class))
                .executeAndCollect()) {
            partials.forEachRemaining(p -> out.add(p.partial.symbol + " " + p.period + " " + p.partial.windowStart
                    + " trades=" + p.partial.accumulator.trades.count()));
        }
        out.sort(null);
        return out;
    }

    /** The same from the market before the cut: each symbol's trades (distinct ids) in the windows around it. */
    private static List<String> expectedOpenWindows() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Set<String>> ids = new TreeMap<>();
        for (String line : SavepointCompatibilityTest.readGzip(RESOURCE.resolve("market/before/trades.jsonl.gz"))) {
            JsonNode t = json.readTree(line);
            if (t.get("price").asDouble() <= 0) {
                continue; // rejected
            }
            for (Period period : Period.parseList("1m,5m")) {
                long start = period.windowStart(t.get("ts").asLong());
                if (start == period.windowStart(CUT)) {
                    ids.computeIfAbsent(t.get("symbol").asText() + " " + period + " " + start, k -> new HashSet<>())
                            .add(t.get("trade_id").asText());
                }
            }
        }
        List<String> out = new ArrayList<>();
        ids.forEach((window, trades) -> out.add(window + " trades=" + trades.size()));
        return out;
    }

    @Test
    void readsTheOpenWindowsAndMovesThemToARenamedOperator(@TempDir Path tmp) throws Exception {
        String savepoint = RESOURCE.resolve("savepoint").toAbsolutePath().toUri().toString();
        List<String> open = openWindows(savepoint, "pre-aggregate-trades");
        assertThat(open).hasSize(6).isEqualTo(expectedOpenWindows());

        // A uid renamed in the job (pre-aggregate-trades -> pre-aggregate-trades-v2): the savepoint follows it.
        String migrated = tmp.resolve("migrated").toUri().toString();
        StreamExecutionEnvironment env = batch();
        SavepointWriter.fromExistingSavepoint(env, savepoint, new EmbeddedRocksDBStateBackend())
                .changeOperatorIdentifier(OperatorIdentifier.forUid("pre-aggregate-trades"),
                        OperatorIdentifier.forUid("pre-aggregate-trades-v2"))
                .write(migrated);
        env.execute("rename pre-aggregate-trades");
        assertThat(openWindows(migrated, "pre-aggregate-trades-v2")).isEqualTo(open);
        assertThatThrownBy(() -> openWindows(migrated, "pre-aggregate-trades"))
                .hasMessageContaining("pre-aggregate-trades");
    }
}
