import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryWarehouse as query, runTsdbt } from './run-tsdbt.js';
import { bound, microbatchProject, midMonth, monthStart, runResult } from './microbatch-helpers.js';

const rows = async (dir: string): Promise<unknown[][]> => query(dir, 'select id, v from main.monthly order by id');

describe('microbatch: first build, lookback, explicit window, full refresh', () => {
  let dir: string;
  let first: Awaited<ReturnType<typeof runTsdbt>>;
  beforeAll(async () => {
    dir = microbatchProject('tsdbt-microbatch-');
    first = await runTsdbt(dir, ['run']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds from begin, one batch a month, each reading only its month of the input', async () => {
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/START sql microbatch model main\.monthly/u);
    for (const [i, back] of [[1, 2], [2, 1], [3, 0]] as const) {
      expect(first.stdout).toContain(`Batch ${i} of 3 START batch ${monthStart(back)} of main.monthly`);
      expect(first.stdout).toMatch(new RegExp(`Batch ${i} of 3 OK created batch ${monthStart(back)} of main\\.monthly \\.+ \\[SUCCESS in`, 'u'));
    }
    // Each batch compiles with its input filtered to the batch (the last one is what target/compiled keeps).
    const compiled = readFileSync(join(dir, 'target', 'compiled', 'mb', 'models', 'monthly.sql'), 'utf8');
    expect(compiled).toContain(`(select * from "dev"."main"."events" where event_time >= '${monthStart(0)} 00:00:00+00:00' and event_time < '${monthStart(-1)} 00:00:00+00:00') _dbt_et_filter_subq_events`);
    // Unfiltered, every batch would have inserted all three events.
    expect(await rows(dir)).toEqual([[1, 1], [2, 2], [3, 3]]);
    const r = runResult(dir);
    expect(r.status).toBe('success');
    expect(r.batch_results).toEqual({
      successful: [[bound(monthStart(2)), bound(monthStart(1))], [bound(monthStart(1)), bound(monthStart(0))], [bound(monthStart(0)), bound(monthStart(-1))]],
      failed: [],
    });
  });

  it('rebuilds only the lookback window on an incremental run: late rows older than it stay out', async () => {
    await query(dir, `insert into main.events values (4, timestamp '${midMonth(1)}', '4'), (5, timestamp '${midMonth(2)}', '5')`);
    const run = await runTsdbt(dir, ['run', '-s', 'monthly']);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`Batch 1 of 2 START batch ${monthStart(1)} of main.monthly`);
    expect(run.stdout).toContain(`Batch 2 of 2 START batch ${monthStart(0)} of main.monthly`);
    expect(await rows(dir)).toEqual([[1, 1], [2, 2], [3, 3], [4, 4]]);
  });

  it('builds exactly the window of --event-time-start/--event-time-end', async () => {
    const run = await runTsdbt(dir, ['run', '-s', 'monthly', '--event-time-start', monthStart(2), '--event-time-end', monthStart(1)]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`Batch 1 of 1 START batch ${monthStart(2)} of main.monthly`);
    expect(await rows(dir)).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]);
    expect(runResult(dir).batch_results?.successful).toEqual([[bound(monthStart(2)), bound(monthStart(1))]]);
  });

  it('rebuilds from begin on --full-refresh', async () => {
    await query(dir, 'delete from main.monthly');
    await query(dir, `insert into main.monthly values (99, timestamp '2000-01-01', 99)`);
    const run = await runTsdbt(dir, ['run', '-s', 'monthly', '--full-refresh']);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Batch 3 of 3 OK created batch');
    expect(await rows(dir)).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]);
  });

  it('compiles without a filter outside a batch (tsdbt compile, other models)', async () => {
    const run = await runTsdbt(dir, ['compile', '-s', 'monthly']);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('from "dev"."main"."events"');
    expect(run.stdout).not.toContain('_dbt_et_filter_subq');
  });

  it('rejects a window that ends before it starts, or a date that is none, before running anything', async () => {
    const backwards = await runTsdbt(dir, ['run', '--event-time-start', monthStart(1), '--event-time-end', monthStart(2)]);
    expect(backwards.exitCode).toBe(2);
    expect(backwards.stdout + backwards.stderr).toContain('Value for `--event-time-start` must be less than `--event-time-end`');
    const bad = await runTsdbt(dir, ['build', '--event-time-start', '2024-13-01', '--event-time-end', '2025-01-01']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stdout + bad.stderr).toContain("Invalid value for '--event-time-start': '2024-13-01'");
    const alone = await runTsdbt(dir, ['run', '--event-time-end', '2025-01-01']);
    expect(alone.exitCode).toBe(2);
    expect(alone.stdout + alone.stderr).toContain('`--event-time-start` must also be present');
  });
});
