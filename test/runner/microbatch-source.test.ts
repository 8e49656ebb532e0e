import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryWarehouse as query, runTsdbt } from './run-tsdbt.js';

/** A daily microbatch model over a source whose table config names its event_time; the raw table made on-run-start. */
function sourceProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-microbatch-source-'));
  mkdirSync(join(dir, 'models'), { recursive: true });
  writeFileSync(join(dir, 'profiles.yml'), 'mbs:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n      threads: 1\n');
  const raw = "create table if not exists main.clicks as select * from (values (1, timestamp '2024-01-01 05:00'), (2, timestamp '2024-01-02 23:59:59'), (3, timestamp '2024-01-03 00:00')) t(id, clicked_at)";
  writeFileSync(join(dir, 'dbt_project.yml'), `name: mbs\nversion: "1.0"\nconfig-version: 2\nprofile: mbs\non-run-start:\n  - "${raw}"\n`);
  writeFileSync(join(dir, 'models', 'sources.yml'), 'version: 2\nsources:\n  - name: raw\n    schema: main\n    tables:\n      - name: clicks\n        config:\n          event_time: clicked_at\n');
  writeFileSync(
    join(dir, 'models', 'daily_clicks.sql'),
    "{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='clicked_at', batch_size='day', begin='2024-01-01') }}\n" +
      "select id, clicked_at, '{{ model.batch.id if model.batch else '' }}' as batch_id from {{ source('raw', 'clicks') }}\n",
  );
  return dir;
}

describe('microbatch over a source with event_time, and model.batch', () => {
  let dir: string;
  let run: Awaited<ReturnType<typeof runTsdbt>>;
  beforeAll(async () => {
    dir = sourceProject();
    run = await runTsdbt(dir, ['run', '--event-time-start', '2024-01-01', '--event-time-end', '2024-01-03']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('filters the source to each batch, and templates see the batch id', async () => {
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Batch 2 of 2 OK created batch 2024-01-02 of main.daily_clicks');
    expect(await query(dir, 'select id, batch_id from main.daily_clicks order by id')).toEqual([[1, '20240101'], [2, '20240102']]);
    const compiled = readFileSync(join(dir, 'target', 'compiled', 'mbs', 'models', 'daily_clicks.sql'), 'utf8');
    expect(compiled).toContain(`where clicked_at >= '2024-01-02 00:00:00+00:00' and clicked_at < '2024-01-03 00:00:00+00:00') _dbt_et_filter_subq_clicks`);
  });
});
