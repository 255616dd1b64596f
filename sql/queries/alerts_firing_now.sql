-- What is firing now, the same as the Feeds and alerts dashboard's "Firing now": per rule, symbol and stream
-- the latest state change, kept when it is FIRING, over the whole table. The latest is the newest event_time_ms,
-- then the later write (version), and of two changes in one millisecond written in the same millisecond the
-- RESOLVED (a fat-finger trade and the next trade can share a millisecond). Events, the rules that only ever
-- fire (anomaly_*, disb_run_*, feed_flapping, feed_dying: WatchdogSettings.EVENT_RULES), are left out: nothing
-- resolves them (alerts_recent.sql lists them with the rest). The inner scan needs no FINAL: copies of one
-- alert_id share its state and event time.
SELECT rule, symbol, stream, severity, event_time, value, threshold, message
FROM ${database}.alerts FINAL
WHERE alert_id IN
(
    SELECT argMax(alert_id, (event_time_ms, version, state = 'RESOLVED'))
    FROM ${database}.alerts
    WHERE rule NOT IN ('anomaly_vol', 'anomaly_vol_b', 'anomaly_vol_s', 'anomaly_net_vol', 'anomaly_pr_change',
                       'disb_run_then_fall', 'disb_run_then_rise', 'feed_flapping', 'feed_dying')
    GROUP BY rule, symbol, stream
    HAVING argMax(state, (event_time_ms, version, state = 'RESOLVED')) = 'FIRING'
)
ORDER BY indexOf(['critical', 'warning', 'info'], severity), event_time_ms DESC;
