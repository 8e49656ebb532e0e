import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBResultReader, ResultReturnType } from './duckdb-api.js';
import { dirname } from 'node:path';
import { TsdbtError, makeDirs } from '@tsdbt/core';
import type { ColumnInfo, Connection, LoadColumn, QueryResult, RelationInfo, RelationRef, RelationType } from '@tsdbt/core';
import type { DuckDbConfig } from './duckdb-config.js';
import { DuckDbDialect } from './duckdb-dialect.js';
import { duckDbError } from './duckdb-errors.js';
import { acquireInstance, lastUser, releaseInstance } from './duckdb-instances.js';
import { RowWriter } from './duckdb-append.js';
import { toParam, toQueryResult } from './duckdb-values.js';

const dialect = new DuckDbDialect();
/** Rows between appender flushes: DuckDB's own appender flushes at 204,800 rows (100 vectors) too. */
const FLUSH_ROWS = 204_800;

function relationType(tableType: unknown): RelationType {
  return tableType === 'VIEW' ? 'view' : 'table';
}

/** One session on a shared DuckDB instance. Not for concurrent statements: the runner keeps one per thread. */
export class DuckDbConnection implements Connection {
  private inTransaction = false;
  /**
   * Set by cancel(); cleared by the first statement that fails as cancelled. The statement in flight may finish
   * before an interrupt lands: then the next one to start fails instead, so a Ctrl-C never lets a new one run.
   */
  private cancelled = false;
  /** Sequence number of the statement in flight, if any. */
  private running: number | undefined;
  private sequence = 0;
  private closed = false;

  private constructor(
    private readonly conn: DuckDBConnection,
    private readonly path: string,
  ) {}

  static async open(config: DuckDbConfig): Promise<DuckDbConnection> {
    try {
      // A fresh clone has no target/ yet: DuckDB creates the file but not its folder.
      if (!config.path.startsWith(':memory:')) makeDirs(dirname(config.path));
      const instance = await acquireInstance(config.path, config.settings);
      return new DuckDbConnection(await instance.connect(), config.path);
    } catch (error) {
      const message = (error as Error).message;
      throw new TsdbtError('TSDBT_CONNECTION_FAILED', `Could not open DuckDB database '${config.path}': ${message}`, {
        cause: error,
        hint: /lock/iu.test(message)
          ? 'Another process holds the file open (DuckDB allows one writer process per file): stop it, or point path: at another file.'
          : `Check that '${config.path}' can be created and written (the path: of the duckdb target in profiles.yml).`,
      });
    }
  }

  async execute(sql: string, params?: unknown[]): Promise<QueryResult> {
    if (this.cancelled) {
      this.cancelled = false;
      throw duckDbError(new Error('INTERRUPT Error: Interrupted!'));
    }
    const id = ++this.sequence;
    this.running = id;
    try {
      const result = await this.conn.run(sql, params?.length ? params.map(toParam) : undefined);
      // DDL returns nothing: skip the extra round trip to the thread pool that reading an empty result costs.
      if (result.returnType === ResultReturnType.NOTHING) return { columns: [], rows: [], rowsAffected: 0 };
      const reader = new DuckDBResultReader(result);
      await reader.readAll();
      return toQueryResult(reader);
    } catch (error) {
      const e = duckDbError(error, sql);
      if (e.code === 'TSDBT_QUERY_CANCELLED') this.cancelled = false;
      throw e;
    } finally {
      if (this.running === id) this.running = undefined;
    }
  }

  async transaction<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    await this.execute(dialect.beginTransaction());
    this.inTransaction = true;
    try {
      const result = await fn(this);
      await this.execute(dialect.commit());
      return result;
    } catch (error) {
      await this.conn.run(dialect.rollback()).catch(() => undefined);
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  async getRelation(rel: RelationRef): Promise<RelationInfo | undefined> {
    const found = await this.listRelations(rel.database, rel.schema);
    const name = rel.identifier.toLowerCase();
    return found.find((r) => r.identifier.toLowerCase() === name);
  }

  async getColumns(rel: RelationRef): Promise<ColumnInfo[]> {
    const result = await this.execute(dialect.getColumnsSql(rel));
    return result.rows.map(([name, dataType, nullable]) => ({ name: String(name), dataType: String(dataType), nullable: nullable === 'YES' }));
  }

  async listRelations(database: string | undefined, schema: string): Promise<RelationInfo[]> {
    const result = await this.execute(dialect.listRelationsSql(database, schema));
    return result.rows.map(([db, sch, name, type]) => ({
      database: String(db),
      schema: String(sch),
      identifier: String(name),
      type: relationType(type),
    }));
  }

  /**
   * Appender fed chunk by chunk, as columnar data chunks or typed row appends (duckdb-append.ts); all or nothing
   * inside one transaction. Flushed every FLUSH_ROWS rows rather than per chunk (the appender's buffer stays bounded,
   * so memory stays flat). Cancellation is checked between chunks.
   */
  async bulkLoad(rel: RelationRef, columns: LoadColumn[], chunks: AsyncIterable<unknown[][]>): Promise<number> {
    return this.transaction(async () => {
      let appender;
      try {
        appender = await this.conn.createAppender(rel.identifier, rel.schema, rel.database ?? null);
      } catch (error) {
        throw duckDbError(error);
      }
      let count = 0;
      let unflushed = 0;
      try {
        const writer = new RowWriter(appender, columns.map((_, i) => appender.columnType(i).typeId));
        for await (const chunk of chunks) {
          if (this.cancelled && !(this.cancelled = false)) throw new TsdbtError('TSDBT_QUERY_CANCELLED', `Bulk load into ${dialect.renderRelation(rel)} cancelled`, { exitCode: 130 });
          writer.write(chunk);
          count += chunk.length;
          unflushed += chunk.length;
          if (unflushed >= FLUSH_ROWS) {
            appender.flushSync();
            unflushed = 0;
          }
        }
        appender.flushSync();
      } catch (error) {
        try {
          appender.clear();
        } catch {
          // The original error is the one to report.
        }
        try {
          appender.closeSync();
        } catch {
          // idem
        }
        throw duckDbError(error);
      }
      try {
        appender.closeSync();
      } catch (error) {
        throw duckDbError(error);
      }
      return count;
    });
  }

  /**
   * Interrupt what runs now. DuckDB drops an interrupt that lands before the statement starts executing, so keep
   * interrupting while that same statement is in flight. Unless that statement fails as cancelled, the next one does.
   */
  async cancel(): Promise<void> {
    if (this.closed) return;
    this.cancelled = true;
    const running = this.running;
    if (running === undefined) return;
    for (let tries = 0; this.running === running && tries < 1000 && !this.closed; tries++) {
      this.conn.interrupt();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Closing the instance checkpoints the WAL into the file, synchronously on the main thread. The last connection
    // checkpoints first as a statement (on DuckDB's threads) so the caller's work can overlap it; on failure (a
    // read-only file, say) the close does it as before.
    if (lastUser(this.path) && !this.path.startsWith(':memory:')) await this.conn.run('CHECKPOINT').catch(() => undefined);
    this.conn.closeSync();
    await releaseInstance(this.path);
  }
}
