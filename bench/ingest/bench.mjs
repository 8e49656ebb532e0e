#!/usr/bin/env node
// Ingest benchmark: Sales.SalesOrderDetail from an AdventureWorks-shaped DuckDB file into a DuckDB warehouse,
// (1) straight from the embedded file and (2) through the TDS stand-in with mssql/tedious. Each run is its own
// process (ingest-once.mjs) so peak RSS is that load's. Prints every run and the medians.
//
//   node packages/sample-data/bin/tsdbt-sample.js --out /tmp/aw8.duckdb --scale 8    # ≈ 1 M order lines
//   npm run build && node bench/ingest/bench.mjs --source /tmp/aw8.duckdb --runs 3 [--paths embedded,tds]
// The stand-in runs in a child process of its own; its CPU seconds per run are reported apart from the loader's.
// --module DIR/index.js loads another build of @tsdbt/ingest (a copy of an earlier dist/) for before/after runs
// in the same session; --stand-in FILE starts another build of the stand-in (a copy of test/stand-ins/tds/start.mjs's
// folder inside the checkout); --label names those lines; --settings k=v,… puts DuckDB settings in the warehouse profile;
// --chunk-size sets ingest's chunk_size (default 10000).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = fileURLToPath(new URL('.', import.meta.url));
const { values } = parseArgs({ options: { source: { type: 'string' }, runs: { type: 'string', default: '3' }, paths: { type: 'string', default: 'embedded,tds' }, tables: { type: 'string', default: 'Sales.SalesOrderDetail' }, module: { type: 'string' }, 'stand-in': { type: 'string' }, label: { type: 'string', default: '' }, settings: { type: 'string' }, 'chunk-size': { type: 'string', default: '10000' } } });
if (!values.source) throw new Error('--source FILE (an AdventureWorks-shaped DuckDB file from tsdbt-sample) is required');

/** --settings memory_limit=16MB,threads=1: DuckDB settings in the warehouse's profile (they win over ingest's own). */
function settings() {
  if (!values.settings) return '';
  return `, settings: ${JSON.stringify(Object.fromEntries(values.settings.split(',').map((kv) => kv.split('='))))}`;
}

function project(sourceBlock) {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-bench-'));
  writeFileSync(join(dir, 'dbt_project.yml'), 'name: bench\nprofile: bench\n');
  writeFileSync(join(dir, 'profiles.yml'), `bench:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: ${join(dir, 'warehouse.duckdb')}, schema: main${settings()}}\n`);
  writeFileSync(join(dir, 'ingest.yml'), `source: ${JSON.stringify(sourceBlock)}\nchunk_size: ${Number(values['chunk-size'])}\ntables: ${JSON.stringify(values.tables.split(','))}\n`);
  return dir;
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cmd, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

async function startStandIn(file) {
  const child = spawn(process.execPath, [values['stand-in'] ?? join(here, '../../test/stand-ins/tds/start.mjs'), '--db', file, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => { const m = /listening on [\d.]+:(\d+)/.exec(String(d)); if (m) resolve(Number(m[1])); });
    child.on('close', () => reject(new Error('stand-in exited')));
  });
  return { port, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

/** CPU seconds a process has used so far (Linux /proc; undefined elsewhere). */
function cpuOf(pid) {
  const file = `/proc/${pid}/stat`;
  if (!pid || !existsSync(file)) return undefined;
  const fields = readFileSync(file, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(name, dir, standInPid) {
  const results = [];
  name = `${values.label}${name}`;
  const extra = values.module ? ['--module', values.module] : [];
  for (let i = 0; i < Number(values.runs); i++) {
    const before = cpuOf(standInPid);
    const r = JSON.parse(await run(join(here, 'ingest-once.mjs'), ['--project', dir, ...extra]));
    const standIn = before === undefined ? '' : `, stand-in CPU ${(cpuOf(standInPid) - before).toFixed(2)} s`;
    console.log(`${name} run ${i + 1}: ${r.rows} rows in ${r.seconds.toFixed(2)} s = ${r.rowsPerSecond} rows/s (loader CPU ${r.cpuSeconds.toFixed(2)} s${standIn}), peak RSS ${r.peakRssMB} MB`);
    results.push(r);
  }
  console.log(`${name} median: ${median(results.map((r) => r.rowsPerSecond))} rows/s, loader CPU ${median(results.map((r) => r.cpuSeconds)).toFixed(2)} s, peak RSS ${median(results.map((r) => r.peakRssMB))} MB (${results[0].rows} rows, ${values.runs} runs)`);
}

const paths = values.paths.split(',');
if (paths.includes('embedded')) await measure('embedded', project({ type: 'duckdb', path: values.source }));
if (paths.includes('tds')) {
  const copy = join(mkdtempSync(join(tmpdir(), 'tsdbt-bench-src-')), 'source.duckdb');
  copyFileSync(values.source, copy); // the stand-in opens its file read-write (it keeps a catalog in it)
  const standIn = await startStandIn(copy);
  try {
    await measure('tds', project({ type: 'mssql', server: '127.0.0.1', port: standIn.port, database: 'AdventureWorks2019', user: 'sa', password: 'Passw0rd!', encrypt: false }), standIn.pid);
  } finally {
    standIn.stop();
  }
}
