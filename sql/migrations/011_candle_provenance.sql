-- extended.md "Provenance" on every candle (issue 27): `gap` (the window overlaps a recorded feed gap of
-- its symbol) and `orders_source` ('log', 'derived', or NULL without order events).
--
-- Added to the table that already holds candles: a row written before this migration reads back with
-- gap 0 (no gap was recorded then: the job did not read gaps) and orders_source NULL (unknown, as for a
-- window without orders). One ALTER per column, each IF NOT EXISTS: a run stopped between them is
-- re-run whole (a migration is recorded only when every statement of it has run).
ALTER TABLE ${database}.supercandles ADD COLUMN IF NOT EXISTS gap UInt8 DEFAULT 0 AFTER vwap_s_1mio;
ALTER TABLE ${database}.supercandles ADD COLUMN IF NOT EXISTS orders_source Nullable(String) AFTER gap;
