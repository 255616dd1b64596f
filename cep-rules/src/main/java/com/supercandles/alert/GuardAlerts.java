package com.supercandles.alert;


import com.supercandles.score.GuardRecord;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

import java.util.Locale;

/**
 * The market-phase guard's alerts: one when a (symbol, strategy)'s decision changes. FIRING for check,
 * pause or retire (value the rolling Sharpe, threshold the backtest's less k standard errors), RESOLVED
 * when it is back to keep. The rule key is the strategy, in the alert's {@code stream} field.
 */
public final class GuardAlerts implements FlatMapFunction<GuardRecord, Alert> {
    private static final long serialVersionUID = 1L;
    public static final String RULE = "phase_guard";

    private final RuleSettings settings;

    public GuardAlerts(RuleSettings settings) {
        this.settings = settings;
    }

    @Override
    public void flatMap(GuardRecord r, Collector<Alert> out) {
        if (!r.decisionChanged) {
            return;
        }
        boolean keep = GuardRecord.KEEP.equals(r.decision);
        out.collect(Alert.of(RULE, r.symbol, r.strategy, settings.severity, keep ? Alert.RESOLVED : Alert.FIRING,
                r.sharpe, r.backtestSharpe - settings.threshold * r.sharpeSe, r.windowEnd, message(r)));
    }

    static String message(GuardRecord r) {
        String what = String.format(Locale.ROOT, "%s %s on %s: %s", r.symbol, r.strategy, r.period,
                r.decision.toUpperCase(Locale.ROOT));
        String phase = r.phaseChanged
                ? String.format(Locale.ROOT, "the market's phase changed (reconstruction error %.3g over %.3g)",
                        r.phaseError, r.phaseThreshold)
                : "the market looks like the training period";
        String drift = r.drifting
                ? String.format(Locale.ROOT, "the strategy drifts from its backtest (Sharpe %.3f over the last %d bars"
                        + " vs %.3f, SE %.3f)", r.sharpe, r.bars, r.backtestSharpe, r.sharpeSe)
                : "the strategy keeps to its backtest";
        String advice;
        switch (r.decision) {
            case GuardRecord.RETIRE:
                advice = "stop trading it and retrain on recent data";
                break;
            case GuardRecord.PAUSE:
                advice = "pause it until the phase error falls back";
                break;
            case GuardRecord.CHECK:
                advice = "check the strategy: its edge may be gone";
                break;
            default:
                advice = "";
        }
        return what + ": " + phase + ", " + drift + (advice.isEmpty() ? "." : "; " + advice + ".");
    }
}
