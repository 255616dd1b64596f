-- The latest scores of every strategy and symbol for one period (a trader's score table).
SELECT symbol, strategy, window_start, position, equity, total_return, sharpe, smart_sharpe, sortino,
       prob_sharpe, omega, max_drawdown, time_in_market, trades, n
FROM ${database}.signals FINAL
WHERE period = '1m'
ORDER BY symbol, strategy, window_start DESC
LIMIT 1 BY symbol, strategy;
