#!/usr/bin/env node
// One measured ingest run in its own process, so peak RSS is this load's alone.
// node bench/ingest/ingest-once.mjs --project DIR [--tables A,B] [--module PATH]  → prints one JSON line.
// --module loads @tsdbt/ingest from another build (e.g. a copy of an earlier dist/index.js) to compare two builds.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { project: { type: 'string' }, tables: { type: 'string' }, module: { type: 'string' } } });
const { runIngest } = await import(values.module ? pathToFileURL(resolve(values.module)).href : '@tsdbt/ingest');
const started = process.hrtime.bigint();
const result = await runIngest({ projectDir: values.project, tables: values.tables?.split(','), fullRefresh: true });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const failed = result.tables.filter((t) => t.status === 'failed');
if (failed.length) {
  process.stderr.write(`${JSON.stringify(failed.map((t) => t.error))}\n`);
  process.exit(1);
}
const rows = result.tables.reduce((n, t) => n + t.rows, 0);
const cpu = process.cpuUsage();
// CPU seconds of this process: on a shared machine, less noisy than wall time.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(`${JSON.stringify({ rows, seconds, rowsPerSecond: Math.round(rows / seconds), cpuSeconds, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
