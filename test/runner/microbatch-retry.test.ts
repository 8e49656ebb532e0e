import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryWarehouse as query, runTsdbt } from './run-tsdbt.js';
import { bound, MICROBATCH_CONFIG, microbatchProject, monthStart, runResult } from './microbatch-helpers.js';

const rows = async (dir: string): Promise<unknown[][]> => query(dir, 'select id, v from main.monthly order by id');

describe('microbatch: a failed batch is a partial success, and retry re-runs only it', () => {
  let dir: string;
  let partial: Awaited<ReturnType<typeof runTsdbt>>;
  beforeAll(async () => {
    dir = microbatchProject('tsdbt-microbatch-retry-');
    const first = await runTsdbt(dir, ['run']);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    // The model now passes payload through as text: last month's 'bad' cannot go into the integer column, and
    // that insert runs after its batch's delete, in the same transaction.
    writeFileSync(join(dir, 'models', 'monthly.sql'), `${MICROBATCH_CONFIG(monthStart(2))}\nselect id, event_time, payload as v from {{ ref('events') }}\n`);
    await query(dir, "update main.events set payload = 'bad' where id = 2");
    partial = await runTsdbt(dir, ['run', '-s', 'monthly']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the good batches, rolls the failed one back whole, and reports partial success', async () => {
    expect(partial.exitCode).toBe(1);
    expect(partial.stdout).toMatch(new RegExp(`Batch 1 of 2 ERROR creating batch ${monthStart(1)} of main\\.monthly`, 'u'));
    expect(partial.stdout).toMatch(new RegExp(`Batch 2 of 2 OK created batch ${monthStart(0)} of main\\.monthly`, 'u'));
    expect(partial.stdout).toMatch(/PARTIALLY created sql microbatch model main\.monthly \.+ \[PARTIAL SUCCESS \(1\/2\) in/u);
    expect(partial.stdout).toContain('Completed with 0 errors, 1 partial success, and 0 warnings:');
    // Row 2's month was deleted inside the failed transaction: still there after the rollback.
    expect(await rows(dir)).toEqual([[1, 1], [2, 2], [3, 3]]);
    const r = runResult(dir);
    expect(r.status).toBe('partial success');
    expect(r.message).toBe('PARTIAL SUCCESS (1/2)');
    expect(r.batch_results).toEqual({
      successful: [[bound(monthStart(0)), bound(monthStart(-1))]],
      failed: [[bound(monthStart(1)), bound(monthStart(0))]],
    });
  });

  it('retries the failed batch only, and records every batch as done', async () => {
    await query(dir, "update main.events set payload = '20' where id = 2");
    const retry = await runTsdbt(dir, ['retry']);
    expect(retry.exitCode, retry.stdout + retry.stderr).toBe(0);
    expect(retry.stdout).toContain(`Batch 1 of 1 START batch ${monthStart(1)} of main.monthly`);
    expect(retry.stdout).not.toContain(`batch ${monthStart(0)} of`);
    expect(await rows(dir)).toEqual([[1, 1], [2, 20], [3, 3]]);
    const r = runResult(dir);
    expect(r.status).toBe('success');
    expect(r.batch_results?.failed).toEqual([]);
    expect(r.batch_results?.successful).toEqual([
      [bound(monthStart(0)), bound(monthStart(-1))],
      [bound(monthStart(1)), bound(monthStart(0))],
    ]);
    const results = JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')) as { results: unknown[] };
    expect(results.results).toHaveLength(1);
  });
});

describe('microbatch: retry of a run over an explicit --event-time window', () => {
  let dir: string;
  beforeAll(async () => {
    dir = microbatchProject('tsdbt-microbatch-window-retry-');
    expect((await runTsdbt(dir, ['run'])).exitCode).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records the window in run_results.json args and retries over it, not over the default lookback', async () => {
    const model = join(dir, 'models', 'monthly.sql');
    const good = readFileSync(model, 'utf8');
    writeFileSync(model, `${MICROBATCH_CONFIG(monthStart(2))}\nselect id, event_time, v from no_such_table\n`);
    const failed = await runTsdbt(dir, ['run', '-s', 'monthly', '--event-time-start', monthStart(2), '--event-time-end', monthStart(1)]);
    expect(failed.exitCode).toBe(1);
    const args = (JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')) as { args: Record<string, unknown> }).args;
    expect(args).toMatchObject({ event_time_start: monthStart(2), event_time_end: monthStart(1) });
    writeFileSync(model, good);
    const retry = await runTsdbt(dir, ['retry']);
    expect(retry.exitCode, retry.stdout + retry.stderr).toBe(0);
    expect(retry.stdout).toContain(`Batch 1 of 1 START batch ${monthStart(2)} of main.monthly`);
    expect(retry.stdout).not.toContain(`batch ${monthStart(0)} of`);
  });
});
