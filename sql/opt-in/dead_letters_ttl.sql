-- Opt-in (migrate --opt-in dead_letters_ttl): drop dead letters 90 days after they were set aside.
-- Table TTL arrived in ClickHouse 19.6; on an older server this migration is refused.
-- requires-server: 19.6
ALTER TABLE ${database}.dead_letters MODIFY TTL rejected_at + INTERVAL 90 DAY;
