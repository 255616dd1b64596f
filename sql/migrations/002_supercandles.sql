-- One row per candle: every field of the contract (shared/spec/supercandles.md) under its own name.
--
-- Idempotent writes: the sink may write a candle more than once (a replay after a restore), so the
-- table is a ReplacingMergeTree keyed by the candle, (symbol, period, window_start), which is also the
-- order the dashboards read in. Merges keep the row with the highest `version` (the time the row was
-- written, epoch ms); until a merge has run, readers ask for the final rows with FINAL
-- (sql/queries/candles_final.sql).
--
-- Conventions every result table follows (signals, model outputs, alerts):
--   * the key columns first, then the payload in the contract's order and under the contract's names;
--   * times as DateTime('UTC') (18.16 has no DateTime64; bars are whole seconds), `version UInt64` last;
--   * "no data" is NULL (Nullable(Float64)), sums and counts are never NULL;
--   * ReplacingMergeTree(version), PARTITION BY toYYYYMM(<event time>), ORDER BY the natural key.
CREATE TABLE IF NOT EXISTS ${database}.supercandles
(
    symbol            String,
    period            String,
    window_start      DateTime('UTC'),
    window_end        DateTime('UTC'),
    trades            UInt64,
    trades_b          UInt64,
    trades_s          UInt64,
    vol               Float64,
    vol_b             Float64,
    vol_s             Float64,
    val               Float64,
    val_b             Float64,
    val_s             Float64,
    pr_open           Nullable(Float64),
    pr_close          Nullable(Float64),
    pr_high           Nullable(Float64),
    pr_low            Nullable(Float64),
    pr_vwap           Nullable(Float64),
    pr_vwap_b         Nullable(Float64),
    pr_vwap_s         Nullable(Float64),
    pr_change         Nullable(Float64),
    pr_std            Nullable(Float64),
    disb              Nullable(Float64),
    put_orders        UInt64,
    put_orders_b      UInt64,
    put_orders_s      UInt64,
    put_vol           Float64,
    put_vol_b         Float64,
    put_vol_s         Float64,
    put_val           Float64,
    put_val_b         Float64,
    put_val_s         Float64,
    put_vwap_b        Nullable(Float64),
    put_vwap_s        Nullable(Float64),
    cancel_orders     UInt64,
    cancel_orders_b   UInt64,
    cancel_orders_s   UInt64,
    cancel_vol        Float64,
    cancel_vol_b      Float64,
    cancel_vol_s      Float64,
    cancel_val        Float64,
    cancel_val_b      Float64,
    cancel_val_s      Float64,
    cancel_vwap_b     Nullable(Float64),
    cancel_vwap_s     Nullable(Float64),
    book_snapshots    UInt64,
    spread_bbo        Nullable(Float64),
    spread_lv10       Nullable(Float64),
    spread_1mio       Nullable(Float64),
    levels_b          Nullable(Float64),
    levels_s          Nullable(Float64),
    ob_vol_b          Nullable(Float64),
    ob_vol_s          Nullable(Float64),
    ob_val_b          Nullable(Float64),
    ob_val_s          Nullable(Float64),
    imbalance_vol     Nullable(Float64),
    imbalance_val     Nullable(Float64),
    imbalance_vol_bbo Nullable(Float64),
    imbalance_val_bbo Nullable(Float64),
    vwap_b            Nullable(Float64),
    vwap_s            Nullable(Float64),
    vwap_b_1mio       Nullable(Float64),
    vwap_s_1mio       Nullable(Float64),
    version           UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(window_start)
ORDER BY (symbol, period, window_start);
