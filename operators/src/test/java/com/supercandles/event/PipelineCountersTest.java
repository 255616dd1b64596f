package com.supercandles.event;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One registration counts a counter's metric and its accumulator together, the metric in the job's group
 * with its labels as Flink's variables (what a tag-based reporter such as Prometheus's turns into labels).
 */
class PipelineCountersTest {
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static final class Counting extends RichMapFunction<Long, Long> {
        private transient PipelineCounters.Count both;
        private transient PipelineCounters.Count totalOnly;
        private transient PipelineCounters.Count duplicates;

        @Override
        public void open(OpenContext openContext) {
            both = PipelineCounters.register(getRuntimeContext(), "both", "things", "kind", "x", "size", "big");
            totalOnly = PipelineCounters.total(getRuntimeContext(), "total_only");
            duplicates = PipelineCounters.register(getRuntimeContext(), PipelineCounters.DUPLICATES);
        }

        @Override
        public Long map(Long n) {
            both.add(n);
            both.inc();
            totalOnly.inc();
            duplicates.inc();
            return n;
        }
    }

    /** Every metric named {@code name} with the variables {@code labels} (Flink writes a variable's key as {@code <key>}). */
    private static List<Metric> metrics(String name, Map<String, String> labels) {
        List<Metric> found = new ArrayList<>();
        for (Map.Entry<MetricGroup, Map<String, Metric>> g : REPORTER.getMetricsByGroup().entrySet()) {
            Map<String, String> variables = g.getKey().getAllVariables();
            boolean match = g.getValue().containsKey(name);
            for (Map.Entry<String, String> l : labels.entrySet()) {
                match &= l.getValue().equals(variables.get("<" + l.getKey() + ">"));
            }
            if (match) {
                found.add(g.getValue().get(name));
            }
        }
        return found;
    }

    @Test
    void theMetricWithItsLabelsAndTheAccumulatorCountTheSame() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(5L, 2L).map(new Counting()).sinkTo(new DiscardingSink<>());
        JobExecutionResult result = env.execute("counters");

        assertThat(metrics("things", Map.of("kind", "x", "size", "big"))).singleElement()
                .satisfies(m -> assertThat(((Counter) m).getCount()).isEqualTo(9));
        assertThat((Long) result.getAccumulatorResult("both")).isEqualTo(9L);
        // its group is the job's: the Prometheus name is ..._operator_supercandles_kind_size_things
        assertThat(REPORTER.findMetrics(result.getJobID(), ".*\\.supercandles\\.kind\\.x\\.size\\.big\\.things"))
                .hasSize(1);
        assertThat(REPORTER.findMetrics(result.getJobID(), ".*total_only")).as("no metric").isEmpty();
        assertThat((Long) result.getAccumulatorResult("total_only")).isEqualTo(2L);
        // a counter registered by its name alone takes its fixed metric
        assertThat(metrics(PipelineCounters.DEAD_LETTERS_METRIC, Map.of("stream", "trades", "reason", "duplicate")))
                .singleElement().satisfies(m -> assertThat(((Counter) m).getCount()).isEqualTo(2));
        assertThat((Long) result.getAccumulatorResult(PipelineCounters.DUPLICATES)).isEqualTo(2L);
    }

    @Test
    void aCounterWithoutAFixedMetricOrWithAnOddLabelIsRefused() {
        MetricGroup group = new org.apache.flink.metrics.groups.UnregisteredMetricsGroup();
        assertThatThrownBy(() -> PipelineCounters.metrics(group, "stream"))
                .hasMessageContaining("key, value pairs");
        assertThatThrownBy(() -> PipelineCounters.register(null, PipelineCounters.LATE))
                .hasMessageContaining("late_events has no fixed metric");
    }
}
