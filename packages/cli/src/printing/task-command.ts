import { resolve } from 'node:path';
import { readState, runTask } from '@tsdbt/runner';
import type { TaskKind, TaskOptions, TaskResult } from '@tsdbt/runner';
import { cliFlags } from '../cli-flags.js';
import { parseOptionsFrom, type GlobalArgs } from '../global-options.js';
import { envBool } from '../resolve-flags.js';
import { warningNames } from '../warn-error.js';
import { RunPrinter } from './run-printer.js';

export interface TaskArgs extends GlobalArgs {
  select?: string[];
  exclude?: string[];
  selector?: string;
  threads?: number;
  failFast?: boolean;
  fullRefresh?: boolean;
  empty?: boolean;
  state?: string;
  defer?: boolean;
  resourceType?: string[];
}

/** --log-path / $DBT_LOG_PATH, relative to the current folder as dbt takes it; undefined: dbt_project.yml's or `logs`. */
export function logDir(): string | undefined {
  const dir = cliFlags().logPath;
  return dir === undefined ? undefined : resolve(dir);
}

/** The runner's options that dbt's global flags set: dbt.log's folder, level and size, artifacts, --warn-error. */
export function flagTaskOptions(): Pick<TaskOptions, 'log' | 'writeJson' | 'warnError'> {
  const flags = cliFlags();
  return {
    log: { dir: logDir(), level: flags.logLevelFile, maxBytes: flags.logFileMaxBytes },
    writeJson: flags.writeJson,
    warnError: (code) => flags.warnError.isError(...warningNames(code)),
  };
}

/** Ctrl-C (or SIGTERM) cancels what runs; a second one exits at once with 130. Returns the function that unhooks it. */
export function onInterrupt(controller: AbortController): () => void {
  let interrupts = 0;
  const handler = (): void => {
    if (++interrupts > 1) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/** How a DAG command ends, as dbt's: NothingToDo when nothing ran, else the summary; returns dbt's exit code. */
export function finishTask(printer: RunPrinter, result: TaskResult): number {
  if (!result.results.length) {
    // dbt's NothingToDo: a warning with no summary after it, and an error under --warn-error.
    const asError = cliFlags().warnError.isError('NothingToDo');
    printer.warn(`${asError ? 'Error (--warn-error): ' : ''}Nothing to do. Try checking your model configs and model specification args`, asError);
    return asError ? 2 : result.exitCode;
  }
  printer.summary(result);
  return result.exitCode;
}

/** Run one task with Ctrl-C wired to cancel, print as dbt does, and return dbt's exit code. */
export async function runTaskCommand(kind: TaskKind, argv: TaskArgs, extra: Partial<TaskOptions> = {}): Promise<number> {
  const stateDir = argv.state ?? process.env.DBT_STATE;
  // Flag > DBT_* variable > off, as dbt's click options read them.
  argv.fullRefresh ??= envBool('DBT_FULL_REFRESH') ?? false;
  argv.empty ??= envBool('DBT_EMPTY') ?? false;
  argv.defer ??= envBool('DBT_DEFER') ?? false;
  const printer = new RunPrinter({ format: argv.logFormat ?? 'text', quiet: argv.quiet, level: cliFlags().logLevel });
  const controller = new AbortController();
  const release = onInterrupt(controller);
  try {
    const result = await runTask(kind, {
      ...parseOptionsFrom(argv),
      select: argv.select, exclude: argv.exclude, selector: argv.selector, resourceTypes: argv.resourceType,
      failFast: argv.failFast, fullRefresh: argv.fullRefresh, empty: argv.empty, defer: argv.defer,
      ...(stateDir ? readState(stateDir) : {}),
      onEvent: printer.event, signal: controller.signal,
      ...flagTaskOptions(),
      ...extra,
      args: {
        select: argv.select ?? [], exclude: argv.exclude ?? [], selector: argv.selector, threads: argv.threads, full_refresh: !!argv.fullRefresh,
        // What `retry` needs to re-run a deferred CI invocation as it ran (dbt records these args too).
        defer: !!argv.defer, state: stateDir === undefined ? undefined : resolve(stateDir), favor_state: extra.favorState,
        indirect_selection: extra.indirectSelection, resource_types: extra.resourceTypes, exclude_resource_types: extra.excludeResourceTypes,
        event_time_start: extra.eventTimeStart, event_time_end: extra.eventTimeEnd, store_failures: extra.storeFailures,
      },
    });
    return finishTask(printer, result);
  } finally {
    release();
  }
}
