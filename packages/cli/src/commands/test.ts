import type { CommandModule } from 'yargs';
import { runTaskCommand, taskOptions } from '../printing/task-command.js';
import type { TaskArgs } from '../printing/task-command.js';

export const testCommand: CommandModule<object, TaskArgs> = {
  command: 'test',
  describe: 'Run data tests and unit tests',
  builder: (y) => y.options(taskOptions) as never,
  handler: async (argv) => {
    argv.exitCode = await runTaskCommand('test', argv);
  },
};
