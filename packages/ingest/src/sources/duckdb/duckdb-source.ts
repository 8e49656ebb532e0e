import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { TsdbtError } from '@tsdbt/core';
import type { DuckDbSourceConfig } from '../../config/types.js';
import type { SourceTable } from '../../schema/logical-type.js';
import type { ReadRequest, Source } from '../source.js';
import { duckLogicalType } from './duckdb-types.js';

const q = (id: string): string => `"${id.replace(/"/g, '""')}"`;

/** The embedded source: an AdventureWorks-shaped DuckDB file opened read-only (what a fresh clone loads from). */
export class DuckDbSource implements Source {
  readonly kind = 'duckdb';

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly attachPath: string,
  ) {}

  static async open(config: DuckDbSourceConfig): Promise<DuckDbSource> {
    if (!existsSync(config.path)) {
      throw new TsdbtError('TSDBT_SOURCE_CONNECT_FAILED', `Source database file not found: ${config.path}`, {
        hint: 'Generate it with `tsdbt-sample --out FILE`, or point source.path (SALES_SOURCE_DB) at it.',
      });
    }
    try {
      const instance = await DuckDBInstance.create(config.path, { access_mode: 'READ_ONLY' });
      return new DuckDbSource(instance, await instance.connect(), config.path);
    } catch (cause) {
      throw new TsdbtError('TSDBT_SOURCE_CONNECT_FAILED', `Cannot open source ${config.path}: ${(cause as Error).message}`, { cause });
    }
  }

  async listTables(schema: string): Promise<string[]> {
    const r = await this.conn.runAndReadAll(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`, [schema]);
    return r.getRows().map(([name]) => String(name));
  }

  async reflect(schema: string, table: string): Promise<SourceTable | undefined> {
    const cols = await this.conn.runAndReadAll(`SELECT column_name, data_type, is_nullable FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, [schema, table]);
    const rows = cols.getRows();
    if (rows.length === 0) return undefined;
    const pk = await this.conn.runAndReadAll(`SELECT constraint_column_names FROM duckdb_constraints()
      WHERE schema_name = $1 AND table_name = $2 AND constraint_type = 'PRIMARY KEY'`, [schema, table]);
    const pkCols = pk.getRowsJS()[0]?.[0];
    return {
      schema,
      name: table,
      columns: rows.map(([name, type, nullable]) => ({ name: String(name), sourceType: String(type), logical: duckLogicalType(String(type)), nullable: nullable === 'YES' })),
      primaryKey: Array.isArray(pkCols) ? pkCols.map(String) : [],
    };
  }

  async *read(request: ReadRequest): AsyncIterable<unknown[][]> {
    const { table, columns, filter } = request;
    let sql = `SELECT ${columns.map(q).join(', ')} FROM ${q(table.schema)}.${q(table.name)}`;
    const params: DuckDBValue[] = [];
    if (filter) {
      const type = table.columns.find((c) => c.name === filter.column)?.sourceType ?? 'VARCHAR';
      const lag = filter.lag ? (/TIME|DATE/i.test(type) ? ` - INTERVAL (${Number(filter.lag)}) SECOND` : ` - ${Number(filter.lag)}`) : '';
      sql += ` WHERE ${q(filter.column)} >= CAST($1 AS ${type})${lag}`;
      params.push(typeof filter.value === 'bigint' || typeof filter.value === 'number' ? filter.value : String(filter.value));
    }
    // One connection per read: a second query on a connection would end a stream still being read.
    const conn = await this.instance.connect();
    try {
      yield* readStream(conn, sql, params, request.chunkSize);
    } finally {
      conn.closeSync();
    }
  }

  isTransient(): boolean {
    return false;
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

async function* readStream(conn: DuckDBConnection, sql: string, params: DuckDBValue[], chunkSize: number): AsyncGenerator<unknown[][]> {
  const result = await conn.stream(sql, params);
  const convert = result.columnTypes().map((t) => converterFor(t.toString()));
  let out: unknown[][] = [];
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    for (const row of chunk.getRows() as unknown[][]) {
      for (let i = 0; i < row.length; i++) if (row[i] !== null) row[i] = convert[i]!(row[i] as DuckDBValue);
      out.push(row);
    }
    if (out.length >= chunkSize) {
      yield out;
      out = [];
    }
  }
  if (out.length) yield out;
}

/** Plain JS per column: exact decimal and temporal text (no float or ms rounding), bigint, bytes. */
function converterFor(type: string): (v: DuckDBValue) => unknown {
  if (/^(DECIMAL|TIME|DATE|TIMESTAMP|UUID|INTERVAL)/.test(type) || type === 'UBIGINT') return (v) => String(v);
  if (type === 'BLOB') return (v) => (v as { bytes: Uint8Array }).bytes;
  return (v) => v;
}
