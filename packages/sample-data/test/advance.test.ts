import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSample, writeGeneratedFile } from '@tsdbt/sample-data';
import { FINGERPRINT_SQL, query, tempDir } from './helpers.js';

const dir = tempDir();
const base = join(dir, 'base.duckdb');
const STATS = `SELECT (SELECT count(*) FROM Sales.SalesOrderHeader)::INTEGER AS orders,
  (SELECT max(OrderDate)::DATE::VARCHAR FROM Sales.SalesOrderHeader) AS last,
  (SELECT max(ModifiedDate)::VARCHAR FROM Sales.SalesOrderHeader) AS hmod,
  (SELECT max(ModifiedDate)::VARCHAR FROM Production.Product) AS pmod,
  (SELECT max(ModifiedDate)::VARCHAR FROM Person.Person) AS mod`;

beforeAll(async () => {
  await writeGeneratedFile(base, { scale: 0.1, seed: 3 });
});

describe('--advance', () => {
  it('adds N days of orders and bumps ModifiedDate on changed rows', async () => {
    const path = join(dir, 'adv.duckdb');
    copyFileSync(base, path);
    const [[before]] = await query(path, STATS) as [[Record<string, string | number>]];
    await runSample({ out: path, advance: 10, scale: 1, seed: 42, help: false });
    const [[after], changed, newer] = await query(path, STATS,
      `SELECT count(*)::INTEGER AS n FROM Sales.SalesOrderHeader WHERE ModifiedDate > '${before.hmod}' AND OrderDate <= '${before.last}'`,
      `SELECT count(*)::INTEGER AS n FROM Sales.SalesOrderDetail d JOIN Sales.SalesOrderHeader h USING (SalesOrderID)
       WHERE h.OrderDate > '${before.last}'`) as [[Record<string, string | number>], Record<string, number>[], Record<string, number>[]];
    expect(after.orders as number).toBeGreaterThan(before.orders as number);
    expect(after.last).toBe(new Date(Date.parse(`${before.last}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10));
    expect(changed![0]!.n).toBeGreaterThan(0);
    expect(newer![0]!.n).toBeGreaterThan(0);
    expect(String(after.pmod) > String(before.pmod)).toBe(true);
    expect(String(after.mod) > String(before.mod)).toBe(true);
    const [[returns]] = await query(path, `SELECT count(*)::INTEGER AS n,
      count(*) FILTER (WHERE d.SalesOrderDetailID IS NULL OR r.ReturnQty > d.OrderQty OR r.ReturnQty < 1)::INTEGER AS bad
      FROM Sales.SalesOrderReturn r LEFT JOIN Sales.SalesOrderDetail d USING (SalesOrderID, SalesOrderDetailID)
      WHERE r.ReturnDate > '${before.last}'`) as [[Record<string, number>]];
    expect(returns.n).toBeGreaterThan(0);
    expect(returns.bad).toBe(0);
  });

  it('keeps the amounts consistent and is deterministic', async () => {
    const a = join(dir, 'a.duckdb');
    const b = join(dir, 'b.duckdb');
    copyFileSync(base, a);
    copyFileSync(base, b);
    for (const p of [a, b]) {
      await runSample({ out: p, advance: 4, scale: 1, seed: 42, help: false });
      await runSample({ out: p, advance: 3, scale: 1, seed: 42, help: false });
    }
    const tables = ['Sales.SalesOrderHeader', 'Sales.SalesOrderDetail', 'Production.Product', 'Person.Person'];
    expect(await query(a, ...tables.map(FINGERPRINT_SQL))).toEqual(await query(b, ...tables.map(FINGERPRINT_SQL)));
    const [[r]] = await query(a, `SELECT max(abs(h.SubTotal - d.s)) AS worst, count(DISTINCT SalesOrderID) = count(*) AS uniq
      FROM Sales.SalesOrderHeader h JOIN (SELECT SalesOrderID, sum(LineTotal) AS s FROM Sales.SalesOrderDetail GROUP BY 1) d
      USING (SalesOrderID)`) as [[Record<string, unknown>]];
    expect(Number(r.worst)).toBeLessThanOrEqual(0.00005);
    expect(r.uniq).toBe(true);
  });

  it('fails with a coded error on a missing file', async () => {
    await expect(runSample({ out: join(dir, 'nope.duckdb'), advance: 1, scale: 1, seed: 1, help: false }))
      .rejects.toMatchObject({ code: 'SAMPLE_FILE_NOT_FOUND', exitCode: 2 });
  });
});
