package com.supercandles.output;

import com.supercandles.alert.Alert;
import com.supercandles.alert.AlertFields;
import com.supercandles.alert.AnomalyFollowUp;
import com.supercandles.alert.AnomalyFollowUpFields;
import com.supercandles.candle.SuperCandle;
import com.supercandles.candle.SuperCandleFields;
import com.supercandles.event.DeadLetter;
import com.supercandles.event.DeadLetterFields;
import com.supercandles.event.PipelineCounters;
import com.supercandles.model.ExecutionModelFields;
import com.supercandles.model.ExecutionModelRecord;
import com.supercandles.score.GuardFields;
import com.supercandles.score.GuardRecord;
import com.supercandles.score.ScoreFields;
import com.supercandles.score.ScoreRecord;
import com.supercandles.signal.SignalFields;
import com.supercandles.signal.SignalRecord;

import java.util.List;

/**
 * Every kind of record the job writes, in the order its topics are documented. Adding a kind: its
 * record, its field table, its ClickHouse migration (sql/migrations), an entry here, and the line of
 * the layer that makes it in {@code SuperCandlesJob} ({@code sinkTo(stream, kind)}); the live pipeline,
 * the replay, the ClickHouse output, the configuration's topic keys and the topic creation of {@code
 * broker} and the demo loop over {@link #ALL} (docs/development.md, "How to add an output").
 */
public final class Outputs {
    public static final OutputKind<SuperCandle> CANDLES = OutputKind
            .named("candles", SuperCandle.class, SuperCandleFields.TABLE)
            .table("supercandles")
            .topic("supercandles", "Output topic of the candles (JSON, keyed by symbol).")
            .keyedBy(c -> c.symbol)
            .counter(PipelineCounters.CANDLES)
            .sinks("candles", "candle-sink")
            .build();

    public static final OutputKind<DeadLetter> DEAD_LETTERS = OutputKind
            .named("dead-letters", DeadLetter.class, DeadLetterFields.TABLE)
            .table("dead_letters")
            .topic("supercandles-dead-letters", "Output topic of rejected and late records.")
            .keyedBy(d -> d.stream)
            .sinks("dead letters", "dead-letter-sink")
            .build();

    public static final OutputKind<ExecutionModelRecord> MODELS = OutputKind
            .named("models", ExecutionModelRecord.class, ExecutionModelFields.TABLE)
            .table("execution_model")
            .topic("supercandles-models", "Output topic of the execution-model records.")
            .keyedBy(r -> r.symbol)
            .counter(PipelineCounters.MODEL_RECORDS)
            .sinks("model records", "model-sink")
            .build();

    public static final OutputKind<SignalRecord> SIGNALS = OutputKind
            .named("signals", SignalRecord.class, SignalFields.TABLE)
            .table("signals")
            .topic("supercandles-signals", "Output topic of the paper strategies' records (keyed by symbol).")
            .keyedBy(r -> r.symbol)
            .counter(PipelineCounters.SIGNAL_RECORDS)
            .sinks("signal records", "signal-sink")
            .build();

    public static final OutputKind<Alert> ALERTS = OutputKind
            .named("alerts", Alert.class, AlertFields.TABLE)
            .table("alerts")
            .topic("supercandles-alerts", "Output topic of the watchdogs' alerts (keyed by symbol).")
            .keyedBy(a -> a.symbol)
            .sinks("alerts", "alert-sink")
            .build();

    public static final OutputKind<AnomalyFollowUp> ANOMALY_FOLLOW_UPS = OutputKind
            .named("anomaly-follow-ups", AnomalyFollowUp.class, AnomalyFollowUpFields.TABLE)
            .table("anomaly_follow_ups")
            .topic("supercandles-anomaly-follow-ups",
                    "Output topic of the price moves after market-anomaly alerts (keyed by symbol).")
            .keyedBy(f -> f.symbol)
            .sinks("anomaly follow-ups", "anomaly-follow-up-sink")
            .beside("alerts")
            .build();

    public static final OutputKind<ScoreRecord> SCORES = OutputKind
            .named("scores", ScoreRecord.class, ScoreFields.TABLE)
            .table("scores")
            .topic("supercandles-scores", "Output topic of the model score's records (keyed by symbol).")
            .keyedBy(r -> r.symbol)
            .counter(PipelineCounters.SCORE_RECORDS)
            .sinks("score records", "score-sink")
            .build();

    public static final OutputKind<GuardRecord> GUARD = OutputKind
            .named("guard", GuardRecord.class, GuardFields.TABLE)
            .table("guard_decisions")
            .topic("supercandles-guard", "Output topic of the market-phase guard's decisions (keyed by symbol).")
            .keyedBy(r -> r.symbol)
            .counter(PipelineCounters.GUARD_RECORDS)
            .sinks("guard records", "guard-sink")
            .beside("scores")
            .build();

    /** Every kind, in the documented order of their topics. */
    public static final List<OutputKind<?>> ALL = List.of(CANDLES, DEAD_LETTERS, MODELS, SIGNALS, ALERTS,
            ANOMALY_FOLLOW_UPS, SCORES, GUARD);

    static {
        for (OutputKind<?> kind : ALL) {
            if (kind.beside() != null && named(kind.beside()) == kind) {
                throw new IllegalStateException(kind + " is written beside itself");
            }
        }
    }

    private Outputs() {}

    /** The kind of this name; fails naming the kinds there are. */
    public static OutputKind<?> named(String name) {
        for (OutputKind<?> k : ALL) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no output kind '" + name + "' (there are " + ALL + ")");
    }
}
