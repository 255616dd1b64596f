-- Records the job did not turn into candles, with the reason: rejected by validation (kind 'invalid')
-- or arrived after their window closed (kind 'late', the reason names the period).
--
-- A replay after a restore writes the same dead letters again with a later rejected_at, so the key is
-- the record itself (stream, kind, reason, payload) and merges keep the latest rejection. The same bad
-- line sent twice is therefore kept once here; the job's rejected_events / late_events counters count
-- every occurrence.
CREATE TABLE IF NOT EXISTS ${database}.dead_letters
(
    stream      String,
    kind        String,
    reason      String,
    payload     String,
    rejected_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(rejected_at)
PARTITION BY toYYYYMM(rejected_at)
ORDER BY (stream, kind, cityHash64(reason, payload));
