/**
 * Runs a DAG: a node starts as soon as all its parents finished, up to `threads` at once (dbt's graph queue).
 * A node whose parent failed is skipped, and so is everything below it. Stops starting nodes when `stop()` says so.
 */
export interface ScheduleOptions<R> {
  ids: string[];
  /** Parents within `ids` (others are ignored). */
  parents: Map<string, string[]>;
  threads: number;
  run(id: string, thread: number): Promise<R>;
  /** Whether a finished node lets its children run. */
  ok(result: R): boolean;
  skip(id: string, failedAncestor: string): R;
  /** Checked before starting each node: true stops the run (fail-fast, Ctrl-C); unstarted nodes are skipped. */
  stop(): boolean;
  /**
   * Given, before the first node starts, a way for a running node to borrow a free thread for work of its own (a
   * microbatch model's concurrent batches: dbt submits them to the same pool), so `threads` bounds both. It returns
   * the release, or undefined when no thread is free or the run is stopping.
   */
  lending?(borrow: () => (() => void) | undefined): void;
}

export async function schedule<R>(o: ScheduleOptions<R>): Promise<Map<string, R>> {
  const results = new Map<string, R>();
  const inSet = new Set(o.ids);
  const waiting = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const id of o.ids) {
    const ps = (o.parents.get(id) ?? []).filter((p) => inSet.has(p) && p !== id);
    waiting.set(id, ps.length);
    for (const p of ps) {
      const list = children.get(p);
      if (list) list.push(id);
      else children.set(p, [id]);
    }
  }
  const order = new Map(o.ids.map((id, i) => [id, i]));
  /** Ready nodes in plan order (dbt's queue is a priority queue too). */
  const ready: string[] = o.ids.filter((id) => waiting.get(id) === 0);
  const makeReady = (id: string): void => {
    // Binary search for the place: one insertion per node instead of sorting the queue after every node.
    const rank = order.get(id)!;
    let lo = 0;
    let hi = ready.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order.get(ready[mid]!)! < rank) lo = mid + 1;
      else hi = mid;
    }
    ready.splice(lo, 0, id);
  };
  const failedBy = new Map<string, string>();
  const freeThreads = Array.from({ length: Math.max(1, o.threads) }, (_, i) => o.threads - i);
  let running = 0;

  return new Promise((resolve, reject) => {
    const finish = (id: string, result: R): void => {
      results.set(id, result);
      const blocked = !o.ok(result);
      for (const child of children.get(id) ?? []) {
        if (blocked && !failedBy.has(child)) failedBy.set(child, failedBy.get(id) ?? id);
        const left = waiting.get(child)! - 1;
        waiting.set(child, left);
        if (left === 0) makeReady(child);
      }
    };
    const pump = (): void => {
      while (ready.length && running < o.threads) {
        const id = ready.shift()!;
        const cause = failedBy.get(id);
        if (cause !== undefined || o.stop()) {
          finish(id, o.skip(id, cause ?? id));
          continue;
        }
        const thread = freeThreads.pop()!;
        running++;
        o.run(id, thread).then(
          (r) => {
            running--;
            freeThreads.push(thread);
            finish(id, r);
            pump();
          },
          (error: unknown) => reject(error),
        );
      }
      if (running === 0 && ready.length === 0) resolve(results);
    };
    o.lending?.(() => {
      if (running >= o.threads || o.stop()) return undefined;
      const thread = freeThreads.pop()!;
      running++;
      return () => {
        running--;
        freeThreads.push(thread);
        pump();
      };
    });
    pump();
  });
}
