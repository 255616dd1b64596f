-- The equity curve and position of one strategy on one symbol over a range, bar by bar.
SELECT window_start, position, close, ret, equity, max_drawdown
FROM ${database}.signals FINAL
WHERE symbol = 'BTCUSD' AND period = '1m' AND strategy = 'disb'
  AND window_start >= toDateTime('2015-05-01 00:00:00', 'UTC') AND window_start < toDateTime('2015-05-02 00:00:00', 'UTC')
ORDER BY window_start;
