import type { DuckDBConnection } from '@duckdb/node-api';

export interface TdsFaults {
  /** Reject every login with error 18456. */
  failLogin?: boolean;
  /** Drop the connection after sending this many rows of a result… */
  dropAfterRows?: number;
  /** …this many times (default 1; 0 stops dropping). */
  dropCount?: number;
  /** Wait this long before answering each request. */
  delayMs?: number;
}

export interface TdsServer {
  host: string;
  port: number;
  admin: DuckDBConnection;
  faults: TdsFaults;
  stats: { logins: number; queries: number; drops: number; attentions: number };
  close(): Promise<void>;
}

export function startTdsServer(options?: { dbPath?: string; password?: string; database?: string; port?: number; host?: string; faults?: TdsFaults }): Promise<TdsServer>;
