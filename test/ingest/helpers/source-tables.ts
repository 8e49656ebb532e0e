import type { DuckDBConnection } from '@duckdb/node-api';
// The stand-in is plain ESM JavaScript living with the tests.
import { createSqlServerTable, declareColumns } from '../../stand-ins/tds/catalog.mjs';

export { declareColumns };

/** Columns of a small AdventureWorks-shaped Sales.SalesOrderHeader, with SQL Server's declared types. */
export const ORDER_HEADER = [
  { name: 'SalesOrderID', type: 'int', pk: true },
  { name: 'OrderDate', type: 'datetime' },
  { name: 'OnlineOrderFlag', type: 'Flag' },
  { name: 'SalesOrderNumber', type: 'nvarchar(25)' },
  { name: 'AccountNumber', type: 'AccountNumber' },
  { name: 'CustomerID', type: 'int' },
  { name: 'SubTotal', type: 'money' },
  { name: 'Freight', type: 'money' },
  { name: 'Comment', type: 'nvarchar(128)' },
  { name: 'rowguid', type: 'uniqueidentifier' },
  { name: 'ModifiedDate', type: 'datetime' },
];

export async function createOrderHeader(conn: DuckDBConnection, rows: number): Promise<void> {
  await createSqlServerTable(conn, 'Sales', 'SalesOrderHeader', ORDER_HEADER);
  await insertOrders(conn, 1, rows);
}

/** Rows id..id+n-1; ModifiedDate steps by one hour from 2024-01-01 so cursors are predictable. */
export async function insertOrders(conn: DuckDBConnection, from: number, n: number, modified?: string): Promise<void> {
  const mod = modified ? `TIMESTAMP '${modified}'` : `TIMESTAMP '2024-01-01' + to_hours(i)`;
  const names = ORDER_HEADER.map((c) => `"${c.name}"`).join(', ');
  await conn.run(`INSERT INTO "Sales"."SalesOrderHeader" (${names}) SELECT i, TIMESTAMP '2024-01-01' + to_hours(i), i % 2 = 0,
    'SO' || i, '10-4020-' || lpad(i::VARCHAR, 6, '0'), 11000 + i % 97, (i * 12.3456)::DECIMAL(19,4), (i * 0.25)::DECIMAL(19,4),
    CASE WHEN i % 5 = 0 THEN NULL ELSE 'note ' || i END, uuid(), ${mod}
    FROM range(${from}, ${from + n}) t(i)`);
}

export async function createProduct(conn: DuckDBConnection, rows: number): Promise<void> {
  await createSqlServerTable(conn, 'Production', 'Product', [
    { name: 'ProductID', type: 'int', pk: true }, { name: 'Name', type: 'Name' }, { name: 'MakeFlag', type: 'Flag' },
    { name: 'StandardCost', type: 'money' }, { name: 'Weight', type: 'decimal(8,2)' }, { name: 'SellStartDate', type: 'datetime' },
    { name: 'DiscontinuedDate', type: 'date' }, { name: 'SafetyStockLevel', type: 'smallint' }, { name: 'ModifiedDate', type: 'datetime' },
  ]);
  await conn.run(`INSERT INTO "Production"."Product" SELECT i, 'Product ' || i, i % 3 = 0, (i * 1.5)::DECIMAL(19,4), (i * 0.1)::DECIMAL(8,2),
    TIMESTAMP '2011-05-31', CASE WHEN i % 7 = 0 THEN DATE '2014-01-01' END, 500, TIMESTAMP '2014-02-08 10:01:36.827' FROM range(1, ${rows + 1}) t(i)`);
}
