#!/usr/bin/env node
// Alternating A/B of a cold `tsdbt compile` (no target/) between two builds of the CLI, so that a shared machine's
// load falls on both alike. Prints each build's median wall, CPU (user+sys, all threads) and main-thread CPU (see
// main-thread-cpu.mjs): on 2 cores the main thread is the critical path, and it is the steadier figure under load.
// Usage: node bench/compile/ab.mjs A/bin.js B/bin.js [N=10000] [ROUNDS=5] [command=compile]
// TMPDIR=/dev/shm puts the generated project on tmpfs (see run.mjs).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const preload = new URL('main-thread-cpu.mjs', import.meta.url).href;
const [a, b] = process.argv.slice(2, 4);
if (!a || !b) throw new Error('usage: node bench/compile/ab.mjs A/bin.js B/bin.js [N] [ROUNDS] [command]');
const n = Number(process.argv[4] ?? 10000);
const rounds = Number(process.argv[5] ?? 5);
const command = process.argv[6] ?? 'compile';
const project = join(tmpdir(), `tsdbt-bench-${n}`);
if (!existsSync(join(project, 'dbt_project.yml'))) {
  spawnSync(process.execPath, [join(root, 'bench/generate-project.mjs'), String(n), project], { stdio: 'inherit' });
}

function coldRun(bin) {
  rmSync(join(project, 'target'), { recursive: true, force: true });
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, '--import', preload, bin, command, '--project-dir', project, '--quiet'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} ${command} failed:\n${r.stderr.slice(0, 2000)}`);
  const [wall, user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  const main = /tsdbt-bench main-thread-cpu ([\d.]+)/.exec(r.stderr)?.[1];
  return [wall, user + sys, main === undefined ? NaN : Number(main)];
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const results = new Map([[a, []], [b, []]]);
for (let i = 0; i < rounds; i++) {
  for (const bin of i % 2 === 0 ? [a, b] : [b, a]) results.get(bin).push(coldRun(bin));
}
for (const [bin, runs] of results) {
  const [w, c, m] = [0, 1, 2].map((i) => runs.map((r) => r[i]));
  const show = (xs) => `median ${median(xs).toFixed(2)} s (${xs.map((x) => x.toFixed(2)).join(' ')})`;
  console.log(`${bin}\n  ${command} cold: wall ${show(w)}\n  cpu ${show(c)}\n  main-thread cpu ${show(m)}`);
}
