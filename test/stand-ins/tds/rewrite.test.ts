import { describe, expect, it } from 'vitest';
import { declaredParamNames, rewriteTsql } from './rewrite.mjs';

describe('T-SQL → DuckDB rewrites', () => {
  it.each([
    ['SELECT [SalesOrderID], [Sub]]Total] FROM [Sales].[SalesOrderHeader]', 'SELECT "SalesOrderID", "Sub]Total" FROM "Sales"."SalesOrderHeader"'],
    ["SELECT N'it''s', 'plain' AS x", "SELECT 'it''s', 'plain' AS x"],
    ['SELECT TOP 5 * FROM t', 'SELECT  * FROM t LIMIT 5'],
    ['SELECT TOP (10) a FROM t ORDER BY a;', 'SELECT  a FROM t ORDER BY a LIMIT 10'],
    ['SELECT COUNT_BIG(*) FROM t WITH (NOLOCK)', 'SELECT COUNT(*) FROM t '],
    ['SELECT CAST(CAST([d] AS datetime2(7)) AS nvarchar(27)) AS [d] FROM t', 'SELECT CAST(CAST("d" AS TIMESTAMP) AS nvarchar(27)) AS "d" FROM t'],
    ['SELECT c.COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS c', 'SELECT c.COLUMN_NAME FROM tds_catalog.columns c'],
    ['SELECT * FROM sys.tables', 'SELECT * FROM tds_catalog.sys_tables'],
    ["SELECT '[not a name] @notparam' AS s", "SELECT '[not a name] @notparam' AS s"],
    ['SELECT @@VERSION', "SELECT 'Microsoft SQL Server 2019 (tsdbt TDS stand-in)'"],
    ['SELECT DATEPART(TZOFFSET, [At]) AS [At_offset_minutes] FROM t', 'SELECT CAST(CASE WHEN "At" IS NOT NULL THEN coalesce("__tds_offset_At", 0) END AS INTEGER) AS "At_offset_minutes" FROM t'],
    ['SELECT datepart(tz, o.[At]) FROM t o', 'SELECT CAST(CASE WHEN o."At" IS NOT NULL THEN coalesce(o."__tds_offset_At", 0) END AS INTEGER) FROM t o'],
    ['SELECT DATEPART(year, [At]) FROM t', 'SELECT DATEPART(year, "At") FROM t'],
  ])('%s', (input, output) => {
    expect(rewriteTsql(input).sql).toBe(output);
  });

  it('maps sp_executesql parameters to positional ones in declaration order', () => {
    const names = declaredParamNames('@schema nvarchar(128), @table nvarchar(128)');
    expect(names).toEqual(['@schema', '@table']);
    expect(rewriteTsql('SELECT 1 WHERE a = @table AND b = @schema', names).sql).toBe('SELECT 1 WHERE a = $2 AND b = $1');
  });

  it('answers SET statements itself and rejects undeclared variables as SQL Server does', () => {
    expect(rewriteTsql('set textsize 2147483647\nset quoted_identifier on').kind).toBe('set');
    expect(() => rewriteTsql('SELECT @nope')).toThrow('Must declare the scalar variable "@nope".');
  });
});
