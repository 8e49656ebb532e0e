import type { DuckDBAppender, DuckDBResultReader, DuckDBValue } from '@duckdb/node-api';
import { DuckDBTypeId } from './duckdb-api.js';
import { formatTimestamp } from '@tsdbt/core';
import type { ColumnInfo, QueryResult } from '@tsdbt/core';

/*
 * Values out of DuckDB, one rule per kind (documented in the package README):
 * - integers up to BIGINT: JS numbers when within Number.MAX_SAFE_INTEGER, otherwise exact decimal strings;
 * - DECIMAL: exact decimal strings ('12.5000'), because money must not pass through a double;
 * - FLOAT/DOUBLE: numbers; BOOLEAN: booleans; VARCHAR/UUID/ENUM: strings;
 * - DATE, TIME, TIMESTAMP(TZ): strings as DuckDB prints them ('2024-01-31', '2024-01-31 12:00:00'), never Date;
 * - LIST/STRUCT/MAP: JSON-shaped arrays and objects.
 */
const WIDE_INTEGERS = new Set<DuckDBTypeId>([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT]);

function narrowInteger(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

/** Read a DuckDB result as plain JS rows. */
export function toQueryResult(reader: DuckDBResultReader): QueryResult {
  const types = reader.columnTypes();
  const columns: ColumnInfo[] = reader.columnNames().map((name, i) => ({ name, dataType: types[i]!.toString() }));
  const wide = types.map((t) => WIDE_INTEGERS.has(t.typeId));
  const rows = reader.getRowsJson() as unknown[][];
  if (wide.some(Boolean)) {
    for (const row of rows) for (let i = 0; i < row.length; i++) if (wide[i]) row[i] = narrowInteger(row[i]);
  }
  return { columns, rows, rowsAffected: reader.rowsChanged };
}

/** A JS parameter as DuckDB binds it: dates as timestamp text, objects as JSON text. */
export function toParam(value: unknown): DuckDBValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return formatTimestamp(value);
  if (typeof value === 'object' && !(value instanceof Uint8Array)) return JSON.stringify(value);
  return value as DuckDBValue;
}

/** Append one JS value; the appender casts text to the column's type, so strings feed any column. */
export function appendValue(appender: DuckDBAppender, value: unknown): void {
  if (value === null || value === undefined) appender.appendNull();
  else if (typeof value === 'string') appender.appendVarchar(value);
  else if (typeof value === 'number') {
    if (Number.isInteger(value)) appender.appendBigInt(BigInt(value));
    else appender.appendDouble(value);
  } else if (typeof value === 'boolean') appender.appendBoolean(value);
  else if (typeof value === 'bigint') appender.appendHugeInt(value);
  else if (value instanceof Date) appender.appendVarchar(formatTimestamp(value));
  else if (value instanceof Uint8Array) appender.appendBlob(value);
  else appender.appendVarchar(JSON.stringify(value));
}
