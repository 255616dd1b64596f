-- The latest model score of each symbol: the score, its band and whether the market-phase guard sees
-- a change of phase.
SELECT symbol, period, model,
       max(window_end) AS at,
       argMax(score, window_end) AS score,
       argMax(band, window_end) AS band,
       argMax(close, window_end) AS close,
       argMax(phase_changed, window_end) AS phase_changed
FROM ${database}.scores FINAL
GROUP BY symbol, period, model
ORDER BY symbol, period, model;
