import type { Warehouse } from './warehouse.mjs';

export interface SnowflakeStandInOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Persist databases as DIR/<NAME>.duckdb (in memory without it). */
  dir?: string;
  /** User (upper case) → password; any login is accepted when absent. */
  users?: Record<string, string>;
  /** Session token lifetime, to exercise the driver's token renewal (default 3600). */
  tokenValiditySeconds?: number;
  /** Rows per result chunk (default 10,000). */
  chunkRows?: number;
  /** How long a result poll waits before answering "still running" (default 2,000 ms). */
  resultWaitMs?: number;
  /** The account's TIMEZONE, each new session's (default UTC; Snowflake's own default is America/Los_Angeles). */
  timezone?: string;
}

export interface SnowflakeStandIn {
  port: number;
  url: string;
  warehouse: Warehouse;
  stats(): { sessions: number; queries: number };
  close(): Promise<void>;
}

export function startStandIn(options?: SnowflakeStandInOptions): Promise<SnowflakeStandIn>;
