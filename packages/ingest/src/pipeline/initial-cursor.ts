import type { PlannedTable } from './plan-tables.js';

/**
 * `initial_value` as the source compares it: SQL Server's driver binds JS Dates for date/time cursors (a bare
 * `2011-05-31` means UTC midnight), DuckDB takes the text and casts it to the column's type.
 */
export function initialCursor(plan: PlannedTable, sourceKind: string): unknown {
  const v = plan.spec.initialValue;
  if (v === undefined || !plan.cursor) return undefined;
  const kind = plan.cursor.logical.kind;
  const temporal = kind === 'timestamp' || kind === 'timestamptz' || kind === 'date';
  if (sourceKind === 'mssql' && temporal) {
    const text = String(v);
    return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}${text.length <= 10 ? 'T00:00:00' : ''}Z`);
  }
  if (kind === 'int64' && typeof v !== 'bigint') return BigInt(v);
  return v;
}
