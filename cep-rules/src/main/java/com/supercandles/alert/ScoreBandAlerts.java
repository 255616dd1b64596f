package com.supercandles.alert;

import com.supercandles.score.ScoreBands;
import com.supercandles.score.ScoreRecord;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The model score's alerts ({@code analytics.md}, "Model score"): one when a symbol's band changes, not
 * on every candle. FIRING for a band beyond the threshold (value the score, threshold the band's edge
 * with its sign), RESOLVED when the score is back within it. The message is the contract's
 * {@code BTCUSD 60,518 📉📉📉 Score: -0.26}.
 */
public final class ScoreBandAlerts implements FlatMapFunction<ScoreRecord, Alert> {
    private static final long serialVersionUID = 1L;
    public static final String RULE = "model_score";

    private final ScoreBands bands;
    private final RuleSettings settings;

    public ScoreBandAlerts(ScoreBands bands, RuleSettings settings) {
        this.bands = bands;
        this.settings = settings;
    }

    @Override
    public void flatMap(ScoreRecord r, Collector<Alert> out) {
        if (!r.bandChanged) {
            return;
        }
        double edge = bands.edge(r.band);
        out.collect(Alert.of(RULE, r.symbol, null, settings.severity, r.band == 0 ? Alert.RESOLVED : Alert.FIRING,
                r.score, r.score < 0 ? -edge : edge, r.windowEnd,
                ScoreBands.message(r.symbol, r.close, r.band, r.score)
                        + (r.band == 0 ? " (back within ±" + bands.threshold + ")" : "")));
    }
}
