-- extended.md "Provenance" on every candle (issue 27): `gap` (the window overlaps a recorded feed gap of
-- its symbol) and `orders_source` ('log', 'derived', or NULL without order events).
--
-- Added to the table that already holds candles: a row written before this migration reads back with
-- gap 0 (no gap was recorded then: the job did not read gaps) and orders_source NULL (unknown, as for a
-- window without orders). One ALTER per column. ClickHouse 18.16 has no ADD COLUMN IF NOT EXISTS: the
-- migrator skips an ADD COLUMN whose column is there (a run stopped between the two, run again).
ALTER TABLE ${database}.supercandles ADD COLUMN gap UInt8 DEFAULT 0 AFTER vwap_s_1mio;
ALTER TABLE ${database}.supercandles ADD COLUMN orders_source Nullable(String) AFTER gap;
