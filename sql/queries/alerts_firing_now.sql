-- What is firing now: per rule, symbol and stream, the latest state change, kept when it is FIRING.
SELECT rule, symbol, stream, severity, event_time, value, threshold, message
FROM
(
    SELECT rule, symbol, stream, argMax(severity, event_time_ms) AS severity, max(event_time_ms) AS latest,
           argMax(state, event_time_ms) AS state, argMax(event_time, event_time_ms) AS event_time,
           argMax(value, event_time_ms) AS value, argMax(threshold, event_time_ms) AS threshold,
           argMax(message, event_time_ms) AS message
    FROM ${database}.alerts FINAL
    GROUP BY rule, symbol, stream
)
WHERE state = 'FIRING'
ORDER BY latest DESC;
