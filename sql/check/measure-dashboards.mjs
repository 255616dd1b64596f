// Measures what the dashboards' queries cost on a big table, on a current ClickHouse engine (chdb):
// 1,000 symbols of 1-minute candles for DAYS days (default 10, in one monthly partition; the sorting key
// and the partitions keep every other month out of a panel's reads, so a month stands for a year),
// then times the panels of one symbol over a day and the variables over a day and over the month.
// Not part of the tests (it takes minutes): `node sql/check/measure-dashboards.mjs [DAYS]`; the
// docs/dashboards.md ("What a panel costs") reports its figures.
import { Session } from "chdb";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SQL, statements, files } from "./lib.mjs";

const days = Number(process.argv[2] || 10);
const symbols = 1000;
const dir = mkdtempSync(join(tmpdir(), "chdb-measure-"));
const session = new Session(dir);
for (const file of files("migrations")) {
  for (const s of statements(join(SQL, file), "m")) session.query(s, "TabSeparated");
}
const rows = symbols * days * 1440;
const start = Date.UTC(2026, 0, 1) / 1000;
let t = Date.now();
session.query(`INSERT INTO m.supercandles (symbol, period, window_start, window_end, trades, trades_b, trades_s, vol, vol_b,
    vol_s, pr_open, pr_high, pr_low, pr_close, pr_vwap, pr_std, disb, spread_bbo, levels_b, levels_s, version)
  SELECT concat('S', toString(number % ${symbols})) AS symbol, '1m', toDateTime(${start} + intDiv(number, ${symbols}) * 60),
    toDateTime(${start} + intDiv(number, ${symbols}) * 60 + 60), 10, 6, 4, 5.0, 3.0, 2.0, 100, 101, 99, 100.5, 100.2, 0.3,
    0.2, 0.01, 10, 11, 1
  FROM numbers(${rows})`);
console.log(`inserted ${rows.toLocaleString()} candles (${symbols} symbols, ${days} days of 1m) in ${(Date.now() - t) / 1000} s`);
session.query("OPTIMIZE TABLE m.supercandles FINAL");
const day = `window_start >= toDateTime(${start + 86400}) AND window_start <= toDateTime(${start + 86400 * 2})`;
const month = `window_start >= toDateTime(${start}) AND window_start <= toDateTime(${start + 86400 * days})`;
const queries = {
  "candles panel, 1 symbol, 1 day": `SELECT window_start AS time, pr_open AS open, pr_high AS high, pr_low AS low, pr_close AS close, vol AS volume FROM m.supercandles FINAL WHERE symbol = 'S42' AND period = '1m' AND ${day} AND trades > 0 ORDER BY time`,
  "disb panel, 5 symbols, 1 day": `SELECT window_start AS time, symbol, disb FROM m.supercandles FINAL WHERE symbol IN ('S1','S2','S3','S4','S5') AND period = '1m' AND ${day} ORDER BY time`,
  "symbol variable, 1 day": `SELECT DISTINCT symbol FROM m.supercandles WHERE ${day} ORDER BY symbol`,
  [`symbol variable, ${days} days`]: `SELECT DISTINCT symbol FROM m.supercandles WHERE ${month} ORDER BY symbol`,
};
for (const [what, q] of Object.entries(queries)) {
  session.query(q, "JSONCompact"); // warm
  const runs = [];
  let answer;
  for (let i = 0; i < 5; i++) {
    t = process.hrtime.bigint();
    answer = JSON.parse(session.query(q, "JSONCompact"));
    runs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  runs.sort((a, b) => a - b);
  console.log(`${what}: ${answer.rows} rows, median ${runs[2].toFixed(1)} ms (rows read ${answer.statistics.rows_read.toLocaleString()})`);
}
session.cleanup();
rmSync(dir, { recursive: true, force: true });
