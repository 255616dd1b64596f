-- What each market-anomaly alert was worth: one row per alert and horizon (5, 15, 30, 60 minutes),
-- the close then and after, and the move in percent. The key (alert_id, minutes) deduplicates rows
-- written again after a restore (same values, later version); read with FINAL. alert_time is the
-- alert's candle end (its event time), for partitions and ranges.
CREATE TABLE IF NOT EXISTS ${database}.anomaly_follow_ups
(
    alert_id    String,
    minutes     UInt64,
    rule        String,
    symbol      String,
    alert_time  DateTime('UTC'),
    close_then  Nullable(Float64),
    close_now   Nullable(Float64),
    move_pct    Nullable(Float64),
    version     UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(alert_time)
ORDER BY (alert_id, minutes);
