import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedFile } from '@tsdbt/sample-data';
import { adapter } from '@tsdbt/adapter-snowflake';
import type { Connection } from '@tsdbt/core';
import { startStandIn } from '../stand-ins/snowflake/server.mjs';
import type { SnowflakeStandIn } from '../stand-ins/snowflake/server.mjs';
import { landSource, PROJECT } from '../sales/sql-harness.js';
import { runTsdbt } from '../runner/run-tsdbt.js';
import { closeStandIn } from './helpers/close-stand-in.js';

type StandIn = SnowflakeStandIn;
const MARTS = ['fact_sales', 'customer_analysis', 'discount_impact', 'product_demand', 'sales_performance'];

/** DuckDB column types of the landed raw tables → the Snowflake types the ingest would create. */
function snowflakeType(duck: string): string {
  const t = duck.toUpperCase();
  if (/^DECIMAL/u.test(t)) return t.replace('DECIMAL', 'number');
  if (/INT/u.test(t)) return 'number(38,0)';
  if (t === 'DOUBLE' || t === 'FLOAT') return 'float';
  if (t.startsWith('TIMESTAMP')) return 'timestamp_ntz';
  return { DATE: 'date', BOOLEAN: 'boolean', BLOB: 'binary' }[t] ?? 'varchar';
}

/** Every raw table of the DuckDB source into the stand-in through the adapter's PUT + COPY INTO bulk load. */
async function landInSnowflake(duck: DuckDBConnection, sf: Connection): Promise<void> {
  const d = adapter.createDialect(profile(0));
  await sf.execute('create schema if not exists sales.staging');
  const tables = (await duck.runAndReadAll("select table_name from information_schema.tables where table_schema = 'staging'")).getRows().map((r) => String(r[0]));
  for (const table of tables) {
    const cols = (await duck.runAndReadAll(`describe staging.${table}`)).getRows().map((r) => ({ name: String(r[0]).toUpperCase(), dataType: snowflakeType(String(r[1])) }));
    const rel = { database: 'SALES', schema: 'STAGING', identifier: table.toUpperCase() };
    await sf.execute(`create or replace table ${d.renderRelation(rel)} (${cols.map((c) => `${(d as unknown as { column(n: string): string }).column(c.name)} ${c.dataType}`).join(', ')})`);
    const rows = (await duck.runAndReadAll(`select * from staging.${table}`)).getRows().map((r) => r.map((v) => (v === null || typeof v !== 'object' ? v : String(v))));
    async function* chunks() { for (let i = 0; i < rows.length; i += 5000) yield rows.slice(i, i + 5000); }
    expect(await sf.bulkLoad!(rel, cols, chunks())).toBe(rows.length);
  }
}

let port = 0;
function profile(p: number) {
  return adapter.parseConfig({ type: 'snowflake', account: 'standin', user: 'tsdbt', password: 'pw', database: 'sales', warehouse: 'wh', schema: 'analytics', host: '127.0.0.1', port: p || 1, protocol: 'http' }, 'snowflake', { projectDir: '.' });
}

function normalize(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().replace(/T00:00:00\.000Z$/u, '');
  if (typeof v === 'bigint' || typeof v === 'number') return Number(Number(v).toPrecision(12));
  if (typeof v === 'object') { const n = Number(String(v)); return Number.isNaN(n) ? String(v) : Number(n.toPrecision(12)); }
  return v;
}

describe('the sales project with --target snowflake against the stand-in equals the DuckDB target', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sales-sf-'));
  let standIn: StandIn;
  let duck: DuckDBConnection;
  let sf: Connection;

  beforeAll(async () => {
    standIn = await startStandIn();
    port = standIn.port;
    cpSync(PROJECT, join(dir, 'project'), { recursive: true });
    const project = join(dir, 'project');
    writeFileSync(join(project, 'profiles.yml'), [
      'sales_analytics:', '  target: dev', '  outputs:', '    dev:', '      type: duckdb', `      path: ${join(dir, 'sales.duckdb')}`, '      schema: analytics', '      threads: 2',
      '    snowflake:', '      type: snowflake', '      account: standin', '      user: tsdbt', '      password: pw', '      database: sales', '      warehouse: wh',
      '      schema: analytics', '      threads: 2', '      host: 127.0.0.1', `      port: ${port}`, '      protocol: http', ''].join('\n'));
    const source = join(dir, 'source.duckdb');
    await writeGeneratedFile(source, { scale: 0.01, seed: 7 });
    duck = await (await DuckDBInstance.create(join(dir, 'sales.duckdb'))).connect();
    await landSource(duck, source);
    sf = await adapter.connect(profile(port));
    await landInSnowflake(duck, sf);
    duck.closeSync();
  }, 300_000);

  afterAll(async () => {
    await closeStandIn(standIn, { conn: sf, dir });
  });

  it('builds and tests on both targets, and every analytics table matches row for row', async () => {
    const project = join(dir, 'project');
    const onDuck = await runTsdbt(project, ['build', '--target', 'dev']);
    expect(onDuck.exitCode, onDuck.stdout + onDuck.stderr).toBe(0);
    const onSf = await runTsdbt(project, ['build', '--target', 'snowflake']);
    expect(onSf.exitCode, onSf.stdout + onSf.stderr).toBe(0);
    // A second build replaces every table in place (`alter table … swap with …`).
    const again = await runTsdbt(project, ['build', '--target', 'snowflake']);
    expect(again.exitCode, again.stdout + again.stderr).toBe(0);
    const duckAgain = await (await DuckDBInstance.create(join(dir, 'sales.duckdb'))).connect();
    for (const model of MARTS) {
      const duckRows = (await duckAgain.runAndReadAll(`select * from analytics.${model} order by all`)).getRowsJS().map((r) => r.map(normalize));
      const sfRows = (await sf.execute(`select * from sales.analytics.${model} order by all`)).rows.map((r) => r.map(normalize));
      expect(sfRows.length, model).toBeGreaterThan(0);
      expect(sfRows, model).toEqual(duckRows);
    }
    duckAgain.closeSync();
  }, 300_000);
});
