-- The model score of each candle of the model's period (bin/supercandles train, then --model): the
-- probabilities that the price reaches +move / -move within the horizon, the score p_up - p_down in
-- [-1, +1], its alert band, and the market-phase guard's reconstruction error. The key (symbol, period,
-- model, window_start) deduplicates rows written again after a restore (same values, later version)
-- and keeps the scores of two models apart; read with FINAL.
CREATE TABLE IF NOT EXISTS ${database}.scores
(
    symbol          String,
    period          String,
    model           String,
    window_start    DateTime('UTC'),
    window_end      DateTime('UTC'),
    close           Nullable(Float64),
    p_up            Float64,
    p_down          Float64,
    score           Float64,
    band            Int8,
    band_changed    UInt8,
    phase_error     Nullable(Float64),
    phase_threshold Nullable(Float64),
    phase_changed   UInt8,
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (symbol, period, model, window_start);
