-- What the market-anomaly alerts were worth: per rule and horizon, how many alerts, the mean and the
-- median price move after them (percent) and the share of rises.
SELECT rule, minutes, count() AS alerts, avg(move_pct) AS mean_move_pct, quantile(0.5)(move_pct) AS median_move_pct,
       avg(move_pct > 0) AS share_rising
FROM ${database}.anomaly_follow_ups FINAL
GROUP BY rule, minutes
ORDER BY rule, minutes;
