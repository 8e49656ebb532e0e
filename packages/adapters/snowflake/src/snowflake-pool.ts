import type { Connection as SdkConnection } from 'snowflake-sdk';
import type { SnowflakeConfig } from './snowflake-config.js';
import { destroySession, openSession } from './snowflake-driver.js';

/** Idle sessions are closed after this long, on an unref'd timer so a finished CLI run exits at once. */
const IDLE_MS = 5_000;

interface Idle {
  conn: SdkConnection;
  timer: NodeJS.Timeout;
}

/**
 * A small pool per target: threads take a logged-in session and give it back, so a run of many models logs in
 * once per thread rather than once per model (dbt-snowflake's `reuse_connections`).
 */
export class SessionPool {
  private static pools = new Map<string, SessionPool>();
  private idle: Idle[] = [];

  static for(config: SnowflakeConfig): SessionPool {
    const key = JSON.stringify({ ...config, name: undefined, threads: undefined });
    let pool = SessionPool.pools.get(key);
    if (!pool) SessionPool.pools.set(key, (pool = new SessionPool(config)));
    return pool;
  }

  constructor(private readonly config: SnowflakeConfig) {}

  async acquire(): Promise<SdkConnection> {
    while (this.idle.length) {
      const { conn, timer } = this.idle.pop()!;
      clearTimeout(timer);
      if (conn.isUp()) return conn;
    }
    return openSession(this.config);
  }

  /** Return a clean session (no open transaction) to the pool. */
  release(conn: SdkConnection): void {
    const timer = setTimeout(() => {
      this.idle = this.idle.filter((i) => i.conn !== conn);
      void destroySession(conn);
    }, IDLE_MS);
    timer.unref();
    this.idle.push({ conn, timer });
  }

  async discard(conn: SdkConnection): Promise<void> {
    await destroySession(conn);
  }

  /** Log out every idle session (end of a run, tests). */
  static async closeAll(): Promise<void> {
    const all = [...SessionPool.pools.values()];
    SessionPool.pools.clear();
    for (const pool of all) {
      const idle = pool.idle.splice(0);
      for (const { conn, timer } of idle) {
        clearTimeout(timer);
        await destroySession(conn);
      }
    }
  }
}
