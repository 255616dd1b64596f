package com.supercandles.alert;


import com.supercandles.candle.SuperCandle;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Market-anomaly alerts, after MOEX AlgoPack's: per symbol on its 1-minute candles, a candle whose
 * volume, buy volume, sell volume, net volume ({@code vol_b - vol_s}, either way) or {@code pr_change}
 * (either way) lies beyond that metric's 99.9th percentile of the last 90 days (both settable) raises
 * an alert ({@code anomaly_vol}, {@code anomaly_vol_b}, {@code anomaly_vol_s}, {@code anomaly_net_vol},
 * {@code anomaly_pr_change}; an event, FIRING only), judged against the history before the candle.
 * Each alert is followed by {@link AnomalyFollowUp} records (side output {@link #FOLLOW_UPS}): the
 * price move 5, 15, 30 and 60 minutes after it, so subscribers learn what such alerts were worth.
 *
 * <p>Each metric's tail is an {@link UpperTail} of 13 buckets of a thirteenth of the horizon each,
 * keeping the top {@code (1 - p) * minutes of the horizon + 1} values of each: exact, and bounded
 * (90 days at 99.9 %: 131 values a bucket, 7 tails, about 95 KB a symbol). No alert before the
 * history holds enough candles for the percentile to be one of them ({@code 1 / (1 - p)}: 1,000).
 */
public class MarketAnomalies extends KeyedProcessFunction<String, SuperCandle, Alert> {
    private static final long serialVersionUID = 1L;
    public static final String RULE = "market_anomaly";
    public static final OutputTag<AnomalyFollowUp> FOLLOW_UPS =
            new OutputTag<>("anomaly-follow-ups", TypeInformation.of(AnomalyFollowUp.class));
    static final int BUCKETS = 13;
    static final int[] FOLLOW_UP_MINUTES = {5, 15, 30, 60};
    /** The tails: metric rule, what it is, and which way. */
    static final String[] RULES = {"anomaly_vol", "anomaly_vol_b", "anomaly_vol_s", "anomaly_net_vol", "anomaly_net_vol",
            "anomaly_pr_change", "anomaly_pr_change"};
    /** The tails that watch a metric's negative side (their value is the metric negated). */
    private static final boolean[] DOWN = {false, false, false, false, true, false, true};
    private static final String[] WHAT = {"volume", "buy volume", "sell volume", "net buying (vol_b - vol_s)",
            "net selling (vol_s - vol_b)", "rise (pr_change, %)", "fall (-pr_change, %)"};

    private final RuleSettings settings;
    private final long bucketMs;
    private final int top;
    private transient ValueState<AnomalyState> state;

    public MarketAnomalies(RuleSettings settings) {
        this.settings = settings;
        this.bucketMs = Math.max(60_000, settings.windowMs / BUCKETS);
        this.top = UpperTail.topFor(settings.threshold, settings.windowMs / 60_000);
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("anomalies", TypeInformation.of(AnomalyState.class)));
    }

    /** The candle's value of each tail (NaN: not defined for this candle). */
    static double[] values(SuperCandle c) {
        double net = c.trades.volB - c.trades.volS;
        return new double[] {c.trades.vol, c.trades.volB, c.trades.volS, net, -net, c.prChange, -c.prChange};
    }

    @Override
    public void processElement(SuperCandle c, Context ctx, Collector<Alert> out) throws Exception {
        AnomalyState s = state.value();
        if (s == null) {
            s = AnomalyState.create(RULES.length, BUCKETS, top);
        }
        followUps(s, c, ctx);
        long bucket = Math.floorDiv(c.windowStart, bucketMs);
        double[] values = values(c);
        for (int i = 0; i < values.length; i++) {
            double x = values[i];
            if (Double.isNaN(x)) {
                continue;
            }
            // the tops are merged and sorted only once the history is long enough for the percentile
            double limit = s.tails[i].count(bucket) >= minimumHistory()
                    ? s.tails[i].percentile(settings.threshold, bucket) : Double.NaN;
            // a one-sided tail's zeros and negatives are the other side's business
            boolean beyond = !Double.isNaN(limit) && x > limit && x > 0;
            s.tails[i].add(bucket, x);
            if (beyond) {
                Alert a = Alert.of(RULES[i], c.symbol, null, settings.severity, Alert.FIRING, DOWN[i] ? -x : x,
                        DOWN[i] ? -limit : limit, c.windowEnd, c.symbol + " " + c.period + " candle ending " + Instant.ofEpochMilli(c.windowEnd)
                                + ": " + WHAT[i] + " " + Numbers.shown(x) + " is beyond its " + Numbers.shown(settings.threshold)
                                + "th percentile of the last " + settings.windowMs / 86_400_000L + " days ("
                                + Numbers.shown(limit) + "); close " + Numbers.shown(c.prClose)
                                + "; the price 5, 15, 30 and 60 min later follows (anomaly follow-ups)");
                out.collect(a);
                s.pending.add(PendingFollowUp.of(a, c.prClose));
            }
        }
        state.update(s);
    }

    /** 1 / (1 - p) candles: fewer, and the percentile would be the history's maximum or beyond it. */
    private long minimumHistory() {
        return (long) Math.ceil(100 / (100 - settings.threshold) - 1e-9);
    }

    private static void followUps(AnomalyState s, SuperCandle c, Context ctx) {
        if (Double.isNaN(c.prClose)) {
            return; // no trade, no price: the next candle with one answers
        }
        for (PendingFollowUp p : s.pending) {
            while (p.next < FOLLOW_UP_MINUTES.length && c.windowEnd >= p.alertTime + FOLLOW_UP_MINUTES[p.next] * 60_000L) {
                AnomalyFollowUp f = new AnomalyFollowUp();
                f.alertId = p.alertId;
                f.rule = p.rule;
                f.symbol = c.symbol;
                f.alertTime = p.alertTime;
                f.minutes = FOLLOW_UP_MINUTES[p.next];
                f.closeThen = p.close;
                f.closeNow = c.prClose;
                f.movePct = 100 * (c.prClose - p.close) / p.close;
                ctx.output(FOLLOW_UPS, f);
                p.next++;
            }
        }
        s.pending.removeIf(p -> p.next >= FOLLOW_UP_MINUTES.length);
    }

    /** A symbol's tails and the follow-ups still due. A Flink POJO. */
    public static class AnomalyState {
        public UpperTail[] tails;
        public List<PendingFollowUp> pending;

        public AnomalyState() {}

        static AnomalyState create(int tails, int buckets, int top) {
            AnomalyState s = new AnomalyState();
            s.tails = new UpperTail[tails];
            for (int i = 0; i < tails; i++) {
                s.tails[i] = UpperTail.create(buckets, top);
            }
            s.pending = new ArrayList<>();
            return s;
        }
    }

    /** An alert whose follow-ups are not all out yet. A Flink POJO. */
    public static class PendingFollowUp {
        public String alertId;
        public String rule;
        public long alertTime;
        public double close;
        /** Index of the next horizon in {@link #FOLLOW_UP_MINUTES}. */
        public int next;

        public PendingFollowUp() {}

        static PendingFollowUp of(Alert a, double close) {
            PendingFollowUp p = new PendingFollowUp();
            p.alertId = a.alertId;
            p.rule = a.rule;
            p.alertTime = a.eventTime;
            p.close = close;
            return p;
        }
    }
}
