import type { Adapter, Connection, TargetConfig } from '@tsdbt/core';

/** One connection per thread, opened when first needed; `cancelAll` interrupts whatever is running (Ctrl-C). */
export class ConnectionPool {
  private readonly idle: Connection[] = [];
  private readonly all: Connection[] = [];
  private cancelling = false;

  constructor(
    private readonly adapter: Adapter,
    private readonly config: TargetConfig,
  ) {}

  async acquire(): Promise<Connection> {
    let conn = this.idle.pop();
    if (!conn) {
      conn = await this.adapter.connect(this.config);
      this.all.push(conn);
    }
    // After Ctrl-C, a connection handed out late must not start a statement that nobody will interrupt.
    if (this.cancelling) await conn.cancel();
    return conn;
  }

  release(conn: Connection): void {
    this.idle.push(conn);
  }

  with<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    // An idle connection is handed over without a round through acquire(): one node after another at --threads 1
    // takes this path every time.
    const idle = this.cancelling ? undefined : this.idle.pop();
    return idle ? this.use(idle, fn) : this.acquire().then((conn) => this.use(conn, fn));
  }

  private async use<T>(conn: Connection, fn: (conn: Connection) => Promise<T>): Promise<T> {
    try {
      return await fn(conn);
    } finally {
      this.release(conn);
    }
  }

  async cancelAll(): Promise<void> {
    this.cancelling = true;
    await Promise.all(this.all.map((c) => c.cancel().catch(() => undefined)));
  }

  /** Fail-fast: interrupt the connections in use, leaving idle ones fit for on-run-end hooks. */
  async cancelBusy(): Promise<void> {
    const busy = this.all.filter((c) => !this.idle.includes(c));
    await Promise.all(busy.map((c) => c.cancel().catch(() => undefined)));
  }

  async closeAll(): Promise<void> {
    const conns = this.all.splice(0);
    this.idle.length = 0;
    for (const c of conns) await c.close().catch(() => undefined);
  }
}
