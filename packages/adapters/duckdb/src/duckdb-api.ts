import { createRequire } from 'node:module';
import type * as Api from '@duckdb/node-api';

/**
 * The values this package uses from `@duckdb/node-api`, loaded with `require`. The package is CommonJS: an ESM
 * `import` of it first scans each of its ~100 modules for export names (cjs-module-lexer), which cost every
 * `tsdbt run` ~130 ms of main-thread time more than `require` (220 ms vs 85 ms to load it). Import values from here
 * and types from '@duckdb/node-api' (`import type`, erased). Importing this module loads the native binding.
 */
const api = createRequire(import.meta.url)('@duckdb/node-api') as typeof Api;

// Each typed explicitly: declaration files must name the types from '@duckdb/node-api', not from where they resolve.
export const BOOLEAN: typeof Api.BOOLEAN = api.BOOLEAN;
export const DOUBLE: typeof Api.DOUBLE = api.DOUBLE;
export const INTEGER: typeof Api.INTEGER = api.INTEGER;
export const SMALLINT: typeof Api.SMALLINT = api.SMALLINT;
export const TIMESTAMP: typeof Api.TIMESTAMP = api.TIMESTAMP;
export const TINYINT: typeof Api.TINYINT = api.TINYINT;
export const VARCHAR: typeof Api.VARCHAR = api.VARCHAR;
export const DuckDBDataChunk: typeof Api.DuckDBDataChunk = api.DuckDBDataChunk;
export const DuckDBInstance: typeof Api.DuckDBInstance = api.DuckDBInstance;
export const DuckDBResultReader: typeof Api.DuckDBResultReader = api.DuckDBResultReader;
export const DuckDBTimestampValue: typeof Api.DuckDBTimestampValue = api.DuckDBTimestampValue;
export const DuckDBTypeId: typeof Api.DuckDBTypeId = api.DuckDBTypeId;
export const ResultReturnType: typeof Api.ResultReturnType = api.ResultReturnType;
export type DuckDBDataChunk = Api.DuckDBDataChunk;
export type DuckDBInstance = Api.DuckDBInstance;
export type DuckDBResultReader = Api.DuckDBResultReader;
export type DuckDBTimestampValue = Api.DuckDBTimestampValue;
export type DuckDBTypeId = Api.DuckDBTypeId;
export type ResultReturnType = Api.ResultReturnType;
