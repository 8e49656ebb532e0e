import { describe, expect, it } from 'vitest';
import type { LoadColumn } from '@tsdbt/core';
import { timestampFromText } from '../src/timestamp-text.js';
import { tempConnection } from './temp-connection.js';

/** Canonical timestamp texts across the whole range, with 0–9 fraction digits, plus repeats (the cached path). */
function samples(): string[] {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const out: string[] = ['0001-01-01 00:00:00', '9999-12-31 23:59:59.9999999', '2024-02-29 12:00:00.5', '1900-02-28 23:59:59.123456789',
    '2000-02-29 00:00:00.0000001', '1969-12-31 23:59:59.999999', '1970-01-01 00:00:00.000000', '1582-10-10 10:10:10.1010101'];
  let seed = 7;
  const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  for (let i = 0; i < 400; i++) {
    const fraction = next(10);
    const digits = Array.from({ length: fraction }, () => next(10)).join('');
    const text = `${pad(1 + next(9999), 4)}-${pad(1 + next(12), 2)}-${pad(1 + next(28), 2)} ${pad(next(24), 2)}:${pad(next(60), 2)}:${pad(next(60), 2)}${fraction ? `.${digits}` : ''}`;
    out.push(text, text);
  }
  return out;
}

describe('timestamp text into TIMESTAMP', () => {
  const db = tempConnection('tstext');

  it('gives the micros DuckDB\'s own cast gives (fraction digits past the microsecond truncated)', async () => {
    const texts = samples();
    const parse = timestampFromText();
    const ours = texts.map((t) => parse(t)?.micros.toString());
    const list = texts.map((t) => `'${t}'`).join(', ');
    const theirs = (await db.conn.execute(`select epoch_us(cast(t as timestamp))::varchar from unnest([${list}]) with ordinality u(t, i) order by i`)).rows.map((r) => r[0]);
    expect(ours).toEqual(theirs);
  });

  it('leaves anything else to DuckDB: other shapes and impossible dates are not parsed here', () => {
    const parse = timestampFromText();
    for (const text of ['2023-02-29 00:00:00', '2024-13-01 00:00:00', '2024-01-01 24:00:00', '2024-01-01T00:00:00', '2024-01-01', ' 2024-01-01 00:00:00', '2024-01-01 00:00:00.1234567890', '0000-01-01 00:00:00']) {
      expect(parse(text), text).toBeUndefined();
    }
  });

  it('bulkLoad lands canonical, odd and invalid-for-the-fast-path texts as DuckDB casts them, in order', async () => {
    await db.conn.execute('create or replace table ts_load (id INTEGER, ts TIMESTAMP)');
    const rows = [[1, '2024-02-29 23:59:59.1234567'], [2, '2024-02-29 23:59:59.1234567'], [3, null], [4, '2024-03-01T01:02:03'], [5, '1999-12-31 00:00:00']];
    async function* chunks() { yield rows; }
    const cols: LoadColumn[] = [{ name: 'id', dataType: 'INTEGER' }, { name: 'ts', dataType: 'TIMESTAMP' }];
    await db.conn.bulkLoad({ schema: 'main', identifier: 'ts_load' }, cols, chunks());
    const back = (await db.conn.execute('select id, ts::varchar from ts_load order by rowid')).rows;
    expect(back).toEqual([[1, '2024-02-29 23:59:59.123456'], [2, '2024-02-29 23:59:59.123456'], [3, null], [4, '2024-03-01 01:02:03'], [5, '1999-12-31 00:00:00']]);
  });
});
