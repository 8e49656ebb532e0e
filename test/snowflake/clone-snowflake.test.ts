import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapter, SnowflakeDialect } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { translate } from '../stand-ins/snowflake/translate.mjs';
import { runTsdbt } from '../runner/run-tsdbt.js';
import { closeStandIn } from './helpers/close-stand-in.js';

describe("Snowflake's clone SQL (dbt-snowflake's create_or_replace_clone)", () => {
  const d = new SnowflakeDialect();
  const target = { database: 'db', schema: 'ci', identifier: 'ORDERS' };
  const source = { database: 'db', schema: 'analytics', identifier: 'ORDERS' };
  it('clones as a transient table unless transient: false, with copy grants when asked', () => {
    expect(d.cloneTable(target, source)).toBe('create or replace transient table db.ci.ORDERS clone db.analytics.ORDERS');
    expect(d.cloneTable(target, source, { transient: false, copyGrants: true })).toBe('create or replace table db.ci.ORDERS clone db.analytics.ORDERS copy grants');
  });
  it('the stand-in runs a clone as a copy; a table named or aliased clone is left alone', () => {
    expect(translate('create or replace transient table db.ci.ORDERS clone db.analytics.ORDERS copy grants')).toBe('CREATE OR REPLACE TABLE DB.CI.ORDERS AS SELECT * FROM DB.ANALYTICS.ORDERS');
    expect(translate('create table if not exists a clone b')).toBe('CREATE TABLE IF NOT EXISTS A AS SELECT * FROM B');
    expect(translate('create or replace table x as select 1 as clone')).toBe('CREATE OR REPLACE TABLE X AS SELECT 1 AS CLONE');
    expect(() => translate('create table a clone b at (offset => -60)')).toThrow(/time travel/u);
  });
});

const MODELS: Record<string, string> = {
  orders: "{{ config(materialized='table') }}\nselect id, amount from {{ ref('raw_orders') }}",
  big_orders: "{{ config(materialized='view') }}\nselect id from {{ ref('orders') }} where amount > 10",
  orders_inc: "{{ config(materialized='incremental', unique_key='id', transient=false) }}\nselect id, amount from {{ ref('orders') }}",
};

/** The statements the runner logged for one node (`On <unique_id>: <sql>` lines of logs/dbt.log). */
function statementsOf(log: string, uniqueId: string): string[] {
  const marker = `On ${uniqueId}: `;
  return log.split(/\n(?=\d{4}-\d\d-\d\d )/u).flatMap((entry) => {
    const at = entry.indexOf(marker);
    return at >= 0 ? [entry.slice(at + marker.length).trim()] : [];
  });
}

describe('tsdbt clone on Snowflake (against the stand-in): tables cloned, views pointed at the state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-clone-'));
  const state = join(dir, 'prod-artifacts');
  let standIn: SnowflakeStandIn;
  let conn: Connection;
  const output = (schema: string) => ({
    type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'clone_db', warehouse: 'wh', schema, threads: 2,
    host: '127.0.0.1', port: standIn.port, protocol: 'http',
  });
  const log = () => readFileSync(join(dir, 'logs', 'dbt.log'), 'utf8');
  const rows = async (sql: string) => (await conn.execute(sql)).rows;

  beforeAll(async () => {
    standIn = await startStandIn();
    mkdirSync(join(dir, 'models'));
    mkdirSync(join(dir, 'seeds'));
    writeFileSync(join(dir, 'dbt_project.yml'), 'name: sf_clone\nversion: "1.0"\nconfig-version: 2\nprofile: sf_clone\n');
    writeFileSync(join(dir, 'profiles.yml'), JSON.stringify({ sf_clone: { target: 'prod', outputs: { prod: output('analytics'), ci: output('ci') } } }));
    writeFileSync(join(dir, 'seeds', 'raw_orders.csv'), 'id,amount\n1,5\n2,20\n3,30\n');
    for (const [name, sql] of Object.entries(MODELS)) writeFileSync(join(dir, 'models', `${name}.sql`), sql);
    conn = await adapter.connect(adapter.parseConfig(output('analytics'), 'check', { projectDir: dir }));
    const build = await runTsdbt(dir, ['build']);
    expect(build.exitCode, build.stdout + build.stderr).toBe(0);
    mkdirSync(state);
    copyFileSync(join(dir, 'target', 'manifest.json'), join(state, 'manifest.json'));
  }, 120_000);

  afterAll(async () => {
    await closeStandIn(standIn, { conn, dir });
  });

  it('clones the seed and the tables (transient unless configured otherwise) and makes the view a select * view', async () => {
    const r = await runTsdbt(dir, ['clone', '--state', state, '--target', 'ci']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const text = log();
    expect(statementsOf(text, 'seed.sf_clone.raw_orders')).toContain('create or replace transient table clone_db.ci.RAW_ORDERS clone clone_db.analytics.RAW_ORDERS');
    expect(statementsOf(text, 'model.sf_clone.orders')).toContain('create or replace transient table clone_db.ci.ORDERS clone clone_db.analytics.ORDERS');
    expect(statementsOf(text, 'model.sf_clone.orders_inc')).toContain('create or replace table clone_db.ci.ORDERS_INC clone clone_db.analytics.ORDERS_INC');
    expect(statementsOf(text, 'model.sf_clone.big_orders').find((s) => s.startsWith('create or replace view clone_db.ci.BIG_ORDERS')))
      .toContain('select * from clone_db.analytics.big_orders');
    expect(await rows('select id, amount from clone_db.ci.orders order by id')).toEqual(await rows('select id, amount from clone_db.analytics.orders order by id'));
    expect(await rows('select id from clone_db.ci.big_orders order by id')).toEqual([[2], [3]]);
    const kinds = await rows("select table_name, table_type from clone_db.information_schema.tables where table_schema = 'CI' order by table_name");
    expect(kinds).toEqual([['BIG_ORDERS', 'VIEW'], ['ORDERS', 'BASE TABLE'], ['ORDERS_INC', 'BASE TABLE'], ['RAW_ORDERS', 'BASE TABLE']]);
    const results = JSON.parse(readFileSync(join(dir, 'target', 'run_results.json'), 'utf8')) as { args: { which: string }; results: { status: string; message: string }[] };
    expect(results.args.which).toBe('clone');
    expect(results.results.map((x) => [x.status, x.message])).toEqual(Array(4).fill(['success', 'OK']));
  });

  it('a clone is a copy the target owns: prod changing later does not change it; existing relations stay without --full-refresh', async () => {
    await rows('insert into clone_db.analytics.orders values (4, 40)');
    const again = await runTsdbt(dir, ['clone', '--state', state, '--target', 'ci', '-s', 'orders']);
    expect(again.exitCode, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('Relation clone_db.ci.ORDERS already exists');
    expect(await rows('select count(*) from clone_db.ci.orders')).toEqual([[3]]);
    const refreshed = await runTsdbt(dir, ['clone', '--state', state, '--target', 'ci', '-s', 'orders', '--full-refresh']);
    expect(refreshed.exitCode, refreshed.stdout + refreshed.stderr).toBe(0);
    expect(await rows('select count(*) from clone_db.ci.orders')).toEqual([[4]]);
  });
});
