#!/usr/bin/env node
// Side by side: the Dataform CLI's `dataform compile` on bench/compile/dataform/generate-dataform.mjs's project and
// `tsdbt compile` (cold: no target/) on bench/generate-project.mjs's project, same N models with the same refs, same
// tests, alternating runs so both see the same machine load. Prints medians of whole-process wall time.
// Dataform's CLI is not a dependency of tsdbt: it is installed into a scratch folder on first use (needs the npm
// registry), or taken from DATAFORM_CLI=/path/to/node_modules/.bin/dataform.
// Usage: node bench/compile/dataform/run.mjs [N=1000] [RUNS=3]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI_VERSION = '3.0.69';
const CORE_VERSION = '3.0.62';
const root = fileURLToPath(new URL('../../..', import.meta.url));
const n = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 3);
const dfProject = join(tmpdir(), `tsdbt-bench-dataform-${n}`);
const dbtProject = join(tmpdir(), `tsdbt-bench-${n}`);

function dataformCli() {
  if (process.env.DATAFORM_CLI) return process.env.DATAFORM_CLI;
  const dir = join(tmpdir(), `dataform-cli-${CLI_VERSION}`);
  const bin = join(dir, 'node_modules', '.bin', 'dataform');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
    const r = spawnSync('npm', ['install', `@dataform/cli@${CLI_VERSION}`, '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('could not install @dataform/cli (is the npm registry reachable?)');
  }
  return bin;
}

function timed(cmd, args, cwd) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${(r.stderr || r.stdout).slice(0, 2000)}`);
  return { wall, stdout: r.stdout };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!existsSync(join(dfProject, 'workflow_settings.yaml'))) {
  spawnSync(process.execPath, [join(root, 'bench/compile/dataform/generate-dataform.mjs'), String(n), dfProject, CORE_VERSION], { stdio: 'inherit' });
}
if (!existsSync(join(dbtProject, 'dbt_project.yml'))) {
  spawnSync(process.execPath, [join(root, 'bench/generate-project.mjs'), String(n), dbtProject], { stdio: 'inherit' });
}
const dataform = dataformCli();
const tsdbt = join(root, 'packages/cli/bin/tsdbt.js');

const df = [];
const ts = [];
for (let i = 0; i < runs; i++) {
  // Dataform gives up on a compile after 60 s unless told otherwise; 10,000 models take longer than that.
  const { wall, stdout } = timed(dataform, ['compile', '--json', '--timeout=1h'], dfProject);
  const graph = JSON.parse(stdout);
  // A compile that silently dropped actions would be a false win: check it saw every model and assertion.
  if (graph.tables.length !== n || graph.assertions.length !== 2 * n) throw new Error(`dataform compiled ${graph.tables.length} tables, ${graph.assertions.length} assertions`);
  df.push(wall);
  rmSync(join(dbtProject, 'target'), { recursive: true, force: true });
  ts.push(timed(process.execPath, [tsdbt, 'compile', '--project-dir', dbtProject, '--quiet'], root).wall);
}
console.log(`${n} models, ${2 * n} tests, ${runs} alternating runs`);
console.log(`dataform compile (@dataform/cli ${CLI_VERSION}, core ${CORE_VERSION})  wall median ${median(df).toFixed(2)} s  [${df.map((x) => x.toFixed(2)).join(', ')}]`);
console.log(`tsdbt compile, cold                                  wall median ${median(ts).toFixed(2)} s  [${ts.map((x) => x.toFixed(2)).join(', ')}]`);
console.log(`ratio ${(median(df) / median(ts)).toFixed(1)}x`);
