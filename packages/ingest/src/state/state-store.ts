import type { Connection, Dialect, RelationRef } from '@tsdbt/core';
import { decodeValue, encodeValue } from '../pipeline/values.js';

export const LOADS_TABLE = '_tsdbt_loads';
export const STATE_TABLE = '_tsdbt_state';

export interface TableState {
  lastValue: unknown;
  /** Keys of the rows already loaded whose cursor equals lastValue: the boundary de-dup set. */
  boundaryKeys: string[];
}

export interface LoadRecord {
  loadId: string;
  table: string;
  sourceTable: string;
  writeDisposition: string;
  rows: number;
  startedAt: Date;
  finishedAt: Date;
  status: 'loaded' | 'failed';
  error?: string;
}

/** The pipeline's bookkeeping tables, beside the data in the destination schema so they commit with it. */
export class StateStore {
  constructor(
    private readonly dialect: Dialect,
    private readonly rel: (identifier: string) => RelationRef,
  ) {}

  private get loads(): string { return this.dialect.renderRelation(this.rel(LOADS_TABLE)); }
  private get state(): string { return this.dialect.renderRelation(this.rel(STATE_TABLE)); }

  async ensure(conn: Connection): Promise<void> {
    const t = (p: 'string' | 'timestamp' | 'bigint') => this.dialect.typeName(p);
    await conn.execute(`CREATE TABLE IF NOT EXISTS ${this.loads} (load_id ${t('string')}, table_name ${t('string')}, source_table ${t('string')},
      write_disposition ${t('string')}, rows_loaded ${t('bigint')}, started_at ${t('timestamp')}, finished_at ${t('timestamp')},
      status ${t('string')}, error ${t('string')})`);
    await conn.execute(`CREATE TABLE IF NOT EXISTS ${this.state} (table_name ${t('string')}, source_table ${t('string')},
      cursor_column ${t('string')}, last_value ${t('string')}, boundary_keys ${t('string')}, load_id ${t('string')}, updated_at ${t('timestamp')})`);
  }

  async read(conn: Connection, table: string): Promise<TableState | undefined> {
    const r = await conn.execute(`SELECT last_value, boundary_keys FROM ${this.state} WHERE table_name = ${this.dialect.literal(table)}`);
    const row = r.rows[0];
    if (!row || row[0] === null) return undefined;
    return { lastValue: decodeValue(JSON.parse(String(row[0]))), boundaryKeys: JSON.parse(String(row[1] ?? '[]')) as string[] };
  }

  /** Inside the table's load transaction: the cursor moves exactly when the rows land. */
  async write(conn: Connection, entry: { table: string; sourceTable: string; cursor: string; state: TableState; loadId: string }): Promise<void> {
    const l = (v: unknown) => this.dialect.literal(v);
    await conn.execute(`DELETE FROM ${this.state} WHERE table_name = ${l(entry.table)}`);
    await conn.execute(`INSERT INTO ${this.state} VALUES (${l(entry.table)}, ${l(entry.sourceTable)}, ${l(entry.cursor)},
      ${l(JSON.stringify(encodeValue(entry.state.lastValue)))}, ${l(JSON.stringify(entry.state.boundaryKeys))}, ${l(entry.loadId)}, ${l(new Date())})`);
  }

  async clear(conn: Connection, table: string): Promise<void> {
    await conn.execute(`DELETE FROM ${this.state} WHERE table_name = ${this.dialect.literal(table)}`);
  }

  async recordLoad(conn: Connection, r: LoadRecord): Promise<void> {
    const l = (v: unknown) => this.dialect.literal(v);
    await conn.execute(`INSERT INTO ${this.loads} VALUES (${[r.loadId, r.table, r.sourceTable, r.writeDisposition].map(l).join(', ')},
      ${r.rows}, ${l(r.startedAt)}, ${l(r.finishedAt)}, ${l(r.status)}, ${l(r.error ?? null)})`);
  }
}
