import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { adapter } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { runTsdbt } from '../runner/run-tsdbt.js';
import { MICROBATCH_CONFIG, midMonth, monthStart, runResult } from '../runner/microbatch-helpers.js';
import { closeStandIn } from './helpers/close-stand-in.js';

const BACK = [4, 3, 2, 1, 0];
const MIDDLE = [3, 2, 1];
const MODEL = (extra: string) => `${MICROBATCH_CONFIG(monthStart(4), extra)}\nselect id, event_time, cast(payload as integer) as v from {{ ref('events') }}\n`;
const ALL = [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]];

/** Resolves once `n` callers wait on it: statements that all reach it were running at the same time. */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => (++arrived >= n && open(), opened);
}

// dbt-snowflake declares MicrobatchConcurrency: the middle batches of a model run at once, each in a session of its
// own (its staged rows in that session's temporary relation), through the real CLI, snowflake-sdk and the stand-in.
describe('microbatch concurrent_batches on Snowflake (stand-in)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-microbatch-concurrent-'));
  let standIn: SnowflakeStandIn;
  let observer: Connection;
  const query = async (sql: string) => (await observer.execute(sql)).rows;
  const window = ['--event-time-start', monthStart(4), '--event-time-end', monthStart(-1)];

  beforeAll(async () => {
    standIn = await startStandIn();
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'dbt_project.yml'), 'name: mb\nversion: "1.0"\nconfig-version: 2\nprofile: mb\n');
    const output = { type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'mbcdb', warehouse: 'wh', schema: 'analytics', threads: 4, host: '127.0.0.1', port: standIn.port, protocol: 'http' };
    writeFileSync(join(dir, 'profiles.yml'), JSON.stringify({ mb: { target: 'sf', outputs: { sf: output } } }));
    const rows = BACK.map((back, i) => `select ${i + 1} as id, '${midMonth(back)}'::timestamp_ntz as event_time, '${i + 1}' as payload`);
    writeFileSync(join(dir, 'models', 'events.sql'), `{{ config(materialized='table', event_time='event_time') }}\n${rows.join('\nunion all\n')}\n`);
    writeFileSync(join(dir, 'models', 'm_true.sql'), MODEL(', concurrent_batches=true'));
    writeFileSync(join(dir, 'models', 'm_false.sql'), MODEL(', concurrent_batches=false'));
    const first = await runTsdbt(dir, ['run']);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    observer = await adapter.connect(adapter.parseConfig(output, 'sf', { projectDir: dir }));
  }, 120_000);

  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await closeStandIn(standIn, { conn: observer, dir });
  });

  it('concurrent and sequential batches build the same rows', async () => {
    expect(await query('select id, v from mbcdb.analytics.m_true order by id')).toEqual(ALL);
    expect(await query('select id, v from mbcdb.analytics.m_false order by id')).toEqual(ALL);
    const log = readFileSync(join(dir, 'logs', 'dbt.log'), 'utf8');
    for (const back of MIDDLE) {
      expect(log).toContain(`batch ${monthStart(back)} of analytics.m_true is being run concurrently`);
      expect(log).toContain(`batch ${monthStart(back)} of analytics.m_false is being run sequentially`);
    }
  });

  it('the middle batches overlap, each in a session of its own, and commit their windows', async () => {
    const proto = Object.getPrototypeOf(observer) as Connection;
    const execute = proto.execute;
    const together = barrier(MIDDLE.length);
    const middleDeletes: Connection[] = [];
    vi.spyOn(proto, 'execute').mockImplementation(async function (this: Connection, sql: string, params?: unknown[]) {
      if (/^delete from mbcdb\.analytics\.M_TRUE /u.test(sql) && MIDDLE.some((back) => sql.includes(`>= to_timestamp_tz('${monthStart(back)} 00:00:00`))) {
        middleDeletes.push(this);
        // Sequential batches would never get past this: the next could not start while this one waits.
        await together();
      }
      return execute.call(this, sql, params);
    });
    await query('delete from mbcdb.analytics.m_true');
    const run = await runTsdbt(dir, ['run', '-s', 'm_true', ...window]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(new Set(middleDeletes).size).toBe(MIDDLE.length);
    expect(await query('select id, v from mbcdb.analytics.m_true order by id')).toEqual(ALL);
    expect(runResult(dir, 'model.mb.m_true').batch_results?.successful).toHaveLength(5);
  }, 60_000);
});
