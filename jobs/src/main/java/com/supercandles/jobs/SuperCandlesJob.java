package com.supercandles.jobs;

import com.supercandles.alert.record.Alert;
import com.supercandles.alert.record.AnomalyFollowUp;
import com.supercandles.alert.MarketAnomalies;
import com.supercandles.alert.CandleSequenceAlerts;
import com.supercandles.alert.DuplicateTradeFilter;
import com.supercandles.alert.FeedDownCollapse;
import com.supercandles.alert.FeedPulse;
import com.supercandles.alert.FeedPulses;
import com.supercandles.alert.FeedSequenceAlerts;
import com.supercandles.alert.RejectedRateRule;
import com.supercandles.alert.RuleSettings;
import com.supercandles.alert.StreamWatchdog;
import com.supercandles.alert.FeedStaleness;
import com.supercandles.alert.WatchdogSettings;
import com.supercandles.candle.CandleWindowOperator;
import com.supercandles.candle.Period;
import com.supercandles.candle.SuperCandle;
import com.supercandles.candle.CandlePartial;
import com.supercandles.candle.CandlePreAggregator;
import com.supercandles.event.DeadLetter;
import com.supercandles.event.EventTimeWatermarks;
import com.supercandles.event.EventType;
import com.supercandles.event.LateEventToDeadLetter;
import com.supercandles.event.MarketEvent;
import com.supercandles.event.ParsedRecord;
import com.supercandles.event.RejectedRecordSplitter;
import com.supercandles.event.SparseWatermarks;
import com.supercandles.event.StartUpIdlenessHold;
import com.supercandles.model.ExecutionModelFunction;
import com.supercandles.model.ExecutionModelRecord;
import com.supercandles.alert.GuardAlerts;
import com.supercandles.alert.ScoreBandAlerts;
import com.supercandles.score.GuardRecord;
import com.supercandles.score.ModelScoring;
import com.supercandles.score.PhaseGuard;
import com.supercandles.score.ScoreModel;
import com.supercandles.score.ScoreRecord;
import com.supercandles.signal.SignalBar;
import com.supercandles.signal.SignalOperator;
import com.supercandles.signal.SignalRecord;
import com.supercandles.signal.SignalSettings;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
 *   source(trades) ─ split rejected ─ pre-aggregate ─┐ partials of p1 ─ keyBy(symbol) ─ window(p1) ─ merge ─┐
 *   source(orders) ─ split rejected ─ pre-aggregate ─┼ ...                                                     ├─ candles
 *   source(book)   ─ split rejected ─ pre-aggregate ─┘ partials of pN ─ keyBy(symbol) ─ window(pN) ─ merge ─┘
 *   valid events ─ keyBy(symbol) ─ execution model (per side) ─────────────────────────────── model records
 *   candles of the signal periods ─ keyBy(symbol, period) ─ paper strategies ─────────────── signal records
 *   candles of the model's period ─ keyBy(symbol) ─ model score (features, classifiers, phase) ─ score records
 *   score records + signal records of that period ─ keyBy(symbol) ─ market-phase guard ─────── guard records
 *   each source chain ─ watchdogs (per stream, chained: no shuffle) ──────────────┐
 *   valid events ─ keyBy(symbol) ─ cross-stream rules ────────────────────────────┤
 *   rejected records ─ keyBy(symbol, stream) ─ rejected rate ─────────────────────┤
 *   live: each source chain ─ pulses ─ keyBy(symbol) ─ feed staleness ─ keyBy(stream) ─ feed down ┼─ alerts
 *         feed alerts (+ latency alerts) ─ keyBy(symbol, stream) ─ cep flapping, dying ─┤
 *   candles of 1 min and up ─ sequence prefilter ─ keyBy(symbol, period) ─ cep sequences ─┤
 *   1-minute candles ─ keyBy(symbol) ─ market anomalies (+ follow-ups) ──────────┤
 *   score records ─ keyBy(symbol) ─ band changes; guard decision changes ─────────┘
 *   rejected records + late events (per period: by their own stream, at the pre-aggregator) ─ dead letters
 * </pre>
 * Lateness is judged by each event's own stream partition: the sources stamp every event with the
 * watermark its partition had before it ({@link com.supercandles.event.StreamWatermark}), and the
 * pre-aggregator sends an event whose window that stream has passed to the dead letters, so the same
 * input gives the same candles and dead letters however fast each stream is read.
 * Right after each source, {@link StartUpIdlenessHold} keeps a subtask that has not started from
 * being taken for an idle one. Each source's chain folds its events into partial candles per symbol
 * and window (a hash lookup per event), so only partials cross the network: see {@link
 * CandlePreAggregator}. The window operators merge them on the heap and fire from the watermark,
 * with keyed state written at checkpoints: see {@link CandleWindowOperator}.
 */
public final class SuperCandlesJob {
    /**
     * How long a network buffer that is not full waits before it is sent (Flink's default: 100 ms). A
     * window's partials leave the pre-aggregators in a burst when the watermark passes its end; the last
     * buffer of the burst, and of the window operator's candles, waited up to this long on a timer, which
     * is most of a candle's latency at the p99 (measured in the benchmark's paced run). A full buffer goes
     * at once either way, so throughput hardly changes. {@code execution.buffer-timeout.interval} in the
     * configuration overrides it.
     */
    static final Duration NETWORK_BUFFER_TIMEOUT = Duration.ofMillis(10);
    /** Open windows one pre-aggregator may hold (about 1 KB each) before handing all on early. */
    static final int MAX_BUFFERED_WINDOWS = 200_000;
    /** The start-up grace when no idleness is configured (bounded inputs never need it: readers finish). */
    static final Duration START_UP_GRACE_WITHOUT_IDLENESS = Duration.ofSeconds(60);

    private final SuperCandlesSettings settings;
    private final Map<EventType, Source<ParsedRecord, ?, ?>> sources;
    private final Map<String, Sink<SuperCandle>> candleSinks;
    private final Map<String, Sink<DeadLetter>> deadLetterSinks;
    private final Map<String, Sink<ExecutionModelRecord>> modelSinks;
    private final Map<String, Sink<SignalRecord>> signalSinks;
    private final Map<String, Sink<Alert>> alertSinks;
    private final Map<String, Sink<AnomalyFollowUp>> followUpSinks;
    private final Map<String, Sink<ScoreRecord>> scoreSinks;
    private final Map<String, Sink<GuardRecord>> guardSinks;
    /** The settings' model with the deployment's bands, resolved once for every operator that uses it. */
    private final ScoreModel scoreModel;
    private final boolean live;
    private final Integer sinkParallelism;

    private SuperCandlesJob(Builder b) {
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.sources = new EnumMap<>(b.sources);
        this.candleSinks = new LinkedHashMap<>(b.candleSinks);
        this.deadLetterSinks = new LinkedHashMap<>(b.deadLetterSinks);
        if (candleSinks.isEmpty() || deadLetterSinks.isEmpty()) {
            throw new IllegalArgumentException("a candle sink and a dead-letter sink are required");
        }
        this.modelSinks = new LinkedHashMap<>(b.modelSinks);
        this.signalSinks = new LinkedHashMap<>(b.signalSinks);
        this.alertSinks = new LinkedHashMap<>(b.alertSinks);
        this.followUpSinks = new LinkedHashMap<>(b.followUpSinks);
        this.scoreSinks = new LinkedHashMap<>(b.scoreSinks);
        this.guardSinks = new LinkedHashMap<>(b.guardSinks);
        this.live = b.live;
        this.sinkParallelism = b.sinkParallelism;
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("at least one source (trades, orders or book) is required");
        }
        this.scoreModel = settings.scoreModel();
        if (scoreModel != null && !settings.periods().contains(Period.parse(scoreModel.period))) {
            throw new IllegalArgumentException("the model " + scoreModel.id + " scores candles of " + scoreModel.period
                    + ", which the job does not make (periods " + settings.periods() + "): add " + scoreModel.period
                    + " to the periods");
        }
    }

    /**
     * The pipeline options every run of the job uses. No Kryo: every type on the wire or in state has a
     * POJO serializer or, the hot ones (events, partial candles, accumulators), a hand-written one; a
     * type that would fall back to Kryo fails at build time. Object reuse: no
     * operator of the job keeps a reference to a record it was handed (accumulators copy the figures
     * they need, sinks encode at once), so chained operators may pass records without a defensive copy.
     */
    public static Configuration pipelineOptions(Configuration conf) {
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        if (!conf.contains(ExecutionOptions.BUFFER_TIMEOUT)) {
            conf.set(ExecutionOptions.BUFFER_TIMEOUT, NETWORK_BUFFER_TIMEOUT);
        }
        return conf;
    }

    public static Builder builder() {
        return new Builder();
    }

    public JobExecutionResult execute(StreamExecutionEnvironment env, String jobName) throws Exception {
        build(env);
        return env.execute(jobName);
    }

    /** Adds the job's operators to {@code env}: one method per layer, in the order of the map above. */
    public void build(StreamExecutionEnvironment env) {
        Graph g = new Graph();
        for (Map.Entry<EventType, Source<ParsedRecord, ?, ?>> entry : sources.entrySet()) {
            read(env, entry.getKey(), entry.getValue(), g);
        }
        DataStream<SuperCandle> candles = candles(g);
        if (!modelSinks.isEmpty()) {
            sinkTo(executionModel(g.events), modelSinks, "model records", "model-sink");
        }
        boolean strategies = !settings.signals().strategies.isEmpty();
        DataStream<SignalRecord> signals = strategies && (!signalSinks.isEmpty() || guarded()) ? signals(candles) : null;
        if (signals != null) {
            sinkTo(signals, signalSinks, "signal records", "signal-sink");
        }
        Scores scores = scores(candles, signals);
        if (!alertSinks.isEmpty()) {
            DataStream<Alert> alerts = alerts(g, candles, scores);
            if (alerts != null) {
                sinkTo(alerts, alertSinks, "alerts", "alert-sink");
            }
        }
        sinkTo(candles, candleSinks, "candles", "candle-sink");
        sinkTo(g.deadLetters, deadLetterSinks, "dead letters", "dead-letter-sink");
    }

    /** The model score's outputs: score records and guard records (null where they do not run). */
    private static final class Scores {
        DataStream<ScoreRecord> records;
        DataStream<GuardRecord> guard;
    }

    /** Whether the guard runs: a model, the strategies, and somewhere for its records or alerts to go. */
    private boolean guarded() {
        return scoreModel != null && (!guardSinks.isEmpty() || !alertSinks.isEmpty());
    }

    /**
     * The model score per symbol on the candles of the model's period, and the market-phase guard on
     * the scores with the strategies' records of that period.
     */
    private Scores scores(DataStream<SuperCandle> candles, DataStream<SignalRecord> signals) {
        Scores out = new Scores();
        ScoreModel model = scoreModel;
        if (model == null || (scoreSinks.isEmpty() && guardSinks.isEmpty() && alertSinks.isEmpty())) {
            return out;
        }
        out.records = candles.filter(new CandlesOfPeriods(java.util.List.of(Period.parse(model.period))))
                .name("candles of the model's period").uid("model-period-candles")
                .keyBy(c -> c.symbol)
                .transform("model score " + model.id, TypeInformation.of(ScoreRecord.class), new ModelScoring(model))
                .uid("model-score");
        sinkTo(out.records, scoreSinks, "score records", "score-sink");
        if (signals != null && guarded()) {
            double k = settings.watchdogs().rule(WatchdogSettings.PHASE_GUARD).threshold;
            out.guard = out.records.keyBy(r -> r.symbol)
                    .connect(signals.keyBy(r -> r.symbol))
                    .process(new PhaseGuard(model, k)).name("market-phase guard").uid("phase-guard");
            sinkTo(out.guard, guardSinks, "guard records", "guard-sink");
        }
        return out;
    }

    /** What the source chains hand to the layers after them. */
    private static final class Graph {
        DataStream<MarketEvent> events;
        DataStream<DeadLetter> deadLetters;
        DataStream<DeadLetter> rejected;
        DataStream<FeedPulse> pulses;
        final Map<Period, DataStream<CandlePartial>> partials = new LinkedHashMap<>();
        final Map<Period, DataStream<CandlePartial>> lateByStream = new LinkedHashMap<>();
        DataStream<Alert> streamAlerts;

        void deadLetters(DataStream<DeadLetter> more) {
            deadLetters = union(deadLetters, more);
        }

        void alerts(DataStream<Alert> more) {
            streamAlerts = union(streamAlerts, more);
        }
    }

    /**
     * One stream's source chain: read and parse, hold idleness until started, split off the rejected
     * records, keep repeated trades out, run the per-stream watchdogs, pre-aggregate into partials.
     */
    private void read(StreamExecutionEnvironment env, EventType type, Source<ParsedRecord, ?, ?> source, Graph g) {
        String stream = type.streamName();
        DataStream<ParsedRecord> records = env
                .fromSource(source, watermarks(), "source: " + stream)
                .uid("source-" + stream);
        SingleOutputStreamOperator<MarketEvent> valid = records
                .transform("hold idleness until started " + stream, records.getType(),
                        new StartUpIdlenessHold<ParsedRecord>(startUpGrace().toMillis()))
                .uid("start-up-hold-" + stream)
                .process(new RejectedRecordSplitter(stream))
                .name("split rejected " + stream)
                .uid("split-rejected-" + stream);
        DataStream<DeadLetter> rejected = sparse(valid.getSideOutput(RejectedRecordSplitter.REJECTED), "rejected " + stream);
        g.deadLetters(rejected);
        g.rejected = union(g.rejected, rejected);
        DataStream<MarketEvent> checked = valid;
        RuleSettings duplicates = settings.watchdogs().rule(WatchdogSettings.DUPLICATE_TRADE);
        if (type == EventType.TRADE && duplicates.enabled) {
            SingleOutputStreamOperator<MarketEvent> unique = valid
                    .transform("duplicate trades", valid.getType(), new DuplicateTradeFilter(duplicates))
                    .uid("duplicate-trades");
            checked = unique;
            g.deadLetters(sparse(unique.getSideOutput(DuplicateTradeFilter.DUPLICATES), "duplicate trades out"));
            if (!alertSinks.isEmpty()) {
                g.alerts(sparse(unique.getSideOutput(DuplicateTradeFilter.ALERTS), "duplicate trade alerts"));
            }
        }
        g.events = union(g.events, checked);
        StreamWatchdog watchdog = new StreamWatchdog(settings.watchdogs(), false);
        if (!alertSinks.isEmpty() && watchdog.hasRules()) {
            g.alerts(checked.transform("watchdogs " + stream, TypeInformation.of(Alert.class), watchdog)
                    .uid("watchdogs-" + stream));
        }
        RuleSettings feedStale = settings.watchdogs().rule(WatchdogSettings.FEED_STALE);
        if (live && feedStale.enabled && !alertSinks.isEmpty()) {
            DataStream<FeedPulse> pulses = checked.transform("feed pulses " + stream, TypeInformation.of(FeedPulse.class),
                    new FeedPulses(type, FeedPulses.intervalFor((long) feedStale.threshold))).uid("feed-pulses-" + stream);
            g.pulses = union(g.pulses, pulses);
        }
        SingleOutputStreamOperator<CandlePartial> preAggregated = checked
                .transform("pre-aggregate " + stream, TypeInformation.of(CandlePartial.class),
                        new CandlePreAggregator(settings.periods(), settings.instruments(),
                                settings.allowedLateness().toMillis(), MAX_BUFFERED_WINDOWS))
                .uid("pre-aggregate-" + stream);
        for (Period period : settings.periods()) {
            g.partials.merge(period, preAggregated.getSideOutput(CandlePreAggregator.output(period)), DataStream::union);
            g.lateByStream.merge(period, preAggregated.getSideOutput(CandlePreAggregator.lateOutput(period)),
                    DataStream::union);
        }
    }

    /**
     * A side output, chained, with a watermark a second at most: it leads to a shuffle or a sink, where
     * the sources' watermark per event millisecond would be a network event each.
     */
    private static <T> DataStream<T> sparse(DataStream<T> sideOutput, String name) {
        return sideOutput.transform(name, sideOutput.getType(), new SparseWatermarks<T>())
                .uid(name.replace(' ', '-'));
    }

    /** Per period: the partials keyed by symbol into the window operator; its late events and the streams' to dead letters. */
    private DataStream<SuperCandle> candles(Graph g) {
        DataStream<SuperCandle> candles = null;
        for (Period period : settings.periods()) {
            OutputTag<CandlePartial> late = new OutputTag<>("late-" + period, TypeInformation.of(CandlePartial.class));
            SingleOutputStreamOperator<SuperCandle> periodCandles = g.partials.get(period)
                    .keyBy(p -> p.symbol)
                    .transform("SuperCandles " + period, TypeInformation.of(SuperCandle.class),
                            new CandleWindowOperator(period, settings.instruments(), settings.allowedLateness().toMillis(), late))
                    .uid("supercandles-" + period);
            candles = union(candles, periodCandles);
            g.deadLetters(periodCandles.getSideOutput(late).union(g.lateByStream.get(period))
                    .map(new LateEventToDeadLetter(period.toString()))
                    .name("late events " + period)
                    .uid("late-events-" + period));
        }
        return candles;
    }

    /** The execution model per symbol and side over the valid events. */
    private DataStream<ExecutionModelRecord> executionModel(DataStream<MarketEvent> events) {
        return events.keyBy(e -> e.symbol)
                .process(new ExecutionModelFunction(settings.executionModel(), settings.instruments()))
                .name("execution model " + settings.executionModel().period())
                .uid("execution-model");
    }

    /**
     * The paper strategies on the candles of the signal periods, per (symbol, period) in window order:
     * the candles of one symbol and period come from one window-operator subtask, in window order.
     */
    private DataStream<SignalRecord> signals(DataStream<SuperCandle> candles) {
        return signals(candles.filter(new CandlesOfPeriods(settings.signals().periodsOf(settings.periods())))
                .name("candles of the signal periods").uid("signal-periods")
                .map(SignalBar::of).name("signal bars").uid("signal-bars"), settings.signals());
    }

    /** The strategies over bars from anywhere (the job's candles, a candle file, an AlgoPack export). */
    public static DataStream<SignalRecord> signals(DataStream<SignalBar> bars, SignalSettings signals) {
        return bars.keyBy(SignalOperator::key)
                .transform("paper strategies", TypeInformation.of(SignalRecord.class), new SignalOperator(signals))
                .name("paper strategies").uid("paper-strategies");
    }

    /**
     * The watchdogs: the per-stream rules chained to the sources ({@code streamAlerts}), the rules that
     * compare streams after a shuffle by symbol, the rejected records' rate per (symbol, stream), feed
     * staleness with the whole-stream collapse and the feed sequences (live), the market anomalies on the
     * 1-minute candles (their follow-ups to their own sinks), and the flink-cep sequences on the candles;
     * null when every rule is off.
     */
    private DataStream<Alert> alerts(Graph g, DataStream<SuperCandle> candles, Scores scores) {
        WatchdogSettings watchdogs = settings.watchdogs();
        DataStream<Alert> alerts = g.streamAlerts;
        StreamWatchdog crossStream = new StreamWatchdog(watchdogs, true);
        if (crossStream.hasRules()) {
            alerts = union(alerts, g.events.keyBy(e -> e.symbol)
                    .transform("watchdogs across streams", TypeInformation.of(Alert.class), crossStream)
                    .uid("watchdogs-across-streams"));
        }
        RuleSettings rejectedRate = watchdogs.rule(WatchdogSettings.REJECTED_RATE);
        if (rejectedRate.enabled && g.rejected != null) {
            alerts = union(alerts, g.rejected.keyBy(RejectedRateRule::key)
                    .process(new RejectedRateRule(rejectedRate))
                    .name("rejected records rate").uid("rejected-rate"));
        }
        RuleSettings feedStale = watchdogs.rule(WatchdogSettings.FEED_STALE);
        if (g.pulses != null) {
            SingleOutputStreamOperator<Alert> stale = g.pulses.keyBy(p -> p.symbol)
                    .process(new FeedStaleness(feedStale))
                    .name("feed staleness").uid("feed-staleness");
            RuleSettings feedDown = watchdogs.rule(WatchdogSettings.FEED_DOWN);
            DataStream<Alert> feeds = feedDown.enabled
                    ? stale.keyBy(a -> a.stream).process(new FeedDownCollapse(feedDown, (long) feedStale.threshold))
                            .name("feed down").uid("feed-down")
                    : stale.filter(a -> !FeedStaleness.SEEN.equals(a.state)).name("feed alerts").uid("feed-alerts");
            alerts = union(union(alerts, feeds), FeedSequenceAlerts.of(feeds, g.streamAlerts, watchdogs));
        }
        RuleSettings anomaly = watchdogs.rule(WatchdogSettings.MARKET_ANOMALY);
        Period minute = Period.parse("1m");
        if (anomaly.enabled && settings.periods().contains(minute)) {
            SingleOutputStreamOperator<Alert> anomalies = candles
                    .filter(new CandlesOfPeriods(java.util.List.of(minute))).name("1-minute candles").uid("minute-candles")
                    .keyBy(c -> c.symbol)
                    .process(new MarketAnomalies(anomaly)).name("market anomalies").uid("market-anomalies");
            alerts = union(alerts, anomalies);
            sinkTo(anomalies.getSideOutput(MarketAnomalies.FOLLOW_UPS), followUpSinks, "anomaly follow-ups",
                    "anomaly-follow-up-sink");
        }
        RuleSettings scoreRule = watchdogs.rule(WatchdogSettings.MODEL_SCORE);
        if (scores.records != null && scoreRule.enabled) {
            alerts = union(alerts, scores.records.keyBy(r -> r.symbol)
                    .process(new ScoreBandAlerts(scoreModel.bands, scoreRule))
                    .name("model score bands").uid("model-score-alerts"));
        }
        RuleSettings guardRule = watchdogs.rule(WatchdogSettings.PHASE_GUARD);
        if (scores.guard != null && guardRule.enabled) {
            alerts = union(alerts, scores.guard.flatMap(new GuardAlerts(guardRule))
                    .name("guard decisions").uid("guard-alerts"));
        }
        return union(alerts, CandleSequenceAlerts.of(candles, watchdogs));
    }

    /** {@code a} and {@code b} as one stream; either may be null (nothing yet, or a layer that is off). */
    private static <T> DataStream<T> union(DataStream<T> a, DataStream<T> b) {
        return a == null ? b : b == null ? a : a.union(b);
    }

    /** Keeps the candles of some periods. */
    private static final class CandlesOfPeriods implements FilterFunction<SuperCandle> {
        private static final long serialVersionUID = 1L;
        private final java.util.Set<String> periods = new java.util.HashSet<>();

        CandlesOfPeriods(java.util.List<Period> periods) {
            for (Period p : periods) {
                this.periods.add(p.toString());
            }
        }

        @Override
        public boolean filter(SuperCandle candle) {
            return periods.contains(candle.period);
        }
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

    /**
     * How long a source subtask that has not started may keep the others' watermark back: the
     * configured idleness, or {@link #START_UP_GRACE_WITHOUT_IDLENESS} (see {@link StartUpIdlenessHold}).
     */
    private Duration startUpGrace() {
        return settings.idleness() != null ? settings.idleness() : START_UP_GRACE_WITHOUT_IDLENESS;
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
        private final Map<String, Sink<ExecutionModelRecord>> modelSinks = new LinkedHashMap<>();
        private final Map<String, Sink<SignalRecord>> signalSinks = new LinkedHashMap<>();
        private final Map<String, Sink<Alert>> alertSinks = new LinkedHashMap<>();
        private final Map<String, Sink<AnomalyFollowUp>> followUpSinks = new LinkedHashMap<>();
        private final Map<String, Sink<ScoreRecord>> scoreSinks = new LinkedHashMap<>();
        private final Map<String, Sink<GuardRecord>> guardSinks = new LinkedHashMap<>();
        private boolean live;
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
            return modelSink("", sink);
        }

        /** A further destination of the model records, named like {@link #candleSink(String, Sink)}. */
        public Builder modelSink(String name, Sink<ExecutionModelRecord> sink) {
            modelSinks.put(name, Objects.requireNonNull(sink));
            return this;
        }

        /** Where the paper strategies' records go; without one the strategies do not run. */
        public Builder signalSink(Sink<SignalRecord> sink) {
            return signalSink("", sink);
        }

        /** A further destination of the signal records, named like {@link #candleSink(String, Sink)}. */
        public Builder signalSink(String name, Sink<SignalRecord> sink) {
            signalSinks.put(name, Objects.requireNonNull(sink));
            return this;
        }

        /** Where the market-anomaly alerts' follow-ups go (with the alerts; without one they are not kept). */
        public Builder anomalyFollowUpSink(Sink<AnomalyFollowUp> sink) {
            return anomalyFollowUpSink("", sink);
        }

        /** A further destination of the follow-ups, named like {@link #candleSink(String, Sink)}. */
        public Builder anomalyFollowUpSink(String name, Sink<AnomalyFollowUp> sink) {
            followUpSinks.put(name, Objects.requireNonNull(sink));
            return this;
        }

        /** Where the model score's records go (with a model in the settings). */
        public Builder scoreSink(Sink<ScoreRecord> sink) {
            return scoreSink("", sink);
        }

        /** A further destination of the score records, named like {@link #candleSink(String, Sink)}. */
        public Builder scoreSink(String name, Sink<ScoreRecord> sink) {
            scoreSinks.put(name, Objects.requireNonNull(sink));
            return this;
        }

        /** Where the market-phase guard's records go (with a model and the paper strategies). */
        public Builder guardSink(Sink<GuardRecord> sink) {
            return guardSink("", sink);
        }

        /** A further destination of the guard records, named like {@link #candleSink(String, Sink)}. */
        public Builder guardSink(String name, Sink<GuardRecord> sink) {
            guardSinks.put(name, Objects.requireNonNull(sink));
            return this;
        }

        /** Where the watchdogs' alerts go; without one the watchdogs do not run. */
        public Builder alertSink(Sink<Alert> sink) {
            return alertSink("", sink);
        }

        /** A further destination of the alerts, named like {@link #candleSink(String, Sink)}. */
        public Builder alertSink(String name, Sink<Alert> sink) {
            alertSinks.put(name, Objects.requireNonNull(sink));
            return this;
        }

        /**
         * A live run: the processing-time watchdogs (feed staleness) run too. A replay leaves them out: its
         * processing time says nothing about the recorded feeds.
         */
        public Builder live(boolean live) {
            this.live = live;
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
