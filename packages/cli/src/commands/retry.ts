import type { CommandModule } from 'yargs';
import { retry } from '@tsdbt/runner';
import { RunPrinter } from '../printing/run-printer.js';
import type { TaskArgs } from '../printing/task-command.js';

export const retryCommand: CommandModule<object, TaskArgs> = {
  command: 'retry',
  describe: 'Re-run the nodes that failed or were skipped in the last run (target/run_results.json)',
  builder: (y) => y.options({ threads: { type: 'number', describe: 'Nodes run at once' } }) as never,
  handler: async (argv) => {
    const printer = new RunPrinter({ format: argv.logFormat ?? 'text', quiet: argv.quiet });
    const result = await retry({ projectDir: argv.projectDir, profilesDir: argv.profilesDir, target: argv.target, vars: argv.vars, threads: argv.threads, onEvent: printer.event });
    if (!result) {
      printer.info('Nothing to retry: the last run had no failed or skipped nodes');
      argv.exitCode = 0;
      return;
    }
    printer.summary(result);
    argv.exitCode = result.exitCode;
  },
};
