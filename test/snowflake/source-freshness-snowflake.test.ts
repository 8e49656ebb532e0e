import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapter } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { runTsdbt } from '../runner/run-tsdbt.js';
import { closeStandIn } from './helpers/close-stand-in.js';

// Snowflake accounts default to TIMEZONE America/Los_Angeles. dbt-snowflake reads freshness against its
// current_timestamp(), convert_timezone('UTC', …): a zone-less loaded_at_field written in UTC an hour ago is an hour
// old, whatever the session's zone (the session's wall time would make it hours off, or from the future).
describe('source freshness on Snowflake (stand-in) in an America/Los_Angeles account', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-freshness-'));
  let standIn: SnowflakeStandIn;
  let conn: Connection;

  beforeAll(async () => {
    standIn = await startStandIn({ timezone: 'America/Los_Angeles' });
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'dbt_project.yml'), 'name: sf_fresh\nversion: "1.0"\nconfig-version: 2\nprofile: sf_fresh\n');
    const output = { type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'freshdb', warehouse: 'wh', schema: 'raw', threads: 1, host: '127.0.0.1', port: standIn.port, protocol: 'http' };
    writeFileSync(join(dir, 'profiles.yml'), JSON.stringify({ sf_fresh: { target: 'sf', outputs: { sf: output } } }));
    writeFileSync(
      join(dir, 'models', 'sources.yml'),
      'version: 2\nsources:\n  - name: raw\n    schema: raw\n    tables:\n      - name: orders\n        loaded_at_field: loaded_at\n' +
        '        freshness:\n          warn_after: {count: 3, period: hour}\n          error_after: {count: 6, period: hour}\n',
    );
    conn = await adapter.connect(adapter.parseConfig(output, 'check', { projectDir: dir }));
    const hourAgoUtc = new Date(Date.now() - 3600_000).toISOString().replace('T', ' ').replace('Z', '');
    for (const sql of ['create database if not exists freshdb', 'create schema if not exists freshdb.raw', 'create table freshdb.raw.orders (id int, loaded_at timestamp_ntz)', `insert into freshdb.raw.orders values (1, '${hourAgoUtc}'::timestamp_ntz)`])
      await conn.execute(sql);
  }, 120_000);

  afterAll(() => closeStandIn(standIn, { conn, dir }));

  it('an hour-old UTC load is an hour old and passes, as in dbt', async () => {
    const r = await runTsdbt(dir, ['source', 'freshness']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const sources = JSON.parse(readFileSync(join(dir, 'target', 'sources.json'), 'utf8')) as { results: { status: string; max_loaded_at_time_ago_in_s: number }[] };
    const [result] = sources.results;
    expect(result?.status).toBe('pass');
    // Within ten minutes of an hour (the session's Los Angeles wall time would be seven or eight hours off).
    expect(Math.abs((result?.max_loaded_at_time_ago_in_s ?? 0) - 3600)).toBeLessThan(600);
  });
});
