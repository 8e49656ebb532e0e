import { resolve } from 'node:path';
import { clone, readState } from '@tsdbt/runner';
import type { RunEvent } from '@tsdbt/runner';
import { cliFlags } from '../cli-flags.js';
import { parseOptionsFrom } from '../global-options.js';
import { envBool } from '../resolve-flags.js';
import { selectionTaskOptions, type SelectionArgs } from '../commands/selection-options.js';
import { RunPrinter } from '../printing/run-printer.js';
import { finishTask, flagTaskOptions, onInterrupt, type TaskArgs } from '../printing/task-command.js';

export interface CloneArgs extends TaskArgs, SelectionArgs {
  deferState?: string;
}

/**
 * What `clone` prints of the runner's events: as dbt's clone, no START/OK line per node (its runner prints nothing per
 * node: NodeStart/NodeFinished are debug events), only its notes ("… already exists"); the summary follows.
 */
export function cloneEvents(printer: RunPrinter): (e: RunEvent) => void {
  return (e) => {
    if (e.kind !== 'start' && e.kind !== 'finish') printer.event(e);
  };
}

/** `tsdbt clone`: prints as dbt's clone does (cloneEvents) and exits as dbt does. */
export async function cloneHandler(argv: CloneArgs): Promise<number> {
  // dbt clones from --defer-state when given, else from --state (flags before their DBT_* variables).
  const stateDir = argv.deferState ?? process.env.DBT_DEFER_STATE ?? argv.state ?? process.env.DBT_STATE;
  argv.fullRefresh ??= envBool('DBT_FULL_REFRESH') ?? false;
  const selection = selectionTaskOptions(argv, { resourceTypes: true });
  const printer = new RunPrinter({ format: argv.logFormat ?? 'text', quiet: argv.quiet, level: cliFlags().logLevel });
  const onEvent = cloneEvents(printer);
  const controller = new AbortController();
  // Ctrl-C cancels what runs (a second one exits), as for the other DAG commands.
  const release = onInterrupt(controller);
  try {
    const result = await clone({
      ...parseOptionsFrom(argv),
      select: argv.select, exclude: argv.exclude, selector: argv.selector, failFast: argv.failFast, fullRefresh: argv.fullRefresh,
      resourceTypes: selection.resourceTypes, excludeResourceTypes: selection.excludeResourceTypes,
      ...(stateDir ? readState(stateDir) : {}), stateDir,
      onEvent, signal: controller.signal,
      ...flagTaskOptions(),
      args: {
        select: argv.select ?? [], exclude: argv.exclude ?? [], selector: argv.selector, threads: argv.threads, full_refresh: !!argv.fullRefresh,
        state: stateDir === undefined ? undefined : resolve(stateDir), resource_types: selection.resourceTypes, exclude_resource_types: selection.excludeResourceTypes,
      },
    });
    return finishTask(printer, result);
  } finally {
    release();
  }
}
