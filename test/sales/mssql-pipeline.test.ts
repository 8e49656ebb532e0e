/**
 * The SQL Server path end to end, through the TDS stand-in: `tsdbt-sample --mssql` fills it with the same INSERT
 * batches a real server gets, `tsdbt ingest --config ingest.mssql.yml` lands it in the warehouse and `tsdbt build`
 * passes every test. The stand-in runs in this process, so the tools are spawned asynchronously (a spawnSync would
 * block its socket). The stand-in cannot run SQL Server DDL (money, bit, tinyint), so its tables are declared through
 * its own createSqlServerTable() and filled with `--existing-tables`. Needs the build (`tsc -b`).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdbType, TABLES } from '@tsdbt/sample-data';
import type { TableDef } from '@tsdbt/sample-data';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqlServerTable } from '../stand-ins/tds/catalog.mjs';
import { startTdsServer } from '../stand-ins/tds/server.mjs';
import { PROJECT } from './sql-harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'packages/cli/dist/bin.js');
const SAMPLE = join(ROOT, 'packages/sample-data/bin/tsdbt-sample.js');
const built = existsSync(CLI) && existsSync(join(ROOT, 'packages/sample-data/dist/bin.js'));
const PASSWORD = 'Str0ng!Pass';
const work = mkdtempSync(join(tmpdir(), 'sales-mssql-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Ran { status: number | null; stdout: string; stderr: string }

/** Runs node with args without blocking the event loop (the in-process stand-in must keep answering). */
function run(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Declares the generator's tables in the stand-in with their SQL Server types, as a DBA would on a real server. */
async function declareTables(admin: DuckDBConnection, tables: readonly TableDef[] = TABLES): Promise<void> {
  for (const t of tables) {
    await createSqlServerTable(admin, t.schema, t.name,
      t.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, pk: t.primaryKey.includes(c.name) })));
  }
}

const connectionString = (port: number, password = PASSWORD) =>
  `Server=127.0.0.1,${port};Database=AdventureWorks2019;User Id=sa;Password=${password};Encrypt=false;Connect Timeout=5`;

async function one(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJson()[0] as Record<string, unknown>;
}

async function readFile(db: string, sql: string): Promise<Record<string, unknown>> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    return await one(conn, sql);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

const DETAIL_TOTALS = `SELECT count(*)::INTEGER AS lines, sum(LineTotal)::VARCHAR AS line_total FROM "Sales"."SalesOrderDetail"`;

describe.skipIf(!built)('sales pipeline from SQL Server (TDS stand-in; needs `tsc -b`)', () => {
  it('fills the stand-in with tsdbt-sample --mssql, ingests it with ingest.mssql.yml and builds with every test passing', async () => {
    const server = await startTdsServer({ dbPath: join(work, 'stand-in.duckdb'), password: PASSWORD });
    try {
      await declareTables(server.admin);
      const fill = await run([SAMPLE, '--mssql', connectionString(server.port), '--existing-tables', '--scale', '0.01']);
      expect(fill.status, fill.stderr).toBe(0);

      // The same draw written to an embedded file: the server holds exactly the generated rows.
      const reference = join(work, 'reference.duckdb');
      const out = await run([SAMPLE, '--out', reference, '--scale', '0.01']);
      expect(out.status, out.stderr).toBe(0);
      const generated = await readFile(reference, DETAIL_TOTALS);
      expect(Number(generated.lines)).toBeGreaterThan(500);
      expect(await one(server.admin, DETAIL_TOTALS)).toEqual(generated);
      for (const t of TABLES) {
        const q = `SELECT count(*)::INTEGER AS n FROM "${t.schema}"."${t.name}"`;
        expect(await one(server.admin, q), `${t.schema}.${t.name}`).toEqual(await readFile(reference, q));
      }

      // A copy of the project pointed at the stand-in (which has no TLS: encrypt off in the copy).
      const dir = join(work, 'project');
      cpSync(PROJECT, dir, { recursive: true, filter: (src) => !/[/\\](target|data|logs)$/.test(src) });
      mkdirSync(join(dir, 'target'), { recursive: true });
      const config = join(dir, 'ingest.mssql.yml');
      writeFileSync(config, readFileSync(config, 'utf8').replace(/encrypt: true/, 'encrypt: false'));
      const warehouse = join(dir, 'data/sales_warehouse.duckdb');
      const env = { ...process.env, SALES_WAREHOUSE_DB: warehouse, SALES_SOURCE_DB: join(dir, 'data/unused.duckdb'),
        MSSQL_SERVER: '127.0.0.1', MSSQL_PORT: String(server.port), MSSQL_USER: 'sa', MSSQL_PASSWORD: PASSWORD };
      const ingest = await run([CLI, 'ingest', '--project-dir', dir, '--config', 'ingest.mssql.yml'], { env, cwd: dir });
      expect(ingest.status, ingest.stdout + ingest.stderr).toBe(0);
      const build = await run([CLI, 'build', '--project-dir', dir], { env, cwd: dir });
      expect(build.status, build.stdout + build.stderr).toBe(0);
      expect(build.stdout).toMatch(/ERROR=0/);

      const landed = await readFile(warehouse,
        'SELECT count(*)::INTEGER AS lines, sum(line_total)::VARCHAR AS line_total FROM staging.sales_order_detail');
      expect(landed).toEqual(generated);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('fails with a coded error and no stack trace on a bad password', async () => {
    const server = await startTdsServer({ password: PASSWORD });
    try {
      await declareTables(server.admin);
      const fill = await run([SAMPLE, '--mssql', connectionString(server.port, 'wrong'), '--existing-tables', '--scale', '0.01']);
      expect(fill.status).toBe(1);
      expect(fill.stderr).toMatch(/^tsdbt-sample: error SAMPLE_MSSQL_CONNECT_FAILED: cannot connect to SQL Server: Login failed for user 'sa'/);
      expect(fill.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await server.close();
    }
  });

  it('leaves every table as it was when an INSERT fails mid-fill', async () => {
    const server = await startTdsServer({ password: PASSWORD });
    try {
      const detail = TABLES.find((t) => t.name === 'SalesOrderDetail')!;
      await declareTables(server.admin, TABLES.filter((t) => t !== detail));
      // A constraint the generated rows break part-way through: resellers order more than 4 units of a product.
      const columns = detail.columns.map((c) => `"${c.name}" ${duckdbType(c.type)}`).join(', ');
      await server.admin.run(`CREATE TABLE "Sales"."SalesOrderDetail" (${columns}, CHECK ("OrderQty" < 5))`);
      await server.admin.run(`INSERT INTO "Person"."AddressType" VALUES (99, 'Kept', TIMESTAMP '2010-01-01 00:00:00')`);

      const fill = await run([SAMPLE, '--mssql', connectionString(server.port), '--existing-tables', '--scale', '0.01']);
      expect(fill.status).toBe(1);
      expect(fill.stderr).toMatch(/^tsdbt-sample: error SAMPLE_MSSQL_FAILED: .*SalesOrderDetail/);
      expect(fill.stderr).not.toMatch(/\n\s+at /);
      // Every table's transaction was rolled back: the old row is still there, nothing generated is.
      expect(await one(server.admin, `SELECT count(*)::INTEGER AS n, max("Name") AS name FROM "Person"."AddressType"`))
        .toEqual({ n: 1, name: 'Kept' });
      for (const t of ['Sales"."SalesOrderDetail', 'Sales"."SalesOrderHeader', 'Sales"."Customer', 'Production"."Product']) {
        expect(await one(server.admin, `SELECT count(*)::INTEGER AS n FROM "${t}"`), t).toEqual({ n: 0 });
      }
    } finally {
      await server.close();
    }
  });
});
