package com.supercandles.sinks.clickhouse;

import com.supercandles.candle.SuperCandle;
import com.supercandles.candle.SuperCandleFields;
import com.supercandles.alert.record.Alert;
import com.supercandles.alert.record.AnomalyFollowUp;
import com.supercandles.event.DeadLetter;
import com.supercandles.model.ExecutionModelRecord;
import com.supercandles.score.GuardRecord;
import com.supercandles.score.ScoreRecord;
import com.supercandles.signal.SignalJson;
import com.supercandles.signal.SignalRecord;
import com.supercandles.sinks.alert.AlertDelivery;

import java.util.ArrayList;
import java.util.List;

/** The rows of the SuperCandles tables (sql/migrations), one encoder per table. */
public final class ClickHouseRows {
    public static final String CANDLES_TABLE = "supercandles";
    public static final String DEAD_LETTERS_TABLE = "dead_letters";
    public static final String SIGNALS_TABLE = "signals";
    public static final String ALERTS_TABLE = "alerts";
    public static final String ALERT_DELIVERIES_TABLE = "alert_deliveries";
    public static final String EXECUTION_MODEL_TABLE = "execution_model";
    public static final String ANOMALY_FOLLOW_UPS_TABLE = "anomaly_follow_ups";
    public static final String SCORES_TABLE = "scores";
    public static final String GUARD_DECISIONS_TABLE = "guard_decisions";

    private ClickHouseRows() {}

    /** A candle: every contract field under its name, window bounds as DateTime, plus the version. */
    public static ClickHouseRowEncoder<SuperCandle> candles() {
        return new CandleRows();
    }

    /** A dead letter; rejected_at as DateTime (seconds). */
    public static ClickHouseRowEncoder<DeadLetter> deadLetters() {
        return new DeadLetterRows();
    }

    /** A paper strategy's record after one bar (sql/migrations/004_signals.sql). */
    public static ClickHouseRowEncoder<SignalRecord> signals() {
        return new SignalRows();
    }

    /** An alert (sql/migrations/005_alerts.sql); the version is its emitted_at. */
    public static ClickHouseRowEncoder<Alert> alerts() {
        return new AlertRows();
    }

    /** A market-anomaly follow-up (sql/migrations/008_anomaly_follow_ups.sql). */
    public static ClickHouseRowEncoder<AnomalyFollowUp> anomalyFollowUps() {
        return new FollowUpRows();
    }

    /** A model score record (sql/migrations/009_scores.sql). */
    public static ClickHouseRowEncoder<ScoreRecord> scores() {
        return new ScoreRows();
    }

    private static final class ScoreRows implements ClickHouseRowEncoder<ScoreRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> columns() {
            return List.of("symbol", "period", "model", "window_start", "window_end", "close", "p_up", "p_down", "score",
                    "band", "band_changed", "phase_error", "phase_threshold", "phase_changed", "version");
        }

        @Override
        public void write(ScoreRecord r, long version, RowBinaryOutput row) {
            row.writeString(r.symbol);
            row.writeString(r.period);
            row.writeString(r.model);
            row.writeDateTime(r.windowStart / 1000);
            row.writeDateTime(r.windowEnd / 1000);
            row.writeNullableFloat64(r.close);
            row.writeFloat64(r.pUp);
            row.writeFloat64(r.pDown);
            row.writeFloat64(r.score);
            row.writeInt8(r.band);
            row.writeInt8(r.bandChanged ? 1 : 0);
            row.writeNullableFloat64(r.phaseError);
            row.writeNullableFloat64(r.phaseThreshold);
            row.writeInt8(r.phaseChanged ? 1 : 0);
            row.writeUInt64(version);
        }
    }

    /** A market-phase guard record (sql/migrations/010_guard_decisions.sql). */
    public static ClickHouseRowEncoder<GuardRecord> guardDecisions() {
        return new GuardRows();
    }

    private static final class GuardRows implements ClickHouseRowEncoder<GuardRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> columns() {
            return List.of("symbol", "period", "strategy", "window_start", "window_end", "decision", "decision_changed",
                    "phase_changed", "phase_error", "phase_threshold", "sharpe", "backtest_sharpe", "sharpe_se",
                    "drifting", "bars", "version");
        }

        @Override
        public void write(GuardRecord r, long version, RowBinaryOutput row) {
            row.writeString(r.symbol);
            row.writeString(r.period);
            row.writeString(r.strategy);
            row.writeDateTime(r.windowStart / 1000);
            row.writeDateTime(r.windowEnd / 1000);
            row.writeString(r.decision);
            row.writeInt8(r.decisionChanged ? 1 : 0);
            row.writeInt8(r.phaseChanged ? 1 : 0);
            row.writeNullableFloat64(r.phaseError);
            row.writeNullableFloat64(r.phaseThreshold);
            row.writeNullableFloat64(r.sharpe);
            row.writeNullableFloat64(r.backtestSharpe);
            row.writeNullableFloat64(r.sharpeSe);
            row.writeInt8(r.drifting ? 1 : 0);
            row.writeUInt64(r.bars);
            row.writeUInt64(version);
        }
    }

    private static final class FollowUpRows implements ClickHouseRowEncoder<AnomalyFollowUp> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> columns() {
            return List.of("alert_id", "minutes", "rule", "symbol", "alert_time", "close_then", "close_now", "move_pct",
                    "version");
        }

        @Override
        public void write(AnomalyFollowUp f, long version, RowBinaryOutput row) {
            row.writeString(f.alertId);
            row.writeUInt64(f.minutes);
            row.writeString(f.rule);
            row.writeString(f.symbol);
            row.writeDateTime(f.alertTime / 1000);
            row.writeNullableFloat64(f.closeThen);
            row.writeNullableFloat64(f.closeNow);
            row.writeNullableFloat64(f.movePct);
            row.writeUInt64(version);
        }
    }

    /** An execution-model record (sql/migrations/007_execution_model.sql); NaN (undefined) as NULL. */
    public static ClickHouseRowEncoder<ExecutionModelRecord> executionModel() {
        return new ExecutionModelRows();
    }

    private static final class ExecutionModelRows implements ClickHouseRowEncoder<ExecutionModelRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> columns() {
            return List.of("symbol", "side", "period", "window_start", "window_end", "lookback_ms", "bucket_ms", "n",
                    "m", "p_m", "alpha", "depth_multiples", "fill_probability", "fit_error", "impact_buckets",
                    "impact_a", "impact_b", "q_star", "g_star", "tick_groups", "tick_fractions", "version");
        }

        @Override
        public void write(ExecutionModelRecord r, long version, RowBinaryOutput row) {
            row.writeString(r.symbol);
            row.writeString(r.side);
            row.writeString(r.period);
            row.writeDateTime(r.windowStart / 1000);
            row.writeDateTime(r.windowEnd / 1000);
            row.writeUInt64(r.lookbackMs);
            row.writeUInt64(r.bucketMs);
            row.writeUInt64(r.n);
            row.writeNullableFloat64(r.m);
            row.writeNullableFloat64(r.pM);
            row.writeNullableFloat64(r.alpha);
            row.writeFloat64Array(r.depthMultiples);
            row.writeNullableFloat64Array(r.fillProbability);
            row.writeNullableFloat64(r.fitError);
            row.writeUInt64(r.impactBuckets);
            row.writeNullableFloat64(r.impactA);
            row.writeNullableFloat64(r.impactB);
            row.writeNullableFloat64(r.qStar);
            row.writeNullableFloat64(r.gStar);
            row.writeUInt64(r.tickGroups);
            row.writeNullableFloat64Array(r.tickFractions);
            row.writeUInt64(version);
        }
    }

    /** A delivery state (sql/migrations/006_alert_deliveries.sql); its version grows with each update. */
    public static ClickHouseRowEncoder<AlertDelivery> alertDeliveries() {
        return new AlertDeliveryRows();
    }

    private static final class AlertDeliveryRows implements ClickHouseRowEncoder<AlertDelivery> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> columns() {
            return List.of("alert_id", "receiver", "rule", "symbol", "stream", "state", "event_time", "delivery",
                    "attempts", "reason", "updated_at", "version");
        }

        @Override
        public void write(AlertDelivery d, long version, RowBinaryOutput row) {
            row.writeString(d.alert.alertId);
            row.writeString(d.receiver);
            row.writeString(d.alert.rule);
            row.writeString(d.alert.symbol);
            row.writeNullableString(d.alert.stream);
            row.writeString(d.alert.state);
            row.writeDateTime(d.alert.eventTime / 1000);
            row.writeString(d.delivery);
            row.writeUInt64(d.attempts);
            row.writeString(d.reason);
            row.writeDateTime(d.updatedAt / 1000);
            row.writeUInt64(d.version());
        }
    }

    private static final class AlertRows implements ClickHouseRowEncoder<Alert> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> columns() {
            return List.of("alert_id", "rule", "symbol", "stream", "severity", "state", "value", "threshold",
                    "event_time", "event_time_ms", "emitted_at", "message", "version");
        }

        @Override
        public void write(Alert a, long version, RowBinaryOutput row) {
            row.writeString(a.alertId);
            row.writeString(a.rule);
            row.writeString(a.symbol);
            row.writeNullableString(a.stream);
            row.writeString(a.severity);
            row.writeString(a.state);
            row.writeNullableFloat64(a.value);
            row.writeNullableFloat64(a.threshold);
            row.writeDateTime(a.eventTime / 1000);
            row.writeUInt64(a.eventTime);
            row.writeDateTime(a.emittedAt / 1000);
            row.writeString(a.message);
            row.writeUInt64(a.emittedAt);
        }
    }

    private static final class SignalRows implements ClickHouseRowEncoder<SignalRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> columns() {
            List<String> columns = new ArrayList<>(List.of("symbol", "period", "strategy", "window_start", "window_end",
                    "position", "close", "ret", "equity", "trades", "n"));
            columns.addAll(List.of(SignalJson.SCORES));
            columns.add("version");
            return columns;
        }

        @Override
        public void write(SignalRecord r, long version, RowBinaryOutput row) {
            row.writeString(r.symbol);
            row.writeString(r.period);
            row.writeString(r.strategy);
            row.writeDateTime(r.windowStart / 1000);
            row.writeDateTime(r.windowEnd / 1000);
            row.writeInt8(r.position);
            row.writeNullableFloat64(r.close);
            row.writeFloat64(r.ret);
            row.writeFloat64(r.equity);
            row.writeUInt64(r.trades);
            row.writeUInt64(r.n);
            for (double score : SignalJson.scores(r)) {
                row.writeNullableFloat64(score);
            }
            row.writeUInt64(version);
        }
    }

    private static final class CandleRows implements ClickHouseRowEncoder<SuperCandle> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> columns() {
            List<String> columns = new ArrayList<>();
            for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
                columns.add(f.name());
            }
            columns.add("version");
            return columns;
        }

        @Override
        public void write(SuperCandle candle, long version, RowBinaryOutput row) {
            for (SuperCandleFields.Field f : SuperCandleFields.ALL) {
                switch (f.kind()) {
                    case TEXT:
                        row.writeString(f.text(candle));
                        break;
                    case INTEGER:
                        if (SuperCandleFields.KEY.contains(f)) {
                            // Window bounds: epoch ms in the contract, whole seconds (periods are >= 1 s) in
                            // the table's DateTime columns.
                            row.writeDateTime(f.integer(candle) / 1000);
                        } else {
                            row.writeUInt64(f.integer(candle));
                        }
                        break;
                    default:
                        if (f.nullable()) {
                            row.writeNullableFloat64(f.real(candle));
                        } else {
                            row.writeFloat64(f.real(candle));
                        }
                }
            }
            row.writeUInt64(version);
        }
    }

    private static final class DeadLetterRows implements ClickHouseRowEncoder<DeadLetter> {
        private static final long serialVersionUID = 1L;

        @Override
        public List<String> columns() {
            return List.of("stream", "kind", "reason", "payload", "rejected_at");
        }

        @Override
        public void write(DeadLetter d, long version, RowBinaryOutput row) {
            row.writeString(d.stream);
            row.writeString(d.kind);
            row.writeString(d.reason);
            row.writeString(d.payload);
            row.writeDateTime(d.rejectedAt / 1000);
        }
    }
}
