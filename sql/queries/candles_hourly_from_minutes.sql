-- Hourly volume, value and VWAP rebuilt from 1m candles in SQL (intDiv arithmetic instead of
-- toStartOfInterval, which 18.16 lacks): the pattern for Grafana time buckets ($__interval).
-- Aliases differ from column names: current ClickHouse resolves an alias inside other aggregates.
-- hour_vwap is val / vol, the VWAP for instruments with lot size 1.
SELECT
    toDateTime(intDiv(toUInt32(window_start), 3600) * 3600, 'UTC') AS hour,
    symbol,
    sum(trades) AS hour_trades,
    sum(vol) AS hour_vol,
    sum(val) AS hour_val,
    if(hour_vol > 0, hour_val / hour_vol, NULL) AS hour_vwap
FROM ${database}.supercandles FINAL
WHERE period = '1m'
GROUP BY hour, symbol
ORDER BY symbol, hour;
