// Runs every panel's and variable's query of dashboards/ on a current ClickHouse engine (chdb), as the
// JUnit DashboardsTest expanded them (the ClickHouse plugin's macros, Grafana's variables) and ran them
// on ClickHouse 18.16, against the same rows: the tables that test filled by a replay of the recorded
// data, left in jobs/target/dashboard-check. Each must return rows with the columns its panel needs, as many
// as on ClickHouse 18.16.
// Exit code 0 when all passed. Run after `mvn install` (bin/test does).
import { Session } from "chdb";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SQL, statements, files, Tally } from "./lib.mjs";

const DATABASE = "dash"; // the test's database: the expanded queries name it
const input = process.argv[2] || join(SQL, "..", "jobs", "target", "dashboard-check");
if (!existsSync(join(input, "queries.json"))) {
  console.log(`FAIL  no ${join(input, "queries.json")}: the JUnit DashboardsTest writes it (run mvn install first)`);
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), "chdb-dashboards-"));
const session = new Session(dir);
const tally = new Tally();
const version = session.query("SELECT version()", "TabSeparated").trim();
console.log(`ClickHouse engine ${version} (chdb)`);

for (const file of files("migrations")) {
  for (const s of statements(join(SQL, file), DATABASE)) {
    session.query(s, "TabSeparated");
  }
}
for (const file of readdirSync(join(input, "tables")).sort()) {
  const table = file.replace(/\.jsonl$/, "");
  const rows = readFileSync(join(input, "tables", file), "utf8");
  tally.check(`load ${table}`, () => {
    if (rows.trim()) {
      session.query(`INSERT INTO ${DATABASE}.${table} FORMAT JSONEachRow\n${rows}`);
    }
    return `${session.query(`SELECT count() FROM ${DATABASE}.${table}`, "TabSeparated").trim()} row(s)`;
  });
}

// The same rules as DashboardsTest.assertColumns.
function assertColumns(type, meta) {
  const names = meta.map((m) => m.name);
  const types = meta.map((m) => m.type);
  if (type === "timeseries" || type === "candlestick") {
    if (names[0] !== "time" || !types[0].startsWith("DateTime")) throw new Error(`time first, got ${names[0]} ${types[0]}`);
    if (!types.slice(1).some((t) => /^(Nullable\()?(Float64|UInt64|Int8|Int64|UInt32)\)?$/.test(t))) {
      throw new Error(`no numeric values: ${types.join(", ")}`);
    }
  }
  if (type === "candlestick") {
    for (const n of ["open", "high", "low", "close", "volume"]) if (!names.includes(n)) throw new Error(`no ${n} column`);
  }
  if (type === "barchart" && types[0] !== "String") throw new Error(`a text x axis first, got ${types[0]}`);
}

for (const q of JSON.parse(readFileSync(join(input, "queries.json"), "utf8"))) {
  tally.check(q.where, () => {
    const answer = JSON.parse(session.query(q.sql, "JSONCompact"));
    if (!(answer.rows > 0)) throw new Error("no rows");
    // the same rows on both engines: as many as ClickHouse 18.16 answered (written by DashboardsTest)
    if (q.rows !== undefined && answer.rows !== q.rows) throw new Error(`${answer.rows} row(s), ClickHouse 18.16 gave ${q.rows}`);
    assertColumns(q.type, answer.meta);
    return `${answer.rows} row(s)`;
  });
}

session.cleanup();
rmSync(dir, { recursive: true, force: true });
console.log(`dashboard check on ClickHouse ${version}: ${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed === 0 ? 0 : 1);
