-- The newest candle of every symbol for one period (a dashboard's "now" table).
SELECT symbol, window_start, pr_close, pr_vwap, vol, disb, spread_bbo, levels_b, levels_s
FROM ${database}.supercandles FINAL
WHERE period = '1m'
ORDER BY symbol, window_start DESC
LIMIT 1 BY symbol;
