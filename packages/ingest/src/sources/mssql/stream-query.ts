import { Request } from 'tedious';
import type { Connection as TediousConnection } from 'tedious';

type TediousType = Parameters<InstanceType<typeof Request>['addParameter']>[1];
type ParameterOptions = NonNullable<Parameters<InstanceType<typeof Request>['addParameter']>[3]>;

/** mssql's pool, as far as a read needs it: tedious connections lent and given back. */
export interface TediousPool {
  acquire(requester: unknown): Promise<TediousConnection>;
  release(connection: TediousConnection): void;
}

export interface QueryParameter {
  name: string;
  type: TediousType;
  value: unknown;
  options?: ParameterOptions;
}

/**
 * Rows per batch handed on. Smaller than a typical chunk_size on purpose: rows held in JS until a large chunk fills
 * survive young-generation collections and get copied and promoted; 2,048 (DuckDB's vector size) measured ~6 %
 * less loader CPU and ~70 MB less peak RSS than 10,000 on a 1 M-row load.
 */
const BATCH_ROWS = 2048;

/**
 * Runs a query through tedious directly (mssql's row objects and value corrections are skipped: ingest builds its
 * own row arrays) and yields rows in batches of up to 2,048. The request is paused while `chunkSize` rows wait to
 * be consumed, so the driver never buffers a whole table: memory stays flat however large it is.
 */
export async function* streamQuery<R>(
  pool: TediousPool, text: string, params: QueryParameter[], toRow: (values: Array<{ value: unknown }>) => R, chunkSize: number,
): AsyncGenerator<R[]> {
  const connection = await pool.acquire(pool);
  let chunk: R[] = [];
  const ready: R[][] = [];
  const batchRows = Math.min(chunkSize, BATCH_ROWS);
  let waiting = 0;
  let paused = false;
  let done = false;
  let cancelled = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const request = new Request(text, (error) => {
    if (error) failure ??= error;
    if (chunk.length) ready.push(chunk);
    chunk = [];
    done = true;
    notify();
  });
  for (const p of params) request.addParameter(p.name, p.type, p.value, p.options);
  request.on('row', (values: Array<{ value: unknown }>) => {
    if (done || cancelled) return;
    chunk.push(toRow(values));
    if (chunk.length >= batchRows) {
      ready.push(chunk);
      waiting += chunk.length;
      chunk = [];
      if (waiting >= chunkSize) {
        request.pause();
        paused = true;
      }
      notify();
    }
  });
  connection.execSql(request);
  try {
    for (;;) {
      const next = ready.shift();
      if (next) {
        waiting -= next.length;
        if (paused && !done && ready.length === 0) {
          paused = false;
          request.resume();
        }
        yield next;
        continue;
      }
      if (failure) throw failure;
      if (done) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    if (!done) {
      // Stopped early: cancel, and wait for tedious to finish the request so the connection is reusable.
      cancelled = true;
      const finished = new Promise<void>((resolve) => (wake = resolve));
      request.resume();
      // cancel() is false when tedious has no request in flight: then there is nothing to wait for.
      if (connection.cancel()) await finished;
    }
    pool.release(connection);
  }
}
