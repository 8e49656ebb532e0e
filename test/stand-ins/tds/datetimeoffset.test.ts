import sql from 'mssql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helpers of the stand-in
import { ByteWriter } from './byte-writer.mjs';
// @ts-expect-error plain JS helpers of the stand-in
import { makeEncoder } from './wire-types.mjs';
import { createSqlServerTable } from './catalog.mjs';
import { offsetColumn, offsetLayout, withOffsetColumns } from './offsets.mjs';
import { startTdsServer } from './server.mjs';
import type { TdsServer } from './server.mjs';

let server: TdsServer;
let pool: sql.ConnectionPool;

beforeAll(async () => {
  server = await startTdsServer();
  await createSqlServerTable(server.admin, 'Sales', 'Stamps', [
    { name: 'ID', type: 'int', pk: true }, { name: 'At', type: 'datetimeoffset(7)' }, { name: 'Note', type: 'nvarchar(10)' },
  ]);
  await server.admin.run(`INSERT INTO "Sales"."Stamps" ("ID", "At", "${offsetColumn('At')}", "Note") VALUES
    (1, TIMESTAMPTZ '2024-03-01 10:00:00+02:00', 120, 'east'), (2, TIMESTAMPTZ '2024-03-01 10:00:00-05:30', -330, 'west'),
    (3, TIMESTAMPTZ '2024-03-01 10:00:00+00:00', 0, 'utc'), (4, NULL, NULL, 'none')`);
  pool = await new sql.ConnectionPool({ server: server.host, port: server.port, user: 'sa', password: 'Passw0rd!', database: 'AdventureWorks2019', options: { encrypt: false }, pool: { max: 1 } }).connect();
});
afterAll(async () => {
  await pool?.close();
  await server?.close();
});

describe('TDS stand-in: datetimeoffset keeps its offset', () => {
  it('serves the instant and answers DATEPART(TZOFFSET, …) with each value\'s own offset', async () => {
    const r = await pool.request().query('SELECT [ID], [At], DATEPART(TZOFFSET, [At]) AS [Off] FROM [Sales].[Stamps] ORDER BY [ID]');
    expect(Object.keys(r.recordset.columns)).toEqual(['ID', 'At', 'Off']);
    expect(r.recordset.map((row: { At: Date | null; Off: number | null }) => [row.At?.toISOString() ?? null, row.Off])).toEqual([
      ['2024-03-01T08:00:00.000Z', 120], ['2024-03-01T15:30:00.000Z', -330], ['2024-03-01T10:00:00.000Z', 0], [null, null],
    ]);
  });

  it('never shows the hidden offset column: not in SELECT *, not in INFORMATION_SCHEMA', async () => {
    const all = await pool.request().query('SELECT * FROM [Sales].[Stamps] WHERE [ID] = 1');
    expect(Object.keys(all.recordset.columns)).toEqual(['ID', 'At', 'Note']);
    const cols = await pool.request().query(`SELECT COLUMN_NAME, ORDINAL_POSITION, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = N'Stamps' ORDER BY ORDINAL_POSITION`);
    expect(cols.recordset).toEqual([
      { COLUMN_NAME: 'ID', ORDINAL_POSITION: 1, DATA_TYPE: 'int' }, { COLUMN_NAME: 'At', ORDINAL_POSITION: 2, DATA_TYPE: 'datetimeoffset' },
      { COLUMN_NAME: 'Note', ORDINAL_POSITION: 3, DATA_TYPE: 'nvarchar' },
    ]);
  });

  it('writes DATETIMEOFFSETN as UTC time and date followed by the offset in minutes', () => {
    const encode = makeEncoder({ name: 'datetimeoffset' });
    const w = new ByteWriter(64);
    encode(w, { micros: 0n }, -330);
    encode(w, { micros: 0n }, undefined);
    encode(w, null, 120);
    const b: Buffer = w.take();
    // length 10, time (5 bytes, 0 = midnight UTC), date (3 bytes: 719162 days since 0001-01-01), offset (i16 LE).
    expect(b.subarray(0, 11)).toEqual(Buffer.from([10, 0, 0, 0, 0, 0, 0x3a, 0xf9, 0x0a, ...[0xb6, 0xfe]]));
    expect(b.readInt16LE(9)).toBe(-330);
    expect(b.readInt16LE(20)).toBe(0);
    expect(b.subarray(22)).toEqual(Buffer.from([0]));
  });

  it('sends a selected datetimeoffset on the wire with its own offset (read from the client\'s packet dump)', async () => {
    // mssql's `debug: true` (not in its typings) turns on tedious's packet dumps and re-emits them as 'debug' events.
    const config = { server: server.host, port: server.port, user: 'sa', password: 'Passw0rd!', database: 'AdventureWorks2019', options: { encrypt: false }, debug: true, pool: { max: 1 } } as sql.config;
    const debugPool = await new sql.ConnectionPool(config).connect();
    const dumps: string[] = [];
    debugPool.on('debug', (_connection: unknown, message: unknown) => { if (typeof message === 'string' && /^\s+0000 /.test(message)) dumps.push(message); });
    try {
      await debugPool.request().query('SELECT [At] FROM [Sales].[Stamps] WHERE [ID] = 2');
    } finally {
      await debugPool.close();
    }
    // Hex columns of tedious's dump lines: `  0000  81010000 00000009 …  ascii`.
    const hex = dumps.flatMap((d) => d.split('\n').map((line) => line.slice(8, 8 + 8 * 9).replace(/\s+/g, ''))).join('').toUpperCase();
    const w = new ByteWriter(16);
    makeEncoder({ name: 'datetimeoffset' })(w, { micros: BigInt(Date.UTC(2024, 2, 1, 15, 30)) * 1000n }, -330);
    const value = (w.take() as Buffer).toString('hex').toUpperCase();
    expect(value.endsWith('B6FE')).toBe(true);
    expect(hex).toContain(`D1${value}`);
  });

  it('adds hidden offsets to a plain SELECT that names a datetimeoffset column, and sends them with it', () => {
    const declared = new Map([['at', { name: 'datetimeoffset' }], ['id', { name: 'int' }]]);
    expect(withOffsetColumns('SELECT "ID", "At" FROM "Sales"."Stamps" WHERE "At" >= $1', declared))
      .toBe('SELECT "ID", "At", "__tds_offset_at" FROM "Sales"."Stamps" WHERE "At" >= $1');
    for (const untouched of ['SELECT max("At") FROM "Sales"."Stamps"', 'SELECT DISTINCT "At" FROM "Sales"."Stamps"', 'SELECT "At" FROM "Sales"."Stamps" GROUP BY "At"', 'SELECT * FROM "Sales"."Stamps"']) {
      expect(withOffsetColumns(untouched, declared)).toBe(untouched);
    }
    expect(offsetLayout(['ID', 'At', '__tds_offset_at'], [{ name: 'int' }, { name: 'datetimeoffset' }, { name: 'smallint' }])).toEqual({ at: [0, 1], offsetAt: [undefined, 2] });
  });
});
