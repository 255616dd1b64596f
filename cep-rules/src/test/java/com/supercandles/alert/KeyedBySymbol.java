package com.supercandles.alert;

import com.supercandles.event.MarketEvent;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** A test harness for an operator on events keyed by symbol, as the job runs it. */
final class KeyedBySymbol {
    private KeyedBySymbol() {}

    static <O> KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, O> harness(
            OneInputStreamOperator<MarketEvent, O> operator) throws Exception {
        return harness(operator, 1, 1, 0);
    }

    /** Subtask {@code index} of {@code parallelism}, with Flink's default key groups for the job. */
    static <O> KeyedOneInputStreamOperatorTestHarness<String, MarketEvent, O> harness(
            OneInputStreamOperator<MarketEvent, O> operator, int maxParallelism, int parallelism, int index) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(operator, e -> e.symbol, Types.STRING,
                maxParallelism, parallelism, index);
    }
}
