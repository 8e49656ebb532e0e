import { TsdbtError } from '@tsdbt/core';
import type { ColumnInfo } from '@tsdbt/core';
import { isWidening } from '../schema/logical-type.js';
import type { LogicalType } from '../schema/logical-type.js';
import type { PlannedColumn, PlannedTable } from './plan-tables.js';

export interface ContractDecision {
  /** Columns the destination gets (ALTER ADD) and columns whose type widens (ALTER TYPE). */
  add: PlannedColumn[];
  widen: PlannedColumn[];
  /** Columns moved from staging into the destination. */
  insert: PlannedColumn[];
  /** discard_row: staged rows with a value in any of these columns are dropped. */
  discardRowIf: PlannedColumn[];
  changes: string[];
}

const norm = (t: string) => t.toUpperCase().replace(/\s+/g, ' ').replace(/^INT$/, 'INTEGER').replace(/^INT4$/, 'INTEGER')
  .replace(/^(REAL|FLOAT4)$/, 'FLOAT').replace(/^TIMESTAMPTZ$/, 'TIMESTAMP WITH TIME ZONE').replace(/^(STRING|TEXT)$/, 'VARCHAR');

/** The logical type behind a destination type text, where widening can be judged (integers, decimals, floats). */
function logicalOf(destType: string): LogicalType | undefined {
  const t = norm(destType);
  const dec = /^(?:DECIMAL|NUMERIC|NUMBER)\((\d+),\s*(\d+)\)$/.exec(t);
  if (dec) return { kind: 'decimal', precision: Number(dec[1]), scale: Number(dec[2]) };
  return ({ SMALLINT: { kind: 'int16' }, INTEGER: { kind: 'int32' }, BIGINT: { kind: 'int64' }, FLOAT: { kind: 'float32' }, DOUBLE: { kind: 'float64' } } as Record<string, LogicalType>)[t];
}

/**
 * Compares the planned columns with the destination table's and applies the table's schema contract (dlt's
 * evolve / freeze / discard_row / discard_value). `freeze` fails naming the columns; nothing is changed then.
 */
export function decideContract(plan: PlannedTable, existing: ColumnInfo[] | undefined, file: string): ContractDecision {
  if (!existing) return { add: [], widen: [], insert: plan.columns, discardRowIf: [], changes: [] };
  const byName = new Map(existing.map((c) => [c.name.toLowerCase(), c]));
  const added = plan.columns.filter((c) => !byName.has(c.dest.toLowerCase()));
  const widen: PlannedColumn[] = [];
  for (const c of plan.columns) {
    const old = byName.get(c.dest.toLowerCase());
    if (!old || norm(old.dataType) === norm(c.destType)) continue;
    const prev = logicalOf(old.dataType);
    if (prev && isWidening(prev, c.logical)) widen.push(c);
  }
  const contract = plan.spec.schemaContract;
  const changes = [...added.map((c) => `added ${c.dest} ${c.destType}`), ...widen.map((c) => `widened ${c.dest} to ${c.destType}`)];
  if (contract === 'freeze' && changes.length) {
    const names = [...added, ...widen].map((c) => `${c.source} (${changes[[...added, ...widen].indexOf(c)]})`).join(', ');
    throw new TsdbtError('TSDBT_INGEST_CONTRACT_VIOLATION', `${plan.sourceName}: schema contract 'freeze' forbids the change to column ${names}`, {
      file, line: plan.spec.line, hint: "Set schema_contract: evolve (or discard_row / discard_value) for this table, or exclude the column.",
    });
  }
  if (contract === 'evolve') return { add: added, widen, insert: plan.columns, discardRowIf: [], changes };
  const kept = plan.columns.filter((c) => !added.includes(c));
  // A new offset companion (a table loaded before tsdbt derived it) never discards rows: only its values go.
  const derived = (c: PlannedColumn) => plan.source.columns.some((s) => s.name === c.source && s.offsetOf !== undefined);
  const discardRowIf = contract === 'discard_row' ? added.filter((c) => !derived(c)) : [];
  const dropped = added.map((c) => `${discardRowIf.includes(c) ? 'rows with' : 'values of'} new column ${c.dest} discarded`);
  return { add: [], widen: [], insert: kept, discardRowIf, changes: dropped };
}
