import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedFile } from '@tsdbt/sample-data';
import { buildModels, landSource, schemaTests, singularTests } from './sql-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'sales-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function warehouse(source: string): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await landSource(conn, source);
  await buildModels(conn);
  return conn;
}

const rows = async (conn: DuckDBConnection, sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson();

function projectTests(label: string, getConn: () => DuckDBConnection): void {
  describe(`${label}: the project's tests pass`, () => {
    it.each(schemaTests().map((t) => [t.name, t.sql]))('%s', async (_name, sql) => {
      expect(await rows(getConn(), sql)).toEqual([]);
    });
    it.each(singularTests().map((t) => [t.name, t.sql]))('%s', async (_name, sql) => {
      expect(await rows(getConn(), sql)).toEqual([]);
    });
  });
}

// Scale 0.01 and the real rows go through tsdbt itself in e2e-build.test.ts; scale 1 is checked here in process.
for (const scale of [1]) {
  describe(`generated source at scale ${scale}`, () => {
    let conn: DuckDBConnection;
    beforeAll(async () => {
      const source = join(dir, `gen-${scale}.duckdb`);
      await writeGeneratedFile(source, { scale, seed: 42 });
      conn = await warehouse(source);
    });
    projectTests(`scale ${scale}`, () => conn);

    it('answers the business questions with business-like numbers', async () => {
      const [r] = await rows(conn, `SELECT
        (SELECT count(DISTINCT discount_band) FROM analytics.discount_impact) AS bands,
        (SELECT count(*) FROM analytics.customer_analysis WHERE customer_type = 'individual') AS individuals,
        (SELECT count(*) FROM analytics.customer_analysis WHERE customer_type = 'store') AS stores,
        (SELECT count(DISTINCT state_province) FROM analytics.customer_analysis) AS states,
        (SELECT count(DISTINCT order_month) FROM analytics.sales_performance) AS months,
        (SELECT count(DISTINCT segment) FROM analytics.customer_analysis) AS segments,
        (SELECT max(return_rate) FROM analytics.product_demand WHERE units_sold >= 50) AS max_return_rate,
        (SELECT count(*) FROM staging.stg_customers WHERE state_province IS NULL) AS no_address`);
      expect(Number(r!.individuals)).toBeGreaterThan(0);
      expect(Number(r!.stores)).toBeGreaterThan(0);
      expect(Number(r!.states)).toBeGreaterThan(scale < 0.1 ? 10 : 40);
      expect(Number(r!.months)).toBe(38);
      expect(Number(r!.segments)).toBe(3);
      if (scale >= 1) {
        expect(Number(r!.bands)).toBe(4);
        expect(Number(r!.max_return_rate)).toBeGreaterThan(0);
        expect(Number(r!.no_address)).toBeGreaterThan(0);
      }
    });
  });
}
