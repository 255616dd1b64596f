// Runs every statement of sql/migrations and sql/opt-in, then every documented query of sql/queries,
// on a current ClickHouse engine (chdb embeds it as a library), with a few rows in the tables.
// The Java migrator applies the same files to the server; this proves the SQL is also valid and
// behaves on a modern version (the tests' server is 18.16). Exit code 0 when all passed.
import { Session } from "chdb";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SQL, statements as statementsOf, files, Tally } from "./lib.mjs";

const DATABASE = "supercandles";
const statements = (file) => statementsOf(file, DATABASE);

const dir = mkdtempSync(join(tmpdir(), "chdb-sql-check-"));
const session = new Session(dir);
const tally = new Tally();
const check = (what, run) => tally.check(what, run);

const version = session.query("SELECT version()", "TabSeparated").trim();
console.log(`ClickHouse engine ${version} (chdb)`);

for (const file of [...files("migrations"), ...files("opt-in")]) {
  statements(join(SQL, file)).forEach((s, i) => check(`${file} #${i + 1}`, () => { session.query(s, "TabSeparated"); }));
}
// 011 on a candle table that already holds rows: old rows read back with gap 0 and orders_source NULL,
// new rows with what they were given.
{
  const db = "provenance_check";
  const regular = files("migrations");
  const provenance = regular.find((f) => f.includes("011_candle_provenance"));
  regular.filter((f) => f < provenance).forEach((f) => statementsOf(join(SQL, f), db).forEach((s) => session.query(s, "TabSeparated")));
  check("011 on a table holding candles", () => {
    session.query(`INSERT INTO ${db}.supercandles (symbol, period, window_start, window_end, version)
      VALUES ('OLD', '1m', toDateTime(60, 'UTC'), toDateTime(120, 'UTC'), 1)`);
    statementsOf(join(SQL, provenance), db).forEach((s) => session.query(s, "TabSeparated"));
    session.query(`INSERT INTO ${db}.supercandles (symbol, period, window_start, window_end, gap, orders_source, version)
      VALUES ('NEW', '1m', toDateTime(60, 'UTC'), toDateTime(120, 'UTC'), 1, 'derived', 2)`);
    const rows = session.query(`SELECT symbol, gap, orders_source FROM ${db}.supercandles FINAL ORDER BY symbol DESC`, "TabSeparated").trim();
    if (rows !== "OLD\t0\t\\N\nNEW\t1\tderived") throw new Error(`old and new rows after 011: ${JSON.stringify(rows)}`);
  });
}
// The migrator's own bookkeeping and checks.
check("migrator: record a migration", () => session.query(
  `INSERT INTO ${DATABASE}.schema_migrations (name, checksum, applied_at) VALUES ('001_database', 'x', now())`));
check("migrator: list tables", () => {
  const t = session.query(`SELECT name FROM system.tables WHERE database = '${DATABASE}' ORDER BY name FORMAT TabSeparated`, "TabSeparated");
  for (const name of ["alert_deliveries", "alerts", "anomaly_follow_ups", "dead_letters", "execution_model", "schema_migrations", "signals", "supercandles"]) {
    if (!t.split("\n").includes(name)) throw new Error(`table ${name} missing: ${t}`);
  }
});

// A candle written twice (a replay after a restore) and one dead letter: the documented queries must
// see the candle once, with the later version.
check("insert a candle twice and a dead letter", () => {
  for (const version of [1, 2]) {
    session.query(`INSERT INTO ${DATABASE}.supercandles (symbol, period, window_start, window_end, trades, vol, val, pr_close, version)
      VALUES ('BTCUSD', '5m', toDateTime('2015-05-01 00:05:00', 'UTC'), toDateTime('2015-05-01 00:10:00', 'UTC'), 3, 1.5, 351.0, 234.${version}, ${version})`);
    session.query(`INSERT INTO ${DATABASE}.supercandles (symbol, period, window_start, window_end, trades, vol, val, pr_close, version)
      VALUES ('BTCUSD', '1m', toDateTime('2015-05-01 00:05:00', 'UTC'), toDateTime('2015-05-01 00:06:00', 'UTC'), 3, 1.5, 351.0, 234.${version}, ${version})`);
  }
  session.query(`INSERT INTO ${DATABASE}.dead_letters (stream, kind, reason, payload, rejected_at)
    VALUES ('trades', 'invalid', 'qty must be > 0', '{"qty":0}', now())`);
  for (const version of [1, 2]) {
    session.query(`INSERT INTO ${DATABASE}.signals (symbol, period, strategy, window_start, window_end, position, close, ret, equity, trades, n, sharpe, version)
      VALUES ('BTCUSD', '1m', 'disb', toDateTime('2015-05-01 00:05:00', 'UTC'), toDateTime('2015-05-01 00:06:00', 'UTC'), 1, 234.5, -0.00015, 0.99985, 1, 6, NULL, ${version})`);
    session.query(`INSERT INTO ${DATABASE}.alerts (alert_id, rule, symbol, stream, severity, state, value, threshold, event_time, event_time_ms, emitted_at, message, version)
      VALUES ('a1', 'ts_backwards', 'BTCUSD', 'trades', 'warning', 'FIRING', 2000, 1000, toDateTime('2015-05-01 00:05:00', 'UTC'), 1430438700000, now(), 'ts went back', ${version})`);
    // retrying, then given up: the query shows the alert once, given up
    session.query(`INSERT INTO ${DATABASE}.alert_deliveries (alert_id, receiver, rule, symbol, stream, state, event_time, delivery, attempts, reason, updated_at, version)
      VALUES ('a1', 'webhook ops', 'ts_backwards', 'BTCUSD', 'trades', 'FIRING', toDateTime('2015-05-01 00:05:00', 'UTC'), '${version === 1 ? "retrying" : "given_up"}', ${version}, 'HTTP 503', now(), ${version})`);
  }
  for (const version of [1, 2]) {
    session.query(`INSERT INTO ${DATABASE}.execution_model (symbol, side, period, window_start, window_end, lookback_ms, bucket_ms, n, m, p_m, alpha, depth_multiples, fill_probability, fit_error, impact_buckets, impact_a, impact_b, q_star, g_star, tick_groups, tick_fractions, version)
      VALUES ('BTCUSD', 'B', '5m', toDateTime('2015-05-01 00:05:00', 'UTC'), toDateTime('2015-05-01 00:10:00', 'UTC'), 3600000, 1000, 120, 0.8, 0.3, 1.7, [0.5, 1, 2], [0.9, 0.3, NULL], 0.01, 40, 0.002, 0.5, 1.2, 0.0004, 100, [0.7, 0.2, 0.1, 0, NULL], ${version})`);
  }
  for (const version of [1, 2]) {
    for (const minutes of [5, 15]) {
      session.query(`INSERT INTO ${DATABASE}.anomaly_follow_ups (alert_id, minutes, rule, symbol, alert_time, close_then, close_now, move_pct, version)
        VALUES ('a2', ${minutes}, 'anomaly_vol', 'BTCUSD', toDateTime('2015-05-01 00:05:00', 'UTC'), 234.5, 235.0, 0.2132, ${version})`);
    }
  }
  session.query(`INSERT INTO ${DATABASE}.alert_deliveries (alert_id, receiver, rule, symbol, stream, state, event_time, delivery, attempts, reason, updated_at, version)
    VALUES ('a1', 'telegram', 'ts_backwards', 'BTCUSD', 'trades', 'FIRING', toDateTime('2015-05-01 00:05:00', 'UTC'), 'delivered', 1, '', now(), 3)`);
});
const expectedRows = { "candles_final.sql": 1, "candles_latest.sql": 1, "candles_hourly_from_minutes.sql": 1, "dead_letters_by_reason.sql": 1,
  "signals_latest.sql": 1, "signals_equity_curve.sql": 1, "alerts_recent.sql": 1, "alerts_firing_now.sql": 1, "alerts_not_delivered.sql": 1, "execution_model_latest.sql": 1, "anomaly_follow_ups_by_rule.sql": 2 };
for (const file of files("queries")) {
  const name = file.split("/").pop();
  statements(join(SQL, file)).forEach((s) => check(file, () => {
    const rows = session.query(s, "JSONEachRow").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
    if (name in expectedRows && rows.length !== expectedRows[name]) {
      throw new Error(`expected ${expectedRows[name]} row(s), got ${rows.length}: ${JSON.stringify(rows)}`);
    }
    if (name === "alerts_not_delivered.sql" && rows[0].delivery !== "given_up") {
      throw new Error(`FINAL should keep the latest state, given_up, got ${JSON.stringify(rows[0])}`);
    }
    if (name === "candles_final.sql" && rows[0].version != 2) {
      throw new Error(`FINAL should keep version 2, got ${JSON.stringify(rows[0])}`);
    }
    return `${rows.length} row(s)`;
  }));
}

session.cleanup();
rmSync(dir, { recursive: true, force: true });
console.log(`sql check on ClickHouse ${version}: ${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed === 0 ? 0 : 1);
