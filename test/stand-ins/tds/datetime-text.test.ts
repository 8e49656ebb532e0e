import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { datetime2Text, datetimeTextCasts } from './datetime-text.mjs';
import { scaledIntCasts } from './scaled-int.mjs';

describe('datetime2-as-text casts', () => {
  it("finds ingest's cast and leaves casts whose text would not fit or needs rounding to DuckDB", () => {
    const { text, columns } = datetimeTextCasts(
      'SELECT [ID], CAST(CAST([Modified Date] AS datetime2(7)) AS nvarchar(27)) AS [Modified Date], CAST(CAST(d AS DATETIME2 ( 6 )) AS NVARCHAR(30)) AS "D", '
        + 'CAST(CAST([a] AS datetime2(7)) AS nvarchar(20)) AS [a], CAST(CAST([b] AS datetime2(3)) AS nvarchar(27)) AS [b] FROM t',
    );
    expect(text).toBe('SELECT [ID], CAST([Modified Date] AS datetime2(7)) AS [Modified Date], CAST(d AS datetime2(6)) AS "D", '
      + 'CAST(CAST([a] AS datetime2(7)) AS nvarchar(20)) AS [a], CAST(CAST([b] AS datetime2(3)) AS nvarchar(27)) AS [b] FROM t');
    expect([...columns]).toEqual([
      ['modified date', { name: 'nvarchar', length: 27, datetime2Text: 7, source: 'Modified Date' }],
      ['d', { name: 'nvarchar', length: 30, datetime2Text: 6, source: 'd' }],
    ]);
  });

  it('finds ingest\'s scaled-int casts, inside a CASE or not, and leaves other multiplies alone', () => {
    const { text, columns } = scaledIntCasts('SELECT CASE WHEN [P] > -214748.3648 AND [P] < 214748.3648 THEN CAST([P] * 10000 AS int) END AS [P], '
      + 'CAST(w * 1 AS INT) AS "W", CAST([X] * 7 AS int) AS [X], CAST([Y] * 100 AS bigint) AS [Y], CASE WHEN 1 = 1 THEN CAST([Z] * 10 AS int) + 1 END AS [Z] FROM t');
    expect(text).toBe('SELECT CASE WHEN [P] > -214748.3648 AND [P] < 214748.3648 THEN [P] END AS [P], '
      + 'w AS "W", CAST([X] * 7 AS int) AS [X], CAST([Y] * 100 AS bigint) AS [Y], CASE WHEN 1 = 1 THEN CAST([Z] * 10 AS int) + 1 END AS [Z] FROM t');
    expect([...columns]).toEqual([['p', { name: 'int', scaledBy: 4 }], ['w', { name: 'int', scaledBy: 0 }]]);
  });

  it("a datetime's text is its 1/300 s tick converted exactly, at precision 7 or 6, rolling over at midnight", () => {
    const day = 19723; // 2024-01-01
    const at = (ms: number, p: number) => datetime2Text(day, ms * 1000, p, true);
    expect([0, 3, 5, 10, 827, 994, 995].map((ms) => at(ms, 7))).toEqual([
      '2024-01-01 00:00:00.0000000', '2024-01-01 00:00:00.0033333', '2024-01-01 00:00:00.0066667', '2024-01-01 00:00:00.0100000',
      '2024-01-01 00:00:00.8266667', '2024-01-01 00:00:00.9933333', '2024-01-01 00:00:00.9966667',
    ]);
    expect(at(3, 6)).toBe('2024-01-01 00:00:00.003333');
    expect(at(86399999, 7)).toBe('2024-01-02 00:00:00.0000000');
    expect(datetime2Text(day, 3000, 7)).toBe('2024-01-01 00:00:00.0030000'); // datetime2 itself: as stored
  });

  it("writes SQL Server's text: every year 1–9999, leap days, the last microsecond of a day", async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const reader = await conn.runAndReadAll(`SELECT epoch_us(ts) AS us, strftime(ts, '%Y-%m-%d %H:%M:%S.%f') AS text FROM (
      SELECT TIMESTAMP '0001-01-01 00:00:00' + to_microseconds(v * 3155695199999 + (v % 997) * 86399999999 // 997) AS ts FROM range(0, 100001) t(v)
      UNION ALL SELECT TIMESTAMP '2024-02-29 23:59:59.999999' UNION ALL SELECT TIMESTAMP '1900-03-01 00:00:00.000001')`);
    let checked = 0;
    for (const [us, text] of reader.getRows() as [bigint, string][]) {
      const day = 86400000000n;
      const days = us / day - (us % day < 0n ? 1n : 0n);
      const rest = us - days * day;
      expect(datetime2Text(Number(days), Number(rest), 7)).toBe(`${text}0`);
      expect(datetime2Text(Number(days), Number(rest), 6)).toBe(text);
      checked++;
    }
    expect(checked).toBe(100003);
    conn.closeSync();
    instance.closeSync();
  });
});
