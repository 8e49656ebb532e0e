import { describe, expect, it } from 'vitest';
import type { LoadColumn } from '@tsdbt/core';
import { tempConnection } from './temp-connection.js';

// Every typed append path of bulkLoad (duckdb-append.ts), read back as DuckDB prints it so no digit can hide.
describe('DuckDB bulkLoad, typed appends', () => {
  const db = tempConnection('bulk');

  async function* inChunks(rows: unknown[][], size: number): AsyncGenerator<unknown[][]> {
    for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
  }

  async function load(name: string, columns: LoadColumn[], rows: unknown[][], batch = 2): Promise<unknown[][]> {
    await db.conn.execute(`create or replace table ${name} (${columns.map((c) => `${c.name} ${c.dataType}`).join(', ')})`);
    expect(await db.conn.bulkLoad({ schema: 'main', identifier: name }, columns, inChunks(rows, batch))).toBe(rows.length);
    return (await db.conn.execute(`select ${columns.map((c) => `${c.name}::varchar`).join(', ')} from ${name} order by rowid`)).rows;
  }

  it('integers of every width, at their extremes, as numbers, bigints and text, with nulls', async () => {
    const cols = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT'].map((dataType, i) => ({ name: `c${i}`, dataType }));
    const rows = await load('bulk_ints', cols, [
      [-128, -32768, -2147483648, -9223372036854775808n],
      [127, 32767, 2147483647, 9223372036854775807n],
      [0, 0, 0, Number.MAX_SAFE_INTEGER],
      [null, undefined, null, -Number.MAX_SAFE_INTEGER],
      ['-7', '12', '2147483647', '-9223372036854775808'],
      [1, 2, 3, 2147483648],
      [5, 6, 7, null],
    ]);
    expect(rows).toEqual([
      ['-128', '-32768', '-2147483648', '-9223372036854775808'],
      ['127', '32767', '2147483647', '9223372036854775807'],
      ['0', '0', '0', '9007199254740991'],
      [null, null, null, '-9007199254740991'],
      ['-7', '12', '2147483647', '-9223372036854775808'],
      ['1', '2', '3', '2147483648'],
      ['5', '6', '7', null],
    ]);
  });

  it('refuses an integer beyond its column\'s width, codes the error and loads nothing', async () => {
    for (const [dataType, value] of [['TINYINT', 128], ['SMALLINT', -32769], ['INTEGER', 2147483648], ['BIGINT', 9223372036854775808n], ['INTEGER', 1.5e300]] as const) {
      await db.conn.execute(`create or replace table bulk_range (id INTEGER, v ${dataType})`);
      const cols = [{ name: 'id', dataType: 'INTEGER' }, { name: 'v', dataType }];
      await expect(db.conn.bulkLoad({ schema: 'main', identifier: 'bulk_range' }, cols, inChunks([[1, 1], [2, value]], 2))).rejects.toMatchObject({ code: 'TSDBT_DATABASE_ERROR' });
      expect((await db.conn.execute('select count(*) from bulk_range')).rows).toEqual([[0]]);
    }
  });

  it('exact decimals from text, integers and doubles; doubles and booleans; never a lost digit', async () => {
    const cols = [
      { name: 'wide', dataType: 'DECIMAL(38,6)' },
      { name: 'money', dataType: 'DECIMAL(19,4)' },
      { name: 'd', dataType: 'DOUBLE' },
      { name: 'b', dataType: 'BOOLEAN' },
    ];
    const rows = await load('bulk_dec', cols, [
      ['12345678901234567890123456789012.123456', '922337203685477.5807', 0.1, true],
      ['-99999999999999999999999999999999.999999', '-922337203685477.5808', -1.7976931348623157e308, false],
      [5, 204.3, 5e-324, null],
      [null, 0, 3, 'true'],
      ['0.000001', 12, null, false],
    ]);
    expect(rows).toEqual([
      ['12345678901234567890123456789012.123456', '922337203685477.5807', '0.1', 'true'],
      ['-99999999999999999999999999999999.999999', '-922337203685477.5808', '-1.7976931348623157e+308', 'false'],
      ['5.000000', '204.3000', '5e-324', null],
      [null, '0.0000', '3.0', 'true'],
      ['0.000001', '12.0000', null, 'false'],
    ]);
  });

  it('timestamps keep their microseconds; strings keep quotes, unicode and emptiness', async () => {
    const cols = [
      { name: 'ts', dataType: 'TIMESTAMP' },
      { name: 'dt', dataType: 'DATE' },
      { name: 's', dataType: 'VARCHAR' },
    ];
    const rows = await load('bulk_text', cols, [
      ['2024-02-29 23:59:59.123456', '2024-02-29', `it's "quoted"; \\ back`],
      ['1900-01-01 00:00:00.000001', '0001-01-01', '日本語 — ünïcödé 😀'],
      [null, null, ''],
      [new Date(Date.UTC(2024, 0, 31, 12, 0, 0, 5)), '2024-01-31', null],
      ['2011-05-31 00:00:00', '2011-05-31', 42],
    ]);
    expect(rows).toEqual([
      ['2024-02-29 23:59:59.123456', '2024-02-29', `it's "quoted"; \\ back`],
      ['1900-01-01 00:00:00.000001', '0001-01-01', '日本語 — ünïcödé 😀'],
      [null, null, ''],
      ['2024-01-31 12:00:00.005', '2024-01-31', null],
      ['2011-05-31 00:00:00', '2011-05-31', '42'],
    ]);
  });

  it('columnar chunks and row-by-row appends load the same values, in order', async () => {
    const types = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'DOUBLE', 'DECIMAL(19,4)', 'DECIMAL(38,6)', 'BOOLEAN', 'VARCHAR', 'TIMESTAMP', 'DATE'];
    const cols = types.map((dataType, i) => ({ name: `c${i}`, dataType }));
    const clean = [
      [-128, -32768, -2147483648, -Number.MAX_SAFE_INTEGER, -1.5e300, 204.3, 408.6, true, `it's "x" 😀`, '2024-02-29 23:59:59.123456', '2024-02-29'],
      [127, 32767, 2147483647, Number.MAX_SAFE_INTEGER, 0.1, -0.00005, 1234.5678, false, '', '1900-01-01 00:00:00.000001', '0001-01-01'],
      [null, undefined, null, null, null, null, null, null, null, null, null],
      [0, 0, 0, 0, 0, 0, 0, false, 'ü', '2011-05-31 00:00:00', '2011-05-31'],
    ];
    const expected = [
      ['-128', '-32768', '-2147483648', '-9007199254740991', '-1.5e+300', '204.3000', '408.600000', 'true', `it's "x" 😀`, '2024-02-29 23:59:59.123456', '2024-02-29'],
      ['127', '32767', '2147483647', '9007199254740991', '0.1', '-0.0001', '1234.567800', 'false', '', '1900-01-01 00:00:00.000001', '0001-01-01'],
      [null, null, null, null, null, null, null, null, null, null, null],
      ['0', '0', '0', '0', '0.0', '0.0000', '0.000000', 'false', 'ü', '2011-05-31 00:00:00', '2011-05-31'],
    ];
    // One batch of values of the chunk kinds goes columnar; a text integer in the same batch sends it row by row.
    const columnar = await load('bulk_columnar', cols, clean, 100);
    const rowByRow = await load('bulk_rows', cols, [...clean, ['1', 1, 1, 1, 1, 1, 1, true, 'a', '2024-01-01', '2024-01-01']], 100);
    expect(rowByRow.slice(0, clean.length)).toEqual(columnar);
    // One row per batch: the reused chunk must not keep the previous batch's nulls or strings.
    expect(await load('bulk_columnar_1', cols, [...clean, ...clean], 1)).toEqual([...expected, ...expected]);
    expect(columnar).toEqual(expected);
  });

  it('is all or nothing across appender flushes (a failure after 250,000 rows leaves the table empty)', async () => {
    await db.conn.execute('create or replace table bulk_many (id INTEGER, d DATE)');
    const cols = [{ name: 'id', dataType: 'INTEGER' }, { name: 'd', dataType: 'DATE' }];
    async function* chunks(bad: boolean): AsyncGenerator<unknown[][]> {
      for (let base = 0; base < 250_000; base += 10_000) yield Array.from({ length: 10_000 }, (_, i) => [base + i, '2024-01-31']);
      yield [[-1, bad ? 'not a date' : '2024-02-01']];
    }
    await expect(db.conn.bulkLoad({ schema: 'main', identifier: 'bulk_many' }, cols, chunks(true))).rejects.toMatchObject({ code: 'TSDBT_DATABASE_ERROR' });
    expect((await db.conn.execute('select count(*) from bulk_many')).rows).toEqual([[0]]);
    expect(await db.conn.bulkLoad({ schema: 'main', identifier: 'bulk_many' }, cols, chunks(false))).toBe(250_001);
    expect((await db.conn.execute('select count(*), sum(id) from bulk_many')).rows).toEqual([[250_001, 31249874999]]);
  });
});
