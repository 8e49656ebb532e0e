import type { DuckDBConnection } from '@duckdb/node-api';
import { readWorld } from './advance-world.js';
import { countRows } from './count-rows.js';
import { readInfo, requireExisting, withDuckDB, writeInfo } from './duckdb-file.js';
import type { SampleInfo } from './duckdb-file.js';
import { SampleDataError } from './errors.js';
import { generateOrders } from './generate/orders.js';
import { Rng } from './rng.js';
import type { RunResult } from './run-result.js';
import { DuckDBSink } from './sinks/duckdb-sink.js';
import { CATEGORIES } from './reference/catalog-spec.js';
import { tableDef } from './tables.js';

const ORDER_TABLES = ['Sales.SalesOrderHeader', 'Sales.SalesOrderDetail', 'Sales.SalesOrderReturn'].map(tableDef);

/**
 * `--advance N` on an embedded source: N more days of orders after the file's last day, and a few existing rows
 * changed with a ModifiedDate later than any before (recent orders revised, some list prices and people
 * updated), so an incremental ingest has inserts and updates to pick up. Deterministic for the file's seed.
 */
export async function advanceFile(path: string, days: number): Promise<RunResult> {
  requireExisting(path);
  await withDuckDB(path, async (conn) => {
    const info = await readInfo(conn, path);
    // All or nothing: every change below is one transaction, so a failure (or a killed process) leaves the file
    // exactly as it was instead of half advanced.
    await conn.run('BEGIN TRANSACTION');
    try {
      await advanceInTransaction(conn, info, days);
      await conn.run('COMMIT');
    } catch (cause) {
      await conn.run('ROLLBACK').catch(() => undefined);
      if (cause instanceof SampleDataError) throw cause;
      throw new SampleDataError('SAMPLE_ADVANCE_FAILED',
        `cannot advance ${path} (left unchanged): ${(cause as Error).message}`, { cause });
    }
  });
  return { target: path, action: 'advanced', rows: await countRows(path) };
}

async function advanceInTransaction(conn: DuckDBConnection, info: SampleInfo, days: number): Promise<void> {
  const rng = new Rng(info.seed, 100 + info.asOfDay);
  const world = await readWorld(conn, rng);
  const lastDay = info.asOfDay + days;
  await modifyExisting(conn, info.asOfDay, lastDay, info.seed);
  await lateReturns(conn, info.asOfDay, lastDay, info.seed);
  // The next IDs come from the tables as they are now, after the late returns above took theirs: numbering the
  // new orders' returns from a maximum read before them is what gave `Duplicate key "SalesOrderReturnID: …"`.
  const next = await conn.runAndReadAll(`SELECT
    (SELECT coalesce(max(SalesOrderID), 43658) FROM Sales.SalesOrderHeader) + 1 AS o,
    (SELECT coalesce(max(SalesOrderDetailID), 0) FROM Sales.SalesOrderDetail) + 1 AS d,
    (SELECT coalesce(max(SalesOrderReturnID), 0) FROM Sales.SalesOrderReturn) + 1 AS r`);
  const n = next.getRowObjects()[0] as Record<string, unknown>;
  const ids = { order: Number(n.o), detail: Number(n.d), ret: Number(n.r) };
  const sink = await DuckDBSink.open(conn, false, ORDER_TABLES);
  try {
    await generateOrders(rng, sink, world, {
      firstDay: info.asOfDay + 1, lastDay, scale: info.scale, newShare: { individual: 0, store: 0 }, asOfDay: lastDay,
    }, ids);
  } finally {
    sink.close();
  }
  await writeInfo(conn, { ...info, asOfDay: lastDay });
}

/** Updates a deterministic few rows per table, stamping each with a ModifiedDate past the table's maximum. */
async function modifyExisting(conn: DuckDBConnection, asOfDay: number, lastDay: number, seed: number): Promise<void> {
  const stamp = `to_timestamp(${lastDay * 86_400 + 43_200})::TIMESTAMP`;
  const bump = (t: string) => `greatest(${stamp}, (SELECT max(ModifiedDate) FROM ${t}) + INTERVAL 1 SECOND)`;
  const pickSome = (key: string, per1000: number) => `hash(${key}, ${seed}, ${asOfDay}) % 1000 < ${per1000}`;
  await conn.run(`UPDATE Sales.SalesOrderHeader SET RevisionNumber = RevisionNumber + 1,
      Comment = 'Revised after shipping', ModifiedDate = ${bump('Sales.SalesOrderHeader')}
    WHERE OrderDate >= to_timestamp(${(asOfDay - 13) * 86_400})::TIMESTAMP AND ${pickSome('SalesOrderID', 200)}`);
  await conn.run(`UPDATE Production.Product SET ListPrice = round(ListPrice * 1.05, 2),
      ModifiedDate = ${bump('Production.Product')} WHERE ListPrice > 0 AND ${pickSome('ProductID', 30)}`);
  await conn.run(`UPDATE Person.Person SET EmailPromotion = (EmailPromotion + 1) % 3,
      ModifiedDate = ${bump('Person.Person')} WHERE ${pickSome('BusinessEntityID', 10)}`);
}

/**
 * Returns that happen in the new days for lines sold in the 8 weeks before: a line's chance follows its category's
 * rate, spread over the return window, so an incremental ingest also sees new rows in Sales.SalesOrderReturn.
 */
async function lateReturns(conn: DuckDBConnection, asOfDay: number, lastDay: number, seed: number): Promise<void> {
  const rates = CATEGORIES.map((c) => `WHEN '${c.name}' THEN ${c.returnRate}`).join(' ');
  const day = (d: number) => `to_timestamp(${d * 86_400})::TIMESTAMP`;
  await conn.run(`INSERT INTO Sales.SalesOrderReturn
    WITH candidates AS (
      SELECT d.SalesOrderID, d.SalesOrderDetailID, d.OrderQty, c.Name AS category,
             h.ShipDate + to_days((hash(d.SalesOrderDetailID, ${seed}, 7) % 43)::INTEGER + 3) AS return_at
      FROM Sales.SalesOrderDetail d
      JOIN Sales.SalesOrderHeader h USING (SalesOrderID)
      JOIN Production.Product p USING (ProductID)
      JOIN Production.ProductSubcategory s USING (ProductSubcategoryID)
      JOIN Production.ProductCategory c ON c.ProductCategoryID = s.ProductCategoryID
      WHERE h.OrderDate BETWEEN ${day(asOfDay - 56)} AND ${day(asOfDay)}
        AND hash(d.SalesOrderDetailID, ${seed}, 11) % 100000 < 100000 * CASE c.Name ${rates} ELSE 0.03 END
        AND NOT EXISTS (SELECT 1 FROM Sales.SalesOrderReturn r WHERE r.SalesOrderDetailID = d.SalesOrderDetailID)
    )
    SELECT (SELECT coalesce(max(SalesOrderReturnID), 0) FROM Sales.SalesOrderReturn)
             + row_number() OVER (ORDER BY SalesOrderDetailID),
           SalesOrderID, SalesOrderDetailID, return_at,
           1 + (hash(SalesOrderDetailID, ${seed}, 13) % greatest(1, ceil(OrderQty / 3)))::INTEGER,
           CASE WHEN category = 'Clothing' THEN 'Wrong size' ELSE 'Defective' END, return_at
    FROM candidates
    WHERE return_at > ${day(asOfDay)} AND return_at <= ${day(lastDay)}`);
}

