-- One row per alert (a watchdog rule's state change, shared/spec/analytics.md "Alerts"). The id is
-- deterministic (rule, key, state, event time), so a replay or a restore writes the same rows again:
-- the table is keyed by alert_id and merges keep the newest write (version = emitted_at, epoch ms);
-- read with FINAL. event_time keeps whole seconds for partitions and ranges, event_time_ms the exact
-- time of the triggering event.
CREATE TABLE IF NOT EXISTS ${database}.alerts
(
    alert_id       String,
    rule           String,
    symbol         String,
    stream         Nullable(String),
    severity       String,
    state          String,
    value          Nullable(Float64),
    threshold      Nullable(Float64),
    event_time     DateTime('UTC'),
    event_time_ms  UInt64,
    emitted_at     DateTime('UTC'),
    message        String,
    version        UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_time)
ORDER BY alert_id;
