import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duckDbAdapter } from '../src/duckdb-adapter.js';
import { tempConnection } from './temp-connection.js';

describe('DuckDB connection', () => {
  const db = tempConnection('conn');
  const { dir, config } = db;

  it('returns plain JS values: exact decimals and temporal values as text, safe integers as numbers', async () => {
    const r = await db.conn.execute(
      "select 12.5::decimal(19,4) as money, 3::bigint as n, 9007199254740993::bigint as big, date '2024-01-31' as d, timestamp '2024-01-31 12:00:00' as ts, $1::varchar as p, [1,2] as l",
      ['param'],
    );
    expect(r.rows[0]).toEqual(['12.5000', 3, '9007199254740993', '2024-01-31', '2024-01-31 12:00:00', 'param', [1, 2]]);
    expect(r.columns.map((c) => c.dataType)).toEqual(['DECIMAL(19,4)', 'BIGINT', 'BIGINT', 'DATE', 'TIMESTAMP', 'VARCHAR', 'INTEGER[]']);
  });

  it('shares one instance per file between connections (a second connection sees the first one\'s tables)', async () => {
    await db.conn.execute('create table shared_t as select 1 as x');
    const other = await duckDbAdapter.connect(config);
    expect((await other.execute('select x from shared_t')).rows).toEqual([[1]]);
    await other.close();
    expect((await db.conn.execute('select count(*) from shared_t')).rows).toEqual([[1]]);
  });

  it('wraps database errors with a code and keeps DuckDB\'s message and error', async () => {
    const error = await db.conn.execute('select * from missing_table_x').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TSDBT_DATABASE_ERROR', message: expect.stringContaining('missing_table_x') });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('bulk-loads all or nothing: a bad value leaves no rows', async () => {
    await db.conn.execute('create table bulk_bad (id integer, d date)');
    async function* chunks() {
      yield [[1, '2024-01-01'], [2, new Date(Date.UTC(2024, 0, 2))]];
      yield [[3, 'not a date']];
    }
    const cols = [{ name: 'id', dataType: 'INTEGER' }, { name: 'd', dataType: 'DATE' }];
    await expect(db.conn.bulkLoad({ schema: 'main', identifier: 'bulk_bad' }, cols, chunks())).rejects.toMatchObject({ code: 'TSDBT_DATABASE_ERROR' });
    expect((await db.conn.execute('select count(*) from bulk_bad')).rows).toEqual([[0]]);
  });

  it('cancels a running statement', async () => {
    const running = db.conn.execute('select count(*) from range(1000000000000) a').catch((e: unknown) => e);
    let settled = false;
    void running.then(() => (settled = true));
    // Interrupting before the statement starts is a no-op in DuckDB, so keep asking until it stops.
    while (!settled) {
      await db.conn.cancel();
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await running).toMatchObject({ code: 'TSDBT_QUERY_CANCELLED' });
    expect((await db.conn.execute('select 1')).rows).toEqual([[1]]);
  });

  it('a cancel with nothing running fails the next statement only (Ctrl-C between statements)', async () => {
    await db.conn.cancel();
    await expect(db.conn.execute('select 1')).rejects.toMatchObject({ code: 'TSDBT_QUERY_CANCELLED' });
    expect((await db.conn.execute('select 2')).rows).toEqual([[2]]);
  });

  it('a cancel racing a statement that finishes anyway fails the next statement instead (no new statement after Ctrl-C)', async () => {
    for (let i = 0; i < 20; i++) {
      const first = db.conn.execute('select 1').then(() => 'ok', (e: { code?: string }) => e.code);
      await db.conn.cancel();
      const second = await db.conn.execute('select 2').then(() => 'ok', (e: { code?: string }) => e.code);
      // Exactly one of the two carries the cancel, whichever way the race went.
      expect([await first, second].sort()).toEqual(['TSDBT_QUERY_CANCELLED', 'ok']);
      expect((await db.conn.execute('select 3')).rows).toEqual([[3]]);
    }
  });

  it('fails clearly when the file cannot be opened', async () => {
    // A missing folder is created (duckdb-open.test.ts); a folder that is a file cannot be.
    const bad = duckDbAdapter.parseConfig({ type: 'duckdb', path: join(dir, 'conn.duckdb/x.duckdb') }, 'dev', { projectDir: dir });
    await expect(duckDbAdapter.connect(bad)).rejects.toMatchObject({ code: 'TSDBT_CONNECTION_FAILED' });
  });
});
