import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTdsServer } from '../stand-ins/tds/server.mjs';
import type { TdsServer } from '../stand-ins/tds/server.mjs';
import { makeProject, mssqlSource } from './helpers/fixture-project.js';
import { createOrderHeader, createProduct } from './helpers/source-tables.js';
import { CLI, runCli } from './helpers/run-cli.js';
import { queryWarehouse } from './helpers/warehouse.js';

const built = existsSync(CLI.replace(/bin[/\\]tsdbt\.js$/, 'dist/bin.js'));
let server: TdsServer;

beforeAll(async () => {
  server = await startTdsServer();
  await createOrderHeader(server.admin, 300);
  await createProduct(server.admin, 12);
});
afterAll(async () => server?.close());

describe.skipIf(!built)('tsdbt ingest (CLI)', () => {
  it('--dry-run prints the plan with source and destination types and writes nothing', async () => {
    const project = makeProject('dry');
    project.writeIngest({ source: mssqlSource(server.port), tables: [{ name: 'Sales.SalesOrderHeader', write_disposition: 'merge', cursor: 'ModifiedDate', initial_value: '2024-01-05' }] });
    const run = await runCli(['ingest', '--dry-run'], project.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Sales.SalesOrderHeader → staging.sales_order_header (merge; primary_key SalesOrderID; incremental: ModifiedDate >= 2024-01-05T00:00:00.000Z; contract evolve)');
    expect(run.stdout).toMatch(/\| SubTotal +\| money +\| sub_total +\| DECIMAL\(19,4\) +\|/);
    expect(run.stdout).toMatch(/\| AccountNumber +\| AccountNumber \(nvarchar\(15\)\) +\| account_number +\| VARCHAR +\|/);
    const tables = await queryWarehouse(project.warehouse, `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'staging'`);
    expect(tables[0]!.n).toBe('0');
  });

  it('loads, prints a summary, and --status shows the loads and the cursor', async () => {
    const project = makeProject('status');
    project.writeIngest({ source: mssqlSource(server.port), tables: [{ name: 'Sales.SalesOrderHeader', write_disposition: 'append', cursor: 'ModifiedDate' }, 'Production.Product'] });
    const run = await runCli(['ingest', '--tables', 'SalesOrderHeader'], project.dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\| Sales\.SalesOrderHeader \| staging\.sales_order_header \| append +\| +300 \|/);
    expect(run.stdout).not.toContain('Production.Product');
    const status = await runCli(['ingest', '--status'], project.dir);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/\| sales_order_header \| Sales\.SalesOrderHeader \| append +\| +300 \|.*\| loaded/);
    expect(status.stdout).toMatch(/\| sales_order_header \| Sales\.SalesOrderHeader \| ModifiedDate \| 2024-01-13T12:00:00\.000Z \| +1 \|/);
    const json = await runCli(['ingest', '--status', '--log-format', 'json'], project.dir);
    expect(JSON.parse(json.stdout).cursors[0].lastValue).toBe('2024-01-13T12:00:00.000Z');
  });

  it('a user error exits non-zero with a coded message and no stack trace', async () => {
    const project = makeProject('clierr');
    project.writeIngest({ source: mssqlSource(server.port, 'wrong'), tables: ['Sales.SalesOrderHeader'] });
    const run = await runCli(['ingest'], project.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error TSDBT_SOURCE_LOGIN_FAILED: SQL Server 127.0.0.1:");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    project.writeIngest({ source: mssqlSource(server.port), tables: ['Sales.SalesOrderHeader'] });
    const unknown = await runCli(['ingest', '--tables', 'Nope'], project.dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("ingest.yml: error TSDBT_INGEST_TABLE_NOT_SELECTED: --tables names 'Nope', which the ingest config does not load");
  });
});
