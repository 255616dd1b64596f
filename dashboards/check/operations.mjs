// The operations dashboard (dashboards/operations.json) against a Prometheus that scrapes a running job:
// every variable has values, every panel's query (Grafana's variables expanded as Grafana would, the
// first value of each; $__rate_interval and $__range as given) returns at least one series, every metric
// name a query uses is one the cluster exports, and so is every metric of the job's own that
// docs/metrics.md lists; with TARGETS, that many targets were scraped within the last minute. Instant
// selectors see only what the latest scrape of a target returned: a target whose scrapes fail (timed out)
// has no such series, so each target's scrapes are printed. bin/cluster-check runs it; no npm package
// needed (Node 18+).
//
//   node dashboards/check/operations.mjs http://127.0.0.1:9090 [RATE_INTERVAL (15s)] [RANGE (5m)] [TARGETS]
import { readFileSync } from 'node:fs';

const [base, rateInterval = '15s', range = '5m', targets] = process.argv.slice(2);
if (!base) {
  console.error('usage: node dashboards/check/operations.mjs PROMETHEUS_URL [RATE_INTERVAL] [RANGE]');
  process.exit(2);
}
const dashboard = JSON.parse(readFileSync(new URL('../operations.json', import.meta.url), 'utf8'));
const metricsDoc = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
const JOB_PREFIX = 'flink_taskmanager_job_task_operator_supercandles_';

async function api(path, params = {}) {
  const url = new URL('/api/v1/' + path, base);
  for (const [k, v] of Object.entries(params)) {
    url.searchParams.append(k, v);
  }
  const answer = await (await fetch(url)).json();
  if (answer.status !== 'success') {
    throw new Error(`${url}: ${answer.errorType}: ${answer.error}`);
  }
  return answer.data;
}

const problems = [];
for (const t of (await api('targets')).activeTargets) {
  console.log(`target ${t.scrapeUrl} ${JSON.stringify(t.labels)}: ${t.health}, last scrape ${t.lastScrapeDuration.toFixed(3)} s`
    + (t.lastError ? `, ${t.lastError}` : ''));
}
if (targets !== undefined) {
  const scraped = (await api('query', { query: 'max_over_time(up[1m]) == 1' })).result.length;
  console.log(`targets scraped within the last minute: ${scraped}`);
  if (scraped < Number(targets)) {
    problems.push(`${scraped} targets scraped within the last minute, ${targets} expected`);
  }
}
// Grafana's "label_values(metric, label)": the label's values on that metric's series
const values = {};
for (const v of dashboard.templating.list) {
  const m = /^label_values\((\w+),\s*(\w+)\)$/.exec(v.query);
  if (!m) {
    problems.push(`variable ${v.name}: a query this check cannot expand: ${v.query}`);
    continue;
  }
  const found = (await api(`label/${m[2]}/values`, { 'match[]': m[1] })).sort();
  console.log(`variable ${v.name}: ${found.length} value(s) ${JSON.stringify(found)}`);
  if (found.length === 0) {
    problems.push(`variable ${v.name}: ${v.query} has no values`);
  } else {
    values[v.name] = found[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); // the panels match it with =~
  }
}

const exported = new Set(await api('label/__name__/values'));
let queries = 0;
for (const panel of dashboard.panels) {
  for (const target of panel.targets) {
    let expr = target.expr.replaceAll('$__rate_interval', rateInterval).replaceAll('$__range', range);
    for (const [name, value] of Object.entries(values)) {
      expr = expr.replaceAll('$' + name, value);
    }
    const where = `${panel.title} [${target.refId}]`;
    if (expr.includes('$')) {
      problems.push(`${where}: not expanded: ${expr}`);
      continue;
    }
    const names = [...new Set([...expr.matchAll(/\b(flink_[A-Za-z0-9_:]+)/g)].map(m => m[1]))];
    const missing = names.filter(n => !exported.has(n));
    let series = 0;
    try {
      // asked again a few times while empty: a target's failed scrape empties instant selectors until its next one
      for (let attempt = 0; attempt < 5 && series === 0; attempt++) {
        if (attempt > 0) {
          await new Promise(resolve => setTimeout(resolve, 2000));
        }
        series = (await api('query', { query: expr })).result.length;
      }
    } catch (e) {
      problems.push(`${where}: ${e.message}`);
      continue;
    }
    queries++;
    console.log(`${where}: ${series} series`);
    if (missing.length) {
      problems.push(`${where}: the cluster exports no ${missing.join(', ')}`);
    }
    if (series === 0) {
      problems.push(`${where}: no series for ${expr}`);
    }
  }
}

// the job's own metrics as docs/metrics.md names them (a summary's _count beside its quantiles)
const documented = new Set([...metricsDoc.matchAll(new RegExp('`(' + JOB_PREFIX + '\\w+)', 'g'))].map(m => m[1]));
const notExported = [...documented].filter(n => !exported.has(n));
const undocumented = [...exported].filter(n => n.startsWith(JOB_PREFIX) && !n.endsWith('_count') && !documented.has(n));
console.log(`the job's own metrics: ${documented.size} documented, ${notExported.length} of them not exported,`
  + ` ${undocumented.length} exported but not documented`);
for (const n of notExported) {
  problems.push(`docs/metrics.md names ${n}, which the cluster does not export`);
}
for (const n of undocumented) {
  problems.push(`the cluster exports ${n}, which docs/metrics.md does not name`);
}
if (queries === 0) {
  problems.push('no query ran');
}
for (const p of problems) {
  console.error('operations dashboard: ' + p);
}
console.log(`operations dashboard: ${queries} queries, ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
