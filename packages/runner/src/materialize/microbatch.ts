import { eventTimeValue, isTsdbtError } from '@tsdbt/core';
import type { BatchSize, RelationRef } from '@tsdbt/core';
import { describeFailure } from '../execute-node.js';
import { displayRelation, nodeRelation } from '../node-relation.js';
import type { MaterializeOutcome, NodeContext } from '../types.js';
import { applyMicrobatch } from './microbatch-apply.js';
import type { BatchResults } from './microbatch-types.js';
import { batchId, batchLabel, isoDatetime, planBatches, pyDatetime, type Batch } from './microbatch-window.js';
import { withNodeHooks } from './hooks.js';
import { batchesMayRunInParallel } from './microbatch-concurrency.js';
import { runOnLanes } from './microbatch-lanes.js';
import { buildAndSwap } from './table.js';

/** The batches of this run: the previous run's failed ones on retry, else the window dbt computes. */
function batchesFor(ctx: NodeContext, incremental: boolean): { batches: Batch[]; done: [string, string][] } {
  const { node } = ctx;
  const previous = retried(ctx);
  if (previous) {
    const parse = (s: string): Date => new Date(s.replace(' ', 'T'));
    return { batches: previous.failed.map(([s, e]) => ({ start: parse(s), end: parse(e) })), done: previous.successful };
  }
  const batches = planBatches({
    size: node.config.batch_size as BatchSize,
    begin: eventTimeValue(node.config.begin)!,
    lookback: typeof node.config.lookback === 'number' ? node.config.lookback : 1,
    incremental,
    eventTimeStart: ctx.microbatch?.eventTimeStart,
    eventTimeEnd: ctx.microbatch?.eventTimeEnd,
    now: ctx.microbatch?.now ?? new Date(),
  });
  return { batches, done: [] };
}

/** On retry, the previous run's batches of this model when some succeeded and some failed. */
function retried(ctx: NodeContext): BatchResults | undefined {
  const previous = ctx.microbatch?.retry?.get(ctx.node.unique_id);
  return previous?.failed.length && previous.successful.length ? previous : undefined;
}

/** A view of the node whose hooks run once: pre-hooks with the first batch, post-hooks with the last. */
function hooksFor(ctx: NodeContext, first: boolean, last: boolean): NodeContext {
  const config = { ...ctx.node.config, pre_hook: first ? ctx.node.config.pre_hook : [], post_hook: last ? ctx.node.config.post_hook : [] };
  return { ...ctx, node: { ...ctx.node, config } };
}

/** Build one batch: the first of a fresh build creates the table, every later one deletes its window and inserts. */
async function runBatch(ctx: NodeContext, rel: RelationRef, batch: Batch, built: boolean, hooks: { first: boolean; last: boolean }): Promise<string> {
  const size = ctx.node.config.batch_size as BatchSize;
  const runtimeBatch = { id: batchId(batch.start, size), eventTimeStart: pyDatetime(batch.start), eventTimeEnd: pyDatetime(batch.end) };
  // Rendered on the connection that runs the batch (a lane's own on a borrowed thread): the template's queries and
  // the batch's delete+insert share one session, and none lands inside another batch's open transaction.
  const sql = await ctx.compile({ isIncremental: built, batch: runtimeBatch, connection: ctx.conn });
  const batchCtx = hooksFor(ctx, hooks.first, hooks.last);
  if (built) await withNodeHooks(batchCtx, rel, () => applyMicrobatch(batchCtx, rel, sql, runtimeBatch));
  else await withNodeHooks(batchCtx, rel, () => buildAndSwap(batchCtx, rel, sql));
  return sql;
}

/** Where one model's batches stand while they run (on one connection or several at once). */
interface Progress {
  results: BatchResults;
  firstError?: unknown;
  lastSql: string;
  /** The batch `lastSql` is of: the latest successful one in time order is what compiled_code reports. */
  lastIndex: number;
  /** The target exists: set by the first batch that builds it. */
  built: boolean;
}

/** Run batch `i` on `lane` and record it; only a cancellation (Ctrl-C) escapes, stopping the model. */
async function runRecorded(lane: NodeContext, rel: RelationRef, batches: Batch[], i: number, p: Progress): Promise<void> {
  const { node } = lane;
  const batch = batches[i]!;
  const event = { index: i + 1, total: batches.length, label: batchLabel(batch.start, node.config.batch_size as BatchSize) };
  lane.batchEvent?.(event);
  const started = Date.now();
  const seconds = (): number => (Date.now() - started) / 1000;
  const bounds: [string, string] = [isoDatetime(batch.start), isoDatetime(batch.end)];
  try {
    const sql = await runBatch(lane, rel, batch, p.built, { first: i === 0, last: i === batches.length - 1 });
    if (i >= p.lastIndex) {
      p.lastSql = sql;
      p.lastIndex = i;
    }
    p.built = true;
    p.results.successful.push(bounds);
    lane.batchEvent?.({ ...event, result: { status: 'success', seconds: seconds(), message: 'OK' } });
  } catch (error) {
    // Ctrl-C stops the model, not just this batch.
    if (isTsdbtError(error) && error.code === 'TSDBT_QUERY_CANCELLED') throw error;
    p.firstError ??= error;
    p.results.failed.push(bounds);
    lane.batchEvent?.({ ...event, result: { status: 'error', seconds: seconds(), message: describeFailure(lane, error).message } });
  }
}

/** A batch not run because the first one failed: counted as failed (retry runs it), reported `SKIPPED`, no START line. */
function skipBatch(ctx: NodeContext, batches: Batch[], i: number, p: Progress): void {
  const batch = batches[i]!;
  p.results.failed.push([isoDatetime(batch.start), isoDatetime(batch.end)]);
  const label = batchLabel(batch.start, ctx.node.config.batch_size as BatchSize);
  ctx.batchEvent?.({ index: i + 1, total: batches.length, label, result: { status: 'skipped', seconds: 0, message: 'SKIPPED' } });
}

/**
 * dbt's microbatch incremental strategy: the model runs once per batch of `batch_size`, its inputs with an
 * `event_time` filtered to the batch. A first build (or --full-refresh) creates the table from the first batch; every
 * other batch empties its window and inserts its rows in one transaction, so a failed batch leaves the committed
 * ones and never half of itself. As dbt-core runs them: the first batch alone, then the middle ones at once where
 * the warehouse allows it (see batchesMayRunInParallel; each on a connection of its own, `--threads` bounding them
 * with the run's other nodes), then the last one alone once they are all done, so post-hooks run last.
 * If the first batch fails, the others are skipped and the model fails; `retry` then runs all of them again.
 * Some batches failing is dbt's `partial success`; `retry` re-runs only those.
 */
export async function materializeMicrobatch(ctx: NodeContext): Promise<MaterializeOutcome> {
  const { conn, dialect, node } = ctx;
  const rel = nodeRelation(node, ctx.target, dialect);
  await ctx.ensureSchema(rel.database, rel.schema);
  const existing = await ctx.relations.get(conn, rel);
  const fullRefresh = node.config.full_refresh ?? ctx.fullRefresh;
  // A retried --full-refresh keeps the batches it already rebuilt: only the failed ones run, into the table.
  const built = existing === 'table' && (!fullRefresh || retried(ctx) !== undefined);
  const { batches, done } = batchesFor(ctx, built);
  const p: Progress = { results: { successful: [], failed: [] }, lastSql: '', lastIndex: -1, built };
  const run = (i: number, lane: NodeContext): Promise<void> => runRecorded(lane, rel, batches, i, p);
  // dbt's MicrobatchExecutionDebug line for each batch, as it is submitted.
  const how = (i: number, parallel: boolean): void =>
    ctx.microbatch?.debug?.(`batch ${batchLabel(batches[i]!.start, node.config.batch_size as BatchSize)} of ${displayRelation(node)} is being run ${parallel ? 'concurrently' : 'sequentially'}`);
  how(0, false);
  await run(0, ctx);
  // dbt-core skips every other batch once the first one fails, on a first build as on an incremental run or a retry
  // (MicrobatchModelRunner.execute: `skip_batches = batch_results[0].status != RunStatus.Success`; dbt-core #11072, 1.10).
  const skip = p.results.failed.length > 0;
  const middle = batches.slice(1, -1).map((_, k) => k + 1);
  const parallel = middle.length > 0 && batchesMayRunInParallel(ctx, p.built);
  for (const i of middle) how(i, parallel);
  if (skip) for (const i of middle) skipBatch(ctx, batches, i, p);
  else if (parallel) await runOnLanes(ctx, middle, run);
  else for (const i of middle) await run(i, ctx);
  if (batches.length > 1) {
    how(batches.length - 1, false);
    if (skip) skipBatch(ctx, batches, batches.length - 1, p);
    else await run(batches.length - 1, ctx);
  }
  return outcome({ successful: p.results.successful.sort(byStart), failed: p.results.failed.sort(byStart) }, done, p.firstError, p.lastSql);
}

const byStart = (a: [string, string], b: [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** The batches of a microbatch model that failed as a whole, by the error it failed with (for its run result). */
const failedModels = new WeakMap<object, BatchResults>();

/** run_results.json `batch_results` of a model whose every batch of this run failed or was skipped (dbt lists them all as failed, and on retry the earlier run's successful ones after them). */
export function batchResultsOfError(error: unknown): BatchResults | undefined {
  return typeof error === 'object' && error !== null ? failedModels.get(error) : undefined;
}

/**
 * SUCCESS, ERROR (the first batch's error: retry then re-runs the whole model, as dbt) or PARTIAL SUCCESS (n/m), as
 * dbt-core's MicrobatchModelRunner.merge_batch_results (core/dbt/task/run.py) decides it: from this run's batches
 * only, so a retry whose batches all fail again is an error, not a partial success. It sorts this run's batches, then
 * appends the previous run's successful ones (`node.previous_batch_results`) after them, whatever the status.
 */
function outcome(thisRun: BatchResults, done: [string, string][], firstError: unknown, compiledCode: string): MaterializeOutcome {
  const ok = thisRun.successful.length;
  const total = ok + thisRun.failed.length;
  const results = { successful: [...thisRun.successful, ...done], failed: thisRun.failed };
  if (!thisRun.failed.length) return { message: 'SUCCESS', compiledCode, batchResults: results };
  if (!ok) {
    if (typeof firstError === 'object' && firstError !== null) failedModels.set(firstError, results);
    throw firstError;
  }
  return { status: 'partial success', message: `PARTIAL SUCCESS (${ok}/${total})`, compiledCode, batchResults: results };
}
