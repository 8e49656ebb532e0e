import type { CommandModule } from 'yargs';
import type { TaskArgs } from '../printing/task-command.js';

export const retryCommand: CommandModule<object, TaskArgs> = {
  command: 'retry',
  describe: 'Re-run the nodes that failed or were skipped in the last run (target/run_results.json)',
  builder: (y) => y.options({ threads: { type: 'number', describe: 'Nodes run at once' } }) as never,
  handler: async (argv) => {
    const { retryHandler } = await import('../handlers/retry.js');
    argv.exitCode = await retryHandler(argv);
  },
};
