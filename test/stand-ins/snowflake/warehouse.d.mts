import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** The emulated account: one DuckDB instance, one attached catalog per Snowflake database. */
export class Warehouse {
  static create(options?: { dir?: string; stageDir?: string }): Promise<Warehouse>;
  readonly instance: DuckDBInstance;
  readonly admin: DuckDBConnection;
  readonly stageDir: string;
  readonly databases: Set<string>;
  ensureDatabase(name: string): Promise<void>;
  close(): Promise<void>;
}
