#!/usr/bin/env node
// Times `tsdbt compile` (cold: no target/), `tsdbt parse` with nothing changed (partial parse), and a warm
// compile (compiled templates reused) on a generated project. Prints medians of wall and CPU (user+sys) time:
// the build machine is shared, so CPU time is the steadier figure.
// Usage: node bench/compile/run.mjs [N=10000] [RUNS=5]
// TMPDIR=/dev/shm puts the generated project and its target/ on tmpfs, to tell compute from this disk's file
// creation (slow on ext4 right after many deletes); BIN=path/to/bin.js times another build (before/after).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = process.env.BIN ?? join(root, 'packages/cli/bin/tsdbt.js');
const n = Number(process.argv[2] ?? 10000);
const runs = Number(process.argv[3] ?? 5);
const project = join(tmpdir(), `tsdbt-bench-${n}`);

if (!existsSync(join(project, 'dbt_project.yml'))) {
  spawnSync(process.execPath, [join(root, 'bench/generate-project.mjs'), String(n), project], { stdio: 'inherit' });
}

/** One run under /usr/bin/time: [wall s, cpu s]. */
function timed(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, bin, ...args, '--project-dir', project, '--quiet'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tsdbt ${args.join(' ')} failed:\n${r.stderr.slice(0, 2000)}`);
  const [wall, user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return [wall, user + sys];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(label, args, before) {
  const walls = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const [w, c] = timed(args);
    walls.push(w);
    cpus.push(c);
  }
  console.log(`${label.padEnd(34)} wall median ${median(walls).toFixed(2)} s   cpu median ${median(cpus).toFixed(2)} s   (${runs} runs)`);
}

const clean = () => rmSync(join(project, 'target'), { recursive: true, force: true });
console.log(`tsdbt on ${n} generated models (${project})`);
measure('compile, cold (no target/)', ['compile'], clean);
measure('parse, cold (no target/)', ['parse'], clean);
timed(['parse']);
measure('parse, nothing changed', ['parse']);
timed(['compile']);
measure('compile, warm (templates cached)', ['compile']);
