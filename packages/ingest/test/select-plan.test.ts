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
  it('splits wide decimals into a scaled int, 15 significant digits and text; keeps text for huge scales, timestamps and typed columns', () => {
    const plan = selectPlan(table, ['ID', 'Price', 'Small', 'Tiny]Scale', 'At'], new Set(['ID']));
    const int = '[Price] > -214748.3648 AND [Price] < 214748.3648';
    const exact = '[Price] > -100000000000 AND [Price] < 100000000000';
    expect(plan.select).toEqual([
      '[ID]',
      `CASE WHEN ${int} THEN CAST([Price] * 10000 AS int) END AS [Price]`,
      `CASE WHEN NOT (${int}) AND ${exact} THEN CAST([Price] AS decimal(15,4)) END AS [Price (decimal)]`,
      `CASE WHEN NOT (${exact}) THEN CAST(CAST([Price] AS decimal(19,4)) AS nvarchar(48)) END AS [Price (text)]`,
      '[Small]',
      'CAST(CAST([Tiny]]Scale] AS decimal(38,20)) AS nvarchar(48)) AS [Tiny]]Scale]',
      'CAST(CAST([At] AS datetime2(7)) AS nvarchar(27)) AS [At]',
    ]);
    const one = (at: number) => ({ at: [at], divisor: 1 });
    expect(plan.picks).toEqual([one(0), { at: [1, 2, 3], divisor: 10000 }, one(4), one(5), one(6)]);
    // Scale 6 (numeric(38,6)): the int bound is 2147.483648; scale 0: 2147483648 and no division.
    const wide = (scale: number): SourceTable => ({ ...table, columns: [{ name: 'W', sourceType: 'x', logical: { kind: 'decimal', precision: 38, scale }, nullable: true }] });
    expect(selectPlan(wide(6), ['W'], new Set()).select[0]).toBe('CASE WHEN [W] > -2147.483648 AND [W] < 2147.483648 THEN CAST([W] * 1000000 AS int) END AS [W]');
    expect(selectPlan(wide(0), ['W'], new Set()).select[0]).toBe('CASE WHEN [W] > -2147483648 AND [W] < 2147483648 THEN CAST([W] * 1 AS int) END AS [W]');
    expect(selectPlan(wide(12), ['W'], new Set()).select[0]).toBe('CASE WHEN [W] > -0.002147483648 AND [W] < 0.002147483648 THEN CAST([W] * 1000000000000 AS int) END AS [W]');
    // A typed (cursor or key) wide decimal keeps one exact text column.
    expect(selectPlan(table, ['Price', 'At'], new Set(['Price', 'At'])).select).toEqual([
      'CAST(CAST([Price] AS decimal(19,4)) AS nvarchar(48)) AS [Price]', '[At]',
    ]);
  });

  it('joins a split decimal from whichever part carries it, the int divided back exactly', () => {
    const build = rowBuilder([{ at: [0], divisor: 1 }, { at: [1, 2, 3], divisor: 10000 }, { at: [4], divisor: 1 }]);
    const cell = (value: unknown) => ({ value });
    expect(build([cell(1), cell(125000), cell(null), cell(null), cell('x')])).toEqual([1, 12.5, 'x']);
    expect(build([cell(2), cell(-20249940), cell(null), cell(null), cell(null)])).toEqual([2, -2024.994, null]);
    expect(build([cell(3), cell(null), cell(12345678901.2345), cell(null), cell(0)])).toEqual([3, 12345678901.2345, 0]);
    expect(build([cell(4), cell(null), cell(null), cell('922337203685477.5807'), cell(null)])).toEqual([4, '922337203685477.5807', null]);
    expect(build([cell(5), cell(null), cell(null), cell(null), cell(null)])).toEqual([5, null, null]);
  });
});
