#!/usr/bin/env node
// Runner overhead: `tsdbt run` on 1,000 small view models vs the same CREATE VIEW statements sent straight to
// DuckDB through @duckdb/node-api in DAG order. Usage: node bench/run-overhead/run-overhead.mjs [models=1000] [runs=5] [threads=1]
// Needs the build (npm run build); TSDBT_BENCH_BIN=path/to/bin.js times another build. Prints medians; records nothing. The straight run is timed twice: in this process
// (the baseline: @duckdb/node-api already loaded) and as a process of its own (straight-process.mjs), which
// pays node start and loading the binding as `tsdbt run` does.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const MODELS = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 5);
const THREADS = Number(process.argv[4] ?? 1);
// TSDBT_BENCH_BIN: another build's entry (a copy of dist/bundle/bin.js), to compare two builds in one session.
const BIN = process.env.TSDBT_BENCH_BIN ?? fileURLToPath(new URL('../../packages/cli/bin/tsdbt.js', import.meta.url));
const STRAIGHT_PROCESS = fileURLToPath(new URL('./straight-process.mjs', import.meta.url));

/** A DAG ten layers deep: the first 100 models select constants, each later one refs one or two earlier ones. */
function writeProject(dir) {
  mkdirSync(join(dir, 'models'), { recursive: true });
  writeFileSync(join(dir, 'dbt_project.yml'), 'name: bench\nversion: "1.0"\nconfig-version: 2\nprofile: bench\nmodels:\n  bench:\n    +materialized: view\n');
  writeFileSync(join(dir, 'profiles.yml'), 'bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: bench.duckdb\n      threads: 1\n');
  for (let i = 0; i < MODELS; i++) {
    const sql = i < 100
      ? `select ${i} as id, 'model ${i}' as label`
      : `select a.id + 1 as id, a.label from {{ ref('m${i - 100}') }} a\nunion all\nselect b.id, b.label from {{ ref('m${(i * 7) % (i - (i % 100))}') }} b`;
    writeFileSync(join(dir, 'models', `m${i}.sql`), `${sql}\n`);
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function straight(statements, file) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const db = await DuckDBInstance.create(file);
  const conn = await db.connect();
  await conn.run('create schema if not exists main');
  for (const sql of statements) await conn.run(sql);
  conn.closeSync();
  db.closeSync();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

/** Wall and CPU (user+sys, all threads) seconds of one node process, read from GNU time when it is there. */
function timedProcess(args, label) {
  const t0 = performance.now();
  const useTime = existsSync('/usr/bin/time');
  const run = useTime
    ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`${label} failed (${run.status}): ${run.stderr || run.stdout}`);
  const m = /CPU ([\d.]+) ([\d.]+)/u.exec(run.stderr ?? '');
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : Number.NaN };
}

/** One `tsdbt run` (or `parse`), the whole process. */
function tsdbtRun(dir, command = 'run') {
  return timedProcess([BIN, command, '--project-dir', dir, '--profiles-dir', dir, '--quiet', ...(command === 'run' ? ['--threads', String(THREADS)] : [])], `tsdbt ${command}`);
}

const dir = mkdtempSync(join(tmpdir(), 'tsdbt-bench-run-'));
// `parse` on a copy of its own, so the measured runs only ever see their own artifacts in target/.
const parseDir = mkdtempSync(join(tmpdir(), 'tsdbt-bench-parse-'));
try {
  writeProject(dir);
  writeProject(parseDir);
  const tsdbt = [];
  const direct = [];
  const parseOnly = [];
  const directProcess = [];
  let statements = [];
  for (let r = 0; r < RUNS; r++) {
    rmSync(join(dir, 'bench.duckdb'), { force: true });
    tsdbt.push(tsdbtRun(dir));
    // The same process start and project parse, without running anything: what is left is the runner's own cost.
    parseOnly.push(tsdbtRun(parseDir, 'parse'));
    if (!statements.length) {
      // The statements tsdbt sent, in the order it finished them (a valid DAG order: a node finishes after its parents).
      const results = JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')).results;
      const order = results.filter((x) => x.status === 'success').sort((a, b) => a.timing[1].completed_at.localeCompare(b.timing[1].completed_at));
      statements = order.map((x) => `create or replace view "bench"."main"."${x.unique_id.split('.').at(-1)}" as (\n${x.compiled_code}\n)`);
      if (statements.length !== MODELS) throw new Error(`expected ${MODELS} successful models, got ${statements.length}`);
    }
    // Same catalog name as tsdbt's file, since the compiled SQL names it.
    rmSync(join(dir, 'straight'), { recursive: true, force: true });
    mkdirSync(join(dir, 'straight'));
    direct.push(await straight(statements, join(dir, 'straight', 'bench.duckdb')));
    // The same, as a process of its own: node start and loading @duckdb/node-api count too, as they do for tsdbt.
    if (r === 0) writeFileSync(join(dir, 'statements.json'), JSON.stringify(statements));
    rmSync(join(dir, 'straight'), { recursive: true, force: true });
    mkdirSync(join(dir, 'straight'));
    directProcess.push(timedProcess([STRAIGHT_PROCESS, join(dir, 'statements.json'), join(dir, 'straight', 'bench.duckdb')], 'straight process'));
  }
  const show = (label, xs) => {
    const w = median(xs.map((x) => x.wall));
    const c = median(xs.map((x) => x.cpu));
    console.log(`${label} wall median ${w.toFixed(2)}s [${xs.map((x) => x.wall.toFixed(2)).join(', ')}]  cpu median ${c.toFixed(2)}s`);
    return { w, c };
  };
  console.log(`models=${MODELS} runs=${RUNS} tsdbt threads=${THREADS}`);
  const a = show('tsdbt run (whole process: start, parse, compile, run):', tsdbt);
  const p = show('tsdbt parse (process start + parse only):', parseOnly);
  const b = show('straight @duckdb/node-api (same statements, in DAG order):', direct);
  const d = show('straight as its own process (node start, import, same statements):', directProcess);
  console.log(`run minus parse: wall ${(a.w - p.w).toFixed(2)}s, cpu ${(a.c - p.c).toFixed(2)}s; vs straight ${((a.w - p.w) / b.w).toFixed(2)}x wall`);
  console.log(`ratio wall ${(a.w / b.w).toFixed(2)}x, cpu ${(a.c / b.c).toFixed(2)}x`);
  console.log(`ratio to the straight process: wall ${(a.w / d.w).toFixed(2)}x, cpu ${(a.c / d.c).toFixed(2)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(parseDir, { recursive: true, force: true });
}
