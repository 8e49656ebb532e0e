import { parseVars } from '@tsdbt/core';
import { deps, type DepsEvent } from '@tsdbt/runner';
import type { GlobalArgs } from '../global-options.js';

export interface DepsArgs extends GlobalArgs {
  upgrade?: boolean;
  lock?: boolean;
  addPackage?: string;
  source?: string;
  dryRun?: boolean;
}

/** `tsdbt deps`: dbt's console lines as the packages install; errors reach the CLI's error report (exit 1). */
export async function depsHandler(argv: DepsArgs): Promise<number> {
  const print = (event: DepsEvent) => {
    if (argv.quiet && event.level !== 'warn') return;
    if (argv.logFormat === 'json') process.stdout.write(`${JSON.stringify({ level: event.level, message: event.message })}\n`);
    else process.stdout.write(`${event.message}\n`);
  };
  // Ctrl-C: deps removes its work folder at once (downloads can be large), then the process ends as dbt's does.
  const controller = new AbortController();
  const interrupt = () => {
    controller.abort();
    process.stderr.write('Interrupted: the packages install folder was left as it was, or fully replaced.\n');
    process.exit(130);
  };
  process.once('SIGINT', interrupt);
  try {
    await deps({
      projectDir: argv.projectDir, upgrade: argv.upgrade, lockOnly: argv.lock, vars: parseVars(argv.vars), onEvent: print, signal: controller.signal,
      addPackage: argv.addPackage, source: argv.source, dryRun: argv.dryRun,
    });
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
  return 0;
}
