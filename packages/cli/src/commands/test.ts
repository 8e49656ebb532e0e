import type { CommandModule } from 'yargs';
import { taskOptions } from './task-options.js';
import type { TaskArgs } from '../printing/task-command.js';

export const testCommand: CommandModule<object, TaskArgs> = {
  command: 'test',
  describe: 'Run data tests and unit tests',
  builder: (y) => y.options(taskOptions) as never,
  handler: async (argv) => {
    const { runTaskCommand } = await import('../printing/task-command.js');
    argv.exitCode = await runTaskCommand('test', argv);
  },
};
