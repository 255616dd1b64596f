-- What became of each alert at each receiver (webhooks, Telegram): delivered, retrying or given_up,
-- with the attempts so far and the reason of the last failure, so that nothing is lost silently. One
-- row per (alert_id, receiver) after merges: the version grows with every update (update time in ms,
-- then the attempt), so FINAL shows the latest state. The alert's rule, symbol, stream and state are
-- copied in so the table reads on its own; join the alerts table on alert_id for the message.
CREATE TABLE IF NOT EXISTS ${database}.alert_deliveries
(
    alert_id    String,
    receiver    String,
    rule        String,
    symbol      String,
    stream      Nullable(String),
    state       String,
    event_time  DateTime('UTC'),
    delivery    String,
    attempts    UInt64,
    reason      String,
    updated_at  DateTime('UTC'),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_time)
ORDER BY (alert_id, receiver);
