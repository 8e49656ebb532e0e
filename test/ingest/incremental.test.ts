import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '@tsdbt/ingest';
import { startTdsServer } from '../stand-ins/tds/server.mjs';
import type { TdsServer } from '../stand-ins/tds/server.mjs';
import { makeProject, mssqlSource } from './helpers/fixture-project.js';
import { createOrderHeader, insertOrders } from './helpers/source-tables.js';
import { queryWarehouse } from './helpers/warehouse.js';

let server: TdsServer;

beforeAll(async () => {
  server = await startTdsServer();
});
afterAll(async () => server?.close());

const countOf = async (warehouse: string, table: string) =>
  (await queryWarehouse(warehouse, `SELECT count(*) AS n, count(DISTINCT sales_order_id) AS d FROM staging.${table}`))[0];

describe('incremental loads', () => {
  it('append with a cursor reads only new rows and never loads a boundary row twice', async () => {
    await server.admin.run(`DROP TABLE IF EXISTS "Sales"."SalesOrderHeader"; DELETE FROM tds_catalog.declared_types`);
    await createOrderHeader(server.admin, 100);
    // Three rows share the last ModifiedDate: the boundary the next run must not duplicate.
    await insertOrders(server.admin, 101, 3, '2024-02-01 00:00:00');
    const project = makeProject('append');
    project.writeIngest({ source: mssqlSource(server.port), tables: [{ name: 'Sales.SalesOrderHeader', write_disposition: 'append', cursor: 'ModifiedDate', initial_value: '2024-01-01 10:00:00' }] });
    const first = await runIngest({ projectDir: project.dir });
    expect(first.tables[0]!.rows).toBe(91 + 3);
    // Same cursor value again (late arrival at the boundary), and newer rows.
    await insertOrders(server.admin, 104, 2, '2024-02-01 00:00:00');
    await insertOrders(server.admin, 106, 5, '2024-03-01 00:00:00');
    const second = await runIngest({ projectDir: project.dir });
    expect(second.tables[0]!.rows).toBe(7);
    expect(await countOf(project.warehouse, 'sales_order_header')).toEqual({ n: '101', d: '101' });
    const third = await runIngest({ projectDir: project.dir });
    expect(third.tables[0]!.rows).toBe(0);
    const state = await queryWarehouse(project.warehouse, `SELECT last_value, load_id FROM staging._tsdbt_state`);
    expect(state).toEqual([{ last_value: JSON.stringify({ $date: '2024-03-01T00:00:00.000Z' }), load_id: third.loadId }]);
  });

  it('merge replaces changed rows by primary key and adds new ones', async () => {
    await server.admin.run(`DROP TABLE IF EXISTS "Sales"."SalesOrderHeader"; DELETE FROM tds_catalog.declared_types`);
    await createOrderHeader(server.admin, 50);
    const project = makeProject('merge');
    project.writeIngest({ source: mssqlSource(server.port), tables: [{ name: 'Sales.SalesOrderHeader', write_disposition: 'merge', cursor: 'ModifiedDate' }] });
    await runIngest({ projectDir: project.dir });
    await server.admin.run(`UPDATE "Sales"."SalesOrderHeader" SET "Comment" = 'changed', "SubTotal" = 1.5, "ModifiedDate" = TIMESTAMP '2025-01-01' WHERE "SalesOrderID" IN (3, 4)`);
    await insertOrders(server.admin, 51, 2, '2025-01-02 00:00:00');
    const second = await runIngest({ projectDir: project.dir });
    expect(second.tables[0]!.rows).toBe(4);
    expect(await countOf(project.warehouse, 'sales_order_header')).toEqual({ n: '52', d: '52' });
    const changed = await queryWarehouse(project.warehouse, `SELECT sales_order_id, comment, sub_total, _tsdbt_load_id = '${second.loadId}' AS new_load FROM staging.sales_order_header WHERE sales_order_id IN (2, 3, 4) ORDER BY 1`);
    expect(changed).toEqual([
      { sales_order_id: 2, comment: 'note 2', sub_total: '24.6912', new_load: false },
      { sales_order_id: 3, comment: 'changed', sub_total: '1.5000', new_load: true },
      { sales_order_id: 4, comment: 'changed', sub_total: '1.5000', new_load: true },
    ]);
  });

  it('--full-refresh drops the cursor and reloads everything', async () => {
    await server.admin.run(`DROP TABLE IF EXISTS "Sales"."SalesOrderHeader"; DELETE FROM tds_catalog.declared_types`);
    await createOrderHeader(server.admin, 30);
    const project = makeProject('refresh');
    project.writeIngest({ source: mssqlSource(server.port), tables: [{ name: 'Sales.SalesOrderHeader', write_disposition: 'append', cursor: 'ModifiedDate' }] });
    await runIngest({ projectDir: project.dir });
    await runIngest({ projectDir: project.dir });
    const refreshed = await runIngest({ projectDir: project.dir, fullRefresh: true });
    expect(refreshed.tables[0]).toMatchObject({ rows: 30, writeDisposition: 'replace' });
    expect(await countOf(project.warehouse, 'sales_order_header')).toEqual({ n: '30', d: '30' });
  });

  it('lag re-reads a window below the cursor so late rows reach a merge table; include and direct naming apply', async () => {
    await server.admin.run(`DROP TABLE IF EXISTS "Sales"."SalesOrderHeader"; DELETE FROM tds_catalog.declared_types`);
    await createOrderHeader(server.admin, 48);
    const project = makeProject('lag');
    project.writeIngest({
      source: mssqlSource(server.port), naming: 'direct',
      tables: [{ name: 'Sales.SalesOrderHeader', write_disposition: 'merge', cursor: 'ModifiedDate', lag: 7200, include: ['SalesOrderID', 'Comment', 'ModifiedDate'] }],
    });
    await runIngest({ projectDir: project.dir });
    // A row committed late, stamped one hour before the stored cursor (2024-01-03 00:00): inside the lag window.
    await insertOrders(server.admin, 500, 1, '2024-01-02 23:00:00');
    await insertOrders(server.admin, 501, 1, '2024-01-02 20:00:00');
    const second = await runIngest({ projectDir: project.dir });
    const rows = await queryWarehouse(project.warehouse, `SELECT count(*) AS n FROM staging."SalesOrderHeader" WHERE "SalesOrderID" >= 500`);
    expect(rows[0]!.n).toBe('1');
    expect(second.tables[0]!.rows).toBe(3);
    const cols = await queryWarehouse(project.warehouse, `SELECT column_name FROM information_schema.columns WHERE table_name = 'SalesOrderHeader' ORDER BY ordinal_position`);
    expect(cols.map((c) => c.column_name)).toEqual(['SalesOrderID', 'Comment', 'ModifiedDate', '_tsdbt_load_id']);
  });
});
