package com.supercandles.event;

import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One registration counts a counter's metric and its accumulator together. */
class PipelineCountersTest {
    private static final class Counting extends RichMapFunction<Long, Long> {
        private transient PipelineCounters.Count both;
        private transient PipelineCounters.Count totalOnly;

        @Override
        public void open(OpenContext openContext) {
            both = PipelineCounters.register(getRuntimeContext(), "both");
            totalOnly = PipelineCounters.total(getRuntimeContext(), "total_only");
        }

        @Override
        public Long map(Long n) {
            both.add(n);
            both.inc();
            totalOnly.inc();
            return n;
        }
    }

    @Test
    void theMetricAndTheAccumulatorCountTheSame() throws Exception {
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        MockEnvironment env = new MockEnvironmentBuilder().setMetricGroup(
                new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name,
                                                                        Map<String, String> variables) {
                        return metrics;
                    }
                }).build();
        try (var h = new OneInputStreamOperatorTestHarness<>(new StreamMap<>(new Counting()), env)) {
            h.open();
            h.processElement(5L, 0);
            h.processElement(2L, 1);
        }
        Map<String, Accumulator<?, ?>> totals = env.getAccumulatorRegistry().getUserMap();
        assertThat(((Counter) metrics.get("both")).getCount()).isEqualTo(9);
        assertThat(totals.get("both").getLocalValue()).isEqualTo(9L);
        assertThat(metrics.get("total_only")).as("no metric").isNull();
        assertThat(totals.get("total_only").getLocalValue()).isEqualTo(2L);
    }
}
