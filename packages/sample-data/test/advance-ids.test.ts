import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { INFO_TABLE, TABLES, advanceFile, writeGeneratedFile } from '@tsdbt/sample-data';
import { FINGERPRINT_SQL, query, scalar, tempDir } from './helpers.js';

// Regression: `--advance 30` on a file made with the default seed (as `npm start` makes it) failed with
// `Duplicate key "SalesOrderReturnID: …"` — the new orders' returns were numbered from the max taken before the
// late returns of older lines were inserted — and left the file half advanced. Scale 0.02 is the smallest scale
// at which the default seed hits it; the same shape as scale 1, only fewer customers and orders.
const dir = tempDir();
const base = join(dir, 'seed42.duckdb');
const SCALE = 0.02;
const SEED = 42;

const ALL_TABLES = [...TABLES.map((t) => `${t.schema}.${t.name}`), INFO_TABLE];
const fingerprint = (path: string) => query(path, ...ALL_TABLES.map(FINGERPRINT_SQL));
const copyOfBase = (name: string): string => {
  const path = join(dir, name);
  copyFileSync(base, path);
  return path;
};

async function exec(path: string, ...sql: string[]): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  try {
    for (const q of sql) await conn.run(q);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** Every return names a real line, once, with IDs unique and those of the new rows above the old maximum. */
async function expectReturnsConsistent(path: string, oldMaxId: number): Promise<{ n: number; fresh: number }> {
  const [[r]] = await query(path, `SELECT count(*)::INTEGER AS n, count(DISTINCT SalesOrderReturnID)::INTEGER AS ids,
      count(DISTINCT SalesOrderDetailID)::INTEGER AS lines,
      count(*) FILTER (WHERE d.SalesOrderDetailID IS NULL)::INTEGER AS orphans,
      count(*) FILTER (WHERE SalesOrderReturnID > ${oldMaxId})::INTEGER AS fresh
    FROM Sales.SalesOrderReturn r LEFT JOIN Sales.SalesOrderDetail d USING (SalesOrderID, SalesOrderDetailID)`) as [[Record<string, number>]];
  expect(r.ids).toBe(r.n);
  expect(r.lines).toBe(r.n);
  expect(r.orphans).toBe(0);
  return { n: r.n, fresh: r.fresh };
}

beforeAll(async () => {
  await writeGeneratedFile(base, { scale: SCALE, seed: SEED });
});

describe('--advance on a default-seed file (duplicate SalesOrderReturnID regression)', () => {
  it('advances 30 days: late returns of old lines and returns of new lines get distinct IDs', async () => {
    const path = copyOfBase('thirty.duckdb');
    const oldMax = Number(await scalar(path, 'SELECT max(SalesOrderReturnID) FROM Sales.SalesOrderReturn'));
    const lastDay = String(await scalar(path, 'SELECT max(OrderDate)::VARCHAR FROM Sales.SalesOrderHeader'));
    await advanceFile(path, 30);
    const { fresh } = await expectReturnsConsistent(path, oldMax);
    // Both kinds of new returns occur, so the two ID sources really meet (what made the old code collide).
    const [[kinds]] = await query(path, `SELECT
        count(*) FILTER (WHERE h.OrderDate <= '${lastDay}')::INTEGER AS late,
        count(*) FILTER (WHERE h.OrderDate > '${lastDay}')::INTEGER AS new_lines
      FROM Sales.SalesOrderReturn r JOIN Sales.SalesOrderHeader h USING (SalesOrderID)
      WHERE r.SalesOrderReturnID > ${oldMax}`) as [[Record<string, number>]];
    expect(kinds.late).toBeGreaterThan(0);
    expect(kinds.new_lines).toBeGreaterThan(0);
    expect(fresh).toBe(kinds.late + kinds.new_lines);
  });

  it('advances twice in a row, each continuing from the file as the previous one left it', async () => {
    const path = copyOfBase('twice.duckdb');
    const day0 = Number(await scalar(path, `SELECT value FROM ${INFO_TABLE} WHERE key = 'asOfDay'`));
    const oldMax = Number(await scalar(path, 'SELECT max(SalesOrderReturnID) FROM Sales.SalesOrderReturn'));
    await advanceFile(path, 30);
    const mid = await expectReturnsConsistent(path, oldMax);
    await advanceFile(path, 30);
    const end = await expectReturnsConsistent(path, oldMax);
    expect(end.n).toBeGreaterThan(mid.n);
    expect(Number(await scalar(path, `SELECT value FROM ${INFO_TABLE} WHERE key = 'asOfDay'`))).toBe(day0 + 60);
    const [[o]] = await query(path, `SELECT count(*)::INTEGER AS n, count(DISTINCT SalesOrderID)::INTEGER AS ids,
      max(OrderDate)::DATE::VARCHAR AS last FROM Sales.SalesOrderHeader`) as [[Record<string, string | number>]];
    expect(o.ids).toBe(o.n);
    expect(o.last).toBe(new Date((day0 + 60) * 86_400_000).toISOString().slice(0, 10));
  });

  it('is all or nothing: a failure late in the advance leaves the file exactly as it was', async () => {
    const path = copyOfBase('fails.duckdb');
    // New orders carry no Comment: a NOT NULL on it makes the order appenders fail after the existing rows were
    // revised and the late returns inserted — the point where the duplicate key used to fail.
    await exec(path, `UPDATE Sales.SalesOrderHeader SET Comment = coalesce(Comment, '')`,
      'ALTER TABLE Sales.SalesOrderHeader ALTER COLUMN Comment SET NOT NULL');
    const before = await fingerprint(path);
    const orders = Number(await scalar(path, 'SELECT count(*) FROM Sales.SalesOrderHeader'));
    await expect(advanceFile(path, 30)).rejects.toMatchObject({ code: 'SAMPLE_ADVANCE_FAILED', exitCode: 1 });
    expect(await fingerprint(path)).toEqual(before);
    // …and the file still opens and advances once the obstacle is gone.
    await exec(path, 'ALTER TABLE Sales.SalesOrderHeader ALTER COLUMN Comment DROP NOT NULL');
    await advanceFile(path, 30);
    expect(Number(await scalar(path, 'SELECT count(*) FROM Sales.SalesOrderHeader'))).toBeGreaterThan(orders);
  });
});
