import { describe, expect, it } from 'vitest';
import { mssqlLogicalType, snakeCase } from '@tsdbt/ingest';
import { destinationType, isWidening } from '../src/schema/logical-type.js';

describe("dlt's snake_case naming", () => {
  it.each([
    ['SalesOrderID', 'sales_order_id'], ['SalesOrderHeader', 'sales_order_header'], ['BusinessEntityID', 'business_entity_id'],
    ['AddressLine1', 'address_line1'], ['SalesYTD', 'sales_ytd'], ['rowguid', 'rowguid'], ['Unit Price ($)', 'unit_pricex'],
    ['1stColumn', '_1st_column'], ['Name_', 'namex'],
  ])('%s → %s', (input, output) => expect(snakeCase(input)).toBe(output));
});

describe('SQL Server type mapping', () => {
  const duck = (p: string) => ({ string: 'VARCHAR', timestamp: 'TIMESTAMP', int: 'INTEGER', bigint: 'BIGINT', boolean: 'BOOLEAN', float: 'DOUBLE', date: 'DATE', time: 'TIME', binary: 'BLOB', timestamptz: 'TIMESTAMP WITH TIME ZONE' })[p]!;
  const map = (dataType: string, precision: number | null = null, scale: number | null = null) => {
    const t = mssqlLogicalType({ dataType, maxLength: null, precision, scale });
    return t && destinationType(t, duck);
  };
  it.each([
    ['tinyint', 'SMALLINT'], ['smallint', 'SMALLINT'], ['int', 'INTEGER'], ['bigint', 'BIGINT'], ['bit', 'BOOLEAN'],
    ['money', 'DECIMAL(19,4)'], ['smallmoney', 'DECIMAL(10,4)'], ['float', 'DOUBLE'], ['real', 'REAL'], ['date', 'DATE'], ['time', 'TIME'],
    ['datetime', 'TIMESTAMP'], ['datetime2', 'TIMESTAMP'], ['smalldatetime', 'TIMESTAMP'], ['datetimeoffset', 'TIMESTAMP WITH TIME ZONE'],
    ['uniqueidentifier', 'VARCHAR'], ['nvarchar', 'VARCHAR'], ['xml', 'VARCHAR'], ['varbinary', 'BLOB'],
  ])('%s → %s', (sqlType, expected) => expect(map(sqlType)).toBe(expected));

  it('keeps decimal precision and scale, and has no mapping for spatial or variant types', () => {
    expect(map('decimal', 38, 6)).toBe('DECIMAL(38,6)');
    expect(map('numeric', 9, 2)).toBe('DECIMAL(9,2)');
    for (const t of ['geography', 'geometry', 'hierarchyid', 'sql_variant']) expect(map(t)).toBeUndefined();
  });

  it('judges widening for schema evolution', () => {
    expect(isWidening({ kind: 'int32' }, { kind: 'int64' })).toBe(true);
    expect(isWidening({ kind: 'int64' }, { kind: 'int32' })).toBe(false);
    expect(isWidening({ kind: 'decimal', precision: 10, scale: 2 }, { kind: 'decimal', precision: 12, scale: 2 })).toBe(true);
    expect(isWidening({ kind: 'decimal', precision: 10, scale: 2 }, { kind: 'decimal', precision: 10, scale: 4 })).toBe(false);
    expect(isWidening({ kind: 'int32' }, { kind: 'decimal', precision: 19, scale: 4 })).toBe(true);
  });
});
