import sql from 'mssql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTransientMssqlError } from '@tsdbt/ingest';
import { createSqlServerTable } from './catalog.mjs';
import { startTdsServer } from './server.mjs';
import type { TdsServer } from './server.mjs';

let server: TdsServer;
let pool: sql.ConnectionPool;
const config = () => ({ server: server.host, port: server.port, user: 'sa', password: 'Passw0rd!', database: 'AdventureWorks2019', options: { encrypt: false }, pool: { max: 2 } });

beforeAll(async () => {
  server = await startTdsServer();
  await createSqlServerTable(server.admin, 'Sales', 'AllTypes', [
    { name: 'ID', type: 'int', pk: true }, { name: 'Tiny', type: 'tinyint' }, { name: 'Small', type: 'smallint' }, { name: 'Big', type: 'bigint' },
    { name: 'Flag', type: 'Flag' }, { name: 'Dec', type: 'decimal(12,3)' }, { name: 'Num', type: 'numeric(30,10)' }, { name: 'Money', type: 'money' },
    { name: 'SmallMoney', type: 'smallmoney' }, { name: 'Float', type: 'float' }, { name: 'Name', type: 'Name' }, { name: 'Code', type: 'varchar(10)' },
    { name: 'Long', type: 'nvarchar(max)' }, { name: 'Xml', type: 'xml' }, { name: 'Day', type: 'date' }, { name: 'At', type: 'time' },
    { name: 'DT', type: 'datetime' }, { name: 'DT2', type: 'datetime2' }, { name: 'SDT', type: 'smalldatetime' }, { name: 'DTO', type: 'datetimeoffset' },
    { name: 'Guid', type: 'uniqueidentifier' }, { name: 'Bytes', type: 'varbinary(max)' },
  ]);
  await server.admin.run(`INSERT INTO "Sales"."AllTypes" VALUES (1, 255, -32768, -9007199254740993, true, -123456789.125, 12345678901234567890.0123456789,
    922337203685477.5807, -214748.3648, 1.5e300, 'Mountain-100 Silver, 38', 'AB', repeat('x', 9000), '<root a="1"/>', DATE '0001-01-01', TIME '23:59:59.999999',
    TIMESTAMP '1753-01-01 00:00:00.003', TIMESTAMP '9999-12-31 23:59:59.999999', TIMESTAMP '2079-06-06 23:59:00', TIMESTAMPTZ '2024-02-29 12:00:00+00',
    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00\\xFF'::BLOB, 0), (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
  pool = await new sql.ConnectionPool(config()).connect();
});
afterAll(async () => {
  await pool?.close();
  await server?.close();
});

describe('TDS stand-in with the real mssql/tedious client', () => {
  it('reports declared SQL Server types and encodes every AdventureWorks type', async () => {
    const r = await pool.request().query('SELECT * FROM [Sales].[AllTypes] ORDER BY [ID]');
    const types = Object.fromEntries(Object.entries(r.recordset.columns).map(([k, c]) => [k, (c.type as unknown as { declaration: string }).declaration]));
    expect(types).toMatchObject({ Tiny: 'tinyint', Big: 'bigint', Flag: 'bit', Dec: 'decimal', Money: 'money', SmallMoney: 'smallmoney', Name: 'nvarchar', Code: 'varchar',
      Day: 'date', At: 'time', DT: 'datetime', DT2: 'datetime2', SDT: 'smalldatetime', DTO: 'datetimeoffset', Guid: 'uniqueidentifier', Bytes: 'varbinary' });
    expect(r.recordset[0]).toMatchObject({
      ID: 1, Tiny: 255, Small: -32768, Big: '-9007199254740993', Flag: true, Dec: -123456789.125, Money: 922337203685477.5807, SmallMoney: -214748.3648,
      Float: 1.5e300, Name: 'Mountain-100 Silver, 38', Code: 'AB', Xml: '<root a="1"/>', Guid: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', Bytes: Buffer.from([0, 255]),
    });
    const row = r.recordset[0];
    expect(row.Long).toHaveLength(9000);
    expect((row.Day as Date).toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect((row.DT as Date).toISOString()).toBe('1753-01-01T00:00:00.003Z');
    expect((row.DT2 as Date).toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect((row.SDT as Date).toISOString()).toBe('2079-06-06T23:59:00.000Z');
    expect((row.DTO as Date).toISOString()).toBe('2024-02-29T12:00:00.000Z');
    expect(Object.values(r.recordset[1]).filter((v) => v !== null)).toEqual([2]);
  });

  it("answers a datetime2(7)-as-text cast with SQL Server's 27-character text, typed nvarchar(27)", async () => {
    // (datetime columns: the next test.)
    const r = await pool.request().query('SELECT CAST(CAST([DT2] AS datetime2(7)) AS nvarchar(27)) AS [DT2] FROM [Sales].[AllTypes] ORDER BY [ID]');
    const column = r.recordset.columns.DT2 as unknown as { type: { declaration: string }; length: number };
    expect([column.type.declaration, column.length]).toEqual(['nvarchar', 54]); // the TDS length is in bytes
    expect(r.recordset).toEqual([{ DT2: '9999-12-31 23:59:59.9999990' }, { DT2: null }]);
  });

  // SQL Server keeps a datetime in 1/300 s ticks: it shows .003/.007/.000 steps, and since SQL Server 2016 converts a
  // tick to datetime2 exactly (tick 1 = .0033333). DuckDB holds what the test inserted; the stand-in answers as the
  // server would for the tick it would have stored.
  it('a datetime column: the DATETIMN value in .003/.007 steps, its datetime2(7) text the exact tick', async () => {
    await createSqlServerTable(server.admin, 'Sales', 'Ticks', [{ name: 'ID', type: 'int', pk: true }, { name: 'DT', type: 'datetime' }]);
    await server.admin.run(`INSERT INTO "Sales"."Ticks" VALUES (1, TIMESTAMP '2024-01-01 00:00:00.003'), (2, TIMESTAMP '2024-01-01 00:00:00.005'),
      (3, TIMESTAMP '2014-02-08 10:01:36.827'), (4, TIMESTAMP '2024-01-01 23:59:59.999'), (5, TIMESTAMP '1753-01-01 00:00:00.010'), (6, TIMESTAMP '2024-01-01 00:00:00.994')`);
    const values = await pool.request().query('SELECT [DT] FROM [Sales].[Ticks] ORDER BY [ID]');
    expect(values.recordset.map((r: { DT: Date }) => r.DT.toISOString())).toEqual([
      '2024-01-01T00:00:00.003Z', '2024-01-01T00:00:00.007Z', '2014-02-08T10:01:36.827Z', '2024-01-02T00:00:00.000Z', '1753-01-01T00:00:00.010Z', '2024-01-01T00:00:00.993Z',
    ]);
    const text = await pool.request().query('SELECT CAST(CAST([DT] AS datetime2(7)) AS nvarchar(27)) AS [DT] FROM [Sales].[Ticks] ORDER BY [ID]');
    expect(text.recordset.map((r: { DT: string }) => r.DT)).toEqual([
      '2024-01-01 00:00:00.0033333', '2024-01-01 00:00:00.0066667', '2014-02-08 10:01:36.8266667', '2024-01-02 00:00:00.0000000', '1753-01-01 00:00:00.0100000',
      '2024-01-01 00:00:00.9933333',
    ]);
  });

  it("answers ingest's split-decimal int casts with the ints, typed int", async () => {
    const r = await pool.request().query(`SELECT CASE WHEN [SmallMoney] >= -214748.3648 AND [SmallMoney] < 214748.3648 THEN CAST([SmallMoney] * 10000 AS int) END AS [S],
      CASE WHEN [Dec] > -2147483.648 AND [Dec] < 2147483.648 THEN CAST([Dec] * 1000 AS int) END AS [D] FROM [Sales].[AllTypes] ORDER BY [ID]`);
    expect((r.recordset.columns.S as unknown as { type: { declaration: string } }).type.declaration).toBe('int');
    expect(r.recordset).toEqual([{ S: -2147483648, D: null }, { S: null, D: null }]);
    await expect(pool.request().query('SELECT CAST([Money] * 10000 AS int) AS [M] FROM [Sales].[AllTypes]')).rejects.toMatchObject({ number: 8115 });
  });

  it('emulates INFORMATION_SCHEMA with user types as DOMAIN_NAME over their base type', async () => {
    const r = await pool.request().input('t', sql.NVarChar(128), 'AllTypes')
      .query(`SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DOMAIN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = @t AND COLUMN_NAME IN (N'Name', N'Money', N'Long', N'Num')`);
    expect(r.recordset).toEqual([
      { COLUMN_NAME: 'Num', DATA_TYPE: 'numeric', CHARACTER_MAXIMUM_LENGTH: null, NUMERIC_PRECISION: 30, NUMERIC_SCALE: 10, DOMAIN_NAME: null },
      { COLUMN_NAME: 'Money', DATA_TYPE: 'money', CHARACTER_MAXIMUM_LENGTH: null, NUMERIC_PRECISION: 19, NUMERIC_SCALE: 4, DOMAIN_NAME: null },
      { COLUMN_NAME: 'Name', DATA_TYPE: 'nvarchar', CHARACTER_MAXIMUM_LENGTH: 50, NUMERIC_PRECISION: null, NUMERIC_SCALE: null, DOMAIN_NAME: 'Name' },
      { COLUMN_NAME: 'Long', DATA_TYPE: 'nvarchar', CHARACTER_MAXIMUM_LENGTH: -1, NUMERIC_PRECISION: null, NUMERIC_SCALE: null, DOMAIN_NAME: null },
    ]);
  });

  it('binds sp_executesql parameters of the types mssql sends', async () => {
    const r = await pool.request()
      .input('id', sql.Int, 1).input('big', sql.BigInt, -9007199254740993n as unknown as number).input('dt', sql.DateTime, new Date('1753-01-01T00:00:00.003Z'))
      .input('dec', sql.Decimal(12, 3), -123456789.125).input('name', sql.NVarChar(50), 'Mountain-100 Silver, 38')
      .query('SELECT [ID] FROM [Sales].[AllTypes] WHERE [ID] = @id AND [Big] = @big AND [DT] >= @dt AND [Dec] = @dec AND [Name] = @name');
    expect(r.recordset).toEqual([{ ID: 1 }]);
  });

  it('answers SQL batches, errors with SQL Server numbers, and transactions that really commit or roll back', async () => {
    expect((await pool.request().batch('SELECT COUNT(*) AS n FROM [Sales].[AllTypes]')).recordset).toEqual([{ n: '2' }]);
    await expect(pool.request().query('SELECT * FROM [Sales].[Missing]')).rejects.toMatchObject({ number: 208, message: "Invalid object name 'Missing'." });
    const tx = new sql.Transaction(pool);
    await tx.begin();
    await new sql.Request(tx).batch(`INSERT INTO [Sales].[AllTypes] ([ID]) VALUES (3)`);
    await tx.rollback();
    expect((await pool.request().query('SELECT COUNT(*) AS n FROM [Sales].[AllTypes]')).recordset[0].n).toBe('2');
  });

  it('acknowledges attention (cancel) and the connection stays usable', async () => {
    await server.admin.run(`CREATE TABLE "Sales".big AS SELECT range AS id FROM range(200000)`);
    const conn = await new sql.ConnectionPool({ ...config(), pool: { max: 1 } }).connect();
    const request = conn.request();
    request.stream = true;
    const done = new Promise<unknown>((resolve) => {
      let rows = 0;
      request.on('row', () => {
        if (++rows === 100) request.cancel();
      });
      request.on('error', resolve);
      request.on('done', () => resolve(undefined));
    });
    void request.query('SELECT id FROM Sales.big');
    expect(await done).toMatchObject({ code: 'ECANCEL' });
    expect((await conn.request().query('SELECT 1 AS one')).recordset).toEqual([{ one: 1 }]);
    expect(server.stats.attentions).toBeGreaterThan(0);
    await conn.close();
  });

  it('fails logins with 18456 on a bad password or an injected fault, and drops connections on demand', async () => {
    await expect(new sql.ConnectionPool({ ...config(), password: 'nope' }).connect()).rejects.toMatchObject({ code: 'ELOGIN', message: "Login failed for user 'sa'." });
    server.faults.failLogin = true;
    await expect(new sql.ConnectionPool(config()).connect()).rejects.toMatchObject({ code: 'ELOGIN' });
    server.faults.failLogin = false;
    const conn = new sql.ConnectionPool({ ...config(), pool: { max: 1 } });
    // tedious 19 reports a second 'socketError' after a server-side close as a pool 'error' event (ingest listens too).
    conn.on('error', () => undefined);
    await conn.connect();
    Object.assign(server.faults, { dropAfterRows: 10, dropCount: 1 });
    const error = await conn.request().query('SELECT id FROM Sales.big').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: expect.stringMatching(/^(ESOCKET|ECONNCLOSED|ECONNRESET)$/) });
    expect(isTransientMssqlError(error)).toBe(true);
    await conn.close();
  });
});
