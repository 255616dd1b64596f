-- One row per symbol, aggressor side and candle close of the model period: the execution-probability,
-- price-impact and tick-move figures of shared/spec/analytics.md under their record's field names
-- (the JSON lines of `replay`, the Kafka topic of `live`). Follows the conventions of
-- 002_supercandles.sql: the natural key (symbol, side, period, window_start) orders and deduplicates
-- the rows (a replay after a restore writes a record again, identical, with a later version); read
-- with FINAL. The fill-probability curve is two arrays of the same length: depth_multiples q and
-- fill_probability P(q * m); tick_fractions holds the shares of trade groups moving 0, 1, 2, 3 and 4+
-- ticks. Undefined figures are NULL.
CREATE TABLE IF NOT EXISTS ${database}.execution_model
(
    symbol            String,
    side              String,
    period            String,
    window_start      DateTime('UTC'),
    window_end        DateTime('UTC'),
    lookback_ms       UInt64,
    bucket_ms         UInt64,
    n                 UInt64,
    m                 Nullable(Float64),
    p_m               Nullable(Float64),
    alpha             Nullable(Float64),
    depth_multiples   Array(Float64),
    fill_probability  Array(Nullable(Float64)),
    fit_error         Nullable(Float64),
    impact_buckets    UInt64,
    impact_a          Nullable(Float64),
    impact_b          Nullable(Float64),
    q_star            Nullable(Float64),
    g_star            Nullable(Float64),
    tick_groups       UInt64,
    tick_fractions    Array(Nullable(Float64)),
    version           UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (symbol, side, period, window_start);
