import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { runIngest } from '@tsdbt/ingest';
import { makeProject } from './helpers/fixture-project.js';
import { queryWarehouse } from './helpers/warehouse.js';

/** Runs SQL against the embedded source file (closed again so ingest can open it). */
async function onSource(file: string, sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const conn = await instance.connect();
  await conn.run(sql);
  conn.closeSync();
  instance.closeSync();
}

describe('incremental loads from the embedded DuckDB source (DuckDB copies the rows itself)', () => {
  it('append de-dups the boundary, merge upserts, and both match the source', async () => {
    const project = makeProject('embedded-inc');
    const file = join(project.dir, 'sales_source.duckdb');
    await onSource(file, `CREATE SCHEMA "Sales"; CREATE TABLE "Sales"."SalesOrderDetail" ("SalesOrderDetailID" INTEGER PRIMARY KEY,
      "UnitPrice" DECIMAL(19,4), "OrderQty" SMALLINT, "ModifiedDate" TIMESTAMP);
      INSERT INTO "Sales"."SalesOrderDetail" SELECT i, i * 1.0001, 1 + i % 5, TIMESTAMP '2024-01-01' + to_minutes(i // 3) FROM range(1, 3001) t(i)`);
    project.writeIngest({
      source: { type: 'duckdb', path: 'sales_source.duckdb' },
      tables: [
        { name: 'Sales.SalesOrderDetail', write_disposition: 'append', cursor: 'ModifiedDate' },
        { name: 'Sales.SalesOrderDetail', table_name: 'detail_merged', write_disposition: 'merge', cursor: 'ModifiedDate' },
      ],
    });
    const first = await runIngest({ projectDir: project.dir });
    expect(first.tables.map((t) => t.rows)).toEqual([3000, 3000]);
    // One more row at the last cursor value, two updated rows, new rows.
    await onSource(file, `INSERT INTO "Sales"."SalesOrderDetail" VALUES (3001, 9, 9, TIMESTAMP '2024-01-01' + to_minutes(1000));
      UPDATE "Sales"."SalesOrderDetail" SET "UnitPrice" = 0.5, "ModifiedDate" = TIMESTAMP '2025-01-01 00:00:00.123456' WHERE "SalesOrderDetailID" IN (10, 20);
      INSERT INTO "Sales"."SalesOrderDetail" SELECT i, 1, 1, TIMESTAMP '2025-02-01' FROM range(3002, 3012) t(i)`);
    const second = await runIngest({ projectDir: project.dir });
    expect(second.tables.map((t) => t.rows)).toEqual([13, 13]);
    const appended = await queryWarehouse(project.warehouse, `SELECT count(*) AS n, count(DISTINCT sales_order_detail_id) AS d FROM staging.sales_order_detail`);
    expect(appended[0]).toEqual({ n: '3013', d: '3011' });
    const merged = await queryWarehouse(project.warehouse, `SELECT count(*) AS n, sum(unit_price)::VARCHAR AS s, max(modified_date)::VARCHAR AS m FROM staging.detail_merged`);
    const source = await queryWarehouse(file, `SELECT count(*) AS n, sum("UnitPrice")::VARCHAR AS s, max("ModifiedDate")::VARCHAR AS m FROM "Sales"."SalesOrderDetail"`);
    expect(merged[0]).toEqual(source[0]);
    const third = await runIngest({ projectDir: project.dir });
    expect(third.tables.map((t) => t.rows)).toEqual([0, 0]);
  });
});
