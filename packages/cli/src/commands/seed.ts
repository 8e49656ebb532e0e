import type { CommandModule } from 'yargs';
import { runTaskCommand, taskOptions } from '../printing/task-command.js';
import type { TaskArgs } from '../printing/task-command.js';

export const seedCommand: CommandModule<object, TaskArgs> = {
  command: 'seed',
  describe: 'Load CSV files from the seed paths into the warehouse',
  builder: (y) => y.options(taskOptions) as never,
  handler: async (argv) => {
    argv.exitCode = await runTaskCommand('seed', argv);
  },
};
