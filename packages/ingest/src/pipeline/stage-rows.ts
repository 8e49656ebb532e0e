import { TsdbtError, isTsdbtError } from '@tsdbt/core';
import type { Connection, Dialect, LoadColumn, RelationRef } from '@tsdbt/core';
import type { IngestEvent } from '../events.js';
import type { Source } from '../sources/source.js';
import { extractChunks } from './extract.js';
import type { ExtractStats } from './extract.js';
import type { PlannedTable } from './plan-tables.js';
import type { CursorFilter } from '../sources/source.js';
import type { TableState } from '../state/state-store.js';

export const LOAD_ID_COLUMN = '_tsdbt_load_id';

export interface StageOptions {
  conn: Connection;
  dialect: Dialect;
  source: Source;
  plan: PlannedTable;
  stage: RelationRef;
  filter?: CursorFilter;
  stored?: TableState;
  chunkSize: number;
  loadId: string;
  /**
   * Stage only the source columns and add the load id afterwards as a column DEFAULT (one catalog change instead of
   * the same text appended to every row). For destinations whose ADD COLUMN … DEFAULT fills existing rows (DuckDB).
   */
  loadIdByDefault?: boolean;
  retries: { attempts: number; backoffMs: number };
  emit: (e: IngestEvent) => void;
}

/** The staging relation's columns: every planned column plus the load id. */
export function loadColumns(plan: PlannedTable, dialect: Dialect): LoadColumn[] {
  return [...plan.columns.map((c) => ({ name: c.dest, dataType: c.destType })), { name: LOAD_ID_COLUMN, dataType: dialect.typeName('string') }];
}

/**
 * Extracts the table into a fresh staging relation. A transient source error (dropped connection, timeout,
 * deadlock: the driver's own notion) restarts the extraction from an empty staging relation, with backoff.
 */
export async function stageRows(o: StageOptions): Promise<{ stats: ExtractStats; attempts: number }> {
  const all = loadColumns(o.plan, o.dialect);
  const columns = o.loadIdByDefault ? all.slice(0, -1) : all;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const stats: ExtractStats = { rows: 0, skipped: 0, maxCursor: undefined, boundaryKeys: new Set() };
    await o.conn.execute(o.dialect.dropRelation(o.stage, 'table'));
    await o.conn.execute(`CREATE TABLE ${o.dialect.renderRelation(o.stage)} (${columns.map((c) => `${o.dialect.quote(c.name)} ${c.dataType}`).join(', ')})`);
    const onChunk = (rows: number) => o.emit({ type: 'table_progress', table: o.plan.sourceName, rows, rowsPerSecond: rows / Math.max((Date.now() - started) / 1000, 1e-3) });
    // The destination wraps whatever fails inside its bulk load; keep the source's own error to judge and report.
    const failed: { error?: unknown } = {};
    const loadId = o.loadIdByDefault ? undefined : o.loadId;
    const chunks = catchInto(extractChunks(o.source, o.plan, { filter: o.filter, stored: o.stored, chunkSize: o.chunkSize, loadId, onChunk }, stats), failed);
    try {
      await writeChunks(o.conn, o.dialect, o.stage, columns, chunks);
      if (o.loadIdByDefault) {
        await o.conn.execute(`ALTER TABLE ${o.dialect.renderRelation(o.stage)} ADD COLUMN ${o.dialect.quote(LOAD_ID_COLUMN)} ${all[all.length - 1]!.dataType} DEFAULT ${o.dialect.literal(o.loadId)}`);
      }
      return { stats, attempts: attempt };
    } catch (caught) {
      const sourceError = 'error' in failed;
      const error = sourceError ? failed.error : caught;
      if (sourceError && !isTsdbtError(error) && o.source.isTransient(error) && attempt <= o.retries.attempts) {
        const delayMs = o.retries.backoffMs * 2 ** (attempt - 1);
        o.emit({ type: 'table_retry', table: o.plan.sourceName, attempt, maxAttempts: o.retries.attempts + 1, message: messageOf(error), delayMs });
        await new Promise((r) => setTimeout(r, delayMs));
        continue;
      }
      throw sourceError && !isTsdbtError(error) ? sourceFailure(o.plan, error, attempt) : error;
    }
  }
}

async function* catchInto<T>(inner: AsyncIterable<T>, failed: { error?: unknown }): AsyncGenerator<T> {
  try {
    yield* inner;
  } catch (error) {
    failed.error = error;
    throw error;
  }
}

async function writeChunks(conn: Connection, dialect: Dialect, stage: RelationRef, columns: LoadColumn[], chunks: AsyncIterable<unknown[][]>): Promise<void> {
  if (conn.bulkLoad) {
    await conn.bulkLoad(stage, columns, chunks);
    return;
  }
  // Destinations without a bulk path: multi-row INSERTs, one per chunk.
  const head = `INSERT INTO ${dialect.renderRelation(stage)} (${columns.map((c) => dialect.quote(c.name)).join(', ')}) VALUES `;
  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i += 1000) {
      const rows = chunk.slice(i, i + 1000).map((r) => `(${r.map((v) => dialect.literal(typeof v === 'bigint' ? v.toString() : v)).join(', ')})`);
      await conn.execute(head + rows.join(', '));
    }
  }
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function sourceFailure(plan: PlannedTable, error: unknown, attempts: number): TsdbtError {
  const query = (error as { query?: string }).query;
  const after = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
  return new TsdbtError('TSDBT_INGEST_SOURCE_ERROR', `${plan.sourceName}: reading the source failed${after}: ${messageOf(error)}`, {
    cause: error,
    hint: query ? `query: ${shorten(query)}` : undefined,
  });
}

/** A long column list gives way to the part that names the table and the filter. */
function shorten(query: string): string {
  const short = query.replace(/^SELECT [\s\S]*? FROM /, (m) => (m.length > 200 ? 'SELECT … FROM ' : m));
  return short.length > 400 ? `${short.slice(0, 400)}…` : short;
}
