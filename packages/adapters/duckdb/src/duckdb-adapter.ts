import type { Adapter } from '@tsdbt/core';
import { parseDuckDbConfig } from './duckdb-config.js';
import type { DuckDbConfig } from './duckdb-config.js';
import { DuckDbDialect, duckDbCapabilities } from './duckdb-dialect.js';

/** The embedded default warehouse: DuckDB in process through `@duckdb/node-api`. */
export const duckDbAdapter: Adapter<DuckDbConfig> = {
  name: 'duckdb',
  capabilities: duckDbCapabilities,
  parseConfig: parseDuckDbConfig,
  toSafeJson: (config) => ({ type: config.type, path: config.path, schema: config.schema, database: config.database, threads: config.threads, settings: { ...config.settings } }),
  createDialect: () => new DuckDbDialect(),
  // `@duckdb/node-api` (a native binding) loads on the first connection, so `tsdbt parse` never pays for it.
  connect: async (config) => (await import('./duckdb-connection.js')).DuckDbConnection.open(config),
};
