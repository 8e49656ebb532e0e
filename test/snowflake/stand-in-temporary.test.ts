import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapter, SessionPool } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { closeStandIn } from './helpers/close-stand-in.js';

// Snowflake's temporary tables and views belong to their session: the stand-in keeps each in the session's own DuckDB
// temp catalog, under its qualified name, shadowing a permanent object of that name for that session only.
describe('stand-in temporary tables and views are session-scoped', () => {
  let standIn: SnowflakeStandIn;
  let a: Connection;
  let b: Connection;
  const names = async (c: Connection, sql = 'show terse objects in schema tmpdb.analytics') => (await c.execute(sql)).rows.map((r) => String(r[1]));
  const connect = () =>
    adapter.connect(adapter.parseConfig({ type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'tmpdb', schema: 'analytics', host: '127.0.0.1', port: standIn.port, protocol: 'http' }, 'dev', { projectDir: process.cwd() }));

  beforeAll(async () => {
    standIn = await startStandIn();
    a = await connect();
    b = await connect();
    await a.execute('create or replace table tmpdb.analytics.t (id integer, v varchar)');
    await a.execute("insert into tmpdb.analytics.t values (1, 'permanent')");
  });
  afterAll(async () => {
    await closeStandIn(standIn, { conn: b });
  });

  it('lists, describes and reads a temporary table in its own session only', async () => {
    await a.execute("create or replace temporary table tmpdb.analytics.t__dbt_tmp as (select 2 as id, 'staged' as v)");
    await a.execute('create or replace temporary view analytics.t_view__dbt_tmp as (select id from t__dbt_tmp)');
    expect(await names(a)).toEqual(['T', 'T_VIEW__DBT_TMP', 'T__DBT_TMP']);
    expect(await names(a, 'show views in schema tmpdb.analytics')).toEqual(['T_VIEW__DBT_TMP']);
    expect(await names(b)).toEqual(['T']);
    expect((await a.getColumns({ database: 'tmpdb', schema: 'analytics', identifier: 'T__DBT_TMP' })).map((c) => c.name)).toEqual(['ID', 'V']);
    expect((await a.execute('select id from tmpdb.analytics.t_view__dbt_tmp')).rows).toEqual([[2]]);
    await expect(b.execute('select * from tmpdb.analytics.t__dbt_tmp')).rejects.toThrow(/does not exist/u);
    // One transaction writes the permanent table from the temporary one.
    await a.transaction(async (tx) => {
      await tx.execute('delete from tmpdb.analytics.t where id in (select id from tmpdb.analytics.t__dbt_tmp)');
      await tx.execute('insert into tmpdb.analytics.t (select id, v from tmpdb.analytics.t__dbt_tmp)');
    });
    expect((await b.execute('select id, v from tmpdb.analytics.t order by id')).rows).toEqual([[1, 'permanent'], [2, 'staged']]);
    await a.execute('drop view if exists tmpdb.analytics.t_view__dbt_tmp cascade');
    await a.execute('drop table if exists tmpdb.analytics.t__dbt_tmp cascade');
    expect(await names(a)).toEqual(['T']);
  });

  it('shadows a permanent object of the same name in its own session only', async () => {
    await a.execute("create or replace temporary table tmpdb.analytics.t as (select 9 as id, 'temp' as v)");
    expect((await a.execute('select v from t')).rows).toEqual([['temp']]);
    expect((await b.execute('select v from t order by id')).rows).toEqual([['permanent'], ['staged']]);
    await a.close();
    await SessionPool.closeAll();
    a = await connect();
    expect((await a.execute('select v from tmpdb.analytics.t order by id')).rows).toEqual([['permanent'], ['staged']]);
  });
});
