import type { Connection as SdkConnection, RowStatement } from 'snowflake-sdk';
import { TsdbtError } from '@tsdbt/core';
import type { ColumnInfo, Connection, LoadColumn, QueryResult, RelationInfo, RelationRef, RelationType } from '@tsdbt/core';
import type { SnowflakeConfig } from './snowflake-config.js';
import { SnowflakeDialect } from './snowflake-dialect.js';
import { SessionPool } from './snowflake-pool.js';
import { runStatement } from './snowflake-driver.js';
import { wrapSnowflakeError } from './snowflake-errors.js';
import { columnInfo, plainValue } from './snowflake-values.js';
import { bulkLoad } from './snowflake-bulk-load.js';

const KINDS: Record<string, RelationType> = { TABLE: 'table', VIEW: 'view', 'MATERIALIZED VIEW': 'materialized_view', 'EXTERNAL TABLE': 'external' };

/** One Snowflake session from the pool. Statements run one at a time; `cancel` aborts what is running. */
export class SnowflakeConnection implements Connection {
  private readonly dialect = new SnowflakeDialect();
  private readonly running = new Set<RowStatement>();
  private inTransaction = false;
  private closed = false;
  /**
   * Set by cancel(), cleared by the first statement that fails as cancelled: a statement that finishes before its
   * cancel lands leaves the next one to fail instead (Ctrl-C between statements, or racing one).
   */
  private cancelRequested = false;

  private constructor(private readonly pool: SessionPool, private readonly conn: SdkConnection) {}

  static async open(config: SnowflakeConfig): Promise<SnowflakeConnection> {
    const pool = SessionPool.for(config);
    return new SnowflakeConnection(pool, await pool.acquire());
  }

  async execute(sql: string, params?: unknown[]): Promise<QueryResult> {
    if (this.closed) throw new TsdbtError('TSDBT_CONNECTION_CLOSED', 'The Snowflake connection is closed', { hint: `while running: ${sql.slice(0, 200)}` });
    if (this.cancelRequested) {
      this.cancelRequested = false;
      throw new TsdbtError('TSDBT_QUERY_CANCELLED', 'Snowflake statement cancelled before it started', { exitCode: 130 });
    }
    try {
      const { statement, rows } = await runStatement(this.conn, sql, params?.map(bindValue), (s) => this.running.add(s));
      this.running.delete(statement);
      const cols = statement.getColumns() ?? [];
      const updated = statement.getNumUpdatedRows();
      return {
        columns: cols.map(columnInfo),
        rows: rows.map((r) => r.map((v, i) => plainValue(v, cols[i]!))),
        ...(updated !== undefined && updated >= 0 ? { rowsAffected: updated } : {}),
      };
    } catch (e) {
      this.running.clear();
      const error = wrapSnowflakeError(e, sql);
      if (error.code === 'TSDBT_QUERY_CANCELLED') this.cancelRequested = false;
      throw error;
    }
  }

  /** Snowflake commits DDL implicitly: only DML inside `fn` is rolled back on failure. */
  async transaction<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    await this.execute(this.dialect.beginTransaction());
    this.inTransaction = true;
    try {
      const out = await fn(this);
      await this.execute(this.dialect.commit());
      return out;
    } catch (e) {
      await this.execute(this.dialect.rollback()).catch(() => undefined);
      throw e;
    } finally {
      this.inTransaction = false;
    }
  }

  async getRelation(rel: RelationRef): Promise<RelationInfo | undefined> {
    const rows = await this.showObjects(this.dialect.getRelationSql(rel), rel.database, rel.schema);
    const name = this.dialect.resolvedName(rel.identifier);
    return rows.find((r) => r.identifier === name);
  }

  async listRelations(database: string | undefined, schema: string): Promise<RelationInfo[]> {
    return this.showObjects(this.dialect.listRelationsSql(database, schema), database, schema);
  }

  private async showObjects(sql: string, database: string | undefined, schema: string): Promise<RelationInfo[]> {
    let result: QueryResult;
    try {
      result = await this.execute(sql);
    } catch (e) {
      // A schema that does not exist yet holds no relations (dbt-snowflake treats 002043/002003 the same way).
      if (/Snowflake 00(2003|2043)/u.test((e as Error).message)) return [];
      throw e;
    }
    const at = (name: string) => result.columns.findIndex((c) => c.name.toLowerCase() === name);
    const [n, k, d, s] = ['name', 'kind', 'database_name', 'schema_name'].map(at) as [number, number, number, number];
    return result.rows.map((r) => ({
      database: String(r[d] ?? database),
      schema: String(r[s] ?? schema),
      identifier: String(r[n]),
      type: KINDS[String(r[k]).toUpperCase()] ?? 'table',
    }));
  }

  async getColumns(rel: RelationRef): Promise<ColumnInfo[]> {
    const result = await this.execute(this.dialect.getColumnsSql(rel));
    const at = (name: string) => result.columns.findIndex((c) => c.name.toLowerCase() === name);
    const [n, t, nl, k] = [at('name'), at('type'), at('null?'), at('kind')];
    return result.rows
      .filter((r) => k < 0 || String(r[k]) === 'COLUMN')
      .map((r) => ({ name: String(r[n]), dataType: String(r[t]), nullable: String(r[nl]) !== 'N' }));
  }

  bulkLoad(rel: RelationRef, columns: LoadColumn[], chunks: AsyncIterable<unknown[][]>): Promise<number> {
    return bulkLoad(this, this.dialect, rel, columns, chunks);
  }

  async cancel(): Promise<void> {
    if (this.closed) return;
    const statements = [...this.running];
    this.cancelRequested = true;
    await Promise.all(statements.map((s) => new Promise<void>((resolve) => s.cancel(() => resolve()))));
  }

  /** Give the session back to the pool, or log it out if it was left mid-transaction or mid-statement. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.inTransaction || this.running.size) {
      await this.cancel();
      await this.pool.discard(this.conn);
      return;
    }
    this.pool.release(this.conn);
  }
}

/** Binds the driver accepts: strings, numbers, booleans, null (dates as ISO text, bigint as text). */
function bindValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  return v;
}
