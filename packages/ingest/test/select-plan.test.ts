import { describe, expect, it } from 'vitest';
import { rowBuilder, selectPlan } from '../src/sources/mssql/select-plan.js';
import type { SourceTable } from '../src/schema/logical-type.js';

const table: SourceTable = {
  schema: 'Sales', name: 'Detail', primaryKey: ['ID'],
  columns: [
    { name: 'ID', sourceType: 'int', logical: { kind: 'int32' }, nullable: false },
    { name: 'Price', sourceType: 'money', logical: { kind: 'decimal', precision: 19, scale: 4 }, nullable: true },
    { name: 'Small', sourceType: 'decimal(9,2)', logical: { kind: 'decimal', precision: 9, scale: 2 }, nullable: true },
    { name: 'Tiny]Scale', sourceType: 'decimal(38,20)', logical: { kind: 'decimal', precision: 38, scale: 20 }, nullable: true },
    { name: 'At', sourceType: 'datetime', logical: { kind: 'timestamp' }, nullable: true },
  ],
};

describe('SQL Server read plan', () => {
  it('splits wide decimals at 15 significant digits, keeps text for huge scales, timestamps and typed columns', () => {
    const plan = selectPlan(table, ['ID', 'Price', 'Small', 'Tiny]Scale', 'At'], new Set(['ID']));
    expect(plan.select).toEqual([
      '[ID]',
      'CASE WHEN [Price] > -100000000000 AND [Price] < 100000000000 THEN CAST([Price] AS decimal(15,4)) END AS [Price]',
      'CASE WHEN NOT ([Price] > -100000000000 AND [Price] < 100000000000) THEN CAST(CAST([Price] AS decimal(19,4)) AS nvarchar(48)) END AS [Price (text)]',
      '[Small]',
      'CAST(CAST([Tiny]]Scale] AS decimal(38,20)) AS nvarchar(48)) AS [Tiny]]Scale]',
      'CAST(CAST([At] AS datetime2(7)) AS nvarchar(27)) AS [At]',
    ]);
    expect(plan.picks).toEqual([[0, -1], [1, 2], [3, -1], [4, -1], [5, -1]]);
    // A typed (cursor or key) wide decimal keeps one exact text column.
    expect(selectPlan(table, ['Price', 'At'], new Set(['Price', 'At'])).select).toEqual([
      'CAST(CAST([Price] AS decimal(19,4)) AS nvarchar(48)) AS [Price]', '[At]',
    ]);
  });

  it('joins a split decimal from whichever half carries it', () => {
    const build = rowBuilder([[0, -1], [1, 2], [3, -1]]);
    const cell = (value: unknown) => ({ value });
    expect(build([cell(1), cell(12.5), cell(null), cell('x')])).toEqual([1, 12.5, 'x']);
    expect(build([cell(2), cell(null), cell('922337203685477.5807'), cell(null)])).toEqual([2, '922337203685477.5807', null]);
    expect(build([cell(3), cell(null), cell(null), cell(0)])).toEqual([3, null, 0]);
  });
});
