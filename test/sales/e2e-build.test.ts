/**
 * The real tool end to end: tsdbt-sample writes the source, `tsdbt ingest` lands it in staging, `tsdbt build` builds
 * and tests every model, scripts/answers.mjs prints the six answers. Needs the build (`tsc -b`).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT } from './sql-harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'packages/cli/dist/bin.js');
const SAMPLE = join(ROOT, 'packages/sample-data/bin/tsdbt-sample.js');
const CSV_DIR = resolve(ROOT, '../shared/data/adventureworks2019');
const built = existsSync(CLI) && existsSync(join(ROOT, 'packages/sample-data/dist/bin.js'));
const work = mkdtempSync(join(tmpdir(), 'sales-e2e-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the project with its own source file and warehouse. */
function project(name: string, sampleArgs: string[]): { dir: string; run: (...a: string[]) => ReturnType<typeof spawnSync> } {
  const dir = join(work, name);
  cpSync(PROJECT, dir, { recursive: true, filter: (src) => !/[/\\](target|data|logs)$/.test(src) });
  mkdirSync(join(dir, 'target'), { recursive: true });
  const env = { ...process.env, SALES_SOURCE_DB: join(dir, 'data/source.duckdb'), SALES_WAREHOUSE_DB: join(dir, 'data/sales_warehouse.duckdb') };
  const sample = spawnSync(process.execPath, [SAMPLE, '--out', env.SALES_SOURCE_DB, ...sampleArgs], { encoding: 'utf8' });
  if (sample.status !== 0) throw new Error(`tsdbt-sample failed: ${sample.stderr}`);
  const run = (...args: string[]) => spawnSync(process.execPath, args[0]!.endsWith('.mjs') ? args : [CLI, ...args, '--project-dir', dir],
    { encoding: 'utf8', env, cwd: dir });
  return { dir, run };
}

async function scalarRow(db: string, sql: string): Promise<Record<string, unknown>> {
  const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson()[0] as Record<string, unknown>;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

describe.skipIf(!built)('sales project through tsdbt (needs `tsc -b`)', () => {
  it('ingests, builds with every test passing, answers at scale 0.01, and fails when a reconciliation breaks', async () => {
    const p = project('generated', ['--scale', '0.01', '--seed', '42']);
    const ingest = p.run('ingest');
    expect(ingest.status, String(ingest.stderr)).toBe(0);
    const build = p.run('build');
    expect(build.status, String(build.stdout) + String(build.stderr)).toBe(0);
    expect(String(build.stdout)).toMatch(/ERROR=0/);
    const answers = p.run(join(ROOT, 'scripts/answers.mjs'), '--db', join(p.dir, 'data/sales_warehouse.duckdb'));
    expect(answers.status, String(answers.stderr)).toBe(0);
    for (const title of ['Top 10 customers by lifetime value', 'Top 10 states by customers', 'Top 10 products by net revenue',
      'Net revenue by month', 'Top 10 products by return rate', 'Discount bands']) expect(String(answers.stdout)).toContain(title);

    // Tamper with one order's subtotal in the landed data: its lines no longer reconcile, so the build must fail.
    const instance = await DuckDBInstance.create(join(p.dir, 'data/sales_warehouse.duckdb'));
    const conn = await instance.connect();
    await conn.run(`UPDATE staging.sales_order_header SET sub_total = sub_total + 1
      WHERE sales_order_id = (SELECT min(sales_order_id) FROM staging.sales_order_header)`);
    conn.closeSync();
    instance.closeSync();
    const broken = p.run('build');
    expect(broken.status).not.toBe(0);
    expect(String(broken.stdout)).toMatch(/FAIL.*assert_fact_sales_reconciles_to_orders/);
  }, 180_000);

  it('picks up --advance with a second, incremental ingest and builds again', async () => {
    const p = project('incremental', ['--scale', '0.02', '--seed', '8']);
    expect(p.run('ingest').status).toBe(0);
    const count = (db: string) => scalarRow(db, `SELECT count(*)::INTEGER AS orders,
      (SELECT count(*)::INTEGER FROM staging.sales_order_header WHERE comment IS NOT NULL) AS revised
      FROM staging.sales_order_header`);
    const warehouse = join(p.dir, 'data/sales_warehouse.duckdb');
    const before = await count(warehouse);
    const advance = spawnSync(process.execPath, [SAMPLE, '--out', join(p.dir, 'data/source.duckdb'), '--advance', '5'], { encoding: 'utf8' });
    expect(advance.status, advance.stderr).toBe(0);
    const source = await scalarRow(join(p.dir, 'data/source.duckdb'), `SELECT count(*)::INTEGER AS orders,
      count(Comment)::INTEGER AS revised FROM Sales.SalesOrderHeader`);
    expect(p.run('ingest').status).toBe(0);
    const after = await count(warehouse);
    expect(after).toEqual(source);
    expect(after.orders).toBeGreaterThan(before.orders as number);
    expect(after.revised).toBeGreaterThan(0);
    const build = p.run('build');
    expect(build.status, String(build.stdout)).toBe(0);
  }, 180_000);

  it.skipIf(!existsSync(join(CSV_DIR, 'Sales.SalesOrderHeader.csv')))('builds over the real AdventureWorks rows', async () => {
    const p = project('real', ['--from-csv', CSV_DIR]);
    expect(p.run('ingest').status).toBe(0);
    const build = p.run('build');
    expect(build.status, String(build.stdout)).toBe(0);
    const r = await scalarRow(join(p.dir, 'data/sales_warehouse.duckdb'), `SELECT
      (SELECT sum(line_total)::VARCHAR FROM analytics.fact_sales) AS net,
      (SELECT count(*)::INTEGER FROM staging.stg_customers) AS customers,
      (SELECT max(return_rate) FROM analytics.product_demand) AS max_rate`);
    expect(r).toEqual({ net: '109846381.399888', customers: 19_820, max_rate: 0 });
  }, 240_000);
});
