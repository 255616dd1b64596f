package com.supercandles.alert;


import com.supercandles.score.ScoreBands;
import com.supercandles.score.ScoreRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The model score's alerts ({@code analytics.md}, "Model score"), keyed by symbol: one when the band
 * differs from the band last sent, not on every candle, and at most one per cooldown (event time): a
 * score that hops between bands candle after candle sends its band once a cooldown, never a stream.
 * FIRING for a band beyond the threshold (value the score, threshold the band's edge with its sign),
 * RESOLVED when the score is back within it. The message is the contract's
 * {@code BTCUSD 60,518 📉📉📉 Score: -0.26}.
 */
public final class ScoreBandAlerts extends KeyedProcessFunction<String, ScoreRecord, Alert> {
    private static final long serialVersionUID = 1L;
    public static final String RULE = "model_score";

    private final ScoreBands bands;
    private final RuleSettings settings;
    /** The band last sent and when (event time). */
    private transient ValueState<Tuple2<Integer, Long>> sent;

    public ScoreBandAlerts(ScoreBands bands, RuleSettings settings) {
        this.bands = bands;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        sent = getRuntimeContext().getState(new ValueStateDescriptor<>("score-band-sent",
                TypeInformation.of(new TypeHint<Tuple2<Integer, Long>>() {})));
    }

    @Override
    public void processElement(ScoreRecord r, Context ctx, Collector<Alert> out) throws Exception {
        Tuple2<Integer, Long> last = sent.value();
        int lastBand = last == null ? 0 : last.f0;
        if (r.band == lastBand || last != null && r.windowEnd - last.f1 < settings.cooldownMs) {
            return;
        }
        sent.update(Tuple2.of(r.band, r.windowEnd));
        double edge = bands.edge(r.band);
        out.collect(Alert.of(RULE, r.symbol, null, settings.severity, r.band == 0 ? Alert.RESOLVED : Alert.FIRING,
                r.score, r.score < 0 ? -edge : edge, r.windowEnd,
                ScoreBands.message(r.symbol, r.close, r.band, r.score)
                        + (r.band == 0 ? " (back within ±" + bands.threshold + ")" : "")));
    }
}
