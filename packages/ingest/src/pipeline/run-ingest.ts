import { loadIngestConfig } from '../config/load-ingest-config.js';
import { openDestination } from '../destination/destination.js';
import type { Destination } from '../destination/destination.js';
import type { IngestEvent, PlannedTableInfo, TableResult } from '../events.js';
import { openSource } from '../sources/open-source.js';
import { StateStore, STATE_TABLE } from '../state/state-store.js';
import { loadTable } from './load-table.js';
import { planTables } from './plan-tables.js';
import type { PlannedTable } from './plan-tables.js';
import { cursorText } from './values.js';
import { initialCursor } from './initial-cursor.js';

export interface IngestOptions {
  projectDir: string;
  /** ingest.yml (default `<project>/ingest.yml`). */
  configPath?: string;
  profilesDir?: string;
  target?: string;
  /** Load only these (`Sales.SalesOrderHeader`, `SalesOrderHeader` or the destination name). */
  tables?: string[];
  fullRefresh?: boolean;
  dryRun?: boolean;
  onEvent?: (event: IngestEvent) => void;
}

export interface IngestResult {
  loadId: string;
  dryRun: boolean;
  plan: PlannedTableInfo[];
  tables: TableResult[];
}

/** `tsdbt ingest`: plan every table, then load them (in parallel up to `parallelism`), each all-or-nothing. */
export async function runIngest(options: IngestOptions): Promise<IngestResult> {
  const config = loadIngestConfig(options.configPath ?? 'ingest.yml', options.projectDir);
  const emit = options.onEvent ?? (() => undefined);
  const opened = await openDestination({
    projectDir: options.projectDir, profilesDir: options.profilesDir, target: options.target ?? config.destination.target,
    profile: config.destination.profile, schema: config.destination.schema, parallelInsert: config.source.type === 'duckdb',
  });
  const source = await openSource(config.source, config.parallelism);
  const loadId = (Date.now() / 1000).toFixed(6);
  try {
    const planned = await planTables(config, source, opened.dialect, options.tables);
    // Nothing has connected yet: the connections get a buffer pool sized for the tables that load at once.
    const dest = opened.forLoads(Math.min(config.parallelism, planned.length));
    const store = new StateStore(dest.dialect, (t) => dest.relation(t));
    const plan = await describePlan(planned, dest, store, source.kind, options);
    emit({ type: 'plan', loadId, tables: plan });
    if (options.dryRun) return { loadId, dryRun: true, plan, tables: [] };
    await prepareDestination(dest, store);
    const ctx = { dest, source, store, file: config.file, loadId, chunkSize: config.chunkSize, retries: config.retries, fullRefresh: !!options.fullRefresh, emit, commitLock: makeLock() };
    const tables = await mapLimit(planned, config.parallelism, (p) => loadTable(ctx, p));
    return { loadId, dryRun: false, plan, tables };
  } finally {
    await source.close();
  }
}

async function prepareDestination(dest: Destination, store: StateStore): Promise<void> {
  const conn = await dest.connect();
  try {
    await conn.execute(dest.dialect.createSchema(dest.database, dest.schema));
    await store.ensure(conn);
  } finally {
    await conn.close();
  }
}

async function describePlan(planned: PlannedTable[], dest: Destination, store: StateStore, sourceKind: string, options: IngestOptions): Promise<PlannedTableInfo[]> {
  const conn = await dest.connect();
  try {
    const hasState = (await conn.getRelation(dest.relation(STATE_TABLE))) !== undefined;
    const out: PlannedTableInfo[] = [];
    for (const p of planned) {
      const stored = p.cursor && hasState && !options.fullRefresh ? await store.read(conn, p.destName) : undefined;
      const from = stored?.lastValue ?? initialCursor(p, sourceKind);
      out.push({
        source: p.sourceName, destination: `${dest.schema}.${p.destName}`, writeDisposition: options.fullRefresh ? 'replace' : p.spec.writeDisposition,
        cursor: p.cursor?.source, primaryKey: p.primaryKey, schemaContract: p.spec.schemaContract,
        columns: p.columns.map((c) => ({ source: c.source, sourceType: c.sourceType, destination: c.dest, destinationType: c.destType })),
        startsAt: from === undefined ? undefined : `${p.cursor?.source} >= ${cursorText(from)}${p.spec.lag ? ` - lag ${p.spec.lag}` : ''}`,
      });
    }
    return out;
  } finally {
    await conn.close();
  }
}

function makeLock(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
