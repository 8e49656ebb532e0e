import { TsdbtError } from '@tsdbt/core';
import { runTask } from '../run-task.js';
import type { TaskOptions, TaskResult } from '../run-task.js';

export interface CloneOptions extends TaskOptions {
  /** The `--state` folder as given, for the error when it holds no manifest.json. */
  stateDir?: string;
}

/**
 * dbt's `clone` (1.6+): the selected models, seeds and snapshots of the `--state` manifest made to exist in this
 * target without rebuilding them (see clone-node.ts), in DAG order on --threads, with run_results.json as `run`.
 */
export function clone(options: CloneOptions): Promise<TaskResult> {
  if (!options.state) {
    // dbt's DbtRuntimeError texts (`_get_deferred_manifest`), as a usage error.
    const message = options.stateDir
      ? `Could not find manifest in --state path: "${options.stateDir}"`
      : '--state or --defer-state are required for deferral, but neither was provided';
    throw new TsdbtError('TSDBT_CLONE_NEEDS_STATE', message, { exitCode: 2, hint: 'Point --state at the target folder of the run to clone from, e.g. `tsdbt clone --state prod-artifacts/`.' });
  }
  return runTask('clone', options);
}
