// What the SQL checks share: the sql/ folder, its files and statements, and a pass/fail tally.
import { readdirSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const SQL = join(dirname(fileURLToPath(import.meta.url)), "..");

// The same rule as ClickHouseMigrations.statements: drop comment lines, split at a ';' ending a line.
export function statements(file, database) {
  const text = readFileSync(file, "utf8").split("\n").filter((l) => !l.trim().startsWith("--")).join("\n");
  return text.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter((s) => s.length > 0)
    .map((s) => s.replaceAll("${database}", database));
}

export function files(folder) {
  return readdirSync(join(SQL, folder)).filter((f) => f.endsWith(".sql")).sort().map((f) => join(folder, f));
}

export class Tally {
  constructor() {
    this.passed = 0;
    this.failed = 0;
  }

  check(what, run) {
    try {
      const detail = run();
      this.passed++;
      console.log(`ok    ${what}${detail ? "  " + detail : ""}`);
    } catch (e) {
      this.failed++;
      console.log(`FAIL  ${what}\n      ${String(e.message || e).split("\n")[0]}`);
    }
  }
}
