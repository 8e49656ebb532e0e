import type { Adapter } from '@tsdbt/core';
import { duckDbAdapter } from './duckdb-adapter.js';

/** Read by core's `loadAdapter('duckdb')`. */
export const adapter = duckDbAdapter as unknown as Adapter;
export default adapter;
export { duckDbAdapter } from './duckdb-adapter.js';
export { DuckDbDialect, duckDbCapabilities } from './duckdb-dialect.js';
export { formatTimestamp } from '@tsdbt/core';
export type { DuckDbConnection } from './duckdb-connection.js';
export { duckDbError } from './duckdb-errors.js';
export { parseDuckDbConfig, catalogNameForPath } from './duckdb-config.js';
export type { DuckDbConfig } from './duckdb-config.js';
