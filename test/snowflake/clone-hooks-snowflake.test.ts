import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapter } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { runTsdbt } from '../runner/run-tsdbt.js';
import { closeStandIn } from './helpers/close-stand-in.js';

/** Each model's hooks write a line naming the model and the schema they ran in. */
const hooks = (name: string) =>
  `pre_hook="insert into clone_db.analytics.hook_log values ('pre ${name} {{ this.schema }}')", ` +
  `post_hook="insert into clone_db.analytics.hook_log values ('post ${name} {{ this.schema }}')"`;

const MODELS: Record<string, string> = {
  orders: `{{ config(materialized='table', ${hooks('orders')}) }}\nselect 1 as id`,
  recent: `{{ config(materialized='view', ${hooks('recent')}) }}\nselect id from {{ ref('orders') }}`,
};

/**
 * dbt's clone materialization: a zero-copy clone of a table runs no hooks; the view case is handed to the view
 * materialization, which runs the model's pre- and post-hooks.
 */
describe('tsdbt clone on Snowflake (stand-in): hooks run where dbt runs them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sf-clone-hooks-'));
  const state = join(dir, 'prod-artifacts');
  let standIn: SnowflakeStandIn;
  let conn: Connection;
  const output = (schema: string) => ({
    type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'clone_db', warehouse: 'wh', schema, threads: 1,
    host: '127.0.0.1', port: standIn.port, protocol: 'http',
  });
  const rows = async (sql: string) => (await conn.execute(sql)).rows;

  beforeAll(async () => {
    standIn = await startStandIn();
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'dbt_project.yml'), 'name: sf_clone_hooks\nversion: "1.0"\nconfig-version: 2\nprofile: sf_clone_hooks\n');
    writeFileSync(join(dir, 'profiles.yml'), JSON.stringify({ sf_clone_hooks: { target: 'prod', outputs: { prod: output('analytics'), ci: output('ci') } } }));
    for (const [name, sql] of Object.entries(MODELS)) writeFileSync(join(dir, 'models', `${name}.sql`), sql);
    conn = await adapter.connect(adapter.parseConfig(output('analytics'), 'check', { projectDir: dir }));
    await rows('create schema if not exists clone_db.analytics');
    await rows('create table clone_db.analytics.hook_log (event varchar)');
    const build = await runTsdbt(dir, ['run']);
    expect(build.exitCode, build.stdout + build.stderr).toBe(0);
    mkdirSync(state);
    copyFileSync(join(dir, 'target', 'manifest.json'), join(state, 'manifest.json'));
  }, 120_000);

  afterAll(async () => {
    await closeStandIn(standIn, { conn, dir });
  });

  it('runs the view\'s hooks and none of the cloned table\'s', async () => {
    await rows('delete from clone_db.analytics.hook_log');
    const r = await runTsdbt(dir, ['clone', '--state', state, '--target', 'ci']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(await rows('select event from clone_db.analytics.hook_log order by event')).toEqual([['post recent ci'], ['pre recent ci']]);
    const kinds = await rows("select table_name, table_type from clone_db.information_schema.tables where table_schema = 'CI' order by table_name");
    expect(kinds).toEqual([['ORDERS', 'BASE TABLE'], ['RECENT', 'VIEW']]);
  });
});
