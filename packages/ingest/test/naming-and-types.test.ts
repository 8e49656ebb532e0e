import { describe, expect, it } from 'vitest';
import { mssqlLogicalType, snakeCase } from '@tsdbt/ingest';
import { destinationType, isWidening } from '../src/schema/logical-type.js';
import { normalizerFor } from '../src/pipeline/values.js';

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

describe('value normalisation for the appender', () => {
  const money = normalizerFor({ kind: 'decimal', precision: 19, scale: 4 })!;
  it.each([
    ['12.3400', 12.34], ['-0.0500', -0.05], ['0.0000', 0], ['100000000000.0000', 100000000000], ['123456789012.3450', 123456789012.345],
  ])('decimal text %s with at most 15 significant digits becomes the number %s', (text, n) => expect(money(text)).toBe(n));
  it.each(['922337203685477.5807', '-1234567890123.4567', '1234567890123456.0000'])('decimal text %s with more digits stays text', (text) => expect(money(text)).toBe(text));
  it('formats timestamps as UTC text, reusing the text of a repeated instant, with four-digit years', () => {
    const ts = normalizerFor({ kind: 'timestamp' })!;
    expect(ts(new Date(Date.UTC(2011, 4, 31, 7, 8, 9, 45)))).toBe('2011-05-31 07:08:09.045');
    expect(ts(new Date(Date.UTC(2011, 4, 31, 7, 8, 9, 45)))).toBe('2011-05-31 07:08:09.045');
    expect(ts(new Date('0099-12-31T23:59:59.999Z'))).toBe('0099-12-31 23:59:59.999');
    expect(ts('2011-05-31 07:08:09.1234567')).toBe('2011-05-31 07:08:09.1234567');
    expect(normalizerFor({ kind: 'date' })!(new Date(Date.UTC(2014, 0, 2)))).toBe('2014-01-02');
  });
});
