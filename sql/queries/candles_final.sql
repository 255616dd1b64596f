-- The final candles of one symbol and period over a time range, oldest first.
-- FINAL collapses the rows a replay after a restore wrote twice (ReplacingMergeTree keeps the highest
-- version per (symbol, period, window_start)); without it a reader may see a candle twice until the
-- background merge has run. Replace the symbol, period and range with your own.
SELECT *
FROM ${database}.supercandles FINAL
WHERE symbol = 'BTCUSD'
  AND period = '5m'
  AND window_start >= toDateTime('2015-05-01 00:00:00', 'UTC')
  AND window_start < toDateTime('2015-05-02 00:00:00', 'UTC')
ORDER BY window_start;
