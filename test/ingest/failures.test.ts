import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '@tsdbt/ingest';
import { startTdsServer } from '../stand-ins/tds/server.mjs';
import type { TdsServer } from '../stand-ins/tds/server.mjs';
import { createSqlServerTable } from '../stand-ins/tds/catalog.mjs';
import { makeProject, mssqlSource } from './helpers/fixture-project.js';
import { createOrderHeader } from './helpers/source-tables.js';
import { queryWarehouse } from './helpers/warehouse.js';

let server: TdsServer;

beforeAll(async () => {
  server = await startTdsServer();
  await createOrderHeader(server.admin, 1200);
  await createSqlServerTable(server.admin, 'Person', 'Address', [
    { name: 'AddressID', type: 'int', pk: true }, { name: 'City', type: 'nvarchar(30)' }, { name: 'SpatialLocation', type: 'geography' },
  ]);
});
afterAll(async () => server?.close());

/** Runs and returns the TsdbtError it must throw. */
async function failure(projectDir: string): Promise<{ code: string; message: string; diagnostics: { file?: string; line?: number; hint?: string }[] }> {
  try {
    await runIngest({ projectDir });
  } catch (error) {
    return error as never;
  }
  throw new Error('expected the ingest to fail');
}

describe('failure paths', () => {
  it('a bad password fails at login with a coded error', async () => {
    const project = makeProject('badpw');
    project.writeIngest({ source: mssqlSource(server.port, 'wrong'), tables: ['Sales.SalesOrderHeader'] });
    const e = await failure(project.dir);
    expect(e.code).toBe('TSDBT_SOURCE_LOGIN_FAILED');
    expect(e.message).toContain("Login failed for user 'sa'");
  });

  it('a missing table is reported with the config file and line', async () => {
    const project = makeProject('missing');
    project.writeIngest({ source: mssqlSource(server.port), tables: ['Sales.SalesOrderHeader', 'Sales.NoSuchTable'] });
    const e = await failure(project.dir);
    expect(e.code).toBe('TSDBT_INGEST_TABLE_NOT_FOUND');
    expect(e.message).toBe('Source table Sales.NoSuchTable does not exist');
    expect(e.diagnostics[0]).toMatchObject({ file: 'ingest.yml', line: 12 });
  });

  it('a type it cannot map names the column and suggests excluding it; excluding it loads the rest', async () => {
    const project = makeProject('unmapped');
    project.writeIngest({ source: mssqlSource(server.port), tables: ['Person.Address'] });
    const e = await failure(project.dir);
    expect(e.code).toBe('TSDBT_INGEST_TYPE_UNSUPPORTED');
    expect(e.message).toContain("Person.Address.SpatialLocation has type 'geography'");
    expect(e.diagnostics[0]!.hint).toContain('exclude: [SpatialLocation]');
    project.writeIngest({ source: mssqlSource(server.port), tables: [{ name: 'Person.Address', exclude: ['SpatialLocation'] }] });
    expect((await runIngest({ projectDir: project.dir })).tables[0]!.status).toBe('loaded');
  });

  it('an invalid config value is reported with its key path and line', async () => {
    const project = makeProject('badconfig');
    project.writeIngest({ source: mssqlSource(server.port), tables: [{ name: 'Sales.SalesOrderHeader', write_disposition: 'upsert' }] });
    const e = await failure(project.dir);
    expect(e.code).toBe('TSDBT_INGEST_CONFIG_INVALID');
    expect(e.message).toContain('tables.0.write_disposition');
    expect(e.diagnostics[0]).toMatchObject({ file: 'ingest.yml', line: 12 });
  });

  it('a connection dropped mid-read is retried and the load completes without duplicates', async () => {
    const project = makeProject('drop-once');
    project.writeIngest({ source: mssqlSource(server.port), chunk_size: 100, retries: { attempts: 2, backoff_ms: 10 }, tables: ['Sales.SalesOrderHeader'] });
    Object.assign(server.faults, { dropAfterRows: 700, dropCount: 1 });
    const result = await runIngest({ projectDir: project.dir });
    expect(result.tables[0]).toMatchObject({ status: 'loaded', rows: 1200, attempts: 2 });
    const n = await queryWarehouse(project.warehouse, `SELECT count(DISTINCT sales_order_id) AS d, count(*) AS n FROM staging.sales_order_header`);
    expect(n[0]).toEqual({ d: '1200', n: '1200' });
  });

  it('a connection that keeps dropping fails clearly after the retries and leaves the destination unchanged', async () => {
    const project = makeProject('drop-always');
    project.writeIngest({ source: mssqlSource(server.port), chunk_size: 100, retries: { attempts: 2, backoff_ms: 10 }, tables: [{ name: 'Sales.SalesOrderHeader', write_disposition: 'append' }] });
    await runIngest({ projectDir: project.dir });
    Object.assign(server.faults, { dropAfterRows: 500, dropCount: 3 });
    const result = await runIngest({ projectDir: project.dir });
    Object.assign(server.faults, { dropCount: 0 });
    expect(result.tables[0]!.status).toBe('failed');
    expect(result.tables[0]!.error!.code).toBe('TSDBT_INGEST_SOURCE_ERROR');
    expect(result.tables[0]!.error!.message).toMatch(/^Sales\.SalesOrderHeader: reading the source failed \(gave up after 3 attempts\): /);
    expect(result.tables[0]!.error!.hint).toContain('FROM [Sales].[SalesOrderHeader]');
    const n = await queryWarehouse(project.warehouse, `SELECT count(*) AS n FROM staging.sales_order_header`);
    expect(n[0]!.n).toBe('1200');
  });
});
