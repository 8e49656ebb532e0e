import type { TableState } from '../state/state-store.js';
import type { CursorFilter, Source } from '../sources/source.js';
import type { PlannedTable } from './plan-tables.js';
import { compareCursor, normalizerFor, rowKey } from './values.js';

export interface ExtractStats {
  rows: number;
  /** Rows at the stored boundary that an earlier load already took. */
  skipped: number;
  maxCursor: unknown;
  boundaryKeys: Set<string>;
}

/**
 * Reads one table in chunks and shapes each row for the staging relation: boundary de-dup against the stored cursor,
 * exact value normalisation, the load id appended (unless the destination fills it in itself). Tracks the new cursor
 * and the keys of the rows that sit on it.
 */
export async function* extractChunks(
  source: Source,
  plan: PlannedTable,
  options: { filter?: CursorFilter; stored?: TableState; chunkSize: number; loadId?: string; onChunk: (rows: number) => void },
  stats: ExtractStats,
): AsyncGenerator<unknown[][]> {
  const columns = plan.columns.map((c) => c.source);
  const normalizers = plan.columns.map((c) => normalizerFor(c.logical));
  const cursorAt = plan.cursor ? plan.columns.indexOf(plan.cursor) : -1;
  // Cursor values are compared and stored typed: a BIGINT cursor that a driver hands over as text becomes a bigint.
  const cursorValue = cursorAt >= 0 && plan.columns[cursorAt]!.logical.kind === 'int64' ? toBigInt : (v: unknown) => v;
  const keyAt = plan.primaryKey.length ? plan.primaryKey.map((k) => columns.indexOf(k)) : columns.map((_, i) => i);
  const stored = options.stored;
  const storedKeys = new Set(stored?.boundaryKeys ?? []);
  const loadId = options.loadId;
  // The cursor and the row keys are compared and stored as typed values; everything else may come in a cheaper form.
  const typed = cursorAt >= 0 ? [...new Set([columns[cursorAt]!, ...keyAt.map((i) => columns[i]!)])] : [];
  for await (const chunk of source.read({ table: plan.source, columns, filter: options.filter, chunkSize: options.chunkSize, typed })) {
    const out: unknown[][] = [];
    for (const row of chunk) {
      if (cursorAt >= 0) {
        const v = cursorValue(row[cursorAt]);
        if (v !== null && v !== undefined) {
          const key = rowKey(row, keyAt);
          if (stored && storedKeys.size && compareCursor(v, stored.lastValue) === 0 && storedKeys.has(key)) {
            stats.skipped++;
            continue;
          }
          trackCursor(stats, v, key);
        }
      }
      for (let i = 0; i < normalizers.length; i++) {
        const n = normalizers[i];
        if (n && row[i] !== null) row[i] = n(row[i]);
      }
      if (loadId !== undefined) row.push(loadId);
      out.push(row);
    }
    stats.rows += out.length;
    options.onChunk(stats.rows);
    if (out.length) yield out;
  }
}

function trackCursor(stats: ExtractStats, v: unknown, key: string): void {
  const c = stats.maxCursor === undefined ? 1 : compareCursor(v, stats.maxCursor);
  if (c > 0) {
    stats.maxCursor = v;
    stats.boundaryKeys = new Set([key]);
  } else if (c === 0) stats.boundaryKeys.add(key);
}

/** The state to commit with the rows: the new high-water mark, or the old one when nothing newer arrived. */
export function nextState(stats: ExtractStats, stored: TableState | undefined): TableState | undefined {
  if (stats.maxCursor === undefined) return stored;
  if (stored && compareCursor(stats.maxCursor, stored.lastValue) < 0) return stored;
  if (stored && compareCursor(stats.maxCursor, stored.lastValue) === 0) {
    return { lastValue: stored.lastValue, boundaryKeys: [...new Set([...stored.boundaryKeys, ...stats.boundaryKeys])] };
  }
  return { lastValue: stats.maxCursor, boundaryKeys: [...stats.boundaryKeys] };
}

function toBigInt(v: unknown): unknown {
  return typeof v === 'string' ? BigInt(v) : typeof v === 'number' ? BigInt(v) : v;
}
