import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helpers of the stand-in
import { ByteWriter } from './byte-writer.mjs';
// @ts-expect-error plain JS helpers of the stand-in
import { makeEncoder } from './wire-types.mjs';
import { chunkWriters } from './vector-writers.mjs';

/** Wire types and DuckDB expressions whose values the vector writers read straight from DuckDB's vectors. */
const COLUMNS: [object, string][] = [
  [{ name: 'tinyint' }, 'CAST(v % 256 AS UTINYINT)'],
  [{ name: 'smallint' }, 'CAST(v * 7 - 30000 AS SMALLINT)'],
  [{ name: 'int' }, 'CAST(v * 800000 - 2000000000 AS INTEGER)'],
  [{ name: 'bigint' }, 'CAST(v * 92233720368547 - 4611686018427387904 AS BIGINT)'],
  [{ name: 'float' }, 'CAST(v / 3.0 - 100 AS DOUBLE)'],
  [{ name: 'real' }, 'CAST(v / 7.0 AS FLOAT)'],
  [{ name: 'decimal', precision: 4, scale: 2 }, 'CAST(v / 100.0 - 20 AS DECIMAL(4,2))'],
  [{ name: 'decimal', precision: 9, scale: 3 }, 'CAST(v * 1.001 - 500 AS DECIMAL(9,3))'],
  [{ name: 'decimal', precision: 15, scale: 4 }, 'CAST(v * 1234567.8912 - 99999999.5 AS DECIMAL(15,4))'],
  [{ name: 'decimal', precision: 19, scale: 4 }, 'CAST(v * 1234567.8912 - 99999999.5 AS DECIMAL(15,4))'],
  [{ name: 'numeric', precision: 38, scale: 6 }, 'CAST(v * 12345678901234567.123456 - 9999999999999999999.5 AS DECIMAL(38,6))'],
  [{ name: 'money' }, 'CAST(v * 1234567.8912 - 99999999.5 AS DECIMAL(19,4))'],
  [{ name: 'datetime2' }, "TIMESTAMP '1969-12-31 23:59:59.999999' + to_microseconds(v * 123456789011)"],
  [{ name: 'datetime2' }, "TIMESTAMP '0001-01-01 00:00:00' + to_days(v * 50)"],
  [{ name: 'datetimeoffset' }, "TIMESTAMP '2000-02-29 12:00:00.5' - to_microseconds(v * 987654321)"],
  [{ name: 'datetime' }, "TIMESTAMP '1900-01-01 00:00:00' + to_microseconds(v * 1234567891)"],
  [{ name: 'date' }, "DATE '1970-01-01' + CAST(v * 37 - 2000 AS INTEGER)"],
  [{ name: 'nvarchar', length: 25 }, "CASE WHEN v % 5 = 0 THEN 'café ' || v WHEN v % 3 = 0 THEN repeat('x', 30) ELSE 'line-' || v END"],
  [{ name: 'nvarchar', length: -1 }, "CASE WHEN v % 4 = 0 THEN '' WHEN v % 7 = 0 THEN 'naïve ' || repeat('y', v) ELSE repeat('z', v % 40) END"],
  [{ name: 'uniqueidentifier' }, "CAST('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AS UUID)"],
  // A datetime2 sent as its text (datetime-text.mjs): years 1–9999 (past ±2^53 µs too), and runs of one instant.
  [{ name: 'nvarchar', length: 27, datetime2Text: 7 }, "TIMESTAMP '0001-01-01 00:00:00' + to_microseconds(v * 63113904000017)"],
  [{ name: 'nvarchar', length: 26, datetime2Text: 6 }, "TIMESTAMP '2011-05-31 00:00:00' + to_microseconds((v // 7) * 86400000123)"],
  // `CAST(x * 10^k AS int)` answered from x's stored integer (scaled-int.mjs), from 16-, 8-, 4- and 2-byte decimals.
  [{ name: 'int', scaledBy: 4 }, 'CAST((v - 2500) * 85.8991 AS DECIMAL(19,4))'],
  [{ name: 'int', scaledBy: 6 }, 'CAST((v - 2500) * 0.858993 AS DECIMAL(38,6))'],
  [{ name: 'int', scaledBy: 4 }, 'CAST((v - 2500) * 85.8991 AS DECIMAL(18,4))'],
  [{ name: 'int', scaledBy: 2 }, 'CAST((v - 2500) * 1.01 AS DECIMAL(9,2))'],
  [{ name: 'int', scaledBy: 1 }, 'CAST((v - 2500) / 10 AS DECIMAL(4,1))'],
];

describe('ByteWriter', () => {
  it('writes PLP_NULL as eight 0xFF bytes, as the BigInt write did', () => {
    const w = new ByteWriter(4);
    w.u8(1);
    w.plpNull();
    const b = new ByteWriter(4);
    b.u8(1);
    b.u64(0xffffffffffffffffn);
    expect([...w.buf.subarray(0, w.pos)]).toEqual([1, 255, 255, 255, 255, 255, 255, 255, 255]);
    expect(w.buf.subarray(0, w.pos).equals(b.buf.subarray(0, b.pos))).toBe(true);
  });
});

describe('vector writers', () => {
  it("answer a scaled int beyond an int with SQL Server's overflow error, as the value encoder does", async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const result = await conn.stream('SELECT CAST(v AS DECIMAL(19,4)) AS a FROM (VALUES (214748.3647), (-214748.3648), (214748.3648), (-214748.3649)) t(v)');
    const chunk = (await result.fetchChunk())!;
    const types = [{ name: 'int', scaledBy: 4 }];
    const [write] = chunkWriters(types, types.map(makeEncoder), chunk);
    const w = new ByteWriter(64);
    write!(w, 0);
    write!(w, 1);
    expect(w.take().toString('hex')).toBe('04ffffff7f0400000080');
    for (const row of [2, 3]) {
      expect(() => write!(w, row)).toThrow(expect.objectContaining({ number: 8115 }));
      expect(() => makeEncoder(types[0])(w, chunk.getRows()[row]![0])).toThrow(expect.objectContaining({ number: 8115 }));
    }
    conn.closeSync();
    instance.closeSync();
  });

  it('write the same ROW bytes as the value encoders, nulls and edge values included', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const select = COLUMNS.map(([, e], i) => `CASE WHEN v % 11 = 3 THEN NULL ELSE ${e} END AS c${i}`).join(', ');
    const result = await conn.stream(`SELECT ${select} FROM range(0, 5000) t(v)`);
    const types = COLUMNS.map(([t]) => t);
    const encoders = types.map(makeEncoder);
    let rows = 0;
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const writers = chunkWriters(types, encoders, chunk);
      const fast = new ByteWriter(64);
      const slow = new ByteWriter(64);
      const values = chunk.getRows();
      for (let r = 0; r < chunk.rowCount; r++) {
        for (let c = 0; c < types.length; c++) {
          writers[c]!(fast, r);
          encoders[c](slow, values[r]![c]);
          expect(fast.take().toString('hex'), `row ${rows + r} column ${c}`).toBe(slow.take().toString('hex'));
        }
      }
      rows += chunk.rowCount;
    }
    expect(rows).toBe(5000);
    conn.closeSync();
    instance.closeSync();
  });
});
