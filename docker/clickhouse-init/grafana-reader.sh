#!/bin/bash
# The read-only ClickHouse account Grafana's data source uses (docker-compose). The clickhouse image
# runs this from /docker-entrypoint-initdb.d against a temporary server on 127.0.0.1, as the writer
# (CLICKHOUSE_USER, which has access management), before the real server starts; compose sets
# CLICKHOUSE_ALWAYS_RUN_INITDB_SCRIPTS so it runs at every start: an existing volume gets the account
# and a changed CLICKHOUSE_READER_PASSWORD takes effect. It must stay executable: the image sources a
# non-executable *.sh into its own entrypoint shell.
set -euo pipefail

: "${CLICKHOUSE_READER_USER:?}" "${CLICKHOUSE_READER_PASSWORD:?}" "${CLICKHOUSE_DB:?}"
# names go into the SQL as identifiers: refuse anything that would need quoting
for name in "$CLICKHOUSE_READER_USER" "$CLICKHOUSE_DB"; do
    if [[ ! "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
        echo "grafana-reader.sh: '$name' is not a plain identifier (letters, digits, _)" >&2
        exit 1
    fi
done
# the password goes in as its SHA-256: no quoting to get wrong, and no clear text in the query log
hash="$(printf '%s' "$CLICKHOUSE_READER_PASSWORD" | sha256sum | cut -d' ' -f1)"

clickhouse-client --host 127.0.0.1 --user "${CLICKHOUSE_USER:-default}" --password "${CLICKHOUSE_PASSWORD:-}" \
    --multiquery <<SQL
CREATE USER IF NOT EXISTS ${CLICKHOUSE_READER_USER} IDENTIFIED WITH sha256_hash BY '${hash}';
ALTER USER ${CLICKHOUSE_READER_USER} IDENTIFIED WITH sha256_hash BY '${hash}';
REVOKE ALL ON *.* FROM ${CLICKHOUSE_READER_USER};
GRANT SELECT ON ${CLICKHOUSE_DB}.* TO ${CLICKHOUSE_READER_USER};
SQL
echo "grafana-reader.sh: ${CLICKHOUSE_READER_USER} may read ${CLICKHOUSE_DB} and nothing else"
