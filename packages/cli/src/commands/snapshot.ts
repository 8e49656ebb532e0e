import type { CommandModule } from 'yargs';
import { taskOptions } from './task-options.js';
import type { TaskArgs } from '../printing/task-command.js';

export const snapshotCommand: CommandModule<object, TaskArgs> = {
  command: 'snapshot',
  describe: 'Record changes of mutable tables (type-2 history)',
  builder: (y) => y.options(taskOptions) as never,
  handler: async (argv) => {
    const { runTaskCommand } = await import('../printing/task-command.js');
    argv.exitCode = await runTaskCommand('snapshot', argv);
  },
};
