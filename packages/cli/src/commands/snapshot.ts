import type { CommandModule } from 'yargs';
import { runTaskCommand, taskOptions } from '../printing/task-command.js';
import type { TaskArgs } from '../printing/task-command.js';

export const snapshotCommand: CommandModule<object, TaskArgs> = {
  command: 'snapshot',
  describe: 'Record changes of mutable tables (type-2 history)',
  builder: (y) => y.options(taskOptions) as never,
  handler: async (argv) => {
    argv.exitCode = await runTaskCommand('snapshot', argv);
  },
};
