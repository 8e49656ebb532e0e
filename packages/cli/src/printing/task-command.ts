import type { Options } from 'yargs';
import { runTask } from '@tsdbt/runner';
import type { TaskKind, TaskOptions } from '@tsdbt/runner';
import { readState } from './read-state.js';
import { RunPrinter } from './run-printer.js';

/** Flags every DAG task shares (`run`, `seed`, `test`, `build`, `snapshot`), named as dbt names them. */
export const taskOptions = {
  select: { type: 'string', array: true, alias: ['s', 'models', 'm'], describe: 'Nodes to include (dbt selection syntax)' },
  exclude: { type: 'string', array: true, describe: 'Nodes to leave out' },
  selector: { type: 'string', describe: 'A named selector from selectors.yml' },
  threads: { type: 'number', describe: "Nodes run at once (default: the target's threads)" },
  'fail-fast': { type: 'boolean', alias: 'x', default: false, describe: 'Stop at the first failure' },
  'full-refresh': { type: 'boolean', alias: 'f', default: false, describe: 'Rebuild incremental models and seeds from scratch' },
  empty: { type: 'boolean', default: false, describe: 'Build relations with no rows (refs and sources read nothing)' },
  state: { type: 'string', describe: 'Folder with the manifest.json of an earlier run (for state: selection and --defer)' },
  defer: { type: 'boolean', default: false, describe: 'Resolve refs to unselected nodes from --state' },
} as const satisfies Record<string, Options>;

export interface TaskArgs {
  select?: string[];
  exclude?: string[];
  selector?: string;
  threads?: number;
  failFast?: boolean;
  fullRefresh?: boolean;
  empty?: boolean;
  state?: string;
  defer?: boolean;
  projectDir?: string;
  profilesDir?: string;
  target?: string;
  vars?: string;
  logFormat?: 'text' | 'json';
  quiet?: boolean;
  resourceType?: string[];
  exitCode?: number;
}

/** Run one task with Ctrl-C wired to cancel, print as dbt does, and return dbt's exit code. */
export async function runTaskCommand(kind: TaskKind, argv: TaskArgs, extra: Partial<TaskOptions> = {}): Promise<number> {
  const printer = new RunPrinter({ format: argv.logFormat ?? 'text', quiet: argv.quiet });
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const result = await runTask(kind, {
      projectDir: argv.projectDir, profilesDir: argv.profilesDir, target: argv.target, vars: argv.vars, threads: argv.threads,
      select: argv.select, exclude: argv.exclude, selector: argv.selector, resourceTypes: argv.resourceType,
      failFast: argv.failFast, fullRefresh: argv.fullRefresh, empty: argv.empty, defer: argv.defer,
      state: argv.state ? readState(argv.state) : undefined,
      onEvent: printer.event, signal: controller.signal,
      args: { select: argv.select ?? [], exclude: argv.exclude ?? [], threads: argv.threads, full_refresh: !!argv.fullRefresh },
      ...extra,
    });
    if (!result.results.length) printer.info('Nothing to do. Try checking your model configs and model specification args');
    printer.summary(result);
    return result.exitCode;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
