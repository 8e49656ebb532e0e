import { describe, expect, it } from 'vitest';
import type { Dialect } from '@tsdbt/core';
import type { IngestConfig, TableSpec } from '../src/config/types.js';
import { planTables } from '../src/pipeline/plan-tables.js';
import type { SourceColumn, SourceTable } from '../src/schema/logical-type.js';
import { offsetCompanion, withOffsetCompanions } from '../src/schema/offset-companion.js';
import { selectColumns } from '../src/schema/select-columns.js';
import type { Source } from '../src/sources/source.js';
import { carriesOffset, mssqlLogicalType } from '../src/sources/mssql/mssql-types.js';
import { selectPlan } from '../src/sources/mssql/select-plan.js';

const column = (name: string, dataType: string): SourceColumn => ({ name, sourceType: dataType, logical: mssqlLogicalType({ dataType, maxLength: null, precision: null, scale: null }), nullable: true });
const reflected: SourceTable = {
  schema: 'Sales', name: 'Stamps', primaryKey: ['ID'],
  columns: withOffsetCompanions([column('ID', 'int'), column('OrderDate', 'datetimeoffset'), column('ShipDate', 'datetime2')], (c) => carriesOffset({ dataType: c.sourceType })),
};

const duck = { string: 'VARCHAR', timestamp: 'TIMESTAMP', int: 'INTEGER', bigint: 'BIGINT', boolean: 'BOOLEAN', float: 'DOUBLE', date: 'DATE', time: 'TIME', binary: 'BLOB', timestamptz: 'TIMESTAMP WITH TIME ZONE' } as Record<string, string>;
const dialect = { normalizeIdentifier: (s: string) => s, typeName: (p: string) => duck[p]! } as unknown as Dialect;
const source = { kind: 'mssql', listTables: async () => ['Stamps'], reflect: async () => reflected } as unknown as Source;

async function plan(naming: 'snake_case' | 'direct', spec: Partial<TableSpec> = {}) {
  const table: TableSpec = { name: 'Sales.Stamps', writeDisposition: 'append', primaryKey: [], lag: 0, exclude: [], schemaContract: 'evolve', ...spec };
  const config = { file: 'ingest.yml', naming, tables: [table] } as unknown as IngestConfig;
  const [p] = await planTables(config, source, dialect);
  return p!.columns.map((c) => `${c.dest} ${c.destType}`);
}

describe('DATETIMEOFFSET: the instant plus an offset companion column', () => {
  it('follows each datetimeoffset column (and only those) with <Column>_offset_minutes SMALLINT', () => {
    expect(reflected.columns.map((c) => [c.name, c.logical?.kind, c.offsetOf])).toEqual([
      ['ID', 'int32', undefined], ['OrderDate', 'timestamptz', undefined], ['OrderDate_offset_minutes', 'int16', 'OrderDate'], ['ShipDate', 'timestamp', undefined],
    ]);
    expect(offsetCompanion(column('At', 'datetimeoffset'))).toMatchObject({ name: 'At_offset_minutes', sourceType: 'offset of datetimeoffset (minutes)', offsetOf: 'At' });
  });

  it('names the companion through the naming convention, like every other column', async () => {
    expect(await plan('snake_case')).toEqual(['id INTEGER', 'order_date TIMESTAMP WITH TIME ZONE', 'order_date_offset_minutes SMALLINT', 'ship_date TIMESTAMP']);
    expect(await plan('direct')).toEqual(['ID INTEGER', 'OrderDate TIMESTAMP WITH TIME ZONE', 'OrderDate_offset_minutes SMALLINT', 'ShipDate TIMESTAMP']);
  });

  it('loads the companion with its column: excluding or not including the column drops it too', async () => {
    expect(await plan('snake_case', { exclude: ['orderdate'] })).toEqual(['id INTEGER', 'ship_date TIMESTAMP']);
    expect(await plan('snake_case', { include: ['ID', 'ShipDate'] })).toEqual(['id INTEGER', 'ship_date TIMESTAMP']);
    expect(await plan('snake_case', { include: ['ID', 'OrderDate'] })).toEqual(['id INTEGER', 'order_date TIMESTAMP WITH TIME ZONE', 'order_date_offset_minutes SMALLINT']);
    // Excluded on its own by name: the instant stays.
    expect(await plan('snake_case', { exclude: ['OrderDate_offset_minutes'] })).toEqual(['id INTEGER', 'order_date TIMESTAMP WITH TIME ZONE', 'ship_date TIMESTAMP']);
    expect(selectColumns(reflected.columns, ['OrderDate_offset_minutes'], []).map((c) => c.name)).toEqual([]);
  });

  it('reads the offset with DATEPART(TZOFFSET, …) and the instant as is', () => {
    const p = selectPlan(reflected, ['ID', 'OrderDate', 'OrderDate_offset_minutes'], new Set(['ID']));
    expect(p.select).toEqual(['[ID]', '[OrderDate]', 'DATEPART(TZOFFSET, [OrderDate]) AS [OrderDate_offset_minutes]']);
    expect(p.picks).toEqual([{ at: [0], divisor: 1 }, { at: [1], divisor: 1 }, { at: [2], divisor: 1 }]);
  });
});
