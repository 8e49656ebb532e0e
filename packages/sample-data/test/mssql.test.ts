import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseOptions, runSample, tableDef } from '@tsdbt/sample-data';
import { mssqlCreateTable } from '../src/sinks/mssql-ddl.js';
import { insertStatement, literalFor, MAX_ROWS_PER_INSERT } from '../src/sinks/mssql-sink.js';

describe('--mssql', () => {
  it('creates tables with AdventureWorks SQL Server types and primary keys', () => {
    expect(mssqlCreateTable(tableDef('Sales.SalesOrderDetail'))).toBe([
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
      ')',
    ].join('\n'));
  });

  it('renders literals exactly and safely', () => {
    expect(literalFor('nvarchar(50)')("O'Brien")).toBe("N'O''Brien'");
    expect(literalFor('nchar(3)')("'; DROP TABLE x --")).toBe("N'''; DROP TABLE x --'");
    expect(literalFor('varchar(10)')('AW00000001')).toBe("'AW00000001'");
    expect(literalFor('money')(35782700)).toBe('3578.2700');
    expect(literalFor('money')(-5)).toBe('-0.0005');
    expect(literalFor('smallmoney')(0)).toBe('0.0000');
    expect(literalFor('numeric(38,6)')(123456789012345)).toBe('123456789.012345');
    expect(literalFor('decimal(8,2)')(1999)).toBe('19.99');
    expect(() => literalFor('money')(0.5)).toThrow(/not an exact/);
    expect(literalFor('datetime')(Date.UTC(2011, 4, 31) / 1000)).toBe("'2011-05-31T00:00:00'");
    expect(literalFor('datetime')(Date.UTC(2014, 5, 30, 13, 4, 5) / 1000)).toBe("'2014-06-30T13:04:05'");
    expect(literalFor('bit')(true)).toBe('1');
    expect(literalFor('bit')(false)).toBe('0');
    expect(literalFor('tinyint')(5)).toBe('5');
    expect(literalFor('int')(null)).toBe('NULL');
  });

  it('writes multi-row INSERTs of at most 1,000 rows', () => {
    const def = tableDef('Person.AddressType');
    expect(insertStatement(def, [[1, 'Home', 0], [2, "Main 'Office'", 86400]])).toBe([
      'INSERT INTO [Person].[AddressType] ([AddressTypeID], [Name], [ModifiedDate]) VALUES',
      "(1, N'Home', '1970-01-01T00:00:00'),",
      "(2, N'Main ''Office''', '1970-01-02T00:00:00')",
    ].join('\n'));
    const rows = Array.from({ length: MAX_ROWS_PER_INSERT + 1 }, (_, i) => [i, 'x', 0]);
    expect(() => insertStatement(def, rows)).toThrow(/at most 1000 rows/);
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

  it('takes --existing-tables only with --mssql', () => {
    expect(parseOptions(['--mssql', 'Server=x', '--existing-tables']).existingTables).toBe(true);
    expect(() => parseOptions(['--out', 'x.duckdb', '--existing-tables'])).toThrow(/--existing-tables goes with --mssql/);
  });

  it('refuses --advance on SQL Server', async () => {
    await expect(runSample({ mssql: 'Server=127.0.0.1', advance: 1, scale: 1, seed: 1, help: false }))
      .rejects.toMatchObject({ code: 'SAMPLE_NOT_SUPPORTED', exitCode: 2 });
  });
});
