import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TsdbtError } from '@tsdbt/core';
import { runTask } from '../run-task.js';
import type { TaskOptions, TaskResult } from '../run-task.js';
import type { TaskKind } from '../plan.js';

const KINDS = new Set<TaskKind>(['run', 'seed', 'test', 'build', 'snapshot']);
const RETRY = new Set(['error', 'fail', 'skipped', 'runtime error']);

/** dbt's `retry`: re-run, with the previous command, the nodes that failed or were skipped in run_results.json. */
export async function retry(options: TaskOptions): Promise<TaskResult | undefined> {
  const dir = resolve(options.projectDir ?? '.', options.targetPath ?? 'target');
  const file = join(dir, 'run_results.json');
  if (!existsSync(file)) throw new TsdbtError('TSDBT_RETRY_NO_RESULTS', `Nothing to retry: ${file} does not exist`, { exitCode: 2, hint: 'Run a command first.' });
  const previous = JSON.parse(readFileSync(file, 'utf8')) as { results: { unique_id: string; status: string }[]; args?: Record<string, unknown> };
  const which = String(previous.args?.which ?? 'build') as TaskKind;
  if (!KINDS.has(which)) throw new TsdbtError('TSDBT_RETRY_UNSUPPORTED', `Cannot retry '${which}'`, { exitCode: 2 });
  const ids = previous.results.filter((r) => RETRY.has(r.status)).map((r) => r.unique_id);
  if (!ids.length) return undefined;
  const full = previous.args?.full_refresh === true;
  return runTask(which, { ...options, uniqueIds: ids, fullRefresh: options.fullRefresh ?? full, args: { ...(previous.args ?? {}), which } });
}
