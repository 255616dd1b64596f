-- The database every SuperCandles table lives in (named by the `database` setting, default
-- supercandles), and the record of the migrations applied to it.
CREATE DATABASE IF NOT EXISTS ${database};

CREATE TABLE IF NOT EXISTS ${database}.schema_migrations
(
    name       String,
    checksum   String,
    applied_at DateTime('UTC')
)
ENGINE = MergeTree
ORDER BY name;
