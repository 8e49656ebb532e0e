import { withQueryTag } from '../query-tag.js';
import type { NodeContext } from '../types.js';

/** Runs one batch on a lane (its context carries the lane's connection); throws only to stop the model (Ctrl-C). */
export type RunOne = (index: number, lane: NodeContext) => Promise<void>;

/**
 * Runs the batches `indices` at once, as dbt submits a model's middle batches to the run's thread pool: on the
 * model's own connection and on every thread of the run that is free (`--threads` bounds them all), each thread
 * taking the next batch when it is done with one. A borrowed thread has its own session, tagged as the model's.
 * Resolves once every batch has run; rethrows what stopped one (the others still running are awaited first).
 */
export async function runOnLanes(ctx: NodeContext, indices: number[], runOne: RunOne): Promise<void> {
  const queue = [...indices];
  const borrowed: Promise<void>[] = [];
  /** Threads lent but whose lane has not taken a batch yet: the batches they will take need no more threads. */
  let starting = 0;
  let stop: { error: unknown } | undefined;

  const lane = async (laneCtx: NodeContext): Promise<void> => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      widen();
      try {
        await runOne(i, laneCtx);
      } catch (error) {
        stop ??= { error };
        queue.length = 0;
      }
    }
  };

  const widen = (): void => {
    while (queue.length > starting) {
      let started = false;
      const work = ctx.microbatch?.lend?.(ctx.node.unique_id, (conn) => {
        started = true;
        starting--;
        const laneCtx: NodeContext = { ...ctx, conn };
        return withQueryTag(laneCtx, () => lane(laneCtx));
      });
      if (!work) return;
      starting++;
      borrowed.push(
        work.catch((error: unknown) => {
          // No connection (or no query tag) for this thread: its batches stay queued for the lanes that run.
          if (!started) starting--;
          ctx.microbatch?.debug?.(`A thread lent to ${ctx.node.unique_id} could not run batches: ${error instanceof Error ? error.message : String(error)}`);
        }),
      );
    }
  };

  await lane(ctx);
  // Lanes may lend further lanes while they run: wait for every one, including those added meanwhile.
  for (let k = 0; k < borrowed.length; k++) await borrowed[k];
  if (stop) throw stop.error;
}
