import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeNode } from '../src/execute-node.js';
import { inferSeedType } from '../src/materialize/csv-types.js';
import { duckDbHarness } from './duckdb-context.js';

type Harness = Awaited<ReturnType<typeof duckDbHarness>>;

describe('seeds, snapshots and data tests on DuckDB', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await duckDbHarness();
    mkdirSync(join(h.dir, 'seeds'));
  });
  afterAll(async () => h.close());

  const seed = (name: string, csv: string, config = {}) => {
    writeFileSync(join(h.dir, 'seeds', `${name}.csv`), csv);
    return h.node(name, { materialized: 'seed', ...config }, { resource_type: 'seed', unique_id: `seed.p.${name}`, original_file_path: `seeds/${name}.csv` });
  };

  it('infers types as dbt does', () => {
    expect(inferSeedType(['1', '', '-3'])).toBe('integer');
    expect(inferSeedType(['1', '2.5'])).toBe('number');
    expect(inferSeedType(['2024-01-01', ''])).toBe('date');
    expect(inferSeedType(['2024-01-01 10:00:00', '2024-01-02T11:00:00'])).toBe('datetime');
    expect(inferSeedType(['true', 'False'])).toBe('boolean');
    expect(inferSeedType(['1', 'x'])).toBe('text');
    expect(inferSeedType(['', ''])).toBe('text');
  });

  it('loads a CSV with quoted fields, CRLF, empty values as NULL and inferred types', async () => {
    const n = seed('people', 'id,name,joined,score,active\r\n1,"Smith, ""Jo""",2024-01-01,1.5,true\r\n2,,2024-02-01,,false\r\n');
    const out = await executeNode(h.ctx(n, ''));
    expect(out.message).toBe('INSERT 2');
    expect(await h.rows('select * from main.people order by id')).toEqual([
      [1, 'Smith, "Jo"', '2024-01-01', 1.5, true],
      [2, null, '2024-02-01', null, false],
    ]);
    const types = (await h.conn.getColumns({ schema: 'main', identifier: 'people' })).map((c) => c.dataType);
    expect(types).toEqual(['INTEGER', 'VARCHAR', 'DATE', 'DOUBLE', 'BOOLEAN']);
  });

  it('honours column_types, delimiter, and reloads replacing the old rows', async () => {
    const n = seed('codes', 'code;amount\n007;12.50\n', { column_types: { code: 'varchar', amount: 'decimal(10,2)' }, delimiter: ';' });
    await executeNode(h.ctx(n, ''));
    await executeNode(h.ctx(n, ''));
    expect(await h.rows('select * from main.codes')).toEqual([['007', '12.50']]);
  });

  it('names the file and line of a broken CSV', async () => {
    const n = seed('broken', 'a,b\n1,2\n3\n');
    await expect(executeNode(h.ctx(n, ''))).rejects.toMatchObject({ code: 'TSDBT_SEED_CSV', diagnostics: [expect.objectContaining({ file: 'seeds/broken.csv' })] });
  });

  const snap = (name: string, config: Record<string, unknown>) =>
    h.node(name, { materialized: 'snapshot', unique_key: 'id', ...config }, { resource_type: 'snapshot', unique_id: `snapshot.p.${name}`, schema: 'snapshots' });

  it('snapshots with the timestamp strategy and invalidates hard deletes', async () => {
    const n = snap('snap_ts', { strategy: 'timestamp', updated_at: 'updated_at', hard_deletes: 'invalidate' });
    const v1 = "select * from (values (1, 'a', timestamp '2024-01-01'), (2, 'b', timestamp '2024-01-01')) v(id, name, updated_at)";
    const v2 = "select * from (values (1, 'A', timestamp '2024-02-01'), (3, 'c', timestamp '2024-02-01')) v(id, name, updated_at)";
    await executeNode(h.ctx(n, v1));
    await executeNode(h.ctx(n, v1));
    expect(await h.rows('select count(*) from snapshots.snap_ts')).toEqual([[2]]);
    await executeNode(h.ctx(n, v2));
    const rows = await h.rows('select id, name, dbt_valid_from, dbt_valid_to is null as current from snapshots.snap_ts order by id, dbt_valid_from');
    expect(rows).toEqual([
      [1, 'a', '2024-01-01 00:00:00', false],
      [1, 'A', '2024-02-01 00:00:00', true],
      [2, 'b', '2024-01-01 00:00:00', false],
      [3, 'c', '2024-02-01 00:00:00', true],
    ]);
    const ids = await h.rows('select count(distinct dbt_scd_id), count(*) from snapshots.snap_ts');
    expect(ids).toEqual([[4, 4]]);
  });

  it('snapshots with the check strategy and records hard deletes as new rows', async () => {
    const n = snap('snap_check', { strategy: 'check', check_cols: ['name'], hard_deletes: 'new_record' });
    await executeNode(h.ctx(n, "select * from (values (1, 'a'), (2, 'b')) v(id, name)"));
    await executeNode(h.ctx(n, "select * from (values (1, 'a2')) v(id, name)"));
    const rows = await h.rows('select id, name, dbt_is_deleted, dbt_valid_to is null from snapshots.snap_check order by id, dbt_valid_from, dbt_is_deleted');
    expect(rows).toEqual([
      [1, 'a', 'False', false],
      [1, 'a2', 'False', true],
      [2, 'b', 'False', false],
      [2, 'b', 'True', true],
    ]);
  });

  it('rejects a snapshot without a strategy it knows', async () => {
    await expect(executeNode(h.ctx(snap('snap_bad', { strategy: 'sometimes' }), 'select 1 as id'))).rejects.toMatchObject({ code: 'TSDBT_SNAPSHOT_CONFIG' });
  });

  // A parsed test's schema is its audit schema (dbt's default custom schema `dbt_test__audit`).
  const test = (name: string, config: Record<string, unknown> = {}) =>
    h.node(name, { materialized: 'test', severity: 'ERROR', ...config }, { resource_type: 'test', unique_id: `test.p.${name}`, schema: 'main_dbt_test__audit' });

  it('tests: pass, fail with severity error, warn with severity warn, thresholds, limit', async () => {
    const failing = "select * from (values (1), (2), (3)) v(x)";
    expect(await executeNode(h.ctx(test('t_pass'), 'select 1 where false'))).toMatchObject({ status: 'pass', failures: 0 });
    expect(await executeNode(h.ctx(test('t_fail'), failing))).toMatchObject({ status: 'fail', failures: 3, message: 'Got 3 results, configured to fail if != 0' });
    expect(await executeNode(h.ctx(test('t_warn', { severity: 'warn' }), failing))).toMatchObject({ status: 'warn', failures: 3 });
    expect(await executeNode(h.ctx(test('t_thr', { warn_if: '>= 2', error_if: '> 5' }), failing))).toMatchObject({ status: 'warn' });
    expect(await executeNode(h.ctx(test('t_lim', { limit: 2 }), failing))).toMatchObject({ status: 'fail', failures: 2 });
  });

  it('tests: store_failures keeps the failing rows in the audit schema', async () => {
    await executeNode(h.ctx(test('t_store', { store_failures: true }), "select * from (values (1), (2)) v(x)"));
    expect(await h.rows('select x from main_dbt_test__audit.t_store order by x')).toEqual([[1], [2]]);
  });
});
