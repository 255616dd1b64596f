-- The market-phase guard's decision per (symbol, paper strategy) after each candle of the model's
-- period: keep, check (the strategy drifts from its backtest), pause (the market's phase changed) or
-- retire (both), with the figures behind it. The key (symbol, period, strategy, window_start)
-- deduplicates rows written again after a restore; read with FINAL.
CREATE TABLE IF NOT EXISTS ${database}.guard_decisions
(
    symbol           String,
    period           String,
    strategy         String,
    window_start     DateTime('UTC'),
    window_end       DateTime('UTC'),
    decision         String,
    decision_changed UInt8,
    phase_changed    UInt8,
    phase_error      Nullable(Float64),
    phase_threshold  Nullable(Float64),
    sharpe           Nullable(Float64),
    backtest_sharpe  Nullable(Float64),
    sharpe_se        Nullable(Float64),
    drifting         UInt8,
    bars             UInt64,
    version          UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (symbol, period, strategy, window_start);
