import { TsdbtError, isTsdbtError } from '@tsdbt/core';
import type { Connection, RelationRef } from '@tsdbt/core';
import type { Destination } from '../destination/destination.js';
import type { IngestEvent, TableResult } from '../events.js';
import type { Source } from '../sources/source.js';
import type { StateStore, TableState } from '../state/state-store.js';
import { commitTable } from './commit-table.js';
import { nextState } from './extract.js';
import type { PlannedTable } from './plan-tables.js';
import { decideContract } from './schema-contract.js';
import { stageRows } from './stage-rows.js';
import { stageByAttach } from './stage-by-attach.js';
import { initialCursor } from './initial-cursor.js';

export interface LoadContext {
  dest: Destination;
  source: Source;
  store: StateStore;
  file: string;
  loadId: string;
  chunkSize: number;
  retries: { attempts: number; backoffMs: number };
  fullRefresh: boolean;
  emit: (e: IngestEvent) => void;
  /** Serialises the short commit step across parallel tables (the bookkeeping tables are shared). */
  commitLock: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** Loads one table: stage → one transaction → drop the staging relation. Never throws: failures become results. */
export async function loadTable(ctx: LoadContext, plan: PlannedTable): Promise<TableResult> {
  const startedAt = new Date();
  const replace = ctx.fullRefresh || plan.spec.writeDisposition === 'replace';
  const base = { source: plan.sourceName, destination: `${ctx.dest.schema}.${plan.destName}`, writeDisposition: replace ? 'replace' : plan.spec.writeDisposition };
  const seconds = () => (Date.now() - startedAt.getTime()) / 1000;
  ctx.emit({ type: 'table_start', table: plan.sourceName, destination: base.destination });
  const target = ctx.dest.relation(plan.destName);
  const stage = ctx.dest.relation(ctx.dest.dialect.normalizeIdentifier(`_tsdbt_stage_${plan.destName}`));
  let conn: Connection | undefined;
  try {
    conn = await ctx.dest.connect();
    const c = conn;
    const exists = (await c.getRelation(target)) !== undefined;
    const decision = decideContract(plan, exists ? await c.getColumns(target) : undefined, ctx.file);
    const stored = plan.cursor && !ctx.fullRefresh ? await ctx.store.read(c, plan.destName) : undefined;
    const staged = await stageTable(ctx, c, plan, stage, stored);
    if (staged.stats.rows) ctx.emit({ type: 'table_progress', table: plan.sourceName, rows: staged.stats.rows, rowsPerSecond: staged.stats.rows / Math.max(seconds(), 1e-3) });
    const state: TableState | undefined = plan.cursor ? nextState(staged.stats, stored) : undefined;
    const { rows, discarded } = await ctx.commitLock(() =>
      commitTable(c, { dialect: ctx.dest.dialect, plan, target, stage, exists, replace, decision, store: ctx.store, state, clearState: ctx.fullRefresh, loadId: ctx.loadId, startedAt }));
    await c.execute(ctx.dest.dialect.dropRelation(stage, 'table')).catch(() => undefined);
    const result: TableResult = { ...base, status: 'loaded', rows, seconds: seconds(), attempts: staged.attempts, schemaChanges: decision.changes, discardedRows: discarded };
    ctx.emit({ type: 'table_done', table: plan.sourceName, result });
    return result;
  } catch (error) {
    const e = asTableError(plan, error);
    if (conn) await recordFailure(ctx, conn, plan, base.writeDisposition, startedAt, e.message);
    ctx.emit({ type: 'table_failed', table: plan.sourceName, code: e.code, message: e.message });
    return { ...base, status: 'failed', rows: 0, seconds: seconds(), attempts: 1, schemaChanges: [], discardedRows: 0, error: { code: e.code, message: e.message, hint: e.diagnostics[0]?.hint } };
  } finally {
    await conn?.close();
  }
}

/** Stages the rows: DuckDB copies the embedded file itself into a DuckDB destination; otherwise rows stream. */
async function stageTable(ctx: LoadContext, conn: Connection, plan: PlannedTable, stage: RelationRef, stored: TableState | undefined) {
  const from = stored?.lastValue ?? initialCursor(plan, ctx.source.kind);
  const filter = plan.cursor && from !== undefined ? { column: plan.cursor.source, value: from, lag: plan.spec.lag } : undefined;
  const common = { conn, dialect: ctx.dest.dialect, plan, stage, filter, stored, loadId: ctx.loadId };
  if (ctx.source.attachPath && ctx.dest.config.type === 'duckdb') {
    return { stats: await stageByAttach({ ...common, sourcePath: ctx.source.attachPath, serialize: ctx.commitLock }), attempts: 1 };
  }
  const loadIdByDefault = ctx.dest.config.type === 'duckdb';
  return stageRows({ ...common, source: ctx.source, chunkSize: ctx.chunkSize, retries: ctx.retries, emit: ctx.emit, loadIdByDefault });
}

/** Every failure names its table; a destination's own error keeps its code and cause. */
function asTableError(plan: PlannedTable, error: unknown): TsdbtError {
  if (!isTsdbtError(error)) return new TsdbtError('TSDBT_INGEST_LOAD_FAILED', `${plan.sourceName}: ${(error as Error).message}`, { cause: error });
  if (error.message.startsWith(plan.sourceName)) return error;
  return new TsdbtError(error.code, `${plan.sourceName}: ${error.message}`, { cause: error.cause ?? error, exitCode: error.exitCode, hint: error.diagnostics[0]?.hint, file: error.diagnostics[0]?.file, line: error.diagnostics[0]?.line });
}

async function recordFailure(ctx: LoadContext, conn: Connection, plan: PlannedTable, disposition: string, startedAt: Date, message: string): Promise<void> {
  await ctx.commitLock(() =>
    ctx.store.recordLoad(conn, { loadId: ctx.loadId, table: plan.destName, sourceTable: plan.sourceName, writeDisposition: disposition, rows: 0, startedAt, finishedAt: new Date(), status: 'failed', error: message }),
  ).catch(() => undefined);
}
