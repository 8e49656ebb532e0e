import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The first day of the month `back` months before this one (UTC), as `YYYY-MM-DD`. */
export function monthStart(back: number, now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
}

/** `YYYY-MM-15 10:00:00` of the month `back` months ago: a time inside that month's batch. */
export function midMonth(back: number): string {
  return `${monthStart(back).slice(0, 8)}15 10:00:00`;
}

export const MICROBATCH_CONFIG = (begin: string, extra = ''): string =>
  `{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='event_time', batch_size='month', begin='${begin}'${extra}) }}`;

/**
 * A DuckDB project: `events` (a table with `event_time` configured) and `monthly`, a monthly microbatch model over
 * it whose `v` casts `payload` to an int (a payload that is no number fails that month's batch).
 */
export function microbatchProject(prefix: string, monthly = `${MICROBATCH_CONFIG(monthStart(2))}\nselect id, event_time, cast(payload as integer) as v from {{ ref('events') }}`): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'models'), { recursive: true });
  writeFileSync(join(dir, 'profiles.yml'), 'mb:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n      threads: 1\n');
  writeFileSync(join(dir, 'dbt_project.yml'), 'name: mb\nversion: "1.0"\nconfig-version: 2\nprofile: mb\n');
  const rows = [
    [1, midMonth(2), '1'],
    [2, midMonth(1), '2'],
    [3, `${monthStart(0)} 00:00:00`, '3'],
  ].map(([id, at, p]) => `select ${id} as id, timestamp '${at}' as event_time, '${p}' as payload`);
  writeFileSync(join(dir, 'models', 'events.sql'), `{{ config(materialized='table', event_time='event_time') }}\n${rows.join('\nunion all\n')}\n`);
  writeFileSync(join(dir, 'models', 'monthly.sql'), `${monthly}\n`);
  return dir;
}

export interface RunResultsEntry {
  unique_id: string;
  status: string;
  message: string;
  batch_results: { successful: [string, string][]; failed: [string, string][] } | null;
}

export function runResult(dir: string, id = 'model.mb.monthly'): RunResultsEntry {
  const file = JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')) as { results: RunResultsEntry[] };
  return file.results.find((r) => r.unique_id === id)!;
}

/** `2024-01-01T00:00:00+00:00`: a batch bound as run_results.json holds it. */
export const bound = (day: string): string => `${day}T00:00:00+00:00`;
