import type { Request } from 'mssql';

/**
 * Runs a query in mssql's streaming mode and yields rows in chunks. The request is paused while a chunk waits to be
 * consumed, so the driver never buffers a whole table: memory stays flat however large it is.
 */
export async function* streamQuery(request: Request, text: string, chunkSize: number): AsyncGenerator<unknown[][]> {
  request.stream = true;
  request.arrayRowMode = true;
  let chunk: unknown[][] = [];
  const ready: unknown[][][] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  request.on('row', (row: unknown[]) => {
    chunk.push(row);
    if (chunk.length >= chunkSize) {
      ready.push(chunk);
      chunk = [];
      request.pause();
      notify();
    }
  });
  request.on('error', (e: unknown) => {
    failure ??= e;
    notify();
  });
  request.on('done', () => {
    if (chunk.length) ready.push(chunk);
    chunk = [];
    done = true;
    notify();
  });
  void request.query(text);
  try {
    for (;;) {
      if (failure) throw failure;
      const next = ready.shift();
      if (next) {
        if (!done && ready.length === 0) request.resume();
        yield next;
        continue;
      }
      if (done) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    if (!done && !failure) request.cancel();
  }
}
