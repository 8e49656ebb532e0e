import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { adapter, SessionPool } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { queryWarehouse, runTsdbt } from '../runner/run-tsdbt.js';
import { bound, MICROBATCH_CONFIG, microbatchProject, midMonth, monthStart, runResult } from '../runner/microbatch-helpers.js';

type Run = Awaited<ReturnType<typeof runTsdbt>>;

const START = fileURLToPath(new URL('../stand-ins/snowflake/start.mjs', import.meta.url));

/**
 * The stand-in in a process of its own on a host whose zone is not UTC: the Snowflake session still starts in UTC
 * (the TIMEZONE it reports), so an NTZ event time compares with dbt-snowflake's `to_timestamp_tz` bounds as on Snowflake.
 */
async function startStandInProcess(tz: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [START, '--port', '0'], { env: { ...process.env, TZ: tz }, stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      const m = /listening on http:\/\/[^:]+:(\d+)/u.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.stderr!.on('data', (d: Buffer) => (out += String(d)));
    child.on('exit', (code) => reject(new Error(`stand-in exited (${code}): ${out}`)));
  });
  return { port, child };
}

const sfOutput = (port: number, database: string) => ({ type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database, warehouse: 'wh', schema: 'analytics', threads: 1, host: '127.0.0.1', port, protocol: 'http' });

/** One warehouse running the microbatch project: how to run the CLI on it and query it, and its schema's name. */
interface Target {
  dir: string;
  schema: string;
  run(...args: string[]): Promise<Run>;
  query(sql: string): Promise<unknown[][]>;
}

const target = (dir: string, schema: string, query: Target['query']): Target => ({ dir, schema, run: (...args) => runTsdbt(dir, args), query });
const monthly = (t: Target) => t.query(`select id, v from ${t.schema}.monthly order by id`);
const batchLine = (t: Target, i: number, total: number, back: number, state: 'START batch' | 'OK created batch' | 'ERROR creating batch' | 'SKIP batch') =>
  `Batch ${i} of ${total} ${state} ${monthStart(back)} of ${t.schema}.monthly`;
const CAST_MODEL = `${MICROBATCH_CONFIG(monthStart(2))}\nselect id, event_time, cast(payload as integer) as v from {{ ref('events') }}\n`;
const PASSTHROUGH_MODEL = `${MICROBATCH_CONFIG(monthStart(2))}\nselect id, event_time, payload as v from {{ ref('events') }}\n`;

// The DuckDB microbatch project (test/runner/microbatch-*.test.ts) on the Snowflake target, through the real CLI,
// snowflake-sdk and the stand-in, step for step beside the same project on DuckDB: both must hold the same rows. The
// stand-in runs on a host in Europe/Berlin: the event at midnight UTC opening this month must still fall in its batch.
describe('microbatch on Snowflake (stand-in), beside the same project on DuckDB', () => {
  let standIn: { port: number; child: ChildProcess };
  let sf: Connection;
  let snow: Target;
  let duck: Target;
  const both = async (step: (t: Target) => Promise<void>) => {
    await step(duck);
    await step(snow);
  };
  const runBoth = async (...args: string[]): Promise<[Run, Run]> => [await duck.run(...args), await snow.run(...args)];
  const sameRows = async (expected: unknown[][]) => {
    expect(await monthly(duck)).toEqual(expected);
    expect(await monthly(snow)).toEqual(expected);
  };

  beforeAll(async () => {
    standIn = await startStandInProcess('Europe/Berlin');
    const output = sfOutput(standIn.port, 'mbdb');
    const sfDir = microbatchProject('tsdbt-microbatch-sf-');
    writeFileSync(join(sfDir, 'profiles.yml'), stringify({ mb: { target: 'sf', outputs: { sf: output } } }));
    sf = await adapter.connect(adapter.parseConfig(output, 'sf', { projectDir: sfDir }));
    snow = target(sfDir, 'analytics', async (sql) => (await sf.execute(sql)).rows);
    const duckDir = microbatchProject('tsdbt-microbatch-duck-');
    duck = target(duckDir, 'main', (sql) => queryWarehouse(duckDir, sql));
  }, 120_000);

  afterAll(async () => {
    await sf?.close();
    await SessionPool.closeAll();
    standIn?.child.kill();
    for (const t of [snow, duck]) if (t) rmSync(t.dir, { recursive: true, force: true });
  });

  it('builds from begin, one batch a month, each reading only its month of the input', async () => {
    const [d, s] = await runBoth('run');
    expect(d.exitCode, d.stdout + d.stderr).toBe(0);
    expect(s.exitCode, s.stdout + s.stderr).toBe(0);
    expect(s.stdout).toMatch(/START sql microbatch model analytics\.monthly/u);
    for (const [i, back] of [[1, 2], [2, 1], [3, 0]] as const) expect(s.stdout).toContain(batchLine(snow, i, 3, back, 'OK created batch'));
    const compiled = readFileSync(join(snow.dir, 'target', 'compiled', 'mb', 'models', 'monthly.sql'), 'utf8');
    expect(compiled).toContain(`(select * from mbdb.analytics.events where event_time >= '${monthStart(0)} 00:00:00+00:00' and event_time < '${monthStart(-1)} 00:00:00+00:00')`);
    await sameRows([[1, 1], [2, 2], [3, 3]]);
    expect(runResult(snow.dir).batch_results).toEqual(runResult(duck.dir).batch_results);
    expect(runResult(snow.dir).batch_results?.successful).toHaveLength(3);
  });

  it('rebuilds only the lookback window on an incremental run: late rows older than it stay out', async () => {
    await both((t) => t.query(`insert into ${t.schema}.events values (4, timestamp '${midMonth(1)}', '4'), (5, timestamp '${midMonth(2)}', '5')`).then(() => undefined));
    const [d, s] = await runBoth('run', '-s', 'monthly');
    expect(d.exitCode, d.stdout + d.stderr).toBe(0);
    expect(s.exitCode, s.stdout + s.stderr).toBe(0);
    expect(s.stdout).toContain(batchLine(snow, 1, 2, 1, 'START batch'));
    expect(s.stdout).toContain(batchLine(snow, 2, 2, 0, 'START batch'));
    await sameRows([[1, 1], [2, 2], [3, 3], [4, 4]]);
  });

  it('builds exactly the window of --event-time-start/--event-time-end', async () => {
    const [d, s] = await runBoth('run', '-s', 'monthly', '--event-time-start', monthStart(2), '--event-time-end', monthStart(1));
    expect(d.exitCode, d.stdout + d.stderr).toBe(0);
    expect(s.exitCode, s.stdout + s.stderr).toBe(0);
    expect(s.stdout).toContain(batchLine(snow, 1, 1, 2, 'START batch'));
    await sameRows([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]);
    expect(runResult(snow.dir).batch_results?.successful).toEqual([[bound(monthStart(2)), bound(monthStart(1))]]);
  });

  it('a failed first batch skips the other: rolled back whole, the model fails, as on DuckDB', async () => {
    // dbt-core skips the remaining batches once the first fails (core/dbt/task/run.py MicrobatchModelRunner.execute,
    // `skip_batches`; dbt-core #11072): the skipped one is reported SKIPPED and counted as failed, so no batch succeeded.
    // `v` now passes payload through as text: month 1's 'bad' cannot go into the number column, and that insert
    // runs after its batch's delete, in the same transaction.
    await both(async (t) => {
      writeFileSync(join(t.dir, 'models', 'monthly.sql'), PASSTHROUGH_MODEL);
      await t.query(`update ${t.schema}.events set payload = 'bad' where id = 2`);
    });
    const [d, s] = await runBoth('run', '-s', 'monthly');
    expect(d.exitCode).toBe(1);
    expect(s.exitCode, s.stdout + s.stderr).toBe(1);
    expect(s.stdout).toContain(batchLine(snow, 1, 2, 1, 'ERROR creating batch'));
    expect(s.stdout).toContain(batchLine(snow, 2, 2, 0, 'SKIP batch'));
    expect(s.stdout).not.toContain(batchLine(snow, 2, 2, 0, 'START batch'));
    expect(s.stdout).toMatch(/ERROR creating sql microbatch model analytics\.monthly/u);
    // Rows 2 and 4 sit in the failed month, deleted inside its transaction: both still there after the rollback.
    await sameRows([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]);
    const r = runResult(snow.dir);
    expect(r.status).toBe('error');
    expect(r.batch_results).toEqual({ successful: [], failed: [[bound(monthStart(1)), bound(monthStart(0))], [bound(monthStart(0)), bound(monthStart(-1))]] });
    expect(r.batch_results).toEqual(runResult(duck.dir).batch_results);
    expect(await snow.query("show terse objects like '%DBT_TMP%' in schema mbdb.analytics")).toEqual([]);
  });

  it('retry re-runs the failed first batch and the skipped one', async () => {
    await both((t) => t.query(`update ${t.schema}.events set payload = '20' where id = 2`).then(() => undefined));
    const [d, s] = await runBoth('retry');
    expect(d.exitCode, d.stdout + d.stderr).toBe(0);
    expect(s.exitCode, s.stdout + s.stderr).toBe(0);
    expect(s.stdout).toContain(batchLine(snow, 1, 2, 1, 'START batch'));
    expect(s.stdout).toContain(batchLine(snow, 2, 2, 0, 'START batch'));
    await sameRows([[1, 1], [2, 20], [3, 3], [4, 4], [5, 5]]);
    expect(runResult(snow.dir).status).toBe('success');
    expect(runResult(snow.dir).batch_results?.failed).toEqual([]);
    expect(runResult(snow.dir).batch_results?.successful).toHaveLength(2);
  });

  it('rebuilds from begin on --full-refresh', async () => {
    await both(async (t) => {
      writeFileSync(join(t.dir, 'models', 'monthly.sql'), CAST_MODEL);
      await t.query(`delete from ${t.schema}.monthly`);
      await t.query(`insert into ${t.schema}.monthly values (99, timestamp '2000-01-01', 99)`);
    });
    const [d, s] = await runBoth('run', '-s', 'monthly', '--full-refresh');
    expect(d.exitCode, d.stdout + d.stderr).toBe(0);
    expect(s.exitCode, s.stdout + s.stderr).toBe(0);
    expect(s.stdout).toContain('Batch 3 of 3 OK created batch');
    await sameRows([[1, 1], [2, 20], [3, 3], [4, 4], [5, 5]]);
  });
});

// dbt-snowflake's documented caveat (dbt-snowflake#1256): an NTZ event time is read in the session's TIMEZONE when
// compared with the `to_timestamp_tz` bounds of the batch delete. The stand-in follows `alter session set timezone`.
describe('the Snowflake stand-in compares NTZ with TZ in the session time zone, not the host’s', () => {
  let standIn: { port: number; child: ChildProcess };
  let sf: Connection;
  const atBoundary = async () => (await sf.execute("select timestamp '2026-11-01 00:00:00' >= to_timestamp_tz('2026-11-01 00:00:00+00:00') as inside")).rows;

  beforeAll(async () => {
    standIn = await startStandInProcess('Asia/Tokyo');
    sf = await adapter.connect(adapter.parseConfig(sfOutput(standIn.port, 'tzdb'), 'sf', { projectDir: '.' }));
  }, 120_000);

  afterAll(async () => {
    await sf?.close();
    await SessionPool.closeAll();
    standIn?.child.kill();
  });

  it('UTC by default, the zone set by alter session, UTC again after unset', async () => {
    expect(await atBoundary()).toEqual([[true]]);
    await sf.execute("alter session set timezone = 'Europe/Berlin'");
    // 00:00 in Berlin is 23:00 UTC the day before: outside a batch that starts at midnight UTC.
    expect(await atBoundary()).toEqual([[false]]);
    await sf.execute('alter session unset timezone');
    expect(await atBoundary()).toEqual([[true]]);
  });
});

// dbt-snowflake's own microbatch adapter test, in shape: a TIMESTAMP_TZ input in UTC (`-0` offsets), daily batches.
describe("microbatch on Snowflake (stand-in) over a TIMESTAMP_TZ input, as dbt-snowflake's adapter tests write it", () => {
  let standIn: { port: number; child: ChildProcess };
  let sf: Connection;
  let dir: string;
  const ids = async () => (await sf.execute('select id from tzmb.analytics.microbatch_model order by id')).rows;

  beforeAll(async () => {
    standIn = await startStandInProcess('America/Los_Angeles');
    dir = microbatchProject('tsdbt-microbatch-sf-tz-');
    writeFileSync(join(dir, 'profiles.yml'), stringify({ mb: { target: 'sf', outputs: { sf: sfOutput(standIn.port, 'tzmb') } } }));
    rmSync(join(dir, 'models', 'monthly.sql'));
    const input = [1, 2, 3].map((d) => `select ${d} as id, to_timestamp_tz('2020-01-0${d} 00:00:00-0') as event_time`).join('\nunion all\n');
    writeFileSync(join(dir, 'models', 'events.sql'), `{{ config(materialized='table', event_time='event_time') }}\n${input}\n`);
    writeFileSync(
      join(dir, 'models', 'microbatch_model.sql'),
      "{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='event_time', batch_size='day', begin='2020-01-01') }}\nselect * from {{ ref('events') }}\n",
    );
    sf = await adapter.connect(adapter.parseConfig(sfOutput(standIn.port, 'tzmb'), 'sf', { projectDir: dir }));
  }, 120_000);

  afterAll(async () => {
    await sf?.close();
    await SessionPool.closeAll();
    standIn?.child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one row a day, then late rows picked up by the batches of their days only', async () => {
    const first = await runTsdbt(dir, ['run', '--event-time-start', '2020-01-01', '--event-time-end', '2020-01-04']);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('Batch 3 of 3 OK created batch 2020-01-03 of analytics.microbatch_model');
    expect(await ids()).toEqual([[1], [2], [3]]);
    await sf.execute("insert into tzmb.analytics.events (id, event_time) values (4, to_timestamp_tz('2020-01-04 00:00:00-0')), (5, to_timestamp_tz('2020-01-05 00:00:00-0'))");
    const late = await runTsdbt(dir, ['run', '-s', 'microbatch_model', '--event-time-start', '2020-01-03', '--event-time-end', '2020-01-05']);
    expect(late.exitCode, late.stdout + late.stderr).toBe(0);
    // 2020-01-05 is outside the window: its row stays out; the re-run 2020-01-03 is not doubled.
    expect(await ids()).toEqual([[1], [2], [3], [4]]);
  });
});
