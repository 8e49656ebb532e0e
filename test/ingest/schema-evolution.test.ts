import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '@tsdbt/ingest';
import { startTdsServer } from '../stand-ins/tds/server.mjs';
import type { TdsServer } from '../stand-ins/tds/server.mjs';
import { makeProject, mssqlSource } from './helpers/fixture-project.js';
import { createOrderHeader, declareColumns, insertOrders } from './helpers/source-tables.js';
import { queryWarehouse } from './helpers/warehouse.js';

let server: TdsServer;

beforeAll(async () => {
  server = await startTdsServer();
});
afterAll(async () => server?.close());

/** A fresh source table, one load, then a money column added at the source with new rows using it. */
async function loadThenAddColumn(contract: string) {
  await server.admin.run(`DROP TABLE IF EXISTS "Sales"."SalesOrderHeader"; DELETE FROM tds_catalog.declared_types`);
  await createOrderHeader(server.admin, 20);
  const project = makeProject(`contract-${contract}`);
  project.writeIngest({ source: mssqlSource(server.port), tables: [{ name: 'Sales.SalesOrderHeader', write_disposition: 'append', cursor: 'ModifiedDate', schema_contract: contract }] });
  await runIngest({ projectDir: project.dir });
  await server.admin.run(`ALTER TABLE "Sales"."SalesOrderHeader" ADD COLUMN "TaxAmt" DECIMAL(19,4)`);
  await declareColumns(server.admin, 'Sales', 'SalesOrderHeader', [{ name: 'TaxAmt', type: 'money' }]);
  await insertOrders(server.admin, 21, 4);
  await server.admin.run(`UPDATE "Sales"."SalesOrderHeader" SET "TaxAmt" = 8.25 WHERE "SalesOrderID" IN (21, 22)`);
  return { project, result: await runIngest({ projectDir: project.dir }) };
}

const columnsOf = async (warehouse: string) =>
  (await queryWarehouse(warehouse, `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'staging' AND table_name = 'sales_order_header' ORDER BY ordinal_position`))
    .map((c) => `${c.column_name} ${c.data_type}`);

describe('schema evolution and contracts', () => {
  it('evolve adds a new source column (as its faithful type) and fills it for new rows', async () => {
    const { project, result } = await loadThenAddColumn('evolve');
    expect(result.tables[0]).toMatchObject({ status: 'loaded', rows: 4, schemaChanges: ['added tax_amt DECIMAL(19,4)'] });
    expect((await columnsOf(project.warehouse)).at(-1)).toBe('tax_amt DECIMAL(19,4)');
    const rows = await queryWarehouse(project.warehouse, `SELECT count(*) AS n, count(tax_amt) AS taxed, sum(tax_amt)::VARCHAR AS s FROM staging.sales_order_header`);
    expect(rows[0]).toEqual({ n: '24', taxed: '2', s: '16.5000' });
  });

  it('freeze fails naming the column and leaves the table and cursor as they were', async () => {
    const { project, result } = await loadThenAddColumn('freeze');
    expect(result.tables[0]!.status).toBe('failed');
    expect(result.tables[0]!.error).toMatchObject({ code: 'TSDBT_INGEST_CONTRACT_VIOLATION' });
    expect(result.tables[0]!.error!.message).toContain('TaxAmt');
    expect(await columnsOf(project.warehouse)).not.toContain('tax_amt DECIMAL(19,4)');
    const rows = await queryWarehouse(project.warehouse, `SELECT count(*) AS n FROM staging.sales_order_header`);
    expect(rows[0]!.n).toBe('20');
    const loads = await queryWarehouse(project.warehouse, `SELECT status FROM staging._tsdbt_loads ORDER BY started_at`);
    expect(loads.map((l) => l.status)).toEqual(['loaded', 'failed']);
  });

  it('discard_row drops rows that carry the new column; discard_value keeps them without it', async () => {
    const row = await loadThenAddColumn('discard_row');
    expect(row.result.tables[0]).toMatchObject({ status: 'loaded', rows: 2, discardedRows: 2 });
    expect(await columnsOf(row.project.warehouse)).not.toContain('tax_amt DECIMAL(19,4)');
    const value = await loadThenAddColumn('discard_value');
    expect(value.result.tables[0]).toMatchObject({ status: 'loaded', rows: 4, discardedRows: 0 });
    expect(await columnsOf(value.project.warehouse)).not.toContain('tax_amt DECIMAL(19,4)');
  });

  it('widens an integer column when the source widens it', async () => {
    await server.admin.run(`DROP TABLE IF EXISTS "Sales"."SalesOrderHeader"; DELETE FROM tds_catalog.declared_types`);
    await createOrderHeader(server.admin, 5);
    const project = makeProject('widen');
    project.writeIngest({ source: mssqlSource(server.port), tables: [{ name: 'Sales.SalesOrderHeader', write_disposition: 'append' }] });
    await runIngest({ projectDir: project.dir });
    await server.admin.run(`ALTER TABLE "Sales"."SalesOrderHeader" ALTER "CustomerID" TYPE BIGINT; UPDATE "Sales"."SalesOrderHeader" SET "CustomerID" = 5000000000 WHERE "SalesOrderID" = 1`);
    await declareColumns(server.admin, 'Sales', 'SalesOrderHeader', [{ name: 'CustomerID', type: 'bigint' }]);
    const result = await runIngest({ projectDir: project.dir });
    expect(result.tables[0]).toMatchObject({ status: 'loaded', schemaChanges: ['widened customer_id to BIGINT'] });
    const max = await queryWarehouse(project.warehouse, `SELECT max(customer_id)::VARCHAR AS m FROM staging.sales_order_header`);
    expect(max[0]!.m).toBe('5000000000');
  });
});
