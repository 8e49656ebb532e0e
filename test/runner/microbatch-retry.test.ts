import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryWarehouse as query, runTsdbt } from './run-tsdbt.js';
import { bound, MICROBATCH_CONFIG, microbatchProject, monthStart, runResult } from './microbatch-helpers.js';

const rows = async (dir: string): Promise<unknown[][]> => query(dir, 'select id, v from main.monthly order by id');

describe('microbatch: a failed first batch skips the others, and retry re-runs them all', () => {
  // dbt-core skips the remaining batches once the first one fails (core/dbt/task/run.py,
  // MicrobatchModelRunner.execute: `skip_batches = batch_results[0].status != RunStatus.Success`, dbt-core PR #11072,
  // in 1.10): each skipped batch is reported `SKIPPED` (MicrobatchBatchRunner.on_skip) and counted as failed, so the
  // model has no successful batch and fails; `retry` then runs the whole model again. A failed middle batch among
  // successful ones (partial success, retry of that batch only) is covered in microbatch-concurrent.test.ts.
  let dir: string;
  let failed: Awaited<ReturnType<typeof runTsdbt>>;
  beforeAll(async () => {
    dir = microbatchProject('tsdbt-microbatch-retry-');
    const first = await runTsdbt(dir, ['run']);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    // The model now passes payload through as text: month 1's 'bad' cannot go into the integer column, and that
    // insert runs after its batch's delete, in the same transaction. Month 0 changed too: its batch, had it run,
    // would show as row 3's new value.
    writeFileSync(join(dir, 'models', 'monthly.sql'), `${MICROBATCH_CONFIG(monthStart(2))}\nselect id, event_time, payload as v from {{ ref('events') }}\n`);
    await query(dir, "update main.events set payload = 'bad' where id = 2");
    await query(dir, "update main.events set payload = '30' where id = 3");
    failed = await runTsdbt(dir, ['run', '-s', 'monthly']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rolls the first batch back whole, skips the second without starting it, and fails the model', async () => {
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toMatch(new RegExp(`Batch 1 of 2 ERROR creating batch ${monthStart(1)} of main\\.monthly`, 'u'));
    expect(failed.stdout).toMatch(new RegExp(`Batch 2 of 2 SKIP batch ${monthStart(0)} of main\\.monthly \\.+ \\[SKIPPED in 0\\.00s\\]`, 'u'));
    expect(failed.stdout).not.toContain(`START batch ${monthStart(0)} of`);
    expect(failed.stdout).toMatch(/ERROR creating sql microbatch model main\.monthly/u);
    expect(failed.stdout).toContain('Completed with 1 error, 0 partial successes, and 0 warnings:');
    // Row 2's month was deleted inside the failed transaction: still there after the rollback; row 3's batch never ran.
    expect(await rows(dir)).toEqual([[1, 1], [2, 2], [3, 3]]);
    const r = runResult(dir);
    expect(r.status).toBe('error');
    expect(r.batch_results).toEqual({
      successful: [],
      failed: [
        [bound(monthStart(1)), bound(monthStart(0))],
        [bound(monthStart(0)), bound(monthStart(-1))],
      ],
    });
  });

  it('retry runs the failed first batch and the skipped one, and records both as done', async () => {
    await query(dir, "update main.events set payload = '20' where id = 2");
    const retry = await runTsdbt(dir, ['retry']);
    expect(retry.exitCode, retry.stdout + retry.stderr).toBe(0);
    expect(retry.stdout).toContain(`Batch 1 of 2 START batch ${monthStart(1)} of main.monthly`);
    expect(retry.stdout).toContain(`Batch 2 of 2 START batch ${monthStart(0)} of main.monthly`);
    expect(await rows(dir)).toEqual([[1, 1], [2, 20], [3, 30]]);
    const r = runResult(dir);
    expect(r.status).toBe('success');
    expect(r.batch_results).toEqual({
      successful: [
        [bound(monthStart(1)), bound(monthStart(0))],
        [bound(monthStart(0)), bound(monthStart(-1))],
      ],
      failed: [],
    });
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

describe('microbatch: retry reports from its own batches, as dbt-core merge_batch_results', () => {
  // dbt-core core/dbt/task/run.py, MicrobatchModelRunner.merge_batch_results: the status comes from this run's batch
  // results only (no success among them is `ERROR`), they are sorted, and only then are the retried run's successful
  // batches (`node.previous_batch_results.successful`) appended after them.
  let dir: string;
  const window = ['--event-time-start', monthStart(2), '--event-time-end', monthStart(-1)];
  const [m2, m1, m0] = [2, 1, 0].map((b) => [bound(monthStart(b)), bound(monthStart(b - 1))] as [string, string]);
  const partlyFailed = async (): Promise<void> => {
    await query(dir, "update main.events set payload = 'bad' where id = 3");
    const run = await runTsdbt(dir, ['run', '-s', 'monthly', ...window]);
    expect(run.exitCode).toBe(1);
    expect(runResult(dir)).toMatchObject({ status: 'partial success', message: 'PARTIAL SUCCESS (2/3)', batch_results: { successful: [m2!, m1!], failed: [m0!] } });
  };
  beforeAll(async () => {
    dir = microbatchProject('tsdbt-microbatch-retry-status-');
    expect((await runTsdbt(dir, ['run'])).exitCode).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a retry whose batches all fail again is an error, keeping the earlier successful batches after its failed ones', async () => {
    await partlyFailed();
    const retry = await runTsdbt(dir, ['retry']);
    expect(retry.exitCode).toBe(1);
    expect(retry.stdout).toContain(`Batch 1 of 1 ERROR creating batch ${monthStart(0)} of main.monthly`);
    expect(retry.stdout).toMatch(/ERROR creating sql microbatch model main\.monthly/u);
    expect(retry.stdout).toContain('Completed with 1 error, 0 partial successes, and 0 warnings:');
    const r = runResult(dir);
    expect(r.status).toBe('error');
    expect(r.batch_results).toEqual({ successful: [m2, m1], failed: [m0] });
  });

  it('a successful retry lists its own batches first, then the earlier run’s', async () => {
    await partlyFailed();
    await query(dir, "update main.events set payload = '3' where id = 3");
    const retry = await runTsdbt(dir, ['retry']);
    expect(retry.exitCode, retry.stdout + retry.stderr).toBe(0);
    expect(runResult(dir)).toMatchObject({ status: 'success', message: 'SUCCESS', batch_results: { successful: [m0, m2, m1], failed: [] } });
  });
});
