-- Alerts a receiver has not got: the latest delivery state per alert and receiver, when it is not
-- 'delivered' (retrying: still being tried; given_up: the reason says why). Newest first.
SELECT alert_id, receiver, rule, symbol, stream, state, event_time, delivery, attempts, reason, updated_at
FROM ${database}.alert_deliveries FINAL
WHERE delivery != 'delivered'
ORDER BY updated_at DESC
LIMIT 100;
