-- The execution model at the latest candle close per symbol, side and period: m, alpha, the fill
-- probability curve (depth multiple -> probability), the impact fit and its optimum Q*, G(Q*).
SELECT symbol, side, period, window_end, n, m, alpha, depth_multiples, fill_probability, fit_error,
       impact_a, impact_b, q_star, g_star, tick_fractions
FROM ${database}.execution_model FINAL
WHERE (symbol, side, period, window_start) IN
(
    SELECT symbol, side, period, max(window_start)
    FROM ${database}.execution_model
    GROUP BY symbol, side, period
)
ORDER BY symbol, side, period;
