import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { adapter } from '@tsdbt/adapter-duckdb';
import type { Connection } from '@tsdbt/core';
import { queryWarehouse as query, runTsdbt } from './run-tsdbt.js';
import { bound, MICROBATCH_CONFIG, midMonth, monthStart, runResult } from './microbatch-helpers.js';

const BACK = [4, 3, 2, 1, 0];
const MODEL = (extra = '', tail = '') => `${MICROBATCH_CONFIG(monthStart(4), extra)}\nselect id, event_time, cast(payload as integer) as v from {{ ref('events') }}${tail}\n`;

/** Five monthly batches over `events` (one event a month), threads: 4, and the same model four ways. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsdbt-microbatch-concurrent-'));
  mkdirSync(join(dir, 'models'), { recursive: true });
  writeFileSync(join(dir, 'profiles.yml'), 'mb:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: dev.duckdb\n      threads: 4\n');
  writeFileSync(join(dir, 'dbt_project.yml'), 'name: mb\nversion: "1.0"\nconfig-version: 2\nprofile: mb\n');
  const rows = BACK.map((back, i) => `select ${i + 1} as id, timestamp '${midMonth(back)}' as event_time, '${i + 1}' as payload`);
  writeFileSync(join(dir, 'models', 'events.sql'), `{{ config(materialized='table', event_time='event_time') }}\n${rows.join('\nunion all\n')}\n`);
  writeFileSync(join(dir, 'models', 'm_true.sql'), MODEL(', concurrent_batches=true'));
  writeFileSync(join(dir, 'models', 'm_false.sql'), MODEL(', concurrent_batches=false'));
  writeFileSync(join(dir, 'models', 'm_unset.sql'), MODEL());
  // Names `this`: dbt assumes its batches read each other's rows, so they stay sequential unless configured.
  writeFileSync(join(dir, 'models', 'm_this.sql'), MODEL('', "\n{% if is_incremental() %}where '{{ this }}' is not null{% endif %}"));
  // Its template queries the warehouse (run_query) in every batch: that query must run on the batch's own connection.
  writeFileSync(
    join(dir, 'models', 'm_query.sql'),
    `${MICROBATCH_CONFIG(monthStart(4), ', concurrent_batches=true')}\n{% if execute and model.batch %}{% set probe = run_query("select 'probe " ~ model.batch.event_time_start ~ "' as p") %}{% endif %}\nselect id, event_time, cast(payload as integer) as v from {{ ref('events') }}\n`,
  );
  return dir;
}

/** Resolves once `n` callers wait on it: statements that all reach it were running at the same time. */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => (++arrived >= n && open(), opened);
}

const ALL = [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]];
const how = (dir: string, model: string, back: number) => new RegExp(`batch ${monthStart(back)} of main\\.${model} is being run (\\w+)`, 'u').exec(readFileSync(join(dir, 'logs', 'dbt.log'), 'utf8'))?.[1];

describe('microbatch concurrent_batches on DuckDB (real CLI, threads: 4)', () => {
  let dir: string;
  let proto: Connection;
  beforeAll(async () => {
    dir = project();
    const probe = await adapter.connect(adapter.parseConfig({ type: 'duckdb', path: ':memory:' }, 'probe', { projectDir: dir }));
    proto = Object.getPrototypeOf(probe) as Connection;
    await probe.close();
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('true, false, unset and a model naming {{ this }} build the same rows; only the middle batches may run at once', async () => {
    const run = await runTsdbt(dir, ['run']);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    for (const model of ['m_true', 'm_false', 'm_unset', 'm_this']) {
      expect(await query(dir, `select id, v from main.${model} order by id`)).toEqual(ALL);
      expect(runResult(dir, `model.mb.${model}`).batch_results?.successful).toHaveLength(5);
      // The first batch (it creates the table) and the last (post-hooks run last) always run alone.
      expect([how(dir, model, 4), how(dir, model, 0)]).toEqual(['sequentially', 'sequentially']);
    }
    const middle = (model: string) => [3, 2, 1].map((back) => how(dir, model, back));
    expect(middle('m_true')).toEqual(['concurrently', 'concurrently', 'concurrently']);
    expect(middle('m_unset')).toEqual(['concurrently', 'concurrently', 'concurrently']);
    expect(middle('m_false')).toEqual(['sequentially', 'sequentially', 'sequentially']);
    expect(middle('m_this')).toEqual(['sequentially', 'sequentially', 'sequentially']);
    for (const back of BACK) expect(run.stdout).toMatch(new RegExp(`Batch \\d of 5 OK created batch ${monthStart(back)} of main\\.m_true`, 'u'));
  });

  it('the middle batches really overlap: each deletes its window on its own connection while the others are open', async () => {
    const together = barrier(3);
    const deletes: { conn: Connection; sql: string; middle: boolean }[] = [];
    const execute = proto.execute;
    vi.spyOn(proto, 'execute').mockImplementation(async function (this: Connection, sql: string, params?: unknown[]) {
      if (/^delete from "dev"\."main"\."m_true"/u.test(sql)) {
        const middle = [3, 2, 1].some((back) => sql.includes(`>= '${monthStart(back)} 00:00:00`));
        deletes.push({ conn: this, sql, middle });
        // Sequential middle batches would never get past this: the second could not start while the first waits.
        if (middle) await together();
      }
      return execute.call(this, sql, params);
    });
    const run = await runTsdbt(dir, ['run', '-s', 'm_true', '--event-time-start', monthStart(4), '--event-time-end', monthStart(-1)]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    // All five batches delete (the table exists); the three middle ones each on a connection of its own.
    expect(deletes).toHaveLength(5);
    expect(new Set(deletes.filter((d) => d.middle).map((d) => d.conn)).size).toBe(3);
    expect(await query(dir, 'select id, v from main.m_true order by id')).toEqual(ALL);
  }, 30_000);

  it("each batch's template query runs on the connection that runs its delete+insert, never inside another batch's transaction", async () => {
    const together = barrier(3);
    /** Connections with a transaction open (a batch's delete+insert). */
    const open = new Set<Connection>();
    const probes: { conn: Connection; day: string; inTransaction: boolean }[] = [];
    const deletes = new Map<string, Connection>();
    const execute = proto.execute;
    const transaction = proto.transaction;
    vi.spyOn(proto, 'transaction').mockImplementation(async function <T>(this: Connection, fn: (c: Connection) => Promise<T>): Promise<T> {
      if (open.has(this)) return transaction.call(this, fn) as Promise<T>;
      open.add(this);
      try {
        return (await transaction.call(this, fn)) as T;
      } finally {
        open.delete(this);
      }
    });
    vi.spyOn(proto, 'execute').mockImplementation(async function (this: Connection, sql: string, params?: unknown[]) {
      const probe = /^select 'probe (\d{4}-\d{2}-\d{2})/u.exec(sql);
      if (probe) probes.push({ conn: this, day: probe[1]!, inTransaction: open.has(this) });
      if (/^delete from "dev"\."main"\."m_query"/u.test(sql)) {
        const back = BACK.find((b) => sql.includes(`>= '${monthStart(b)} 00:00:00`))!;
        deletes.set(monthStart(back), this);
        // Hold the middle batches' transactions open together: a probe sent to a connection meanwhile would land inside one.
        if ([3, 2, 1].includes(back)) await together();
      }
      return execute.call(this, sql, params);
    });
    const run = await runTsdbt(dir, ['run', '-s', 'm_query', '--event-time-start', monthStart(4), '--event-time-end', monthStart(-1)]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    // The middle batches ran at once, on three connections.
    expect(new Set([3, 2, 1].map((b) => deletes.get(monthStart(b)))).size).toBe(3);
    expect(probes.map((p) => p.day).sort()).toEqual(BACK.map((b) => monthStart(b)).sort());
    for (const p of probes) {
      expect(p.conn, `probe of ${p.day}`).toBe(deletes.get(p.day));
      expect(p.inTransaction, `probe of ${p.day}`).toBe(false);
    }
    expect(await query(dir, 'select id, v from main.m_query order by id')).toEqual(ALL);
  }, 30_000);

  it('a failing batch among concurrent ones: the others commit, partial success, and retry runs only it', async () => {
    await query(dir, `update main.events set payload = 'x' where id = 3`);
    await query(dir, 'delete from main.m_true');
    const window = ['--event-time-start', monthStart(4), '--event-time-end', monthStart(-1)];
    const failed = await runTsdbt(dir, ['run', '-s', 'm_true', ...window]);
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toContain(`ERROR creating batch ${monthStart(2)} of main.m_true`);
    const thisRun = readFileSync(join(dir, 'logs', 'dbt.log'), 'utf8').split('command=run').at(-1)!;
    expect(thisRun).toContain(`batch ${monthStart(2)} of main.m_true is being run concurrently`);
    const r = runResult(dir, 'model.mb.m_true');
    expect(r).toMatchObject({ status: 'partial success', message: 'PARTIAL SUCCESS (4/5)' });
    expect(r.batch_results?.failed).toEqual([[bound(monthStart(2)), bound(monthStart(1))]]);
    expect(await query(dir, 'select id from main.m_true order by id')).toEqual([[1], [2], [4], [5]]);
    await query(dir, `update main.events set payload = '3' where id = 3`);
    const retry = await runTsdbt(dir, ['retry']);
    expect(retry.exitCode, retry.stdout + retry.stderr).toBe(0);
    expect(retry.stdout).toContain(`Batch 1 of 1 START batch ${monthStart(2)} of main.m_true`);
    expect(await query(dir, 'select id, v from main.m_true order by id')).toEqual(ALL);
    expect(runResult(dir, 'model.mb.m_true').batch_results?.successful).toHaveLength(5);
  });
});
