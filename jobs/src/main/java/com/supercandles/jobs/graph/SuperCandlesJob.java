package com.supercandles.jobs.graph;

import com.supercandles.jobs.config.SuperCandlesSettings;

import com.supercandles.alert.Alert;
import com.supercandles.alert.AlertCounts;
import com.supercandles.alert.MarketAnomalies;
import com.supercandles.alert.CandleSequenceAlerts;
import com.supercandles.alert.DuplicateTradeFilter;
import com.supercandles.alert.FeedDownCollapse;
import com.supercandles.alert.FeedGapAlerts;
import com.supercandles.gap.FeedGapSpan;
import com.supercandles.gap.GapRecordSplitter;
import com.supercandles.gap.GapWatermarks;
import com.supercandles.gap.KnownGapMarks;
import com.supercandles.gap.LiveGapMarks;
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
import com.supercandles.candle.LateEventToDeadLetter;
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
import com.supercandles.output.OutputKind;
import com.supercandles.output.Outputs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.functions.KeySelector;
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
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 *   source(trades) ─ split rejected ─ keyBy(symbol) ─ duplicates out ─ pre-aggregate ─┐ partials of p1 ─ keyBy(symbol) ─ window(p1) ─ merge ─┐
 *   source(orders) ─ split rejected ─ pre-aggregate ─────────────────────────────────┼ ...                                                     ├─ candles
 *   source(book)   ─ split rejected ─ pre-aggregate ─────────────────────────────────┘ partials of pN ─ keyBy(symbol) ─ window(pN) ─ merge ─┘
 *   valid events ─ keyBy(symbol) ─ events by symbol ─ execution model (per side) ──────────── model records
 *   candles of the signal periods ─ keyBy(symbol, period) ─ paper strategies ─────────────── signal records
 *   candles of the model's period ─ keyBy(symbol) ─ model score (features, classifiers, phase) ─ score records
 *   score records + signal records of that period ─ keyBy(symbol) ─ market-phase guard ─────── guard records
 *   trades after the duplicates ─ watchdogs (chained to the duplicate filter) ───────┐
 *   events by symbol ─ orders' watchdogs, book's watchdogs, cross-stream rules ───┤
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
 * The duplicate filter and the per-stream watchdogs keep per-symbol memory, so they run after a
 * {@code keyBy(symbol)} with keyed state: a restore at another parallelism hands each symbol's memory to
 * the subtask that reads the symbol from then on (operator state on the source chain was split among
 * the new subtasks without regard to which symbols each would read: repeats passed into candles).
 * Every consumer of the events keyed by symbol (the execution model, the order log's and book's
 * watchdogs, the cross-stream rules) chains to one pass-through after a single shuffle ("events by
 * symbol"): a shuffle per consumer sent the whole market over the network once for each.
 * Right after each source, {@link StartUpIdlenessHold} keeps a subtask that has not started from
 * being taken for an idle one. Each source's chain folds its events into partial candles per symbol
 * and window (a hash lookup per event), so only partials cross the network: see {@link
 * CandlePreAggregator}. The window operators merge them on the heap and fire from the watermark,
 * with keyed state written at checkpoints: see {@link CandleWindowOperator}.
 */
public final class SuperCandlesJob {
    private static final Logger LOG = LoggerFactory.getLogger(SuperCandlesJob.class);
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
    /**
     * How far past a candle's window end the watermark may go before the live gap marking writes the
     * candle without waiting for its symbol's next candle: a gap reported later than this (a stall of
     * the feed's 30 s timeout and its resync fit) is not marked on the window it began in.
     */
    static final Duration GAP_HOLD = Duration.ofMinutes(2);
    public static final long GAP_HOLD_SECONDS = GAP_HOLD.toSeconds();
    /** The symbol of an event: the key of every per-symbol operator on events. */
    private static final KeySelector<MarketEvent, String> BY_SYMBOL = new EventSymbol();
    /** The market anomalies' candles. */
    private static final Period MINUTE = Period.parse("1m");

    private final SuperCandlesSettings settings;
    private final Map<EventType, Source<ParsedRecord, ?, ?>> sources;
    /** The sinks of each output kind, by name ("" the first); a kind without sinks is not written. */
    private final Map<OutputKind<?>, Map<String, Sink<?>>> sinks;
    /** The feed_stale rule: its threshold paces the pulses, judges staleness and the whole-stream collapse. */
    private final RuleSettings feedStale;
    /** The settings' model with the deployment's bands, resolved once for every operator that uses it. */
    private final ScoreModel scoreModel;
    private final boolean live;
    private final Integer sinkParallelism;
    /** The feed's gap records live, or null. */
    private final Source<FeedGapSpan, ?, ?> gapSource;
    /** The gaps of a replay's gaps.jsonl, or null. */
    private final List<FeedGapSpan> knownGaps;

    private SuperCandlesJob(Builder b) {
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.sources = new EnumMap<>(b.sources);
        this.sinks = new LinkedHashMap<>();
        b.sinks.forEach((kind, named) -> sinks.put(kind, new LinkedHashMap<>(named)));
        if (!has(Outputs.CANDLES) || !has(Outputs.DEAD_LETTERS)) {
            throw new IllegalArgumentException("a candle sink and a dead-letter sink are required");
        }
        this.live = b.live;
        this.sinkParallelism = b.sinkParallelism;
        this.gapSource = b.gapSource;
        this.knownGaps = b.knownGaps;
        if (gapSource != null && knownGaps != null) {
            throw new IllegalArgumentException("gaps come from a source or are known before the run, not both");
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("at least one source (trades, orders or book) is required");
        }
        this.scoreModel = settings.scoreModel();
        this.feedStale = settings.watchdogs().rule(WatchdogSettings.FEED_STALE);
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
        watchdogsAfterTheShuffle(g);
        for (String line : layersOff()) {
            LOG.info("{}", line);
        }
        DataStream<SuperCandle> candles = candles(g);
        DataStream<FeedGapSpan> gaps = gapRecords(env, g);
        if (has(Outputs.MODELS)) {
            sinkTo(executionModel(g.eventsBySymbol()), Outputs.MODELS);
        }
        DataStream<SignalRecord> signals = strategies() ? signals(candles) : null;
        if (signals != null) {
            sinkTo(signals, Outputs.SIGNALS);
        }
        Scores scores = scores(candles, signals);
        if (has(Outputs.ALERTS)) {
            DataStream<Alert> alerts = alerts(g, candles, scores);
            RuleSettings feedGap = settings.watchdogs().rule(WatchdogSettings.FEED_GAP);
            if (gaps != null && feedGap.enabled) {
                alerts = union(alerts, gaps.flatMap(new FeedGapAlerts(feedGap)).name("feed gap alerts").uid("feed-gap-alerts"));
            }
            if (alerts != null) {
                // counted once, as they leave for the sinks: every rule's, by rule, severity and state
                sinkTo(alerts.map(new AlertCounts()).name("count alerts").uid("alert-counts"), Outputs.ALERTS);
            }
        }
        sinkTo(markGaps(candles, gaps), Outputs.CANDLES);
        sinkTo(g.deadLetters, Outputs.DEAD_LETTERS);
    }

    /**
     * The gap records, valid ones only (the others to the dead letters, stream {@code gaps}), or null
     * without gaps. Known gaps come from a bounded collection; live ones from their source, whose
     * watermark never holds the candles' back ({@link GapWatermarks}).
     */
    private DataStream<FeedGapSpan> gapRecords(StreamExecutionEnvironment env, Graph g) {
        DataStream<FeedGapSpan> records;
        if (knownGaps != null) {
            // the collection's variant: an empty gaps.jsonl is a recording without gaps, which the array's refuses
            records = env.fromData(knownGaps, TypeInformation.of(FeedGapSpan.class))
                    .name("known feed gaps").uid("known-feed-gaps");
        } else if (gapSource != null) {
            records = env.fromSource(gapSource, GapWatermarks.strategy(), "source: gaps").uid("source-gaps");
        } else {
            return null;
        }
        SingleOutputStreamOperator<FeedGapSpan> valid = records.process(new GapRecordSplitter())
                .name("split rejected gaps").uid("split-rejected-gaps");
        g.deadLetters(valid.getSideOutput(GapRecordSplitter.REJECTED));
        return valid;
    }

    /**
     * The candles with {@code gap} set: by the known gaps as they pass, or, live, per symbol once no gap
     * that overlaps them can still be reported ({@link LiveGapMarks}). Without gaps, as they are (false).
     */
    private DataStream<SuperCandle> markGaps(DataStream<SuperCandle> candles, DataStream<FeedGapSpan> gaps) {
        if (knownGaps != null) {
            return candles.map(new KnownGapMarks(knownGaps)).name("mark feed gaps").uid("known-gap-marks");
        }
        if (gapSource == null) {
            return candles;
        }
        long longest = settings.periods().stream().mapToLong(Period::millis).max().orElse(0);
        return candles.keyBy(c -> c.symbol).connect(gaps.keyBy(gap -> gap.symbol))
                .process(new LiveGapMarks(longest + settings.allowedLateness().toMillis(), GAP_HOLD.toMillis()))
                .name("mark feed gaps").uid("feed-gap-marks");
    }

    /**
     * The layers that do not run with these sinks and settings, one line each ("model score: off, no
     * model"): {@link #build} logs them, the commands print them at start.
     */
    public List<String> layersOff() {
        List<String> off = new ArrayList<>();
        if (!has(Outputs.MODELS)) {
            off.add("execution model: off (nowhere for its records to go)");
        }
        if (settings.signals().strategies.isEmpty()) {
            off.add("paper strategies: off (no strategy configured)");
        } else if (!strategies()) {
            off.add("paper strategies: off (nowhere for their records to go)");
        }
        if (scoreModel == null) {
            off.add("model score and market-phase guard: off (no model)");
        } else if (!scored()) {
            off.add("model score and market-phase guard: off (nowhere for their records or alerts to go)");
        } else if (!guarded() || !strategies()) {
            off.add("market-phase guard: off (" + (strategies() ? "nowhere for its records or alerts to go"
                    : "no paper strategy to guard") + ")");
        }
        if (!has(Outputs.ALERTS)) {
            off.add("watchdogs: off (nowhere for alerts to go)");
        } else if (!has(Outputs.ANOMALY_FOLLOW_UPS) && marketAnomalies()) {
            off.add("anomaly follow-ups: not kept (nowhere for them to go)");
        }
        return off;
    }

    /** Whether the market anomalies run: their rule is on and the job makes the 1-minute candles they read. */
    private boolean marketAnomalies() {
        return settings.watchdogs().rule(WatchdogSettings.MARKET_ANOMALY).enabled && settings.periods().contains(MINUTE);
    }

    private boolean has(OutputKind<?> kind) {
        Map<String, Sink<?>> named = sinks.get(kind);
        return named != null && !named.isEmpty();
    }

    /** Whether the strategies run: some are configured, and their records or the guard go somewhere. */
    private boolean strategies() {
        return !settings.signals().strategies.isEmpty() && (has(Outputs.SIGNALS) || guarded());
    }

    /** Whether the model score runs: a model, and somewhere for its records, the guard's or alerts to go. */
    private boolean scored() {
        return scoreModel != null && (has(Outputs.SCORES) || has(Outputs.GUARD) || has(Outputs.ALERTS));
    }

    /** The model score's outputs: score records and guard records (null where they do not run). */
    private static final class Scores {
        DataStream<ScoreRecord> records;
        DataStream<GuardRecord> guard;
    }

    /** Whether the guard runs: a model, the strategies, and somewhere for its records or alerts to go. */
    private boolean guarded() {
        return scoreModel != null && (has(Outputs.GUARD) || has(Outputs.ALERTS));
    }

    /**
     * The model score per symbol on the candles of the model's period, and the market-phase guard on
     * the scores with the strategies' records of that period.
     */
    private Scores scores(DataStream<SuperCandle> candles, DataStream<SignalRecord> signals) {
        Scores out = new Scores();
        ScoreModel model = scoreModel;
        if (!scored()) {
            return out;
        }
        out.records = candles.filter(new CandlesOfPeriods(List.of(Period.parse(model.period))))
                .name("candles of the model's period").uid("model-period-candles")
                .keyBy(c -> c.symbol)
                .transform("model score " + model.id, TypeInformation.of(ScoreRecord.class), new ModelScoring(model))
                .uid("model-score");
        sinkTo(out.records, Outputs.SCORES);
        if (signals != null && guarded()) {
            double k = settings.watchdogs().rule(WatchdogSettings.PHASE_GUARD).threshold;
            out.guard = out.records.keyBy(r -> r.symbol)
                    .connect(signals.keyBy(r -> r.symbol))
                    .process(new PhaseGuard(model, k)).name("market-phase guard").uid("phase-guard");
            sinkTo(out.guard, Outputs.GUARD);
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
        /** The streams whose per-stream watchdogs run after the shared shuffle by symbol. */
        final List<EventType> watchedAfterTheShuffle = new ArrayList<>();
        private KeyedStream<MarketEvent, String> eventsBySymbol;

        /**
         * The valid events (trades after the duplicates) after one shuffle by symbol, shared by every
         * consumer keyed by symbol: the execution model, the cross-stream rules and the order log's and book's
         * watchdogs chain to one pass-through operator instead of each receiving its own copy of every event
         * over the network: each shuffle serialises, sends and deserialises every event of the order log and
         * the book, the bulk of the market (docs/performance.md, "The shuffles by symbol").
         */
        KeyedStream<MarketEvent, String> eventsBySymbol() {
            if (eventsBySymbol == null) {
                eventsBySymbol = DataStreamUtils.reinterpretAsKeyedStream(events.keyBy(BY_SYMBOL)
                        .transform("events by symbol", events.getType(), new PassThrough<MarketEvent>())
                        .uid("events-by-symbol"), BY_SYMBOL);
            }
            return eventsBySymbol;
        }

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
        RuleSettings duplicates = settings.watchdogs().rule(WatchdogSettings.DUPLICATE_TRADE);
        boolean dedupe = type == EventType.TRADE && duplicates.enabled;
        StreamWatchdog watchdog = new StreamWatchdog(settings.watchdogs(), false);
        boolean watched = has(Outputs.ALERTS) && watchdog.hasRules();
        // The duplicate filter and the watchdogs keep per-symbol memory: keyed by symbol, so that a restore
        // at another parallelism hands it to the subtask that reads the symbol from then on.
        DataStream<MarketEvent> checked = valid;
        KeyedStream<MarketEvent, String> bySymbol = null;
        if (dedupe) {
            SingleOutputStreamOperator<MarketEvent> unique = valid.keyBy(BY_SYMBOL)
                    .transform("duplicate trades", valid.getType(), new DuplicateTradeFilter(duplicates))
                    .uid("duplicate-trades");
            checked = unique;
            // still partitioned by symbol: the watchdogs chain to the filter
            bySymbol = DataStreamUtils.reinterpretAsKeyedStream(unique, BY_SYMBOL);
            g.deadLetters(sparse(unique.getSideOutput(DuplicateTradeFilter.DUPLICATES), "duplicate trades out"));
            if (has(Outputs.ALERTS)) {
                g.alerts(sparse(unique.getSideOutput(DuplicateTradeFilter.ALERTS), "duplicate trade alerts"));
            }
        }
        g.events = union(g.events, checked);
        if (watched && bySymbol != null) {
            g.alerts(bySymbol.transform("watchdogs " + stream, TypeInformation.of(Alert.class), watchdog)
                    .uid("watchdogs-" + stream));
        } else if (watched) {
            g.watchedAfterTheShuffle.add(type);
        }
        if (live && feedStale.enabled && has(Outputs.ALERTS)) {
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
     * The per-stream watchdogs of the streams without a duplicate filter (the order log, the book): on their
     * stream's events of the shared shuffle by symbol ({@link Graph#eventsBySymbol}), chained to it.
     */
    private void watchdogsAfterTheShuffle(Graph g) {
        for (EventType type : g.watchedAfterTheShuffle) {
            String stream = type.streamName();
            SingleOutputStreamOperator<MarketEvent> ofStream = g.eventsBySymbol().filter(new OfType(type))
                    .name("events of " + stream).uid("events-of-" + stream);
            g.alerts(DataStreamUtils.reinterpretAsKeyedStream(ofStream, BY_SYMBOL)
                    .transform("watchdogs " + stream, TypeInformation.of(Alert.class),
                            new StreamWatchdog(settings.watchdogs(), false))
                    .uid("watchdogs-" + stream));
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
    private DataStream<ExecutionModelRecord> executionModel(KeyedStream<MarketEvent, String> events) {
        return events.process(new ExecutionModelFunction(settings.executionModel(), settings.instruments()))
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
     * The watchdogs: the per-stream rules on each stream keyed by symbol ({@code streamAlerts}), the rules that
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
            alerts = union(alerts, g.eventsBySymbol()
                    .transform("watchdogs across streams", TypeInformation.of(Alert.class), crossStream)
                    .uid("watchdogs-across-streams"));
        }
        RuleSettings rejectedRate = watchdogs.rule(WatchdogSettings.REJECTED_RATE);
        if (rejectedRate.enabled && g.rejected != null) {
            alerts = union(alerts, g.rejected.keyBy(RejectedRateRule::key)
                    .process(new RejectedRateRule(rejectedRate))
                    .name("rejected records rate").uid("rejected-rate"));
        }
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
        if (marketAnomalies()) {
            SingleOutputStreamOperator<Alert> anomalies = candles
                    .filter(new CandlesOfPeriods(List.of(MINUTE))).name("1-minute candles").uid("minute-candles")
                    .keyBy(c -> c.symbol)
                    .process(new MarketAnomalies(anomaly)).name("market anomalies").uid("market-anomalies");
            alerts = union(alerts, anomalies);
            sinkTo(anomalies.getSideOutput(MarketAnomalies.FOLLOW_UPS), Outputs.ANOMALY_FOLLOW_UPS);
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

    /** The events of one stream. */
    private static final class OfType implements FilterFunction<MarketEvent> {
        private static final long serialVersionUID = 1L;
        private final EventType type;

        OfType(EventType type) {
            this.type = type;
        }

        @Override
        public boolean filter(MarketEvent e) {
            return e.type == type;
        }
    }

    /** Hands every record on unchanged: the head of a chain of consumers sharing one shuffle. */
    private static final class PassThrough<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(StreamRecord<T> element) {
            output.collect(element);
        }
    }

    private static final class EventSymbol implements KeySelector<MarketEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(MarketEvent e) {
            return e.symbol;
        }
    }

    /** Keeps the candles of some periods (a candle's period is its window's length). */
    private static final class CandlesOfPeriods implements FilterFunction<SuperCandle> {
        private static final long serialVersionUID = 1L;
        private final long[] millis;

        CandlesOfPeriods(List<Period> periods) {
            this.millis = periods.stream().mapToLong(Period::millis).toArray();
        }

        @Override
        public boolean filter(SuperCandle candle) {
            long length = candle.windowEnd - candle.windowStart;
            for (long m : millis) {
                if (m == length) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Each sink of a kind; the first keeps the plain uid, so adding a sink does not orphan its state. */
    @SuppressWarnings("unchecked")
    private <T> void sinkTo(DataStream<T> stream, OutputKind<T> kind) {
        for (Map.Entry<String, Sink<?>> sink : sinks.getOrDefault(kind, Map.of()).entrySet()) {
            boolean primary = sink.getKey().isEmpty();
            withSinkParallelism(stream.sinkTo((Sink<T>) sink.getValue())
                    .name(primary ? kind.label() : kind.label() + " to " + sink.getKey())
                    .uid(primary ? kind.uid() : kind.uid() + "-" + sink.getKey()));
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
        private final Map<OutputKind<?>, Map<String, Sink<?>>> sinks = new LinkedHashMap<>();
        private boolean live;
        private Integer sinkParallelism;
        private Source<FeedGapSpan, ?, ?> gapSource;
        private List<FeedGapSpan> knownGaps;

        /**
         * The live feed's gap records (the gaps topic): they raise {@code feed_gap} alerts and mark the
         * candles they overlap ({@link LiveGapMarks}: candles wait until no unreported gap can touch them).
         */
        public Builder gaps(Source<FeedGapSpan, ?, ?> source) {
            this.gapSource = Objects.requireNonNull(source);
            return this;
        }

        /** Gaps known before the run (a replay's {@code gaps.jsonl}): marked as the candles pass ({@link KnownGapMarks}). */
        public Builder gaps(List<FeedGapSpan> known) {
            this.knownGaps = List.copyOf(known);
            return this;
        }

        public Builder settings(SuperCandlesSettings settings) {
            this.settings = settings;
            return this;
        }

        /** The source of one stream; a stream without a source simply contributes nothing. */
        public Builder source(EventType stream, Source<ParsedRecord, ?, ?> source) {
            sources.put(stream, source);
            return this;
        }

        /**
         * Where records of {@code kind} go. Candles and dead letters need one; without one, the layer that
         * makes a kind does not run unless another kind needs it ({@link #layersOff()} says which).
         */
        public <T> Builder sink(OutputKind<T> kind, Sink<T> sink) {
            return sink(kind, "", sink);
        }

        /** A further destination of {@code kind}, named (e.g. "clickhouse") for its operator and uid. */
        public <T> Builder sink(OutputKind<T> kind, String name, Sink<T> sink) {
            sinks.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(name, Objects.requireNonNull(sink));
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
