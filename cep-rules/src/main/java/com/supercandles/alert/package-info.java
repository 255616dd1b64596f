/**
 * The watchdogs (see {@code analytics.md}, "Watchdogs"): rules over the events, the candles and the
 * job's own records that raise {@link com.supercandles.alert.Alert}s, each rule with its
 * settings in {@link com.supercandles.alert.WatchdogSettings}.
 *
 * <ul>
 *   <li>Event rules, in event time, on each stream keyed by symbol: {@link com.supercandles.alert.StreamWatchdog}
 *   judges each event against its symbol's figures ({@link com.supercandles.alert.SymbolWatches}); the
 *   rules are {@link com.supercandles.alert.EventRule}s registered in
 *   {@code EventRules}, which gives each its switch slots in a symbol's
 *   checkpointed state. The duplicate-trade filter ({@link com.supercandles.alert.DuplicateTradeFilter})
 *   runs there too, and the rate of rejected records ({@link com.supercandles.alert.RejectedRateRule})
 *   behind the parser.</li>
 *   <li>Feed health, in processing time (live only): staleness per (symbol, stream) from pulses
 *   ({@link com.supercandles.alert.FeedPulses}, {@link com.supercandles.alert.FeedStaleness}), one alert
 *   for a whole stream down ({@link com.supercandles.alert.FeedDownCollapse}), and with flink-cep the
 *   sequences of those alerts ({@link com.supercandles.alert.FeedSequenceAlerts}).</li>
 *   <li>Candle rules: market anomalies on 1-minute candles ({@link com.supercandles.alert.MarketAnomalies})
 *   and, with flink-cep, the disb runs ({@link com.supercandles.alert.CandleSequenceAlerts}, fed by
 *   {@link com.supercandles.alert.SequencePrefilter}).</li>
 *   <li>Alerts of the model score and the market-phase guard ({@link com.supercandles.alert.ScoreBandAlerts},
 *   {@link com.supercandles.alert.GuardAlerts}).</li>
 * </ul>
 */
package com.supercandles.alert;
