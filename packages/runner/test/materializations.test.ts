import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeNode } from '../src/execute-node.js';
import { loggedConnection } from '../src/logged-connection.js';
import { duckDbHarness } from './duckdb-context.js';

type Harness = Awaited<ReturnType<typeof duckDbHarness>>;

describe('materializations on DuckDB', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await duckDbHarness();
  });
  afterAll(async () => h.close());

  it('view and table, and a table replacing a view', async () => {
    await executeNode(h.ctx(h.node('v1', { materialized: 'view' }), 'select 1 as id'));
    expect((await h.conn.getRelation({ schema: 'main', identifier: 'v1' }))?.type).toBe('view');
    await executeNode(h.ctx(h.node('v1', { materialized: 'table' }), 'select 2 as id'));
    expect((await h.conn.getRelation({ schema: 'main', identifier: 'v1' }))?.type).toBe('table');
    expect(await h.rows('select id from main.v1')).toEqual([[2]]);
    await executeNode(h.ctx(h.node('v1', { materialized: 'view' }), 'select 3 as id'));
    expect(await h.rows('select id from main.v1')).toEqual([[3]]);
  });

  it('a failing table build leaves the old table intact and no staging table behind', async () => {
    await executeNode(h.ctx(h.node('t1', {}), 'select 1 as id'));
    await expect(executeNode(h.ctx(h.node('t1', {}), 'select * from no_such_table'))).rejects.toMatchObject({ code: 'TSDBT_DATABASE_ERROR' });
    expect(await h.rows('select id from main.t1')).toEqual([[1]]);
    expect(await h.conn.getRelation({ schema: 'main', identifier: 't1__dbt_tmp' })).toBeUndefined();
  });

  it('creates the schema a node names', async () => {
    await executeNode(h.ctx(h.node('in_other', {}, { schema: 'marts' }), 'select 1 as x'));
    expect(await h.rows('select x from marts.in_other')).toEqual([[1]]);
  });

  it('runs pre- and post-hooks around the build', async () => {
    const hooks = { pre_hook: [{ sql: 'create table if not exists main.hook_log (m varchar)', transaction: true }], post_hook: [{ sql: "insert into main.hook_log values ('post')", transaction: true }] };
    await executeNode(h.ctx(h.node('hooked', hooks), 'select 1 as x'));
    expect(await h.rows('select m from main.hook_log')).toEqual([['post']]);
  });

  const src = (rows: string) => (inc: boolean) => `select * from (values ${rows}) v(id, name)${inc ? ' where id >= 2' : ''}`;

  it.each([
    ['append', undefined, [[1, 'a'], [2, 'B'], [2, 'b'], [3, 'c']]],
    ['merge', 'id', [[1, 'a'], [2, 'B'], [3, 'c']]],
    ['delete+insert', 'id', [[1, 'a'], [2, 'B'], [3, 'c']]],
    ['delete+insert', ['id', 'name'], [[1, 'a'], [2, 'B'], [2, 'b'], [3, 'c']]],
  ])('incremental %s with unique_key %j', async (strategy, uniqueKey, expected) => {
    const name = `inc_${strategy.replace('+', '_')}_${Array.isArray(uniqueKey) ? 2 : 1}`;
    const node = h.node(name, { materialized: 'incremental', incremental_strategy: strategy, unique_key: uniqueKey });
    await executeNode(h.ctx(node, src("(1, 'a'), (2, 'b')")));
    await executeNode(h.ctx(node, src("(1, 'a'), (2, 'B'), (3, 'c')")));
    expect(await h.rows(`select id, name from main.${name} order by id, name`)).toEqual(expected);
    await executeNode(h.ctx(node, src("(9, 'z')"), { fullRefresh: true }));
    expect(await h.rows(`select id, name from main.${name}`)).toEqual([[9, 'z']]);
  });

  it('on_schema_change: fail stops, append_new_columns adds, sync_all_columns drops', async () => {
    const first = 'select 1 as id, 10 as old_col';
    const second = 'select 2 as id, 20 as new_col';
    const failing = h.node('osc_fail', { materialized: 'incremental', on_schema_change: 'fail' });
    await executeNode(h.ctx(failing, first));
    await expect(executeNode(h.ctx(failing, second))).rejects.toMatchObject({ code: 'TSDBT_SCHEMA_CHANGE' });
    const appending = h.node('osc_append', { materialized: 'incremental', on_schema_change: 'append_new_columns' });
    await executeNode(h.ctx(appending, first));
    await executeNode(h.ctx(appending, second));
    expect(await h.rows('select id, old_col, new_col from main.osc_append order by id')).toEqual([[1, 10, null], [2, null, 20]]);
    const syncing = h.node('osc_sync', { materialized: 'incremental', on_schema_change: 'sync_all_columns' });
    await executeNode(h.ctx(syncing, first));
    await executeNode(h.ctx(syncing, second));
    expect((await h.conn.getColumns({ schema: 'main', identifier: 'osc_sync' })).map((c) => c.name)).toEqual(['id', 'new_col']);
    const ignoring = h.node('osc_ignore', { materialized: 'incremental' });
    await executeNode(h.ctx(ignoring, 'select 1 as id, 10 as old_col'));
    await executeNode(h.ctx(ignoring, 'select 2 as id, 20 as old_col, 5 as extra'));
    expect(await h.rows('select * from main.osc_ignore order by id')).toEqual([[1, 10], [2, 20]]);
  });

  it('rejects an unknown materialization with a coded error naming the file', async () => {
    await expect(executeNode(h.ctx(h.node('weird', { materialized: 'materialized_view' }), 'select 1'))).rejects.toMatchObject({
      code: 'TSDBT_UNKNOWN_MATERIALIZATION',
      diagnostics: [expect.objectContaining({ file: 'models/weird.sql' })],
    });
  });
});

describe('merge_update_columns', () => {
  it('updates only the listed columns of matched rows', async () => {
    const h = await duckDbHarness();
    try {
      const node = h.node('mu', { materialized: 'incremental', incremental_strategy: 'merge', unique_key: 'id', merge_update_columns: ['name'] });
      await executeNode(h.ctx(node, "select 1 as id, 'a' as name, 10 as score"));
      await executeNode(h.ctx(node, "select 1 as id, 'A' as name, 99 as score"));
      expect(await h.rows('select id, name, score from main.mu')).toEqual([[1, 'A', 10]]);
    } finally {
      await h.close();
    }
  });
});

describe('default incremental strategy comes from the dialect', () => {
  /** Run an incremental model twice (create, then one incremental batch) and return the SQL of the second run. */
  async function secondRun(h: Harness, dialect: Harness['dialect'], name: string): Promise<string[]> {
    const node = h.node(name, { materialized: 'incremental', unique_key: 'id' });
    await executeNode({ ...h.ctx(node, "select 1 as id, 'a' as v"), dialect });
    const sent: string[] = [];
    const conn = loggedConnection(h.conn, (sql) => sent.push(sql));
    await executeNode({ ...h.ctx(node, "select 1 as id, 'b' as v union all select 2 as id, 'c' as v"), conn, dialect });
    expect(await h.rows(`select id, v from main.${name} order by id`)).toEqual([[1, 'b'], [2, 'c']]);
    return sent;
  }

  it("DuckDB's is delete+insert (dbt-duckdb), and a dialect that says merge gets merge, with no name check", async () => {
    const h = await duckDbHarness();
    try {
      expect(h.dialect.defaultIncrementalStrategy).toBe('delete+insert');
      const duck = await secondRun(h, h.dialect, 'di');
      expect(duck.some((s) => /^delete from/u.test(s))).toBe(true);
      expect(duck.some((s) => /^merge into/u.test(s))).toBe(false);
      // Same DuckDB dialect, same name, only the declared default differs.
      const merging = Object.assign(Object.create(h.dialect) as Harness['dialect'], { defaultIncrementalStrategy: 'merge' });
      expect(merging.name).toBe('duckdb');
      const merged = await secondRun(h, merging, 'mg');
      expect(merged.some((s) => /^merge into/u.test(s))).toBe(true);
      expect(merged.some((s) => /^delete from/u.test(s))).toBe(false);
    } finally {
      await h.close();
    }
  });
});
