package com.supercandles.alert;


import com.supercandles.score.ScoreBands;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every watchdog rule with its documented default; the job's configuration changes them with keys
 * {@code watchdog.RULE.enabled|threshold|severity|cooldown}.
 */
public final class WatchdogSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String FEED_STALE = FeedStaleness.RULE;
    public static final String FEED_DOWN = FeedDownCollapse.RULE;
    public static final String FEED_FLAPPING = "feed_flapping";
    public static final String FEED_DYING = "feed_dying";
    public static final String FEED_GAP = FeedGapAlerts.RULE;
    public static final String REJECTED_RATE = RejectedRateRule.RULE;
    public static final String TS_BACKWARDS = "ts_backwards";
    public static final String LATENCY = "latency";
    public static final String DUPLICATE_TRADE = "duplicate_trade";
    public static final String TRADE_CORRIDOR = "trade_corridor";
    public static final String PUT_RATE_1S = "put_rate_1s";
    public static final String PUT_RATE_5S = "put_rate_5s";
    public static final String PUT_RATE_1M = "put_rate_1m";
    public static final String CANCEL_RATE_1S = "cancel_rate_1s";
    public static final String CANCEL_RATE_5S = "cancel_rate_5s";
    public static final String CANCEL_RATE_1M = "cancel_rate_1m";
    public static final String CANCELS_PER_PUT = "cancels_per_put";
    public static final String BIG_ORDER = "big_order";
    public static final String ORDER_OFF_MID = "order_off_mid";
    public static final String MARKET_ANOMALY = MarketAnomalies.RULE;
    public static final String DISB_RUN_THEN_FALL = "disb_run_then_fall";
    public static final String DISB_RUN_THEN_RISE = "disb_run_then_rise";
    public static final String MODEL_SCORE = ScoreBandAlerts.RULE;
    public static final String PHASE_GUARD = GuardAlerts.RULE;

    /**
     * The rules whose alerts are events, not conditions: one FIRING each and nothing that ever resolves it
     * (the market anomalies' tails, the disb runs, a flapping feed, a dying feed, a feed gap). Every other rule's FIRING is
     * followed by a RESOLVED once its condition is gone (model_score: the score back within the threshold;
     * phase_guard: the decision back to keep). "Firing now" on the dashboards keeps the latest state of the
     * others and lists these as recent events (DashboardsTest compares its SQL with this list).
     */
    public static final List<String> EVENT_RULES = Stream.concat(Arrays.stream(MarketAnomalies.RULES).distinct(),
            Stream.of(DISB_RUN_THEN_FALL, DISB_RUN_THEN_RISE, FEED_FLAPPING, FEED_DYING, FEED_GAP))
            .collect(Collectors.toUnmodifiableList());

    private final Map<String, RuleSettings> rules = new LinkedHashMap<>();

    public WatchdogSettings() {
        add(new RuleSettings(FEED_STALE, 30_000, "ms without an event on a (symbol, stream) seen before (live only)",
                Severity.CRITICAL));
        add(new RuleSettings(FEED_DOWN, 2, "symbols at least: a stream silent for every symbol it had (when it had"
                + " this many) is one alert instead of one per symbol (live only)", Severity.CRITICAL));
        add(new RuleSettings(FEED_FLAPPING, 3, "STALE alerts of one feed within the window: more is flapping (live"
                + " only; flink-cep)", Severity.WARNING).over(600_000));
        add(new RuleSettings(FEED_DYING, 60_000, "ms from a latency FIRING to a STALE of the same feed (live only;"
                + " flink-cep)", Severity.CRITICAL));
        add(new RuleSettings(FEED_GAP, 0, "ms of exchange time a feed gap spans at least (from the feed's gaps topic,"
                + " or a replay's gaps.jsonl; a gap the feed never closed always alerts)", Severity.WARNING));
        add(new RuleSettings(LATENCY, 5_000, "ms of ingest time - ts, 5 events in a row (resolved below half, 5 in a"
                + " row; Kafka sources only)", Severity.WARNING));
        add(new RuleSettings(TS_BACKWARDS, 1_000, "ms behind the stream's newest ts", Severity.WARNING));
        add(new RuleSettings(DUPLICATE_TRADE, 100, "trade ids remembered per symbol (a repeat among them is a"
                + " duplicate: a dead letter, kept out of the candles)", Severity.WARNING));
        add(new RuleSettings(REJECTED_RATE, 100, "records rejected per (symbol, stream) in a minute of the stream's"
                + " time", Severity.WARNING));
        add(new RuleSettings(TRADE_CORRIDOR, 5, "% from the symbol's previous trade price", Severity.WARNING));
        add(new RuleSettings(PUT_RATE_1S, 500, "orders put in 1 s", Severity.WARNING));
        add(new RuleSettings(PUT_RATE_5S, 1_500, "orders put in 5 s", Severity.WARNING));
        add(new RuleSettings(PUT_RATE_1M, 10_000, "orders put in 1 min", Severity.WARNING));
        add(new RuleSettings(CANCEL_RATE_1S, 500, "orders cancelled in 1 s", Severity.WARNING));
        add(new RuleSettings(CANCEL_RATE_5S, 1_500, "orders cancelled in 5 s", Severity.WARNING));
        add(new RuleSettings(CANCEL_RATE_1M, 10_000, "orders cancelled in 1 min", Severity.WARNING));
        add(new RuleSettings(CANCELS_PER_PUT, 3, "cancels per put over 1 min (with at least 100 cancels)", Severity.INFO));
        add(new RuleSettings(BIG_ORDER, 1_000_000, "lots in one order", Severity.WARNING));
        add(new RuleSettings(ORDER_OFF_MID, 25, "% between an order's price and the mid of the latest book", Severity.INFO));
        // off by default: it needs the order log and the book side by side, a shuffle of both streams by
        // symbol (every other rule runs where its stream is read); turn it on where it is worth that
        rules.get(ORDER_OFF_MID).enabled = false;
        add(new RuleSettings(MARKET_ANOMALY, 99.9, "percentile of the last window (90 days) of each metric of the"
                + " symbol's 1-minute candles (volume, buy, sell and net volume, pr_change) a candle must lie beyond",
                Severity.INFO).over(90L * 86_400_000L));
        // window: the shortest candle period watched. Candles of a few seconds hold a few trades, their
        // disb is +-1 most of the time: a run of three says nothing there, and flink-cep costs some 20 us a
        // candle (at 10,000 symbols, 5 s candles were most of the watchdogs' cost)
        add(new RuleSettings(DISB_RUN_THEN_FALL, 0.5, "disb of three candles in a row, then a lower close (candles of"
                + " periods from the window, 1 min, up)", Severity.INFO).over(60_000));
        add(new RuleSettings(DISB_RUN_THEN_RISE, 0.5, "-disb of three candles in a row, then a higher close (candles of"
                + " periods from the window, 1 min, up)", Severity.INFO).over(60_000));
        add(new RuleSettings(MODEL_SCORE, Double.NaN, "score beyond which the alert bands of 0.05 start; unset: the"
                + " model's (train --band-threshold, default " + ScoreBands.DEFAULT_THRESHOLD + "; with a model: --model)",
                Severity.INFO));
        add(new RuleSettings(PHASE_GUARD, 2, "standard errors of the Sharpe ratio a strategy's rolling Sharpe may fall"
                + " below its backtest's before it drifts (with a model and the paper strategies)", Severity.WARNING));
    }

    private void add(RuleSettings r) {
        rules.put(r.rule, r);
    }

    public RuleSettings rule(String name) {
        RuleSettings r = rules.get(name);
        if (r == null) {
            throw new IllegalArgumentException("unknown watchdog rule '" + name + "' (known: " + rules.keySet() + ")");
        }
        return r;
    }

    public List<RuleSettings> all() {
        return new ArrayList<>(rules.values());
    }

}
