import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '@tsdbt/ingest';
import { startTdsServer } from '../stand-ins/tds/server.mjs';
import type { TdsServer } from '../stand-ins/tds/server.mjs';
import { makeProject, mssqlSource } from './helpers/fixture-project.js';
import { createOrderHeader, createProduct } from './helpers/source-tables.js';
import { createSqlServerTable } from '../stand-ins/tds/catalog.mjs';
import { queryWarehouse } from './helpers/warehouse.js';

let server: TdsServer;

beforeAll(async () => {
  server = await startTdsServer();
  await createOrderHeader(server.admin, 2500);
  await createProduct(server.admin, 40);
});
afterAll(async () => server?.close());

describe('full load through the TDS stand-in', () => {
  it('lands every row with faithful types, snake_case names, load ids and a _tsdbt_loads row', async () => {
    const project = makeProject();
    project.writeIngest({ source: mssqlSource(server.port), chunk_size: 500, tables: ['Sales.SalesOrderHeader', { schema: 'Production' }] });
    const result = await runIngest({ projectDir: project.dir });
    expect(result.tables.map((t) => [t.source, t.status, t.rows])).toEqual([
      ['Sales.SalesOrderHeader', 'loaded', 2500],
      ['Production.Product', 'loaded', 40],
    ]);
    const cols = await queryWarehouse(project.warehouse, `SELECT column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'staging' AND table_name = 'sales_order_header' ORDER BY ordinal_position`);
    expect(cols.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      'sales_order_id INTEGER', 'order_date TIMESTAMP', 'online_order_flag BOOLEAN', 'sales_order_number VARCHAR',
      'account_number VARCHAR', 'customer_id INTEGER', 'sub_total DECIMAL(19,4)', 'freight DECIMAL(19,4)', 'comment VARCHAR',
      'rowguid VARCHAR', 'modified_date TIMESTAMP', '_tsdbt_load_id VARCHAR',
    ]);
    const [row] = await queryWarehouse(project.warehouse, `SELECT * FROM staging.sales_order_header WHERE sales_order_id = 7`);
    expect(row).toMatchObject({ order_date: '2024-01-01 07:00:00', online_order_flag: false, sub_total: '86.4192', freight: '1.7500', account_number: '10-4020-000007', _tsdbt_load_id: result.loadId });
    const sums = await queryWarehouse(project.warehouse, `SELECT count(*) AS n, sum(sub_total)::VARCHAR AS s, count(comment) AS c FROM staging.sales_order_header`);
    expect(sums[0]).toEqual({ n: '2500', s: '38595432.0000', c: '2000' });
    const loads = await queryWarehouse(project.warehouse, `SELECT table_name, rows_loaded, status FROM staging._tsdbt_loads ORDER BY table_name`);
    expect(loads).toEqual([
      { table_name: 'product', rows_loaded: '40', status: 'loaded' },
      { table_name: 'sales_order_header', rows_loaded: '2500', status: 'loaded' },
    ]);
    const staged = await queryWarehouse(project.warehouse, `SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE '_tsdbt_stage_%'`);
    expect(staged[0]!.n).toBe('0');
  });
});

describe('full load from the embedded DuckDB source', () => {
  it('reads a DuckDB file (path through env_var) and keeps exact decimals and microseconds', async () => {
    const project = makeProject('embedded');
    const file = join(project.dir, 'sales_source.duckdb');
    const instance = await DuckDBInstance.create(file);
    const conn = await instance.connect();
    await createProduct(conn, 25);
    await conn.run(`CREATE SCHEMA "Sales"; CREATE TABLE "Sales"."CurrencyRate" ("CurrencyRateID" INTEGER PRIMARY KEY, "AverageRate" DECIMAL(19,4), "CurrencyRateDate" TIMESTAMP)`);
    await conn.run(`INSERT INTO "Sales"."CurrencyRate" VALUES (1, 1.0002, '2011-05-31 00:00:00.123456'), (2, 1.5500, '2011-06-01')`);
    conn.closeSync();
    instance.closeSync();
    process.env.TSDBT_TEST_SOURCE_DB = file;
    project.writeIngest({ source: { type: 'duckdb', path: "{{ env_var('TSDBT_TEST_SOURCE_DB', 'data/sales_source.duckdb') }}" }, tables: ['Production.Product', 'Sales.CurrencyRate'] });
    const result = await runIngest({ projectDir: project.dir });
    expect(result.tables.map((t) => [t.destination, t.rows])).toEqual([["staging.product", 25], ['staging.currency_rate', 2]]);
    const rates = await queryWarehouse(project.warehouse, `SELECT currency_rate_id, average_rate, currency_rate_date FROM staging.currency_rate ORDER BY 1`);
    expect(rates).toEqual([
      { currency_rate_id: 1, average_rate: '1.0002', currency_rate_date: '2011-05-31 00:00:00.123456' },
      { currency_rate_id: 2, average_rate: '1.5500', currency_rate_date: '2011-06-01 00:00:00' },
    ]);
    const product = await queryWarehouse(project.warehouse, `SELECT data_type FROM information_schema.columns WHERE table_name = 'product' AND column_name = 'standard_cost'`);
    expect(product[0]!.data_type).toBe('DECIMAL(19,4)');
  });
});

describe('exact decimals through SQL Server', () => {
  it('keeps money and wide decimals exact beyond what a double holds (every side of the int and 15-digit splits), and datetime2 beyond milliseconds', async () => {
    await createSqlServerTable(server.admin, 'Sales', 'Exact', [{ name: 'ID', type: 'int', pk: true }, { name: 'Big', type: 'money' }, { name: 'Wide', type: 'decimal(38,6)' }, { name: 'Narrow', type: 'decimal(9,2)' }, { name: 'Stamp', type: 'datetime2(7)' }]);
    await server.admin.run(`INSERT INTO "Sales"."Exact" VALUES (1, 922337203685477.5807, 12345678901234567890.123456, 1234567.89, '2011-05-31 07:08:09.123456'), (2, -0.0001, -0.000001, -0.01, '0099-12-31 00:00:00'),
      (3, 99999999999.9999, 999999999.999999, 0, '2024-02-29 23:59:59.999999'), (4, -100000000000.0000, -1000000000.000000, NULL, NULL),
      (5, -99999999999.9999, 1000000000.000001, 9999999.99, '1753-01-01 00:00:00'), (6, NULL, NULL, -9999999.99, '9999-12-31 23:59:59.999999'),
      (7, 214748.3647, 2147.483647, NULL, NULL), (8, 214748.3648, 2147.483648, NULL, NULL), (9, -214748.3647, -2147.483647, NULL, NULL),
      (10, -214748.3648, -2147.483648, NULL, NULL), (11, 2024.994, 0.000001, NULL, NULL), (12, 0, 4049.988000, NULL, NULL)`);
    const project = makeProject('exact');
    project.writeIngest({ source: mssqlSource(server.port), tables: ['Sales.Exact'] });
    await runIngest({ projectDir: project.dir });
    const rows = await queryWarehouse(project.warehouse, `SELECT big::VARCHAR AS big, wide::VARCHAR AS wide, narrow::VARCHAR AS narrow, stamp::VARCHAR AS stamp FROM staging.exact ORDER BY id`);
    expect(rows).toEqual([
      { big: '922337203685477.5807', wide: '12345678901234567890.123456', narrow: '1234567.89', stamp: '2011-05-31 07:08:09.123456' },
      { big: '-0.0001', wide: '-0.000001', narrow: '-0.01', stamp: '0099-12-31 00:00:00' },
      { big: '99999999999.9999', wide: '999999999.999999', narrow: '0.00', stamp: '2024-02-29 23:59:59.999999' },
      { big: '-100000000000.0000', wide: '-1000000000.000000', narrow: null, stamp: null },
      { big: '-99999999999.9999', wide: '1000000000.000001', narrow: '9999999.99', stamp: '1753-01-01 00:00:00' },
      { big: null, wide: null, narrow: '-9999999.99', stamp: '9999-12-31 23:59:59.999999' },
      { big: '214748.3647', wide: '2147.483647', narrow: null, stamp: null },
      { big: '214748.3648', wide: '2147.483648', narrow: null, stamp: null },
      { big: '-214748.3647', wide: '-2147.483647', narrow: null, stamp: null },
      { big: '-214748.3648', wide: '-2147.483648', narrow: null, stamp: null },
      { big: '2024.9940', wide: '0.000001', narrow: null, stamp: null },
      { big: '0.0000', wide: '4049.988000', narrow: null, stamp: null },
    ]);
  });
});
