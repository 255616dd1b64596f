-- The alerts of a time range, newest first (an on-call person's list).
SELECT event_time, rule, symbol, stream, severity, state, value, threshold, message
FROM ${database}.alerts FINAL
WHERE event_time >= toDateTime('2015-05-01 00:00:00', 'UTC') AND event_time < toDateTime('2015-05-02 00:00:00', 'UTC')
ORDER BY event_time_ms DESC, rule, symbol
LIMIT 100;
