-- One row per paper strategy and bar: the signal record of shared/spec/analytics.md ("Signals and
-- paper strategies") under its field names. Follows the conventions of 002_supercandles.sql: the
-- natural key (symbol, period, strategy, window_start) orders and deduplicates the rows (a replay after
-- a restore writes a bar again, identical, with a later version); read with FINAL.
CREATE TABLE IF NOT EXISTS ${database}.signals
(
    symbol          String,
    period          String,
    strategy        String,
    window_start    DateTime('UTC'),
    window_end      DateTime('UTC'),
    position        Int8,
    close           Nullable(Float64),
    ret             Float64,
    equity          Float64,
    trades          UInt64,
    n               UInt64,
    total_return    Nullable(Float64),
    cagr            Nullable(Float64),
    sharpe          Nullable(Float64),
    smart_sharpe    Nullable(Float64),
    sortino         Nullable(Float64),
    smart_sortino   Nullable(Float64),
    sortino_sqrt2   Nullable(Float64),
    prob_sharpe     Nullable(Float64),
    omega           Nullable(Float64),
    max_drawdown    Nullable(Float64),
    time_in_market  Nullable(Float64),
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (symbol, period, strategy, window_start);
