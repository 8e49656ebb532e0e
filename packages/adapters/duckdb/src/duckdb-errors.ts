import { TsdbtError, isTsdbtError } from '@tsdbt/core';

/** Wrap a driver error with a stable code, keeping DuckDB's own message and error as the cause. */
export function duckDbError(error: unknown, sql?: string): TsdbtError {
  if (isTsdbtError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const cancelled = /INTERRUPT|Interrupted/u.test(message);
  return new TsdbtError(cancelled ? 'TSDBT_QUERY_CANCELLED' : 'TSDBT_DATABASE_ERROR', message, {
    cause: error,
    exitCode: cancelled ? 130 : 1,
    hint: sql && !cancelled ? `while running: ${sql.length > 200 ? `${sql.slice(0, 200)}…` : sql}` : undefined,
  });
}
