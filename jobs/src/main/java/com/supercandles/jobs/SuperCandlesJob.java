package com.supercandles.jobs;

import com.supercandles.candle.CandleWindowFinisher;
import com.supercandles.candle.Period;
import com.supercandles.candle.SuperCandle;
import com.supercandles.candle.SuperCandleAggregate;
import com.supercandles.event.DeadLetter;
import com.supercandles.event.EventTimeWatermarks;
import com.supercandles.event.EventType;
import com.supercandles.event.LateEventToDeadLetter;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.RejectedRecordSplitter;
import com.supercandles.model.ExecutionModelFunction;
import com.supercandles.model.ExecutionModelRecord;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The SuperCandles job: trades, order log and book snapshots in; one SuperCandle per symbol and
 * window of each configured period out, plus every record that could not be used, with its reason.
 *
 * <p>Sources and sinks are passed in, so the same graph runs live (Kafka), in a replay of recorded
 * files and in tests. The graph, in one place:
 * <pre>
 *   source(trades) ─ split rejected ─┐
 *   source(orders) ─ split rejected ─┼─ keyBy(symbol) ─┬─ window(p1) ─ aggregate ─┐
 *   source(book)   ─ split rejected ─┘                 └─ window(pN) ─ aggregate ─┴─ candles
 *                                                      └─ execution model (per side) ── model records
 *   rejected records + late events (per period) ───────────────────────────────────── dead letters
 * </pre>
 */
public final class SuperCandlesJob {
    private final SuperCandlesSettings settings;
    private final Map<EventType, Source<ParsedRecord, ?, ?>> sources;
    private final Map<String, Sink<SuperCandle>> candleSinks;
    private final Map<String, Sink<DeadLetter>> deadLetterSinks;
    private final Sink<ExecutionModelRecord> modelSink;
    private final Integer sinkParallelism;

    private SuperCandlesJob(Builder b) {
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.sources = new EnumMap<>(b.sources);
        this.candleSinks = new LinkedHashMap<>(b.candleSinks);
        this.deadLetterSinks = new LinkedHashMap<>(b.deadLetterSinks);
        if (candleSinks.isEmpty() || deadLetterSinks.isEmpty()) {
            throw new IllegalArgumentException("a candle sink and a dead-letter sink are required");
        }
        this.modelSink = b.modelSink;
        this.sinkParallelism = b.sinkParallelism;
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("at least one source (trades, orders or book) is required");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public JobExecutionResult execute(StreamExecutionEnvironment env, String jobName) throws Exception {
        build(env);
        return env.execute(jobName);
    }

    /** Adds the job's operators to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        DataStream<MarketEvent> events = null;
        DataStream<DeadLetter> deadLetters = null;
        for (Map.Entry<EventType, Source<ParsedRecord, ?, ?>> entry : sources.entrySet()) {
            String stream = entry.getKey().streamName();
            SingleOutputStreamOperator<MarketEvent> valid = env
                    .fromSource(entry.getValue(), watermarks(), "source: " + stream)
                    .uid("source-" + stream)
                    .process(new RejectedRecordSplitter(stream))
                    .name("split rejected " + stream)
                    .uid("split-rejected-" + stream);
            events = events == null ? valid : events.union(valid);
            DataStream<DeadLetter> rejected = valid.getSideOutput(RejectedRecordSplitter.REJECTED);
            deadLetters = deadLetters == null ? rejected : deadLetters.union(rejected);
        }

        KeyedStream<MarketEvent, String> bySymbol = events.keyBy(e -> e.symbol);
        DataStream<SuperCandle> candles = null;
        for (Period period : settings.periods()) {
            OutputTag<MarketEvent> late = new OutputTag<>("late-" + period, TypeInformation.of(MarketEvent.class));
            SingleOutputStreamOperator<SuperCandle> periodCandles = bySymbol
                    .window(TumblingEventTimeWindows.of(Duration.ofMillis(period.millis())))
                    .allowedLateness(settings.allowedLateness())
                    .sideOutputLateData(late)
                    .aggregate(new SuperCandleAggregate(settings.instruments()),
                            new CandleWindowFinisher(period, settings.instruments()))
                    .name("SuperCandles " + period)
                    .uid("supercandles-" + period);
            candles = candles == null ? periodCandles : candles.union(periodCandles);
            deadLetters = deadLetters.union(periodCandles.getSideOutput(late)
                    .map(new LateEventToDeadLetter(period.toString()))
                    .name("late events " + period)
                    .uid("late-events-" + period));
        }

        if (modelSink != null) {
            withSinkParallelism(bySymbol
                    .process(new ExecutionModelFunction(settings.executionModel(), settings.instruments()))
                    .name("execution model " + settings.executionModel().period())
                    .uid("execution-model")
                    .sinkTo(modelSink).name("model records").uid("model-sink"));
        }
        sinkTo(candles, candleSinks, "candles", "candle-sink");
        sinkTo(deadLetters, deadLetterSinks, "dead letters", "dead-letter-sink");
    }

    /** Each sink of a stream; the first keeps the plain uid, so adding a sink does not orphan its state. */
    private <T> void sinkTo(DataStream<T> stream, Map<String, Sink<T>> sinks, String name, String uid) {
        for (Map.Entry<String, Sink<T>> sink : sinks.entrySet()) {
            boolean primary = sink.getKey().isEmpty();
            withSinkParallelism(stream.sinkTo(sink.getValue())
                    .name(primary ? name : name + " to " + sink.getKey())
                    .uid(primary ? uid : uid + "-" + sink.getKey()));
        }
    }

    private void withSinkParallelism(DataStreamSink<?> sink) {
        if (sinkParallelism != null) {
            sink.setParallelism(sinkParallelism);
        }
    }

    private WatermarkStrategy<ParsedRecord> watermarks() {
        return EventTimeWatermarks.strategy(settings.maxOutOfOrderness(), settings.idleness());
    }

    /** Builder in the style of Flink's connectors: sources by stream, then the sinks. */
    public static final class Builder {
        private SuperCandlesSettings settings = new SuperCandlesSettings();
        private final Map<EventType, Source<ParsedRecord, ?, ?>> sources = new EnumMap<>(EventType.class);
        private final Map<String, Sink<SuperCandle>> candleSinks = new LinkedHashMap<>();
        private final Map<String, Sink<DeadLetter>> deadLetterSinks = new LinkedHashMap<>();
        private Sink<ExecutionModelRecord> modelSink;
        private Integer sinkParallelism;

        public Builder settings(SuperCandlesSettings settings) {
            this.settings = settings;
            return this;
        }

        /** The source of one stream; a stream without a source simply contributes nothing. */
        public Builder source(EventType stream, Source<ParsedRecord, ?, ?> source) {
            sources.put(stream, source);
            return this;
        }

        public Builder candleSink(Sink<SuperCandle> sink) {
            return candleSink("", sink);
        }

        /** A further destination of the candles, named (e.g. "clickhouse") for its operator and uid. */
        public Builder candleSink(String name, Sink<SuperCandle> sink) {
            candleSinks.put(name, Objects.requireNonNull(sink));
            return this;
        }

        public Builder deadLetterSink(Sink<DeadLetter> sink) {
            return deadLetterSink("", sink);
        }

        /** A further destination of the dead letters, named like {@link #candleSink(String, Sink)}. */
        public Builder deadLetterSink(String name, Sink<DeadLetter> sink) {
            deadLetterSinks.put(name, Objects.requireNonNull(sink));
            return this;
        }

        /** Where the execution-model records go; without one the model does not run. */
        public Builder modelSink(Sink<ExecutionModelRecord> sink) {
            this.modelSink = sink;
            return this;
        }

        /** Sinks that must have a single writer (a local file) set this to 1. */
        public Builder sinkParallelism(int parallelism) {
            this.sinkParallelism = parallelism;
            return this;
        }

        public SuperCandlesJob build() {
            return new SuperCandlesJob(this);
        }
    }
}
