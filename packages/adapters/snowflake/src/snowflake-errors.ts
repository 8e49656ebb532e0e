import { TsdbtError, isTsdbtError } from '@tsdbt/core';

/** The driver's error fields worth keeping in a message (snowflake-sdk sets `code`, `sqlState`, `data.queryId`). */
interface DriverError extends Error {
  code?: string | number;
  sqlState?: string;
  data?: { queryId?: string };
}

const CANCELLED = new Set(['000604', '604']);

/** A Snowflake error as a TsdbtError: the Snowflake code and query id in the message, the SQL in the hint, the driver's error as `cause`. */
export function wrapSnowflakeError(error: unknown, sql?: string): TsdbtError {
  if (isTsdbtError(error)) return error;
  const e = error as DriverError;
  const code = e?.code === undefined ? undefined : /^\d+$/u.test(String(e.code)) ? String(e.code).padStart(6, '0') : String(e.code);
  const cancelled = code !== undefined && CANCELLED.has(code);
  const queryId = e?.data?.queryId;
  const detail = [code && (/^\d+$/u.test(code) ? `Snowflake ${code}` : code), e?.sqlState && `SQLSTATE ${e.sqlState}`, queryId && `query id ${queryId}`].filter(Boolean).join(', ');
  const message = `${e?.message ?? String(error)}${detail ? ` (${detail})` : ''}`;
  return new TsdbtError(cancelled ? 'TSDBT_QUERY_CANCELLED' : 'TSDBT_DATABASE_ERROR', message, {
    cause: error,
    exitCode: cancelled ? 130 : 1,
    hint: sql && !cancelled ? `while running: ${sql.length > 200 ? `${sql.slice(0, 200)}…` : sql}` : undefined,
  });
}

export function connectError(error: unknown, where: string): TsdbtError {
  const e = error as DriverError;
  const code = e?.code === undefined ? '' : ` (${String(e.code)})`;
  return new TsdbtError('TSDBT_CONNECTION_FAILED', `Could not connect to Snowflake at ${where}: ${e?.message ?? String(error)}${code}`, {
    cause: error,
    hint: 'Check account, user and the password/authenticator of the profile target (`tsdbt debug` tests the connection).',
  });
}
