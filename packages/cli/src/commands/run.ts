import type { CommandModule } from 'yargs';
import { taskOptions } from './task-options.js';
import type { TaskArgs } from '../printing/task-command.js';

export const runCommand: CommandModule<object, TaskArgs> = {
  command: 'run',
  describe: 'Build the selected models in the warehouse',
  builder: (y) => y.options(taskOptions) as never,
  handler: async (argv) => {
    const { runTaskCommand } = await import('../printing/task-command.js');
    argv.exitCode = await runTaskCommand('run', argv);
  },
};
