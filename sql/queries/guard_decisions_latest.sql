-- The market-phase guard's table: the latest decision per (symbol, strategy), with the phase error and
-- the strategy's rolling Sharpe against its backtest's.
SELECT symbol, strategy,
       max(window_end) AS at,
       argMax(decision, window_end) AS decision,
       argMax(phase_error, window_end) AS phase_error,
       argMax(phase_threshold, window_end) AS phase_threshold,
       argMax(sharpe, window_end) AS sharpe,
       argMax(backtest_sharpe, window_end) AS backtest_sharpe,
       argMax(sharpe_se, window_end) AS sharpe_se
FROM ${database}.guard_decisions FINAL
GROUP BY symbol, strategy
ORDER BY symbol, strategy;
