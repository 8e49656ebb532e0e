#!/usr/bin/env node
// One measured ingest run in its own process, so peak RSS is this load's alone.
// node bench/ingest/ingest-once.mjs --project DIR [--tables A,B]  → prints one JSON line.
import { parseArgs } from 'node:util';
import { runIngest } from '@tsdbt/ingest';

const { values } = parseArgs({ options: { project: { type: 'string' }, tables: { type: 'string' } } });
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
