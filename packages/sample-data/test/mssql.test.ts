import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runSample, tableDef } from '@tsdbt/sample-data';
import { mssqlCreateTable } from '../src/sinks/mssql-ddl.js';

describe('--mssql', () => {
  it('creates tables with AdventureWorks SQL Server types and primary keys', () => {
    expect(mssqlCreateTable(tableDef('Sales.SalesOrderDetail'))).toBe([
      "IF SCHEMA_ID(N'Sales') IS NULL EXEC(N'CREATE SCHEMA [Sales]');",
      "IF OBJECT_ID(N'Sales.SalesOrderDetail', N'U') IS NOT NULL DROP TABLE [Sales].[SalesOrderDetail];",
      'CREATE TABLE [Sales].[SalesOrderDetail] (',
      '  [SalesOrderID] int NOT NULL,',
      '  [SalesOrderDetailID] int NOT NULL,',
      '  [CarrierTrackingNumber] nvarchar(25) NULL,',
      '  [OrderQty] smallint NOT NULL,',
      '  [ProductID] int NOT NULL,',
      '  [SpecialOfferID] int NOT NULL,',
      '  [UnitPrice] money NOT NULL,',
      '  [UnitPriceDiscount] money NOT NULL,',
      '  [LineTotal] numeric(38,6) NOT NULL,',
      '  [ModifiedDate] datetime NOT NULL,',
      '  CONSTRAINT [PK_SalesOrderDetail] PRIMARY KEY ([SalesOrderID], [SalesOrderDetailID])',
      ');',
    ].join('\n'));
  });

  it('reports an unreachable server with a coded error', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((done) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => done(p));
      });
    });
    const connection = `Server=127.0.0.1,${port};Database=aw;User Id=sa;Password=x;Encrypt=false;Connect Timeout=3`;
    await expect(runSample({ mssql: connection, scale: 0.01, seed: 1, help: false }))
      .rejects.toMatchObject({ code: 'SAMPLE_MSSQL_CONNECT_FAILED' });
  });

  it('refuses --advance on SQL Server', async () => {
    await expect(runSample({ mssql: 'Server=127.0.0.1', advance: 1, scale: 1, seed: 1, help: false }))
      .rejects.toMatchObject({ code: 'SAMPLE_NOT_SUPPORTED', exitCode: 2 });
  });
});
