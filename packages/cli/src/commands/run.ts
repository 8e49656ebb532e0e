import type { CommandModule } from 'yargs';
import { runTaskCommand, taskOptions } from '../printing/task-command.js';
import type { TaskArgs } from '../printing/task-command.js';

export const runCommand: CommandModule<object, TaskArgs> = {
  command: 'run',
  describe: 'Build the selected models in the warehouse',
  builder: (y) => y.options(taskOptions) as never,
  handler: async (argv) => {
    argv.exitCode = await runTaskCommand('run', argv);
  },
};
