import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLES, writeGeneratedFile } from '@tsdbt/sample-data';
import { FINGERPRINT_SQL, query, tempDir } from './helpers.js';

const dir = tempDir();
const all = TABLES.map((t) => FINGERPRINT_SQL(`${t.schema}.${t.name}`));

async function fingerprints(path: string): Promise<unknown[]> {
  return (await query(path, ...all)).map((rows) => rows[0]);
}

describe('generator determinism', () => {
  it('writes identical data for the same scale and seed, different data for another seed', async () => {
    const a = join(dir, 'a.duckdb');
    const b = join(dir, 'b.duckdb');
    const c = join(dir, 'c.duckdb');
    await writeGeneratedFile(a, { scale: 0.05, seed: 11 });
    await writeGeneratedFile(b, { scale: 0.05, seed: 11 });
    await writeGeneratedFile(c, { scale: 0.05, seed: 12 });
    const [fa, fb, fc] = [await fingerprints(a), await fingerprints(b), await fingerprints(c)];
    expect(fa).toEqual(fb);
    const orders = (f: unknown[]) => f.find((x) => (x as { t: string }).t === 'Sales.SalesOrderDetail');
    expect(orders(fa)).not.toEqual(orders(fc));
  });
});

describe('sizes per scale', () => {
  it.each([0.01, 0.1, 0.5])('scale %s has AdventureWorks2019 proportions', async (scale) => {
    const path = join(dir, `s${scale}.duckdb`);
    await writeGeneratedFile(path, { scale, seed: 42 });
    const [[r]] = await query(path, `SELECT
      (SELECT count(*) FROM Sales.Customer) AS customers,
      (SELECT count(*) FROM Sales.Store) AS stores,
      (SELECT count(*) FROM Production.Product) AS products,
      (SELECT count(*) FROM Sales.SalesOrderHeader) AS orders,
      (SELECT count(*) FROM Sales.SalesOrderDetail) AS lines,
      (SELECT count(DISTINCT CustomerID) FROM Sales.SalesOrderHeader) AS buyers,
      (SELECT min(OrderDate)::DATE::VARCHAR FROM Sales.SalesOrderHeader) AS first,
      (SELECT max(OrderDate)::DATE::VARCHAR FROM Sales.SalesOrderHeader) AS last`) as [[Record<string, number | string>]];
    expect(Number(r.customers)).toBe(Math.round(19_820 * scale));
    expect(Number(r.stores)).toBe(Math.round(701 * scale));
    expect(Number(r.products)).toBe(504);
    expect(Number(r.orders)).toBeGreaterThan(31_465 * scale * 0.9);
    expect(Number(r.orders)).toBeLessThan(31_465 * scale * 1.1);
    expect(Number(r.lines)).toBeGreaterThan(121_317 * scale * 0.8);
    expect(Number(r.lines)).toBeLessThan(121_317 * scale * 1.2);
    expect(Number(r.buyers)).toBeGreaterThan(Number(r.customers) * 0.85);
    expect(r.first >= '2011-05-31' && r.last <= '2014-06-30').toBe(true);
  });
});
