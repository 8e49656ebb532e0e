import type { CommandModule } from 'yargs';
import { taskOptions } from './task-options.js';
import type { TaskArgs } from '../printing/task-command.js';

export const seedCommand: CommandModule<object, TaskArgs> = {
  command: 'seed',
  describe: 'Load CSV files from the seed paths into the warehouse',
  builder: (y) => y.options(taskOptions) as never,
  handler: async (argv) => {
    const { runTaskCommand } = await import('../printing/task-command.js');
    argv.exitCode = await runTaskCommand('seed', argv);
  },
};
