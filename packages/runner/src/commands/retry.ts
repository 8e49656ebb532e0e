import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readJsonFile, TsdbtError } from '@tsdbt/core';
import { readState } from '../artifacts/read-state.js';
import { runTask } from '../run-task.js';
import type { TaskOptions, TaskResult } from '../run-task.js';
import type { TaskKind } from '../plan.js';
import type { BatchResults } from '../materialize/microbatch-types.js';
import type { EmitEvent } from '../types.js';

const KINDS = new Set<TaskKind>(['run', 'seed', 'test', 'build', 'snapshot', 'clone']);
const RETRY = new Set(['error', 'fail', 'skipped', 'runtime error', 'partial success']);

type PreviousArgs = Record<string, unknown>;

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The previous invocation's settings, replayed as dbt's retry does: its target, `--vars`, `--full-refresh`,
 * `--store-failures` and its deferral (`--defer`, `--state`, `--favor-state`: a CI job's retry must read the same
 * production relations); only `--vars` and `--threads` given to retry itself override them (dbt's
 * ALLOW_CLI_OVERRIDE_FLAGS).
 */
function replayed(options: TaskOptions, args: PreviousArgs): Partial<TaskOptions> {
  const out: Partial<TaskOptions> = { fullRefresh: args.full_refresh === true };
  if (typeof args.target === 'string' && args.target) out.target = args.target;
  if (options.vars === undefined && isMapping(args.vars)) out.vars = args.vars;
  if (options.threads === undefined && typeof args.threads === 'number') out.threads = args.threads;
  if (args.defer === true) out.defer = true;
  if (args.favor_state === true) out.favorState = true;
  if (args.store_failures === true) out.storeFailures = true;
  if (typeof args.state === 'string' && args.state && options.state === undefined) Object.assign(out, readState(args.state));
  // A microbatch run over an explicit window retries over that window (its batches, not the default lookback).
  if (typeof args.event_time_start === 'string' && typeof args.event_time_end === 'string' && options.eventTimeStart === undefined) {
    out.eventTimeStart = args.event_time_start;
    out.eventTimeEnd = args.event_time_end;
  }
  return out;
}

const resultsFile = (options: TaskOptions): string => join(resolve(options.projectDir ?? '.', options.targetPath ?? 'target'), 'run_results.json');

/**
 * dbt's `retry`: re-run, with the previous command and its settings, the nodes that failed or were skipped.
 * `eventsFor` picks the event handler for the command re-run (a retried `clone` prints as `clone` does).
 */
export async function retry(options: TaskOptions, eventsFor?: (kind: TaskKind) => EmitEvent | undefined): Promise<TaskResult | undefined> {
  const file = resultsFile(options);
  if (!existsSync(file)) throw new TsdbtError('TSDBT_RETRY_NO_RESULTS', `Nothing to retry: ${file} does not exist`, { exitCode: 2, hint: 'Run a command first.' });
  type Previous = { results: { unique_id: string; status: string; batch_results?: BatchResults | null }[]; args?: PreviousArgs };
  // A run killed while writing its results leaves a cut-off file: a coded error, not an internal one.
  const invalid = (cause?: unknown) =>
    new TsdbtError('TSDBT_RETRY_RESULTS_INVALID', `Cannot retry: ${file} is not a run_results.json`, { exitCode: 2, file, cause, hint: 'Run the command again rather than retry it.' });
  const previous = readJsonFile<Previous>(file, invalid)!;
  if (!isMapping(previous) || !Array.isArray(previous.results)) throw invalid();
  const args = previous.args ?? {};
  const which = String(args.which ?? 'build') as TaskKind;
  if (!KINDS.has(which)) throw new TsdbtError('TSDBT_RETRY_UNSUPPORTED', `Cannot retry '${which}'`, { exitCode: 2 });
  const ids = previous.results.filter((r) => RETRY.has(r.status)).map((r) => r.unique_id);
  if (!ids.length) return undefined;
  const settings = replayed(options, args);
  // dbt retries a partly successful microbatch model's failed batches only, keeping its successful ones.
  const retryBatches = new Map(previous.results.filter((r) => r.status === 'partial success' && r.batch_results).map((r) => [r.unique_id, r.batch_results!]));
  // The retry's own run_results keep the replayed settings, so a second retry replays them again.
  const onEvent = eventsFor?.(which) ?? options.onEvent;
  return runTask(which, { ...options, ...settings, onEvent, uniqueIds: ids, retryBatches, args: { ...args, which, full_refresh: settings.fullRefresh, threads: settings.threads ?? options.threads ?? args.threads } });
}
