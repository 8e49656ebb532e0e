import { retry } from '@tsdbt/runner';
import { parseOptionsFrom } from '../global-options.js';
import { RunPrinter } from '../printing/run-printer.js';
import { cloneEvents } from './clone.js';
import { cliFlags } from '../cli-flags.js';
import { flagTaskOptions, type TaskArgs } from '../printing/task-command.js';

/** `tsdbt retry`: re-runs what failed or was skipped, printed as the task was. */
export async function retryHandler(argv: TaskArgs): Promise<number> {
  const printer = new RunPrinter({ format: argv.logFormat ?? 'text', quiet: argv.quiet, level: cliFlags().logLevel });
  // A retried clone prints as `tsdbt clone` does; every other command as the task printer prints it.
  const result = await retry({ ...parseOptionsFrom(argv), ...flagTaskOptions(), onEvent: printer.event }, (kind) => (kind === 'clone' ? cloneEvents(printer) : undefined));
  if (!result) {
    printer.info('Nothing to retry: the last run had no failed or skipped nodes');
    return 0;
  }
  printer.summary(result);
  return result.exitCode;
}
